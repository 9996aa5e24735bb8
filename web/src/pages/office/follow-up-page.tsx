// "/kansliet": the follow-up of a year, the office's first screen (sign-in lands here). Each
// of the year's goals as a card: the figure ("63 av 100") linking to the list behind it, what
// it counts, a bar with a marker for where the plan says the year should be by today, the
// forecast, and whether it is on track, in words. Then the year's totals next to the year
// before, the breakdowns (party, municipality, course type, month, gender) as tables with a
// bar chart beside the numbers, and the ways out: board summary, files, exports.
// Every figure comes from GET /api/office/goals (server/domain/follow-up.ts, decision 008);
// this page only shows them. The year lives in the address (?ar=2026).
import { createResource, For, Match, Show, Switch } from "solid-js";
import { staffApi, type FollowUp, type GoalFigures } from "../../api.ts";
import { BreakdownTable, courseTypeNamer, TotalsTable } from "../../components/office/follow-up-tables.tsx";
import { GoalProgress } from "../../components/office/goal-progress.tsx";
import { UndeliveredMailWarning } from "../../components/office/undelivered-mail-warning.tsx";
import { useYear, YearInAddress } from "../../components/office/year-in-address.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { forecastText, GOAL_UNIT_TEXT, goalCountsText, goalUnit, num, paceText } from "../../office-text.ts";
import { formatDay } from "../../occasion-text.ts";
import { StaffErrorNotice, useStaffUser } from "./office-shell.tsx";

/** The breakdowns in the order the board reads them, with the heading of their first column. */
const BREAKDOWNS: { key: keyof FollowUp["breakdowns"]; title: string; rowHeading: string }[] = [
  { key: "party", title: "Per part", rowHeading: "Part" },
  { key: "municipality", title: "Per kommun (arbetsplatsens)", rowHeading: "Kommun" },
  { key: "courseType", title: "Per kurstyp", rowHeading: "Kurstyp" },
  { key: "month", title: "Per månad", rowHeading: "Månad" },
  { key: "gender", title: "Per kön", rowHeading: "Kön" },
];

export default function FollowUpPage() {
  const user = useStaffUser();
  const year = useYear();
  const [data] = createResource(year, (y) => staffApi.followUp(y));
  const f = () => loaded(data);
  usePageTitle(() => `Uppföljning ${year()}`);

  return (
    <>
      <PageHeading>Uppföljning {year()}</PageHeading>
      <p class="lead">
        Välkommen, {user().name}. Så här långt har året kommit mot målen, räknat {formatDay(new Date())}. Siffrorna
        räknas fram ur anmälningar och närvaro på publicerade tillfällen; utkast och inställda tillfällen räknas inte.
      </p>
      <UndeliveredMailWarning />
      <div class="toolbar">
        <YearInAddress />
        <p class="toolbar-action button-row">
          <a class="button button--secondary" href={`/kansliet/styrelse?ar=${year()}`}>
            Sammanfattning för styrelsen
          </a>
        </p>
      </div>

      <Switch>
        <Match when={data.error}>
          <StaffErrorNotice title="Uppföljningen kunde inte hämtas" error={data.error} />
        </Match>
        <Match when={!f()}>
          <Loading>Räknar årets siffror…</Loading>
        </Match>
        <Match when={f()}>{(fu) => <FollowUpView data={fu()} />}</Match>
      </Switch>
    </>
  );
}

