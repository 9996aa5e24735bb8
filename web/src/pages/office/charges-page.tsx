// "/kansliet/avgifter": late cancellations and no-shows as a basis for invoicing (issue 11).
// The server suggests who cancelled late or did not come (from the registrations and the
// attendance); the office decides and marks each one, and the marked ones of the year are
// listed per employer and downloaded as CSV or XLSX. Without a late-cancellation limit in the
// settings the organiser charges nothing, and the page says where to change that.
import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { staffApi, type Charge, type ChargeGroup, type ChargeItem } from "../../api.ts";
import { createFlash, Flash } from "../../components/office/flash.tsx";
import { YearSelect, yearFromParam } from "../../components/office/year-select.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { formatDay, formatMoment } from "../../occasion-text.ts";
import { currentYear } from "../../office-text.ts";
import { StaffErrorNotice } from "./office-shell.tsx";
import { MARK_TEXT as DAY_MARK_TEXT, UNMARKED_TEXT } from "../../attendance-text.ts";

const MARK_TEXT: Record<Charge, string> = {
  "late-cancellation": "Markera som sen avbokning",
  "no-show": "Markera som utebliven",
};
const MARKED_TEXT: Record<Charge, string> = {
  "late-cancellation": "är markerad som sen avbokning",
  "no-show": "är markerad som utebliven",
};
/** "Närvaro: frånvarande, ej markerad": what the leader marked on the days that took place. */
const attendanceText = (marks: ChargeItem["attendance"]) =>
  marks.length
    ? `Närvaro: ${marks.map((m) => (m === "unmarked" ? UNMARKED_TEXT : DAY_MARK_TEXT[m]).toLocaleLowerCase("sv")).join(", ")}`
    : null;
/** "2 sena avbokningar, 5 uteblivna" */
function kindCounts(items: ChargeItem[]): string {
  const late = items.filter((c) => c.kind === "late-cancellation").length;
  const noShow = items.length - late;
  return `${late} ${late === 1 ? "sen avbokning" : "sena avbokningar"}, ${noShow} ${noShow === 1 ? "utebliven" : "uteblivna"}`;
}
const days = (n: number) => (n === 1 ? "1 dag" : `${n} dagar`);
const cases = (n: number) => (n === 1 ? "1 markerad" : `${n} markerade`);
const suggestions = (n: number) => (n === 1 ? "1 förslag" : `${n} förslag`);

