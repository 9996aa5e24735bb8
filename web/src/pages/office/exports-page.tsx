// "/kansliet/export": the files the office hands on. The annual report's figures (goals,
// totals, every breakdown, next to the year before); Uppföljning Finsam per effort and year,
// with the same rows on screen so they can be typed into the national web service by hand;
// and the participant list for a request for public documents, with the columns chosen to be
// left out. The links are plain downloads; the server counts, the page only builds addresses.
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { type EffortYearInput, type ExportColumnKey, type FinsamRow, staffApi } from "../../api.ts";
import { CheckboxGroup, TextField } from "../../components/form-fields.tsx";
import { EffortYearDialog } from "../../components/office/effort-year-dialog.tsx";
import { createFlash, Flash } from "../../components/office/flash.tsx";
import { YearSelect } from "../../components/office/year-select.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { currentYear } from "../../office-text.ts";
import { EXPORT_COLUMNS } from "../../../../server/domain/export-columns.ts";
import { formatDay, formatIsoDate } from "../../../../server/domain/format-time.ts";
import { StaffErrorNotice } from "./office-shell.tsx";

/** Health data: left out unless the office ticks them in. */
const SENSITIVE: ExportColumnKey[] = ["dietary", "accessibility"];

const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(new Date(`${s}T12:00:00Z`).getTime()) &&
  new Date(`${s}T12:00:00Z`).toISOString().startsWith(s);
const stockholmNoon = (s: string) => new Date(`${s}T12:00:00Z`);

export default function ExportsPage() {
  usePageTitle(() => "Export");
  const thisYear = currentYear();
  return (
    <>
      <PageHeading>Export</PageHeading>
      <p class="lead">
        Filer för årsredovisningen, för Uppföljning Finsam och för att lämna ut deltagarlistor som allmän handling.
        Siffrorna räknas på samma sätt som i uppföljningen.
      </p>
      <div class="notice">
        <p>
          <strong>Två format.</strong> XLSX är en Excel-arbetsbok. CSV öppnas direkt i Excel på svenska: filen är UTF-8
          med BOM och har semikolon mellan fälten, så å, ä och ö och kolumnerna blir rätt.
        </p>
      </div>
      <YearReport thisYear={thisYear} />
      <Finsam thisYear={thisYear} />
      <Registrations thisYear={thisYear} />
    </>
  );
}

/** Two download links with the file's name and format in the link text. */
function Downloads(props: { label: string; csv: string; xlsx: string }) {
  return (
    <ul class="download-list">
      <li>
        <a class="button button--secondary download" href={props.xlsx} download="">
          Ladda ner XLSX<span class="visually-hidden"> ({props.label})</span>
        </a>
      </li>
      <li>
        <a class="button button--secondary download" href={props.csv} download="">
          Ladda ner CSV<span class="visually-hidden"> ({props.label})</span>
        </a>
      </li>
    </ul>
  );
}

function YearReport(props: { thisYear: number }) {
  const [year, setYear] = createSignal(props.thisYear);
  return (
    <section class="export-section" aria-labelledby="export-year-heading">
      <h2 id="export-year-heading">Årsredovisningens siffror</h2>
      <p>
        Årets mål med utfall, prognos och takt, totalsiffrorna och uppdelningarna per part, kommun, kurstyp, månad och
        kön, bredvid året innan. Underlag för den kvantitativa uppföljningen i årsredovisningen.
      </p>
      <YearSelect id="export-year" label="År" value={year()} onValue={setYear} />
      <Downloads
        label={`årsredovisningens siffror ${year()}`}
        xlsx={staffApi.exportUrls.year(year(), "xlsx")}
        csv={staffApi.exportUrls.year(year(), "csv")}
      />
    </section>
  );
}

const kronor = (n: number | null) => (n === null ? "–" : `${n.toLocaleString("sv-SE")} kr`);
const count = (n: number | null) => (n === null ? "–" : n.toLocaleString("sv-SE"));

