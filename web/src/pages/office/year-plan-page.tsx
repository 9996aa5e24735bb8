// "/kansliet": the year plan (årshjul). Every occasion of the year, drafts included, by
// month, with its status and how full it is. The year lives in the address (?ar=2027).
import { useLocation, useSearchParams } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { staffApi, type OfficeOccasion } from "../../api.ts";
import { FillBar, StatusBadge } from "../../components/office/fill-bar.tsx";
import { MonthSections } from "../../components/month-sections.tsx";
import { Fact, OccasionFacts } from "../../components/occasion-facts.tsx";
import { Loading, PageHeading, usePageTitle, valueOf } from "../../components/site.tsx";
import { currentYear, percent } from "../../office-text.ts";
import { StaffErrorNotice, useStaffUser } from "./office-shell.tsx";

export default function YearPlanPage() {
  const user = useStaffUser();
  const location = useLocation<{ flash?: string }>();
  const [params, setParams] = useSearchParams<{ ar?: string }>();
  const thisYear = currentYear();
  const year = () => {
    const n = Number(params.ar);
    return Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : thisYear;
  };
  const years = () => {
    const list = Array.from({ length: 6 }, (_, i) => thisYear - 3 + i);
    if (!list.includes(year())) list.push(year());
    return list.sort((a, b) => a - b);
  };
  const [occasions] = createResource(year, (y) => staffApi.occasions(y));
  const list = () => valueOf(occasions);
  usePageTitle(() => `Årshjul ${year()}`);

  const summary = () => {
    const l = list();
    if (!l) return "";
    const active = l.filter((o) => o.status !== "cancelled");
    const drafts = l.filter((o) => o.status === "draft").length;
    const cancelled = l.length - active.length;
    const places = active.reduce((n, o) => n + o.capacity, 0);
    const taken = active.reduce((n, o) => n + o.confirmed, 0);
    const parts = [`${l.length === 1 ? "1 tillfälle" : `${l.length} tillfällen`} ${year()}`];
    if (drafts) parts.push(`${drafts} utkast`);
    if (cancelled) parts.push(`${cancelled} ${cancelled === 1 ? "inställt" : "inställda"}`);
    let text = parts.join(", ") + ".";
    if (places > 0) text += ` ${taken} av ${places} platser bokade (${percent(taken / places)}).`;
    return text;
  };

  return (
    <>
      <PageHeading>Årshjul {year()}</PageHeading>
      <p class="lead">
        Välkommen, {user().name}. Här är förbundets alla tillfällen under året, även utkast som inte syns i kurskatalogen.
      </p>
      <Show when={location.state?.flash}>
        <div class="notice notice--success" role="status">
          <p>{location.state!.flash}</p>
        </div>
      </Show>
      <div class="toolbar">
        <div class="filter filter--inline">
          <label class="label" for="year">
            Visa år
          </label>
          <select
            id="year"
            class="input select select--short"
            value={String(year())}
            onChange={(e) => setParams({ ar: e.currentTarget.value === String(thisYear) ? undefined : e.currentTarget.value }, { replace: true })}
          >
            <For each={years()}>
              {(y) => (
                <option value={String(y)} selected={y === year()}>
                  {y}
                </option>
              )}
            </For>
          </select>
        </div>
        <p class="toolbar-action button-row">
          <a class="button" href="/kansliet/tillfallen/ny">
            Nytt tillfälle
          </a>
          <a class="button button--secondary" href="/kansliet/utbildningar/ny">
            Ny utbildning
          </a>
        </p>
      </div>

      <p class="result-count" role="status">
        {summary()}
      </p>

      <Switch>
        <Match when={occasions.error}>
          <StaffErrorNotice title="Tillfällena kunde inte hämtas" error={occasions.error} />
        </Match>
        <Match when={!list()}>
          <Loading>Hämtar tillfällen…</Loading>
        </Match>
        <Match when={list()?.length === 0}>
          <div class="notice">
            <p>Det finns inga tillfällen {year()} än.</p>
            <p>
              <a href="/kansliet/tillfallen/ny">Lägg upp ett nytt tillfälle</a>
            </p>
          </div>
        </Match>
        <Match when={list()}>
          <MonthSections occasions={list()!} card={(o) => <PlanCard occasion={o} />} />
        </Match>
      </Switch>
    </>
  );
}

function PlanCard(props: { occasion: OfficeOccasion }) {
  const o = () => props.occasion;
  return (
    <li class={`card card--${o().status}`}>
      <div class="card-head">
        <h3 class="card-title">
          <a href={`/kansliet/tillfallen/${o().id}`}>{o().title}</a>
        </h3>
        <StatusBadge status={o().status} />
      </div>
      <OccasionFacts days={o().days} location={o().location} online={o().online}>
        <Fact term="Anmälda">
          <FillBar occasion={o()} />
        </Fact>
      </OccasionFacts>
    </li>
  );
}
