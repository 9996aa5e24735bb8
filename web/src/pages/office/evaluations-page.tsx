// "/kansliet/utvarderingar": the course evaluations of a year (issue 12). The year's total next
// to last year's (response rate, the two grades, the share who would recommend), a table per
// course and per occasion, and each occasion's full results behind "Visa svaren". Figures and
// free texts only where at least three answered; otherwise "För få svar för att visa".
import { useSearchParams } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { staffApi, type EvaluationResult } from "../../api.ts";
import {
  answersText,
  averageText,
  EvaluationResultView,
  gradeAverage,
  rateText,
  recommendShare,
  TOO_FEW,
} from "../../components/evaluation-result.tsx";
import { YearSelect, yearFromParam } from "../../components/office/year-select.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { formatDay } from "../../occasion-text.ts";
import { currentYear, percent } from "../../office-text.ts";
import { StaffErrorNotice } from "./office-shell.tsx";
import "../../evaluation.css";

const share = (n: number | null) => (n == null ? "–" : percent(n));

/** The figure cells of a row: answers, rate, the two averages and the recommend share. */
function FigureCells(props: { result: EvaluationResult }) {
  return (
    <>
      <td class="num">{answersText(props.result)}</td>
      <td class="num">{rateText(props.result)}</td>
      <Show
        when={props.result.shown}
        fallback={
          <td colSpan={3} class="evaluation-too-few-cell">
            {TOO_FEW}
          </td>
        }
      >
        <td class="num">{averageText(gradeAverage(props.result, "overall"))}</td>
        <td class="num">{averageText(gradeAverage(props.result, "usefulness"))}</td>
        <td class="num">{share(recommendShare(props.result))}</td>
      </Show>
    </>
  );
}

function FigureHeads() {
  return (
    <>
      <th scope="col" class="num">
        Svar av inbjudna
      </th>
      <th scope="col" class="num">
        Svarsfrekvens
      </th>
      <th scope="col" class="num">
        Helhet (1–5)
      </th>
      <th scope="col" class="num">
        Användbarhet (1–5)
      </th>
      <th scope="col" class="num">
        Rekommenderar
      </th>
    </>
  );
}

function TotalTable(props: { year: number; total: EvaluationResult; lastYear: EvaluationResult }) {
  // Nobody asked that year: a dash, not "too few".
  const figure = (r: EvaluationResult, value: () => string) => (r.shown ? value() : r.invited ? TOO_FEW : "–");
  const rows = (r: EvaluationResult) => [
    answersText(r),
    rateText(r),
    figure(r, () => averageText(gradeAverage(r, "overall"))),
    figure(r, () => averageText(gradeAverage(r, "usefulness"))),
    figure(r, () => share(recommendShare(r))),
  ];
  const labels = [
    "Svar av inbjudna",
    "Svarsfrekvens",
    "Helhet, medel (1–5)",
    "Användbarhet, medel (1–5)",
    "Skulle rekommendera (andel ja)",
  ];
  return (
    <div class="table-scroll table-scroll--fit" role="region" aria-labelledby="ev-total-caption" tabindex="0">
      <table class="table table--figures">
        <caption id="ev-total-caption" class="visually-hidden">
          Utvärderingarna {props.year} jämfört med {props.year - 1}
        </caption>
        <thead>
          <tr>
            <th scope="col">Mått</th>
            <th scope="col" class="num">
              {props.year}
            </th>
            <th scope="col" class="num">
              {props.year - 1}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={labels}>
            {(label, i) => (
              <tr>
                <th scope="row">{label}</th>
                <td class="num">{rows(props.total)[i()]}</td>
                <td class="num">{rows(props.lastYear)[i()]}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export default function EvaluationsPage() {
  usePageTitle(() => "Utvärderingar");
  const [params, setParams] = useSearchParams<{ ar?: string }>();
  const year = () => yearFromParam(params.ar);
  const [overview] = createResource(year, (y) => staffApi.evaluations(y));
  const data = () => loaded(overview);

  function openDetails(e: MouseEvent, occasionId: number) {
    const el = document.getElementById(`ev-occasion-${occasionId}`) as HTMLDetailsElement | null;
    if (!el) return;
    e.preventDefault();
    el.open = true;
    el.querySelector("summary")?.focus();
    el.scrollIntoView({ block: "start" });
  }

  return (
    <>
      <PageHeading>Utvärderingar</PageHeading>
      <p class="lead">
        Svaren från deltagarnas utvärderingar efter utbildningarna. Svaren är anonyma och visas först när minst 3 har
        svarat på ett tillfälle, en utbildning eller ett år. Tillfällen räknas till det år de börjar.
      </p>
      <YearSelect
        id="evaluations-year"
        label="År"
        value={year()}
        onValue={(y) => setParams({ ar: y === currentYear() ? undefined : String(y) }, { replace: true })}
      />
      <Switch>
        <Match when={overview.error}>
          <StaffErrorNotice title="Utvärderingarna kunde inte hämtas" error={overview.error} />
        </Match>
        <Match when={!data()}>
          <Loading>Hämtar utvärderingarna…</Loading>
        </Match>
        <Match when={data()}>
          {(d) => (
            <>
              <section aria-labelledby="ev-total-heading">
                <h2 id="ev-total-heading">
                  Året {d().year} jämfört med {d().year - 1}
                </h2>
                <TotalTable year={d().year} total={d().total} lastYear={d().lastYear} />
              </section>
              <Show
                when={d().occasions.length}
                fallback={<p>Inga utvärderingar har skickats för tillfällen som börjar {d().year}.</p>}
              >
                <section aria-labelledby="ev-courses-heading">
                  <h2 id="ev-courses-heading">Per utbildning</h2>
                  <div class="table-scroll" role="region" aria-labelledby="ev-courses-heading" tabindex="0">
                    <table class="table table--figures" id="ev-courses">
                      <thead>
                        <tr>
                          <th scope="col">Utbildning</th>
                          <FigureHeads />
                        </tr>
                      </thead>
                      <tbody>
                        <For each={d().courses}>
                          {(c) => (
                            <tr>
                              <th scope="row">{c.title}</th>
                              <FigureCells result={c.result} />
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </section>
                <section aria-labelledby="ev-occasions-heading">
                  <h2 id="ev-occasions-heading">Per tillfälle</h2>
                  <div class="table-scroll" role="region" aria-labelledby="ev-occasions-heading" tabindex="0">
                    <table class="table table--figures" id="ev-occasions">
                      <thead>
                        <tr>
                          <th scope="col">Tillfälle</th>
                          <th scope="col">Datum</th>
                          <FigureHeads />
                        </tr>
                      </thead>
                      <tbody>
                        <For each={d().occasions}>
                          {(o) => (
                            <tr>
                              <th scope="row">
                                <a href={`#ev-occasion-${o.occasionId}`} onClick={(e) => openDetails(e, o.occasionId)}>
                                  {o.title}
                                </a>
                              </th>
                              <td class="nowrap">{formatDay(o.startsAt)}</td>
                              <FigureCells result={o.result} />
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                  <h3>Svaren per tillfälle</h3>
                  <For each={d().occasions}>
                    {(o) => (
                      <details class="evaluation-details" id={`ev-occasion-${o.occasionId}`}>
                        <summary>
                          Visa svaren: {o.title}, {formatDay(o.startsAt)}
                        </summary>
                        <EvaluationResultView id={`ev-o${o.occasionId}`} result={o.result} level="h4" />
                      </details>
                    )}
                  </For>
                </section>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}
