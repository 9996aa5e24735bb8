// The year's figures as tables, next to the year before: the totals, and one breakdown
// (party, municipality, course type, month, gender) with a plain bar chart beside the numbers.
// The numbers are the content; the chart is decoration (aria-hidden) for a quick look.
// Shared by the follow-up dashboard and the board summary (`compact`: no chart, for paper).
import { createMemo, For, Show } from "solid-js";
import type { BreakdownRow, FollowUp } from "../../api.ts";
import { capitalise, change, num } from "../../office-text.ts";

type Totals = FollowUp["totals"];

/** A course type's name from the year's own breakdown (it lists every type of the organiser). */
export function courseTypeNamer(f: FollowUp | undefined): (code: string) => string {
  const find = (rows: BreakdownRow[] | undefined, code: string) => rows?.find((r) => r.key === code)?.label;
  return (code) => find(f?.breakdowns.courseType, code) ?? find(f?.previousYear.breakdowns.courseType, code) ?? code;
}

const TOTAL_ROWS: { key: keyof Totals; label: string; note?: string }[] = [
  { key: "registered", label: "Anmälda personer" },
  { key: "attended", label: "Personer som deltagit" },
  { key: "workplaces", label: "Arbetsplatser", note: "där någon deltagit" },
  { key: "participations", label: "Deltagartillfällen", note: "person × tillfälle, deltagit" },
  { key: "occasionsPlanned", label: "Planerade tillfällen", note: "publicerade, ej inställda" },
  { key: "occasionsHeld", label: "Genomförda tillfällen" },
];

export function TotalsTable(props: { id: string; year: number; totals: Totals; previous: Totals; compact?: boolean }) {
  const prev = () => props.year - 1;
  return (
    <div class="table-scroll table-scroll--fit" role="region" aria-labelledby={`${props.id}-caption`} tabindex="0">
      <table class="table table--figures table--totals" classList={{ "table--compact": props.compact }} id={props.id}>
        <caption id={`${props.id}-caption`} class="visually-hidden">
          Året i siffror {props.year}, jämfört med {prev()}
        </caption>
        <thead>
          <tr>
            <th scope="col">Mått</th>
            <th scope="col" class="num">
              {props.year}
            </th>
            <th scope="col" class="num">
              {prev()}
            </th>
            <th scope="col" class="num">
              Förändring
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={TOTAL_ROWS}>
            {(r) => (
              <tr data-key={r.key}>
                <th scope="row">
                  {r.label}
                  <Show when={r.note}>
                    <span class="table-note"> ({r.note})</span>
                  </Show>
                </th>
                <td class="num">{num(props.totals[r.key])}</td>
                <td class="num">{num(props.previous[r.key])}</td>
                <td class="num">{change(props.totals[r.key], props.previous[r.key])}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

interface Row {
  key: string;
  label: string;
  now: BreakdownRow | undefined;
  before: BreakdownRow | undefined;
}

/** This year's rows in their order, then the keys only the year before has. */
function mergeRows(now: BreakdownRow[], before: BreakdownRow[], dropEmpty: boolean): Row[] {
  const byKey = new Map(before.map((r) => [r.key, r]));
  const rows: Row[] = now.map((r) => ({ key: r.key, label: r.label, now: r, before: byKey.get(r.key) }));
  const seen = new Set(now.map((r) => r.key));
  for (const r of before) if (!seen.has(r.key)) rows.push({ key: r.key, label: r.label, now: undefined, before: r });
  const empty = (r: BreakdownRow | undefined) => !r || (r.registered === 0 && r.attended === 0 && r.workplaces === 0);
  return dropEmpty ? rows.filter((r) => !(empty(r.now) && empty(r.before))) : rows;
}

const width = (n: number, max: number) => `${max > 0 ? Math.max(n > 0 ? 1 : 0, (n / max) * 100).toFixed(1) : 0}%`;

export function BreakdownTable(props: {
  id: string;
  /** "Per part" */
  title: string;
  /** heading of the first column: "Part" */
  rowHeading: string;
  year: number;
  rows: BreakdownRow[];
  previous: BreakdownRow[];
  compact?: boolean;
  /** leave out rows that are zero in both years */
  dropEmpty?: boolean;
}) {
  const rows = createMemo(() => mergeRows(props.rows, props.previous, !!props.dropEmpty));
  const max = createMemo(() =>
    Math.max(0, ...rows().map((r) => Math.max(r.now?.registered ?? 0, r.before?.registered ?? 0))),
  );
  const prev = () => props.year - 1;
  const chart = () => !props.compact;
  const cells = (r: BreakdownRow | undefined, start = false) => (
    <>
      <td class="num" classList={{ "year-start": start }}>
        {num(r?.registered ?? 0)}
      </td>
      <td class="num">{num(r?.attended ?? 0)}</td>
      <td class="num">{num(r?.workplaces ?? 0)}</td>
    </>
  );
  return (
    <div class="table-scroll" role="region" aria-labelledby={`${props.id}-caption`} tabindex="0">
      <table
        class="table table--figures table--breakdown"
        classList={{ "table--compact": props.compact }}
        id={props.id}
      >
        <caption id={`${props.id}-caption`} class="visually-hidden">
          {props.title}: anmälda personer, personer som deltagit och arbetsplatser {props.year} och {prev()}
        </caption>
        <colgroup>
          <col />
        </colgroup>
        <colgroup span="3" class="col-year" />
        <colgroup span="3" class="col-year col-year--before" />
        <Show when={chart()}>
          <colgroup>
            <col class="col-chart" />
          </colgroup>
        </Show>
        <thead>
          <tr>
            <th scope="col" rowspan="2" class="breakdown-label">
              {props.rowHeading}
            </th>
            <th scope="colgroup" colspan="3" class="num year-head">
              {props.year}
            </th>
            <th scope="colgroup" colspan="3" class="num year-head year-head--before">
              {prev()}
            </th>
            <Show when={chart()}>
              <td rowspan="2" class="chart-head" aria-hidden="true">
                <span class="chart-key chart-key--attended" /> deltagit {props.year}
                <br />
                <span class="chart-key chart-key--registered" /> anmälda {props.year}
                <br />
                <span class="chart-key chart-key--before" /> anmälda {prev()}
              </td>
            </Show>
          </tr>
          <tr>
            <th scope="col" class="num">
              Anmälda
            </th>
            <th scope="col" class="num">
              Deltagit
            </th>
            <th scope="col" class="num">
              Arbets&shy;platser
            </th>
            <th scope="col" class="num year-start">
              Anmälda
            </th>
            <th scope="col" class="num">
              Deltagit
            </th>
            <th scope="col" class="num">
              Arbets&shy;platser
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(r) => (
              <tr data-key={r.key}>
                <th scope="row">{capitalise(r.label)}</th>
                {cells(r.now)}
                {cells(r.before, true)}
                <Show when={chart()}>
                  <td class="chart-cell" aria-hidden="true">
                    <span class="hbar">
                      <span class="hbar-registered" style={{ width: width(r.now?.registered ?? 0, max()) }}>
                        <span
                          class="hbar-attended"
                          style={{ width: width(r.now?.attended ?? 0, r.now?.registered ?? 0) }}
                        />
                      </span>
                    </span>
                    <span class="hbar hbar--before">
                      <span class="hbar-before" style={{ width: width(r.before?.registered ?? 0, max()) }} />
                    </span>
                  </td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
