// "/kursledare": the occasions this person leads, each with its days, its place (or "Digitalt")
// and how many are registered (and waiting). Today's first (marked "I dag"), then the coming
// ones, soonest first, then the past ones, latest first, where the marks can still be looked
// at (and changed until they lock).
import { createMemo, createResource, For, Match, Show, Switch } from "solid-js";
import { leaderApi, type LeaderOccasion } from "../../api.ts";
import { isToday } from "../../attendance-text.ts";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { StaffErrorNotice } from "../../components/staff.tsx";
import { formatSpan } from "../../occasion-text.ts";
import { useLeaderUser } from "./leader-shell.tsx";

function groups(list: LeaderOccasion[], now = new Date()) {
  const today = list.filter((o) => o.days.some((d) => isToday(d, now)));
  const rest = list.filter((o) => !today.includes(o));
  const coming = rest.filter((o) => new Date(o.endsAt) > now).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = rest.filter((o) => new Date(o.endsAt) <= now).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return [
    { id: "today", title: "I dag", occasions: today, today: true },
    { id: "coming", title: "Kommande", occasions: coming, today: false },
    { id: "past", title: "Tidigare", occasions: past, today: false },
  ].filter((g) => g.occasions.length > 0);
}

/** "12 anmälda", and "· 3 på väntelistan" when there is one. */
function countText(o: Pick<LeaderOccasion, "confirmed" | "waitlisted">): string {
  const confirmed = `${o.confirmed} ${o.confirmed === 1 ? "anmäld" : "anmälda"}`;
  return o.waitlisted > 0 ? `${confirmed} · ${o.waitlisted} på väntelistan` : confirmed;
}

export default function LeaderOccasionsPage() {
  const user = useLeaderUser();
  const [occasions] = createResource(() => leaderApi.occasions());
  const grouped = createMemo(() => groups(loaded(occasions) ?? []));
  usePageTitle(() => "Mina tillfällen");

  return (
    <>
      <PageHeading>Mina tillfällen</PageHeading>
      <p class="lead">
        Hej {user().name}! {user().role === "office" ? "Här är förbundets tillfällen." : "Här är tillfällena du leder."}{" "}
        Öppna ett tillfälle för deltagarlistan och närvaron.
      </p>
      <Switch>
        <Match when={occasions.error}>
          <StaffErrorNotice title="Tillfällena kunde inte hämtas" error={occasions.error} />
        </Match>
        <Match when={!loaded(occasions)}>
          <Loading>Hämtar dina tillfällen…</Loading>
        </Match>
        <Match when={grouped().length === 0}>
          <p>Du leder inga tillfällen just nu. Kansliet lägger till dig som kursledare på ett tillfälle.</p>
        </Match>
        <Match when={grouped().length > 0}>
          <For each={grouped()}>
            {(g) => (
              <section aria-labelledby={`group-${g.id}`}>
                <h2 id={`group-${g.id}`} class="month-heading">
                  {g.title}
                </h2>
                <ul class="cards">
                  <For each={g.occasions}>
                    {(o) => (
                      <li
                        class="card"
                        classList={{ "card--today": g.today, "card--cancelled": o.status === "cancelled" }}
                      >
                        <div class="card-head">
                          <h3 class="card-title">
                            <a href={`/kursledare/tillfallen/${o.id}`}>{o.title}</a>
                          </h3>
                          <Show when={g.today}>
                            <span class="tag tag--today">I dag</span>
                          </Show>
                          <Show when={o.status === "cancelled"}>
                            <span class="tag tag--cancelled">Inställt</span>
                          </Show>
                        </div>
                        <ul class="plain-list card-days">
                          <For each={o.days}>{(d) => <li>{formatSpan(d.startsAt, d.endsAt)}</li>}</For>
                        </ul>
                        <p class="card-place">{o.online ? "Digitalt" : o.location || "Plats ej angiven"}</p>
                        <p class="card-count">{countText(o)}</p>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            )}
          </For>
        </Match>
      </Switch>
    </>
  );
}