function FollowUpView(props: { data: FollowUp }) {
  const d = () => props.data;
  const y = () => d().year;
  const typeName = (code: string) => courseTypeNamer(props.data)(code);
  return (
    <>
      <section aria-labelledby="goals-heading">
        <h2 id="goals-heading">Mål {y()}</h2>
        <Show
          when={d().goals.length > 0}
          fallback={
            <div class="notice">
              <p>
                <strong>Det finns inga mål för {y()} än.</strong>
              </p>
              <p>
                <a href={`/kansliet/mal?ar=${y()}`}>Sätt årets mål under Mål</a>. Där kan du också kopiera förra årets
                mål
                {d().previousYear.goals.length > 0
                  ? ` (${d().previousYear.year} hade ${d().previousYear.goals.length} mål)`
                  : ""}{" "}
                och ändra målvärdena.
              </p>
            </div>
          }
        >
          <ul class="goal-cards">
            <For each={d().goals}>{(g) => <GoalCard goal={g} typeName={typeName} />}</For>
          </ul>
        </Show>
      </section>

      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">Året i siffror</h2>
        <p class="hint">Unika personer och arbetsplatser: den som gått tre kurser räknas en gång.</p>
        <TotalsTable id="totals" year={y()} totals={d().totals} previous={d().previousYear.totals} />
      </section>

      <section aria-labelledby="breakdowns-heading">
        <h2 id="breakdowns-heading">Fördelning {y()}</h2>
        <p class="hint">
          Anmälda och deltagit är unika personer per rad, arbetsplatser de där någon deltagit. Samma person kan finnas
          på flera rader (till exempel två kurstyper), så raderna blir tillsammans fler än årets totalsiffror.
        </p>
        <For each={BREAKDOWNS}>
          {(b) => (
            <section class="breakdown" aria-labelledby={`${b.key}-heading`}>
              <h3 id={`${b.key}-heading`}>{b.title}</h3>
              <BreakdownTable
                id={`breakdown-${b.key}`}
                title={b.title}
                rowHeading={b.rowHeading}
                year={y()}
                rows={d().breakdowns[b.key]}
                previous={d().previousYear.breakdowns[b.key]}
              />
            </section>
          )}
        </For>
      </section>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">Rapporter och export</h2>
        <ul class="link-list">
          <li>
            <a href={`/kansliet/styrelse?ar=${y()}`}>Sammanfattning för styrelsen {y()}</a>: en sida att skriva ut.
          </li>
          <li>
            Årets siffror {y()} för årsredovisningen (mål, totalsiffror och fördelningar, med {y() - 1} bredvid):{" "}
            <a href={staffApi.exportUrls.year(y(), "xlsx")} rel="external" aria-label={`Excel, årets siffror ${y()}`}>
              Excel
            </a>{" "}
            eller{" "}
            <a href={staffApi.exportUrls.year(y(), "csv")} rel="external" aria-label={`CSV, årets siffror ${y()}`}>
              CSV
            </a>
          </li>
          <li>
            Uppföljning Finsam {y()} (deltagare per insats, kvinnor och män):{" "}
            <a
              href={staffApi.exportUrls.finsam(y(), "xlsx")}
              rel="external"
              aria-label={`Excel, Uppföljning Finsam ${y()}`}
            >
              Excel
            </a>{" "}
            eller{" "}
            <a
              href={staffApi.exportUrls.finsam(y(), "csv")}
              rel="external"
              aria-label={`CSV, Uppföljning Finsam ${y()}`}
            >
              CSV
            </a>
          </li>
          <li>
            <a href="/kansliet/export">Fler exporter</a>: alla anmälningar under en period, till exempel när någon begär
            ut allmänna handlingar.
          </li>
        </ul>
      </section>
    </>
  );
}

function GoalCard(props: { goal: GoalFigures; typeName: (code: string) => string }) {
  const g = () => props.goal;
  const hasTarget = () => g().target > 0;
  const unit = () => GOAL_UNIT_TEXT[g().kind] ?? "";
  return (
    <li
      class="goal-card"
      classList={{ "goal-card--behind": hasTarget() && !g().onTrack, "goal-card--missing": !hasTarget() }}
      data-goal={g().id}
    >
      <h3 class="goal-title">{g().label}</h3>
      <p class="goal-figure">
        <a href={`/kansliet/mal/${g().id}`} class="goal-link">
          <span class="goal-value">{num(g().value)}</span>
          <Show when={hasTarget()} fallback={<> {goalUnit(g().kind, g().value)}</>}>
            {" "}
            av {num(g().target)}
          </Show>
          <span class="visually-hidden">
            <Show when={hasTarget()}> {unit()}</Show> – visa vilka
          </span>
        </a>
      </p>
      <p class="goal-counts">{goalCountsText(g(), props.typeName)}</p>
      <Show
        when={hasTarget()}
        fallback={
          <p class="pace pace--missing">
            Målvärde saknas – ange det under <a href="/kansliet/mal">Mål</a>
          </p>
        }
      >
        <GoalProgress goal={g()} />
        <p class="pace" classList={{ "pace--ok": g().onTrack, "pace--behind": !g().onTrack }}>
          <span class="pace-icon" aria-hidden="true">
            {g().onTrack ? "✓" : "!"}
          </span>{" "}
          {paceText(g())}
          <Show when={g().value >= g().target}> – målet är nått</Show>
        </p>
        <p class="goal-forecast">{forecastText(g())}</p>
      </Show>
    </li>
  );
}
