// "/kansliet/arshjul": the year plan (årshjul). Every occasion of the year, drafts and
// cancelled ones included, with its status and how full it is: by month as cards ("Lista
// per månad") or as one table ("Tabell": date, course, status, place, booked of places,
// waiting list). Filters by course and by status. Everything the page shows is in the
// address, so a view can be bookmarked or sent: ?ar=2027&vy=tabell&utbildning=3&status=draft.
// The year's figure counts only published occasions (drafts and cancelled are named beside
// it, never in the places), as the follow-up does.
import { useLocation, useSearchParams } from "@solidjs/router";
import { createMemo, createResource, For, Match, Show, Switch } from "solid-js";
import { staffApi, type OfficeOccasion } from "../../api.ts";
import { FillBar, StatusBadge } from "../../components/office/fill-bar.tsx";
import { useYear, YearInAddress } from "../../components/office/year-in-address.tsx";
import { MonthSections } from "../../components/month-sections.tsx";
import { Fact, OccasionFacts } from "../../components/occasion-facts.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { formatDay, formatTime } from "../../occasion-text.ts";
import { num, percent } from "../../office-text.ts";
import { StaffErrorNotice } from "./office-shell.tsx";

type Status = OfficeOccasion["status"];
const STATUSES: Status[] = ["published", "draft", "cancelled"];
const STATUS_PLURAL: Record<Status, string> = { published: "Publicerade", draft: "Utkast", cancelled: "Inställda" };

interface PlanParams {
  ar?: string;
  vy?: string;
  utbildning?: string;
  status?: string;
  [key: string]: string | undefined;
}

const plural = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;

