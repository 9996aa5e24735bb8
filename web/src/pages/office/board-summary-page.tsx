// "/kansliet/styrelse?ar=2026": the year's follow-up on one A4 page for the board, printed
// from the browser ("Skriv ut" calls window.print). The organiser, the year, the day it was
// printed, the goals (value, target, pace, forecast), the totals next to last year and the
// main breakdowns (party, course type, gender) as compact tables. In print the site header,
// the office navigation and the tools are hidden (styles.css, "Office: follow-up", @media
// print). The same figures as the dashboard: GET /api/office/goals.
import { createResource, For, Match, Show, Switch } from "solid-js";
import { api, type EvaluationResult, staffApi, type FollowUp, type YearEvaluations } from "../../api.ts";
import { BreakdownTable, courseTypeNamer, TotalsTable } from "../../components/office/follow-up-tables.tsx";
import { useYear, YearInAddress } from "../../components/office/year-in-address.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { formatDay } from "../../occasion-text.ts";
import { goalCountsText, num, paceText, percent } from "../../office-text.ts";
import { StaffErrorNotice, useStaffUser } from "./office-shell.tsx";

export default function BoardSummaryPage() {
  const user = useStaffUser();
  const year = useYear();
  const [data] = createResource(year, (y) => staffApi.followUp(y));
  // The course evaluations of the year (issue 12); the page stands without them if they fail.
  const [evaluated] = createResource(year, (y) => staffApi.evaluations(y).catch(() => undefined));
  const [organiser] = createResource(
    () => user().organiserSlug,
    (slug) => api.organiser(slug).catch(() => undefined),
  );
  const f = () => loaded(data);
  usePageTitle(() => `Sammanfattning för styrelsen ${year()}`);

  return (
    <div class="board-summary">
      <div class="board-tools no-print">
        <p class="back">
          <a href={`/kansliet?ar=${year()}`}>Uppföljning {year()}</a>
        </p>
        <div class="toolbar">
          <YearInAddress />
          <p class="toolbar-action button-row">
            <button type="button" class="button" onClick={() => window.print()}>
              Skriv ut
            </button>
          </p>
        </div>
        <p class="hint">
          Sidan är gjord för att skrivas ut på ett A4-ark. Välj ”Spara som PDF” i utskriftsrutan för en fil att skicka.
        </p>
      </div>

      <header class="board-head">
        <p class="board-org">{organiser.latest?.name ?? ""}</p>
        <PageHeading>Uppföljning {year()} – sammanfattning för styrelsen</PageHeading>
        <p class="board-printed">Utskrivet {formatDay(new Date())}</p>
      </header>

      <Switch>
        <Match when={data.error}>
          <StaffErrorNotice title="Uppföljningen kunde inte hämtas" error={data.error} />
        </Match>
        <Match when={!f()}>
          <Loading>Räknar årets siffror…</Loading>
        </Match>
        <Match when={f()}>{(fu) => <BoardView data={fu()} evaluations={loaded(evaluated)} />}</Match>
      </Switch>
    </div>
  );
}

