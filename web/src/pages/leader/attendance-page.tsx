// "/kursledare/tillfallen/:id": the list at the door. Each day of the occasion has its own
// marks (the day lives in the address, ?dag=ID, and defaults to today). One tap marks a person
// present; "Fler val" gives late, excused or absent. Marks go through the queue on the phone
// (mark-queue.ts), so a dropped connection loses none: the row says "Inte sparad än" until
// the server has it. Walk-ins, closing the day, the waiting list, the QR code for the
// projector and the printed signing list are here too. A locked day is read-only.
import { useParams, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import {
  api,
  leaderApi,
  type AttendanceMark,
  type Attendee,
  type OfficeRegistrationInput,
  type Party,
} from "../../api.ts";
import { defaultDay, isToday, MARKS, markWord, people } from "../../attendance-text.ts";
import { AttendeeRow } from "../../components/leader/attendee-row.tsx";
import { CloseDay } from "../../components/leader/close-day.tsx";
import { OccasionEvaluation } from "../../components/leader/occasion-evaluation.tsx";
import { SigningList } from "../../components/leader/signing-list.tsx";
import { WalkInForm, type WalkInControl } from "../../components/leader/walk-in-form.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { StaffErrorNotice } from "../../components/staff.tsx";
import { formatDay, formatSpan } from "../../occasion-text.ts";
import { useLeaderUser, useMarkQueue } from "./leader-shell.tsx";

const LOCKED_TEXT =
  "Närvaron för dagen är låst. Du kan se markeringarna men inte ändra dem. Kontakta kansliet om något behöver ändras.";

/** Case-insensitive search text (å, ä and ö are letters of their own in Swedish, so no folding). */
const fold = (s: string) => s.toLocaleLowerCase("sv");

export default function AttendancePage() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ dag?: string }>();
  const user = useLeaderUser();
  const [list, { mutate }] = createResource(
    () => params.id,
    (id) => leaderApi.participants(id),
  );
  /** The list again after a change; a failure leaves the list as it was (the change itself is saved). */
  async function reload() {
    try {
      mutate(await leaderApi.participants(params.id));
    } catch {
      // Shown again on the next load.
    }
  }
  const data = () => loaded(list);
  const [parties] = createResource(
    () => user().organiserSlug,
    (slug) => api.parties(slug).catch((): Party[] => []),
  );
  const partyName = (code: string) => parties.latest?.find((p) => p.code === code)?.name ?? code;

  // The marks the server has, "dayId:registrationId" → mark; marks still in the queue are laid over them.
  const [saved, setSaved] = createStore<Record<string, AttendanceMark | undefined>>({});
  createEffect(() => {
    const d = data();
    if (!d) return;
    const all: Record<string, AttendanceMark> = {};
    for (const p of d.participants)
      for (const [dayId, m] of Object.entries(p.marks)) all[`${dayId}:${p.registrationId}`] = m;
    setSaved(reconcile(all));
  });

  // What a screen reader hears after a tap (the row shows it too).
  const [said, setSaid] = createSignal("");
  const say = (text: string) => setSaid((before) => (before === text ? `${text}\u00a0` : text));
  const queue = useMarkQueue();
  onCleanup(
    queue.listen({
      saved: (m) => setSaved(`${m.dayId}:${m.registrationId}`, m.status ?? undefined),
      caughtUp: () => say("Alla markeringar är sparade."),
    }),
  );
  const refusals = () => queue.refused().filter((r) => r.mark.occasionId === data()?.occasion.id);

  const days = () => data()?.occasion.days ?? [];
  const day = createMemo(() => {
    const all = days();
    return all.find((d) => String(d.id) === search.dag) ?? defaultDay(all);
  });
  const dayNumber = () => (days().length > 1 && day() ? days().indexOf(day()!) + 1 : null);
  /** After the last day (and not cancelled): the evaluation's results are shown. */
  const over = () =>
    data()?.occasion.status !== "cancelled" &&
    days().length > 0 &&
    Math.max(...days().map((x) => Date.parse(x.endsAt))) <= Date.now();
  const dayText = () => {
    const d = day();
    return d ? `${dayNumber() ? `dag ${dayNumber()}, ` : ""}${formatDay(d.startsAt)}` : "";
  };
  const lockMessage = () => {
    const d = day();
    if (!d) return null;
    // A mark the server refused because the day locked meanwhile.
    const refusedLocked = refusals().find((r) => r.mark.dayId === d.id && r.code === "attendance_locked");
    return refusedLocked?.message ?? (d.locked ? LOCKED_TEXT : null);
  };
  const locked = () => lockMessage() !== null;
  const dayOver = () => !!day() && new Date(day()!.endsAt) <= new Date();

  usePageTitle(() => (data() ? `Närvaro: ${data()!.occasion.title}` : "Närvaro"));

  const markOf = (p: Attendee): AttendanceMark | null => {
    const d = day();
    if (!d) return null;
    const queued = queue.pendingFor(d.id, p.registrationId);
    return queued ? queued.status : (saved[`${d.id}:${p.registrationId}`] ?? null);
  };
  const unsavedOf = (p: Attendee): "saving" | "waiting" | null => {
    const d = day();
    const queued = d && queue.pendingFor(d.id, p.registrationId);
    if (!queued) return null;
    return queue.firstTry(queued.id) ? "saving" : "waiting";
  };

  function mark(p: Attendee, status: AttendanceMark | null) {
    const d = day();
    const o = data()?.occasion;
    if (!d || !o || locked()) return;
    queue.add({ occasionId: o.id, dayId: d.id, registrationId: p.registrationId, name: p.name, status });
    const what = status ? markWord(status) : "ingen markering";
    say(
      navigator.onLine
        ? `${p.name}: ${what}.`
        : `${p.name}: ${what}. Inte sparad än, sparas när anslutningen är tillbaka.`,
    );
  }

  const counts = createMemo(() => {
    const c: Record<AttendanceMark | "unmarked", number> = { present: 0, late: 0, excused: 0, absent: 0, unmarked: 0 };
    for (const p of data()?.participants ?? []) c[markOf(p) ?? "unmarked"]++;
    return c;
  });

  const [query, setQuery] = createSignal("");
  const shown = createMemo(() => {
    const all = data()?.participants ?? [];
    const q = fold(query().trim());
    if (!q) return all;
    return all.filter((p) => fold(`${p.name} ${p.email} ${p.workplace?.name ?? ""}`).includes(q));
  });

  const waiting = () => queue.items().filter((m) => m.occasionId === data()?.occasion.id);
  const problemText = () => {
    const n = waiting().length;
    if (n === 0 || !queue.problem()) return null;
    const marks = n === 1 ? "1 markering är inte sparad än." : `${n} markeringar är inte sparade än.`;
    switch (queue.problem()) {
      case "offline":
        return `${marks} Telefonen har ingen anslutning just nu. Markeringarna finns kvar i telefonen och sparas automatiskt när anslutningen är tillbaka.`;
      case "signed-out":
        return `${marks} Du har blivit utloggad. Markeringarna finns kvar i telefonen och sparas när du har loggat in igen.`;
      default:
        return `${marks} Tjänsten svarar inte just nu. Vi försöker igen automatiskt.`;
    }
  };

  let walkIn: WalkInControl | undefined;

  async function addWalkIn(input: OfficeRegistrationInput): Promise<string> {
    const d = day()!;
    const o = data()!.occasion;
    const r = await leaderApi.addWalkIn(o.id, d.id, input);
    setSaved(`${d.id}:${r.registrationId}`, "present");
    await reload();
    return r.walkIn
      ? `${input.name.trim()} är tillagd och markerad som närvarande.`
      : `${input.email.trim()} var redan anmäld. Personen har nu en plats och är markerad som närvarande.`;
  }

  async function closeDay(): Promise<string> {
    const d = day()!;
    const o = data()!.occasion;
    // Queued marks first: they must not be overtaken (the server would keep them anyway, last wins).
    await queue.flush();
    if (queue.items().some((m) => m.occasionId === o.id && m.dayId === d.id)) {
      throw new Error("Några markeringar är inte sparade än. Vänta tills anslutningen är tillbaka och försök igen.");
    }
    const n = await leaderApi.closeDay(o.id, d.id);
    await reload();
    return n === 0 ? "Alla var redan markerade. Ingen ändring behövdes." : `${people(n)} markerades som frånvarande.`;
  }

  return (
    <Switch>
      <Match when={list.error}>
        <PageHeading>Närvaro</PageHeading>
        <StaffErrorNotice title="Deltagarlistan kunde inte hämtas" error={list.error} />
        <p>
          <a href="/kursledare">Till dina tillfällen</a>
        </p>
      </Match>
      <Match when={!data()}>
        <Loading>Hämtar deltagarlistan…</Loading>
      </Match>
      <Match when={data()}>
        {(d) => (
          <>
            <div class="no-print">
              <p class="back">
                <a href="/kursledare">Mina tillfällen</a>
              </p>
              <PageHeading>{d().occasion.title}</PageHeading>
              <Show when={d().occasion.location}>
                <p class="lead">{d().occasion.location}</p>
              </Show>
              <Show when={d().occasion.status === "cancelled"}>
                <div class="notice notice--warning">
                  <p>Tillfället är inställt.</p>
                </div>
              </Show>

              <Show when={days().length > 1}>
                <nav class="day-nav" aria-label="Dagar">
                  <ul>
                    <For each={days()}>
                      {(x, i) => (
                        <li>
                          <a
                            href={`/kursledare/tillfallen/${d().occasion.id}?dag=${x.id}`}
                            aria-current={x.id === day()?.id ? "true" : undefined}
                            onClick={() => say(`Visar dag ${i() + 1}: ${formatSpan(x.startsAt, x.endsAt)}.`)}
                          >
                            Dag {i() + 1}
                            <span class="day-nav-date">
                              {formatDay(x.startsAt)}
                              {isToday(x) ? " (i dag)" : ""}
                            </span>
                          </a>
                        </li>
                      )}
                    </For>
                  </ul>
                </nav>
              </Show>

              <Show when={day()}>
                {(dd) => (
                  <>
                    <h2 class="day-heading">
                      {dayNumber() ? `Dag ${dayNumber()}: ` : ""}
                      {formatSpan(dd().startsAt, dd().endsAt)}
                      <Show when={isToday(dd())}>
                        <span class="tag tag--today">I dag</span>
                      </Show>
                    </h2>

                    <Show when={lockMessage()}>
                      <div class="notice notice--warning locked-notice">
                        <h3 class="notice-title">Låst</h3>
                        <p>{lockMessage()}</p>
                      </div>
                    </Show>

                    <div class="sync-status" role="status">
                      <Show when={problemText()}>
                        <div class="notice notice--warning">
                          <p>{problemText()}</p>
                          <Show when={queue.problem() === "signed-out"}>
                            <p>
                              <a href="/logga-in">Logga in igen</a>
                            </p>
                          </Show>
                          <Show when={queue.problem() !== "signed-out"}>
                            <p>
                              <button
                                type="button"
                                class="button button--secondary button--small"
                                onClick={() => void queue.flush()}
                              >
                                Försök spara nu
                              </button>
                            </p>
                          </Show>
                        </div>
                      </Show>
                      <Show when={!queue.persistent()}>
                        <div class="notice notice--warning">
                          <p>
                            Telefonen kan inte spara markeringar i webbläsaren (privat läge?). Ladda inte om sidan
                            förrän alla är sparade.
                          </p>
                        </div>
                      </Show>
                    </div>
                    <Show when={refusals().length > 0}>
                      <div class="notice notice--error" role="alert">
                        <ul class="plain-list">
                          <For each={refusals()}>
                            {(r) => (
                              <li>
                                {r.mark.name}: markeringen kunde inte sparas. {r.message}
                              </li>
                            )}
                          </For>
                        </ul>
                        <p>
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            onClick={() => {
                              queue.clearRefused();
                              void reload();
                            }}
                          >
                            Dölj meddelandet
                          </button>
                        </p>
                      </div>
                    </Show>

                    <ul class="mark-counts" aria-label="Antal per status">
                      <For each={MARKS}>
                        {(m) => (
                          <li class={`mark-count mark-count--${m}`}>
                            <span class="mark-count-n">{counts()[m]}</span> {markWord(m)}
                          </li>
                        )}
                      </For>
                      <li class="mark-count mark-count--unmarked">
                        <span class="mark-count-n">{counts().unmarked}</span> ej markerade
                      </li>
                      <li class="mark-count mark-count--total">
                        <span class="mark-count-n">{d().participants.length}</span> anmälda
                      </li>
                    </ul>

                    <div class="button-row leader-tools">
                      <Show when={!locked() && !dayOver()}>
                        <a
                          class="button button--secondary"
                          href={`/kursledare/tillfallen/${d().occasion.id}/dagar/${dd().id}/qr`}
                        >
                          Visa QR-kod
                        </a>
                      </Show>
                      <button type="button" class="button button--secondary" onClick={() => window.print()}>
                        Skriv ut närvarolista
                      </button>
                      <a class="button button--secondary" href={`/kursledare/tillfallen/${d().occasion.id}/behov`}>
                        Specialkost och anpassning (antal)
                      </a>
                    </div>

                    <Show when={!locked()}>
                      <WalkInForm
                        parties={parties.latest ?? []}
                        dayText={dayText()}
                        onAdd={addWalkIn}
                        control={(c) => (walkIn = c)}
                      />
                    </Show>

                    <section aria-labelledby="list-heading">
                      <h2 id="list-heading">Deltagare</h2>
                      <Show when={d().participants.some((p) => p.dietary || p.accessibilityNeeds)}>
                        <p class="hint">
                          Specialkost och behov av anpassning är känsliga uppgifter. Visa dem inte för andra.
                        </p>
                      </Show>
                      <div class="search">
                        <label class="label" for="search">
                          Sök deltagare
                        </label>
                        <p class="hint" id="search-hint">
                          Namn, e-post eller arbetsplats.
                        </p>
                        <input
                          id="search"
                          class="input"
                          type="search"
                          autocomplete="off"
                          spellcheck={false}
                          aria-describedby="search-hint search-result"
                          value={query()}
                          onInput={(e) => setQuery(e.currentTarget.value)}
                        />
                        <p class="hint search-result" id="search-result" role="status">
                          {query().trim() ? `Visar ${shown().length} av ${d().participants.length}.` : ""}
                        </p>
                      </div>
                      <Show
                        when={shown().length > 0}
                        fallback={
                          <p>
                            {d().participants.length === 0
                              ? "Ingen har anmält sig än."
                              : `Ingen deltagare matchar ”${query().trim()}”.`}
                          </p>
                        }
                      >
                        <ul class="attendees">
                          <For each={shown()}>
                            {(p) => (
                              <AttendeeRow
                                person={p}
                                partyName={partyName(p.party)}
                                mark={markOf(p)}
                                unsaved={unsavedOf(p)}
                                locked={locked()}
                                onMark={(status) => mark(p, status)}
                              />
                            )}
                          </For>
                        </ul>
                      </Show>
                    </section>

                    <Show when={!locked()}>
                      <CloseDay unmarked={counts().unmarked} dayText={dayText()} onConfirm={closeDay} />
                    </Show>

                    <section class="action-box" aria-labelledby="waitlist-heading">
                      <h2 id="waitlist-heading">Väntelista</h2>
                      <Show when={d().waitlist.length > 0} fallback={<p>Ingen står på väntelistan.</p>}>
                        <p>
                          De här har ingen plats. Kommer någon av dem ändå: lägg till personen på plats, så får hen en
                          plats och markeras som närvarande.
                        </p>
                        <ol class="waitlist">
                          <For each={d().waitlist}>
                            {(w) => (
                              <li class="waitlist-item">
                                <p class="attendee-name">{w.name}</p>
                                <p class="attendee-meta">
                                  {[
                                    w.workplace ? `${w.workplace.name} (${w.workplace.municipality})` : null,
                                    partyName(w.party),
                                  ]
                                    .filter(Boolean)
                                    .join(" · ")}
                                </p>
                                <Show when={!locked()}>
                                  <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    aria-label={`${w.name}: lägg till på plats`}
                                    onClick={() =>
                                      walkIn?.fill({
                                        name: w.name,
                                        email: w.email,
                                        party: w.party,
                                        workplaceName: w.workplace?.name ?? "",
                                        municipality: w.workplace?.municipality ?? "",
                                      })
                                    }
                                  >
                                    Lägg till på plats
                                  </button>
                                </Show>
                              </li>
                            )}
                          </For>
                        </ol>
                      </Show>
                    </section>

                    <Show when={over()}>
                      <OccasionEvaluation occasionId={d().occasion.id} />
                    </Show>
                  </>
                )}
              </Show>
              <p class="visually-hidden" role="status">
                {said()}
              </p>
            </div>
            <Show when={day()}>
              {(dd) => (
                <SigningList
                  title={d().occasion.title}
                  location={d().occasion.location}
                  day={dd()}
                  dayNumber={dayNumber()}
                  people={d().participants}
                  partyName={partyName}
                />
              )}
            </Show>
          </>
        )}
      </Match>
    </Switch>
  );
}