export default function YearPlanPage() {
  const location = useLocation<{ flash?: string }>();
  const [params, setParams] = useSearchParams<PlanParams>();
  const year = useYear();
  const table = () => params.vy === "tabell";
  const status = (): Status | undefined =>
    STATUSES.includes(params.status as Status) ? (params.status as Status) : undefined;
  const courseId = () => (params.utbildning && /^\d+$/.test(params.utbildning) ? Number(params.utbildning) : undefined);

  const [occasions] = createResource(year, (y) => staffApi.occasions(y));
  const [courses] = createResource(() => staffApi.courses().catch(() => []));
  const list = () => loaded(occasions);
  usePageTitle(() => `Årshjul ${year()}`);

  /** Every course of the organiser, and any course the year's occasions name that the list lacks. */
  const courseOptions = createMemo(() => {
    const byId = new Map<number, string>();
    for (const c of courses.latest ?? []) byId.set(c.id, c.title);
    for (const o of list() ?? []) if (!byId.has(o.courseId)) byId.set(o.courseId, o.courseTitle);
    return [...byId.entries()]
      .map(([id, title]) => ({ id, title }))
      .sort((a, b) => a.title.localeCompare(b.title, "sv-SE"));
  });
  const courseTitle = () => courseOptions().find((c) => c.id === courseId())?.title;
  const ofCourse = createMemo(() =>
    (list() ?? []).filter((o) => courseId() === undefined || o.courseId === courseId()),
  );
  const shown = createMemo(() => ofCourse().filter((o) => !status() || o.status === status()));
  const filtered = () => courseId() !== undefined || status() !== undefined;
  /** "utkast", "inställda": the status filter in a sentence, "" without one. */
  const statusWord = (): string => {
    const s = status();
    return s ? (STATUS_PLURAL[s] ?? s).toLocaleLowerCase("sv-SE") : "";
  };

  /** "12 publicerade tillfällen 2026, 327 av 612 platser bokade (53 %)." Drafts and cancelled beside it. */
  const summary = () => {
    if (!list()) return "";
    const all = ofCourse();
    const published = all.filter((o) => o.status === "published");
    const drafts = all.filter((o) => o.status === "draft").length;
    const cancelled = all.filter((o) => o.status === "cancelled").length;
    const places = published.reduce((n, o) => n + o.capacity, 0);
    const taken = published.reduce((n, o) => n + o.confirmed, 0);
    let text = `${plural(published.length, "publicerat tillfälle", "publicerade tillfällen")} ${year()}`;
    if (courseTitle()) text += ` av ${courseTitle()}`;
    text += places > 0 ? `, ${num(taken)} av ${num(places)} platser bokade (${percent(taken / places)}).` : ".";
    const other = [
      drafts ? plural(drafts, "utkast", "utkast") : "",
      cancelled ? plural(cancelled, "inställt", "inställda") : "",
    ].filter(Boolean);
    if (other.length) text += ` Dessutom ${other.join(" och ")}, som inte räknas in.`;
    return text;
  };

  /** The address of this page with some parameters changed (undefined: left out). */
  const hrefWith = (changes: Partial<PlanParams>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, ...changes })) if (v) q.set(k, v);
    const s = q.toString();
    return `/kansliet/arshjul${s ? `?${s}` : ""}`;
  };

  return (
    <>
      <PageHeading>Årshjul {year()}</PageHeading>
      <p class="lead">Förbundets alla tillfällen under året, även utkast som inte syns i kurskatalogen.</p>
      <Show when={location.state?.flash}>
        <div class="notice notice--success" role="status">
          <p>{location.state!.flash}</p>
        </div>
      </Show>
      <div class="toolbar">
        <div class="plan-filters">
          <YearInAddress />
          <div class="filter filter--inline">
            <label class="label" for="plan-course">
              Utbildning
            </label>
            <select
              id="plan-course"
              class="input select"
              onChange={(e) => setParams({ utbildning: e.currentTarget.value || undefined }, { replace: true })}
            >
              <option value="" selected={courseId() === undefined}>
                Alla utbildningar
              </option>
              <For each={courseOptions()}>
                {(c) => (
                  <option value={String(c.id)} selected={c.id === courseId()}>
                    {c.title}
                  </option>
                )}
              </For>
            </select>
          </div>
          <div class="filter filter--inline">
            <label class="label" for="plan-status">
              Status
            </label>
            <select
              id="plan-status"
              class="input select select--short"
              onChange={(e) => setParams({ status: e.currentTarget.value || undefined }, { replace: true })}
            >
              <option value="" selected={!status()}>
                Alla
              </option>
              <For each={STATUSES}>
                {(s) => (
                  <option value={s} selected={s === status()}>
                    {STATUS_PLURAL[s]}
                  </option>
                )}
              </For>
            </select>
          </div>
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

      <div class="view-switch" role="group" aria-label="Visa som">
        <a class="view-switch-option" href={hrefWith({ vy: undefined })} aria-current={!table() ? "true" : undefined}>
          Lista per månad
        </a>
        <a class="view-switch-option" href={hrefWith({ vy: "tabell" })} aria-current={table() ? "true" : undefined}>
          Tabell
        </a>
      </div>

      <p class="result-count plan-summary" role="status">
        {summary()}
        <Show when={list() && filtered()}>
          {" "}
          Visar {num(shown().length)} av {plural(list()!.length, "tillfälle", "tillfällen")}
          {statusWord() ? ` (${statusWord()})` : ""}.
        </Show>
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
        <Match when={shown().length === 0}>
          <div class="notice">
            <p>Inga tillfällen {year()} stämmer med filtret.</p>
            <p>
              <a href={hrefWith({ utbildning: undefined, status: undefined })}>Visa alla tillfällen {year()}</a>
            </p>
          </div>
        </Match>
        <Match when={table()}>
          <PlanTable
            occasions={shown()}
            caption={`Tillfällen ${year()}${courseTitle() ? `, ${courseTitle()}` : ""}${statusWord() ? `, ${statusWord()}` : ""}`}
          />
        </Match>
        <Match when={list()}>
          <MonthSections occasions={shown()} card={(o) => <PlanCard occasion={o} />} />
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

function PlanTable(props: { occasions: OfficeOccasion[]; caption: string }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby="plan-caption" tabindex="0">
      <table class="table table--plan" id="plan-table">
        <caption id="plan-caption" class="visually-hidden">
          {props.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">Datum</th>
            <th scope="col">Utbildning och tillfälle</th>
            <th scope="col">Status</th>
            <th scope="col">Plats</th>
            <th scope="col" class="num">
              Bokade av platser
            </th>
            <th scope="col" class="num">
              Väntelista
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.occasions}>
            {(o) => (
              <tr data-occasion={o.id} classList={{ "row--cancelled": o.status === "cancelled" }}>
                <td class="plan-date">
                  {formatDay(o.startsAt)}
                  <span class="table-note">
                    {" "}
                    {o.days[0] ? `${formatTime(o.days[0].startsAt)}–${formatTime(o.days[0].endsAt)}` : ""}
                    {o.days.length > 1 ? ` och ${o.days.length - 1} ${o.days.length === 2 ? "dag" : "dagar"} till` : ""}
                  </span>
                </td>
                <th scope="row">
                  <a href={`/kansliet/tillfallen/${o.id}`}>{o.title}</a>
                </th>
                <td>
                  <StatusBadge status={o.status} />
                </td>
                <td>{o.online ? "Digitalt" : o.location}</td>
                <td class="num">
                  {num(o.confirmed)} av {num(o.capacity)}
                </td>
                <td class="num">{num(o.waitlisted)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