export default function ChargesPage() {
  usePageTitle(() => "Avgifter");
  const [params, setParams] = useSearchParams<{ ar?: string }>();
  const year = () => yearFromParam(params.ar);
  const [overview, { refetch }] = createResource(year, (y) => staffApi.charges(y));
  const data = () => loaded(overview);
  const flash = createFlash();
  const [busy, setBusy] = createSignal<number | null>(null);

  async function setCharge(item: ChargeItem, charge: Charge | null) {
    if (busy() !== null) return;
    setBusy(item.registrationId);
    try {
      await staffApi.setCharge(item.registrationId, charge);
      await refetch();
      flash.show({
        kind: "success",
        text: charge
          ? `${item.name} ${MARKED_TEXT[charge]} (${item.occasion.title}, ${formatDay(item.occasion.startsAt)}).`
          : `Markeringen för ${item.name} är borttagen.`,
      });
    } catch (error) {
      flash.show({ kind: "error", text: (error as Error).message });
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageHeading>Avgifter: sena avbokningar och uteblivna</PageHeading>
      <p class="lead">
        Underlag för att fakturera arbetsgivarna. Förslagen räknas fram ur avbokningarna och närvaron; du bestämmer
        vilka som ska betala och markerar dem. Listan gäller tillfällen som börjar under året.
      </p>
      <YearSelect
        id="charges-year"
        label="År"
        value={year()}
        onValue={(y) => setParams({ ar: y === currentYear() ? undefined : String(y) }, { replace: true })}
      />
      <Flash flash={flash} />
      <Switch>
        <Match when={overview.error}>
          <StaffErrorNotice title="Avgifterna kunde inte hämtas" error={overview.error} />
        </Match>
        <Match when={!data()}>
          <Loading>Hämtar avgifterna…</Loading>
        </Match>
        <Match when={data()}>
          {(d) => (
            <>
              <Show
                when={d().lateCancelDays !== null}
                fallback={
                  <div class="notice notice--warning">
                    <p>
                      Arrangören tar inte ut avgifter; ändra under <a href="/kansliet/installningar">Inställningar</a>.
                    </p>
                  </div>
                }
              >
                <p>
                  En avbokning mindre än {days(d().lateCancelDays!)} före start räknas som sen. Ändra under{" "}
                  <a href="/kansliet/installningar">Inställningar</a>.
                </p>
              </Show>

              <section class="charges-section" aria-labelledby="candidates-heading">
                <h2 id="candidates-heading">Förslag att markera</h2>
                <Show
                  when={d().candidates.length > 0}
                  fallback={
                    <p>
                      {d().lateCancelDays === null
                        ? "Inga förslag: arrangören tar inte ut avgifter."
                        : `Inga förslag för ${d().year}.`}
                    </p>
                  }
                >
                  <p>
                    {suggestions(d().candidates.length)} ({kindCounts(d().candidates)}): de som avbokade sin plats sent,
                    och de som hade en plats men inte markerades som närvarande eller sena någon dag.
                  </p>
                  <div class="table-scroll" role="region" aria-labelledby="candidates-caption" tabindex="0">
                    <table class="table table--charges">
                      <caption id="candidates-caption" class="visually-hidden">
                        Förslag att markera {d().year}
                      </caption>
                      <colgroup>
                        <col class="col-person" />
                        <col class="col-workplace" />
                        <col class="col-occasion" />
                        <col class="col-kind" />
                        <col class="col-action" />
                      </colgroup>
                      <thead>
                        <tr>
                          <th scope="col">Person</th>
                          <th scope="col">Arbetsplats</th>
                          <th scope="col">Tillfälle</th>
                          <th scope="col">Förslag</th>
                          <th scope="col">
                            <span class="visually-hidden">Åtgärd</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={d().candidates}>
                          {(c) => (
                            <tr>
                              <PersonCell item={c} />
                              <td>
                                <Workplace item={c} />
                              </td>
                              <OccasionCell item={c} />
                              <KindCell item={c} />
                              <td class="cell-action">
                                <button
                                  type="button"
                                  class="button button--small"
                                  disabled={busy() !== null}
                                  aria-label={`${MARK_TEXT[c.kind]}: ${c.name}`}
                                  onClick={() => void setCharge(c, c.kind)}
                                >
                                  {MARK_TEXT[c.kind]}
                                </button>
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </Show>
              </section>

              <section class="charges-section" aria-labelledby="charges-heading">
                <h2 id="charges-heading">Markerade {d().year}, per arbetsgivare</h2>
                <Show when={d().charges.length > 0} fallback={<p>Inga markerade för {d().year}.</p>}>
                  <For each={d().charges}>
                    {(g) => <EmployerCharges group={g} busy={busy() !== null} onRemove={(c) => setCharge(c, null)} />}
                  </For>
                </Show>
                <h3 class="charges-download-heading">Ladda ner underlaget</h3>
                <p>En rad per markering, med arbetsgivarens uppgifter först. CSV öppnas direkt i Excel på svenska.</p>
                <ul class="download-list">
                  <li>
                    <a
                      class="button button--secondary"
                      href={staffApi.exportUrls.charges(d().year, "xlsx")}
                      download=""
                    >
                      Ladda ner XLSX<span class="visually-hidden"> (avgifter {d().year})</span>
                    </a>
                  </li>
                  <li>
                    <a class="button button--secondary" href={staffApi.exportUrls.charges(d().year, "csv")} download="">
                      Ladda ner CSV<span class="visually-hidden"> (avgifter {d().year})</span>
                    </a>
                  </li>
                </ul>
              </section>
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}

function PersonCell(props: { item: ChargeItem }) {
  return (
    <th scope="row">
      {props.item.name}
      <a class="table-mail" href={`mailto:${props.item.email}`}>
        {props.item.email}
      </a>
    </th>
  );
}

function Workplace(props: { item: ChargeItem }) {
  return (
    <>
      {props.item.workplace
        ? `${props.item.workplace.name}, ${props.item.workplace.municipality}`
        : "Ingen arbetsplats"}
      <span class="table-note">{props.item.partyName}</span>
    </>
  );
}

/** What kind of fee, and when she cancelled or how she was marked: the same in both tables. */
function KindCell(props: { item: ChargeItem }) {
  return (
    <td>
      {props.item.kindText}
      <Show when={props.item.cancelledAt}>{(at) => <span class="table-note">avbokade {formatMoment(at())}</span>}</Show>
      <Show when={attendanceText(props.item.attendance)}>{(text) => <span class="table-note">{text()}</span>}</Show>
    </td>
  );
}

function OccasionCell(props: { item: ChargeItem }) {
  return (
    <td>
      <a href={`/kansliet/tillfallen/${props.item.occasion.id}`}>{props.item.occasion.title}</a>
      <span class="table-note">{formatDay(props.item.occasion.startsAt)}</span>
    </td>
  );
}

/** One employer's marked cases, with what the invoice needs to name it. */
function EmployerCharges(props: { group: ChargeGroup; busy: boolean; onRemove: (c: ChargeItem) => void }) {
  const g = () => props.group;
  const headingId = () => `employer-${g().key.replace(/[^a-z0-9]+/gi, "-")}`;
  return (
    <section class="employer-charges" aria-labelledby={headingId()}>
      <h3 id={headingId()}>{g().workplace ?? "Ingen arbetsplats angiven"}</h3>
      <p class="employer-meta">
        {[
          g().orgNumber ? `Org.nr ${g().orgNumber}` : "Organisationsnummer saknas",
          g().municipality,
          g().partyName,
          cases(g().charges.length),
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      <div class="table-scroll" role="region" aria-labelledby={`${headingId()}-caption`} tabindex="0">
        <table class="table table--charges table--marked">
          <caption id={`${headingId()}-caption`} class="visually-hidden">
            Markerade för {g().workplace ?? "ingen arbetsplats"}, {g().partyName}
          </caption>
          <colgroup>
            <col class="col-person" />
            <col class="col-occasion" />
            <col class="col-kind" />
            <col class="col-action" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Tillfälle</th>
              <th scope="col">Avgift för</th>
              <th scope="col">
                <span class="visually-hidden">Åtgärd</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={g().charges}>
              {(c) => (
                <tr>
                  <PersonCell item={c} />
                  <OccasionCell item={c} />
                  <KindCell item={c} />
                  <td class="cell-action">
                    <button
                      type="button"
                      class="button button--secondary button--small"
                      disabled={props.busy}
                      aria-label={`Ta bort markering: ${c.name}`}
                      onClick={() => props.onRemove(c)}
                    >
                      Ta bort markering
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