function Finsam(props: { thisYear: number }) {
  const [year, setYear] = createSignal(props.thisYear);
  const [rows, { mutate }] = createResource(year, (y) => staffApi.finsam(y));
  const list = () => loaded(rows);
  const [editing, setEditing] = createSignal<FinsamRow | null>(null);
  const flash = createFlash();
  const opener = (courseId: number) => document.getElementById(`effort-edit-${courseId}`);
  const close = () => {
    const row = editing();
    setEditing(null);
    if (row) requestAnimationFrame(() => opener(row.courseId)?.focus());
  };
  const saved = (row: FinsamRow, values: EffortYearInput) => {
    mutate((all) => all?.map((r) => (r.courseId === row.courseId ? { ...r, ...values } : r)));
    setEditing(null);
    flash.show({ kind: "success", text: `Budget och plan ${row.year} för ”${row.course}” är sparade.` });
  };
  return (
    <section class="export-section" aria-labelledby="export-finsam-heading">
      <h2 id="export-finsam-heading">Uppföljning Finsam</h2>
      <p>
        Per insats (utbildning) och kalenderår: hur många olika personer som deltog, och hur många av dem som är kvinnor
        och män, bredvid budget, utfall och planerat antal deltagare som ni för in här. Uppföljning Finsam har ingen
        import, så skriv in siffrorna i tabellen för hand i den nationella webbtjänsten. Kurser, nätverk och temadagar
        är strukturövergripande insatser. En person som gått två insatser räknas i båda.
      </p>
      <YearSelect id="export-finsam-year" label="År" value={year()} onValue={setYear} />
      <Flash flash={flash} />
      <Switch>
        <Match when={rows.error}>
          <StaffErrorNotice title="Siffrorna kunde inte hämtas" error={rows.error} />
        </Match>
        <Match when={!list()}>
          <Loading>Hämtar siffrorna…</Loading>
        </Match>
        <Match when={list()?.length === 0}>
          <p class="notice">Inga insatser med publicerade tillfällen {year()}.</p>
        </Match>
        <Match when={list()}>
          {(all) => (
            <div
              class="table-scroll table-scroll--settings"
              role="region"
              aria-labelledby="finsam-caption"
              tabindex="0"
            >
              <table class="table table--settings table--finsam">
                <caption id="finsam-caption" class="table-caption">
                  Uppföljning Finsam {year()}: deltagare per insats
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Insats</th>
                    <th scope="col">Kurstyp</th>
                    <th scope="col" class="cell-number">
                      Deltagare
                    </th>
                    <th scope="col" class="cell-number">
                      Kvinnor
                    </th>
                    <th scope="col" class="cell-number">
                      Män
                    </th>
                    <th scope="col" class="cell-number">
                      Annat/ej angivet
                    </th>
                    <th scope="col" class="cell-number">
                      Planerat
                    </th>
                    <th scope="col" class="cell-number">
                      Budget
                    </th>
                    <th scope="col" class="cell-number">
                      Utfall
                    </th>
                    <th scope="col">
                      <span class="visually-hidden">Ändra</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={all()}>
                    {(r) => (
                      <tr>
                        <th scope="row" class="cell-wide">
                          {r.course}
                        </th>
                        <td>{r.courseTypeName}</td>
                        <td class="cell-number">{r.persons}</td>
                        <td class="cell-number">{r.women}</td>
                        <td class="cell-number">{r.men}</td>
                        <td class="cell-number">{r.otherOrUnknown}</td>
                        <td class="cell-number">{count(r.plannedParticipants)}</td>
                        <td class="cell-number cell-nowrap">{kronor(r.budgetKr)}</td>
                        <td class="cell-number cell-nowrap">{kronor(r.outcomeKr)}</td>
                        <td>
                          <button
                            type="button"
                            id={`effort-edit-${r.courseId}`}
                            class="button button--small button--secondary"
                            aria-label={`Ändra budget och plan för ${r.course}`}
                            onClick={() => setEditing(r)}
                          >
                            Ändra
                          </button>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Match>
      </Switch>
      <Show when={editing()} keyed>
        {(row) => <EffortYearDialog row={row} onClose={close} onSaved={(values) => saved(row, values)} />}
      </Show>
      <Downloads
        label={`Uppföljning Finsam ${year()}`}
        xlsx={staffApi.exportUrls.finsam(year(), "xlsx")}
        csv={staffApi.exportUrls.finsam(year(), "csv")}
      />
    </section>
  );
}

function Registrations(props: { thisYear: number }) {
  const [from, setFrom] = createSignal(`${props.thisYear}-01-01`);
  const [to, setTo] = createSignal(formatIsoDate(new Date()));
  const [omit, setOmit] = createSignal<string[]>([...SENSITIVE]);
  const errors = createMemo(() => {
    const out: { from?: string; to?: string } = {};
    if (!isDate(from())) out.from = "Ange första dagen som ÅÅÅÅ-MM-DD.";
    if (!isDate(to())) out.to = "Ange sista dagen som ÅÅÅÅ-MM-DD.";
    else if (!out.from && from() > to()) out.to = "Perioden slutar före den börjar.";
    else if (!out.from && Number(to().slice(0, 4)) - Number(from().slice(0, 4)) > 20)
      out.to = "Välj en period på högst 20 år.";
    return out;
  });
  const ok = () => !errors().from && !errors().to;
  const left = () => EXPORT_COLUMNS.filter(([key]) => omit().includes(key)).map(([, heading]) => heading);
  const period = () => (ok() ? `${formatDay(stockholmNoon(from()))} – ${formatDay(stockholmNoon(to()))}` : "");

  return (
    <section class="export-section" aria-labelledby="export-registrations-heading">
      <h2 id="export-registrations-heading">Deltagarlista för utlämnande av allmän handling</h2>
      <p>
        Anmälningarna är allmänna handlingar. Listan har alla anmälningar till tillfällen vars första dag ligger i
        perioden. Pröva vad som kan lämnas ut och lämna bort det som är sekretess eller känsligt.
      </p>
      <div class="period">
        <TextField
          id="export-from"
          label="Från och med"
          type="date"
          value={from()}
          onValue={setFrom}
          error={errors().from}
          class="input input--date"
        />
        <TextField
          id="export-to"
          label="Till och med"
          type="date"
          value={to()}
          onValue={setTo}
          error={errors().to}
          class="input input--date"
        />
      </div>
      <CheckboxGroup
        id="export-omit"
        legend="Kolumner att lämna bort"
        hint="Specialkost och tillgänglighetsbehov är känsliga uppgifter (hälsa) och är förvalda att lämnas bort."
        options={EXPORT_COLUMNS.map(([key, heading]) => ({
          value: key,
          label: heading,
          note: SENSITIVE.includes(key) ? "(känslig uppgift)" : undefined,
        }))}
        values={omit()}
        onValues={setOmit}
      />
      <Show
        when={ok()}
        fallback={
          <p class="field-error" role="alert">
            Rätta perioden ovan för att kunna ladda ner listan.
          </p>
        }
      >
        <p class="export-summary" aria-live="polite">
          {period()}. {left().length ? `Lämnas bort: ${left().join(", ")}.` : "Alla kolumner kommer med."}
        </p>
        <Downloads
          label="deltagarlistan"
          xlsx={staffApi.exportUrls.registrations(from(), to(), omit(), "xlsx")}
          csv={staffApi.exportUrls.registrations(from(), to(), omit(), "csv")}
        />
      </Show>
    </section>
  );
}
