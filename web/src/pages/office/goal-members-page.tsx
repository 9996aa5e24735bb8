// "/kansliet/mal/:id": the list behind a goal's figure (GET /api/office/goals/:id/members):
// one row per workplace, person, participation or held occasion the goal counts, each with
// the occasions behind it (links to the occasion, the date in Swedish, attended or not). The
// count of rows is the figure on the follow-up. A search narrows the list on the page; the
// way back leads to the follow-up of the goal's year.
import { useParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { staffApi, type GoalMembers } from "../../api.ts";
import { GoalProgress } from "../../components/office/goal-progress.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { formatDay } from "../../occasion-text.ts";
import { forecastText, goalCount, goalCountsText, goalValueText, num, paceText } from "../../office-text.ts";
import { StaffErrorNotice } from "./office-shell.tsx";

type Member = GoalMembers["members"][number];

const COLUMNS: Record<string, { name: string; detail: string; occasions: string }> = {
  workplaces: { name: "Arbetsplats", detail: "Kommun och organisationsnummer", occasions: "Tillfällen" },
  staff: { name: "Namn", detail: "E-post, arbetsgivare och arbetsplats", occasions: "Tillfällen" },
  participants: { name: "Namn", detail: "E-post, arbetsgivare och arbetsplats", occasions: "Tillfälle" },
  occasions: { name: "Tillfälle", detail: "Första dagen", occasions: "" },
};

const fold = (s: string) => s.toLocaleLowerCase("sv-SE");

function attendedText(o: Member["occasions"][number], now: number): string {
  if (o.attended) return "deltog";
  return new Date(o.startsAt).getTime() > now ? "kommande" : "ingen närvaro markerad";
}

export default function GoalMembersPage() {
  const params = useParams<{ id: string }>();
  const [data] = createResource(
    () => params.id,
    (id) => staffApi.goalMembers(id),
  );
  const [types] = createResource(() => staffApi.courseTypes().catch(() => []));
  const typeName = (code: string) => types.latest?.find((t) => t.code === code)?.name ?? code;
  const d = () => loaded(data);
  usePageTitle(() => d()?.goal.label ?? "Målets underlag");

  return (
    <Switch>
      <Match when={data.error}>
        <p class="back">
          <a href="/kansliet">Uppföljning</a>
        </p>
        <PageHeading>Målets underlag</PageHeading>
        <StaffErrorNotice title="Listan kunde inte hämtas" error={data.error} />
      </Match>
      <Match when={!d()}>
        <p class="back">
          <a href="/kansliet">Uppföljning</a>
        </p>
        <PageHeading>Målets underlag</PageHeading>
        <Loading>Hämtar listan…</Loading>
      </Match>
      <Match when={d()}>{(gm) => <MembersView data={gm()} typeName={typeName} />}</Match>
    </Switch>
  );
}

function MembersView(props: { data: GoalMembers; typeName: (code: string) => string }) {
  const goal = () => props.data.goal;
  const cols = () => COLUMNS[goal().kind] ?? COLUMNS.staff!;
  const [query, setQuery] = createSignal("");
  const now = Date.now();
  const shown = createMemo(() => {
    const q = fold(query().trim());
    if (!q) return props.data.members;
    return props.data.members.filter((m) =>
      [m.name, m.detail ?? "", ...m.occasions.flatMap((o) => [o.title, formatDay(o.startsAt)])].some((s) =>
        fold(s).includes(q),
      ),
    );
  });
  const total = () => props.data.members.length;
  const countText = () =>
    query().trim()
      ? `${num(shown().length)} av ${goalCount(goal().kind, total())} stämmer med ”${query().trim()}”.`
      : `${goalCount(goal().kind, total())} räknas för målet${total() === goal().value ? "" : ` (siffran på uppföljningen är ${num(goal().value)})`}.`;

  return (
    <>
      <p class="back">
        <a href={`/kansliet?ar=${goal().year}`}>Uppföljning {goal().year}</a>
      </p>
      <PageHeading>{goal().label}</PageHeading>
      <p class="goal-summary">
        <strong class="goal-summary-figure">
          {goal().target > 0 ? goalValueText(goal()) : goalCount(goal().kind, goal().value)}
        </strong>
        <span class="goal-summary-meta">
          {" "}
          {goal().year} · {goalCountsText(goal(), props.typeName)}
        </span>
      </p>
      <Show
        when={goal().target > 0}
        fallback={
          <p class="pace pace--missing">
            Målvärde saknas – ange det under <a href="/kansliet/mal">Mål</a>
          </p>
        }
      >
        <div class="goal-summary-bar">
          <GoalProgress goal={goal()} />
        </div>
        <p class="pace" classList={{ "pace--ok": goal().onTrack, "pace--behind": !goal().onTrack }}>
          <span class="pace-icon" aria-hidden="true">
            {goal().onTrack ? "✓" : "!"}
          </span>{" "}
          {paceText(goal())}
        </p>
        <p class="goal-forecast">{forecastText(goal())}</p>
      </Show>

      <h2 id="members-heading">Vilka som räknas</h2>
      <div class="filter filter--inline members-filter">
        <label class="label" for="members-search">
          Sök i listan
        </label>
        <p class="hint" id="members-search-hint">
          Namn, e-post, kommun, organisationsnummer eller tillfälle
        </p>
        <input
          id="members-search"
          class="input input--medium"
          type="search"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
          aria-describedby="members-search-hint"
          autocomplete="off"
          spellcheck={false}
        />
      </div>
      <p class="result-count" role="status" id="members-count">
        {countText()}
      </p>

      <Show
        when={total() > 0}
        fallback={
          <div class="notice">
            <p>Ingen räknas för målet än.</p>
          </div>
        }
      >
        <div class="table-scroll table-scroll--fit" role="region" aria-labelledby="members-caption" tabindex="0">
          <table class="table table--members">
            <caption id="members-caption" class="visually-hidden">
              {goal().label}: {goalCount(goal().kind, total())}
            </caption>
            <thead>
              <tr>
                <th scope="col">{cols().name}</th>
                <th scope="col">{cols().detail}</th>
                <Show when={goal().kind !== "occasions"}>
                  <th scope="col">{cols().occasions}</th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={shown()}>
                {(m) => (
                  <tr data-key={m.key}>
                    <Show
                      when={goal().kind === "occasions"}
                      fallback={
                        <>
                          <th scope="row">{m.name}</th>
                          <td class="members-detail">{m.detail}</td>
                          <td>
                            <ul class="plain-list member-occasions">
                              <For each={m.occasions}>
                                {(o) => (
                                  <li>
                                    <a href={`/kansliet/tillfallen/${o.id}`}>{o.title}</a>, {formatDay(o.startsAt)}:{" "}
                                    <span classList={{ "attended-yes": o.attended, "attended-no": !o.attended }}>
                                      {attendedText(o, now)}
                                    </span>
                                  </li>
                                )}
                              </For>
                            </ul>
                          </td>
                        </>
                      }
                    >
                      <th scope="row">
                        <a href={`/kansliet/tillfallen/${m.occasions[0]?.id ?? m.key}`}>{m.name}</a>
                      </th>
                      <td>{m.occasions[0] ? formatDay(m.occasions[0].startsAt) : m.detail}</td>
                    </Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <p class="back">
        <a href={`/kansliet?ar=${goal().year}`}>Tillbaka till uppföljningen {goal().year}</a>
      </p>
    </>
  );
}