function BoardView(props: { data: FollowUp; evaluations?: YearEvaluations }) {
  const d = () => props.data;
  const y = () => d().year;
  const typeName = (code: string) => courseTypeNamer(props.data)(code);
  return (
    <>
      <section class="board-section" aria-labelledby="board-goals">
        <h2 id="board-goals">Mål {y()}</h2>
        <Show when={d().goals.length > 0} fallback={<p>Inga mål är satta för {y()}.</p>}>
          <div class="table-scroll table-scroll--fit" role="region" aria-labelledby="board-goals-caption" tabindex="0">
            <table class="table table--figures table--compact table--goals" id="board-goals-table">
              <caption id="board-goals-caption" class="visually-hidden">
                Målen {y()}: utfall, målvärde, förväntat i dag och prognos
              </caption>
              <thead>
                <tr>
                  <th scope="col">Mål</th>
                  <th scope="col" class="num">
                    Utfall
                  </th>
                  <th scope="col" class="num">
                    Målvärde
                  </th>
                  <th scope="col" class="num">
                    Andel
                  </th>
                  <th scope="col" class="num">
                    Förväntat i dag
                  </th>
                  <th scope="col">Läge</th>
                  <th scope="col" class="num">
                    Prognos
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={d().goals}>
                  {(g) => (
                    <tr data-goal={g.id}>
                      <th scope="row">
                        {g.label}
                        <span class="table-note board-counts">{goalCountsText(g, typeName)}</span>
                      </th>
                      <td class="num">{num(g.value)}</td>
                      <td class="num">{g.target > 0 ? num(g.target) : "saknas"}</td>
                      <td class="num">{g.target > 0 ? percent(g.value / g.target) : "–"}</td>
                      <td class="num">{g.target > 0 ? num(g.expectedByToday) : "–"}</td>
                      <td class="pace-cell">
                        {g.target > 0 ? (
                          <span classList={{ "pace-text--ok": g.onTrack, "pace-text--behind": !g.onTrack }}>
                            <span aria-hidden="true">{g.onTrack ? "✓ " : "! "}</span>
                            {paceText(g)}
                          </span>
                        ) : (
                          "Målvärde saknas"
                        )}
                      </td>
                      <td class="num">{num(g.forecast)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <p class="board-note">
            Förväntat i dag: målvärdet gånger den del av årets planerade tillfällen som är genomförd. Prognos: om alla
            som är anmälda till kommande tillfällen deltar.
          </p>
        </Show>
      </section>

      <div class="board-columns">
        <section class="board-section" aria-labelledby="board-totals">
          <h2 id="board-totals">Året i siffror</h2>
          <TotalsTable
            id="board-totals-table"
            year={y()}
            totals={d().totals}
            previous={d().previousYear.totals}
            compact
          />
        </section>
        <section class="board-section" aria-labelledby="board-gender">
          <h2 id="board-gender">Per kön</h2>
          <BreakdownTable
            id="board-gender-table"
            title="Per kön"
            rowHeading="Kön"
            year={y()}
            rows={d().breakdowns.gender}
            previous={d().previousYear.breakdowns.gender}
            compact
          />
        </section>
      </div>

      <section class="board-section" aria-labelledby="board-party">
        <h2 id="board-party">Per part</h2>
        <BreakdownTable
          id="board-party-table"
          title="Per part"
          rowHeading="Part"
          year={y()}
          rows={d().breakdowns.party}
          previous={d().previousYear.breakdowns.party}
          compact
        />
      </section>

      <section class="board-section" aria-labelledby="board-type">
        <h2 id="board-type">Per kurstyp</h2>
        <BreakdownTable
          id="board-type-table"
          title="Per kurstyp"
          rowHeading="Kurstyp"
          year={y()}
          rows={d().breakdowns.courseType}
          previous={d().previousYear.breakdowns.courseType}
          compact
          dropEmpty
        />
      </section>
      <Show when={props.evaluations?.total.invited ? props.evaluations : undefined}>
        {(e) => (
          <section class="board-section" aria-labelledby="board-evaluations">
            <h2 id="board-evaluations">Utvärderingar</h2>
            <EvaluationTable year={y()} now={e().total} before={e().lastYear} />
          </section>
        )}
      </Show>
      <p class="board-note">
        Anmälda: bekräftad plats på ett publicerat tillfälle. Deltagit: närvaro minst en dag. Unika personer per rad;
        samma person kan finnas på flera rader. Arbetsplatser: där någon deltagit.
      </p>
    </>
  );
}

/** The year's evaluation figures next to last year's; "för få svar" below the threshold of 3. */
function EvaluationTable(props: { year: number; now: EvaluationResult; before: EvaluationResult }) {
  const average = (r: EvaluationResult, id: string) => {
    if (!r.invited) return "–";
    if (!r.shown) return "för få svar";
    const a = r.questions.find((q) => q.id === id)?.average;
    return a == null ? "–" : a.toLocaleString("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  };
  const yes = (r: EvaluationResult) => {
    if (!r.invited) return "–";
    if (!r.shown) return "för få svar";
    const d = r.questions.find((q) => q.id === "recommend")?.distribution ?? {};
    const n = Object.values(d).reduce((a, b) => a + b, 0);
    return n ? percent((d.ja ?? 0) / n) : "–";
  };
  const rows: [string, (r: EvaluationResult) => string][] = [
    ["Svar av tillfrågade", (r) => (r.invited ? `${r.answered} av ${r.invited}` : "–")],
    ["Svarsfrekvens", (r) => (r.responseRate === null ? "–" : percent(r.responseRate))],
    ["Helhetsbetyg (1–5)", (r) => average(r, "overall")],
    ["Nytta i arbetet (1–5)", (r) => average(r, "usefulness")],
    ["Rekommenderar till en kollega", yes],
  ];
  return (
    <table class="table table--compact" id="board-evaluations-table">
      <thead>
        <tr>
          <th scope="col">Mått</th>
          <th scope="col">{props.year}</th>
          <th scope="col">{props.year - 1}</th>
        </tr>
      </thead>
      <tbody>
        <For each={rows}>
          {([label, value]) => (
            <tr>
              <th scope="row">{label}</th>
              <td>{value(props.now)}</td>
              <td>{value(props.before)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
