// Who is registered for an occasion, as the office sees it: people with a place first, then
// the waiting list in its order; cancelled and moved registrations below, folded away, each
// with who ended the place and when (herself, the office, a move and where to). On a
// phone the table scrolls sideways inside its own box (which takes keyboard focus so it can
// be scrolled without a mouse). Each person in the table has a "Flytta" button (to another
// occasion of the course), and her name leads to her own page (all her registrations).
import { createMemo, For, Show } from "solid-js";
import type { OfficeRegistration, Party } from "../../api.ts";
import { formatDay } from "../../occasion-text.ts";
import { REGISTRATION_STATUS_TEXT } from "../../office-text.ts";
import { cancelledText } from "./office-list-text.ts";

const RANK: Record<string, number> = { confirmed: 0, waitlisted: 1 };

/** The office's page of one person, by her address. */
const personHref = (email: string) => `/kansliet/personer/${encodeURIComponent(email.trim().toLowerCase())}`;

const SOURCE_TEXT: Record<string, string> = {
  office: "anmäld av kansliet",
  "walk-in": "kom på plats",
};

export function ParticipantList(props: {
  registrations: OfficeRegistration[];
  parties: Party[];
  /** the row just added by the office, marked until the next change */
  highlightId?: number | null;
  onMove?: (registration: OfficeRegistration, button: HTMLButtonElement) => void;
}) {
  const rows = createMemo(() =>
    props.registrations
      .filter((r) => r.status !== "cancelled")
      .sort(
        (a, b) =>
          (RANK[a.status] ?? 3) - (RANK[b.status] ?? 3) ||
          (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) ||
          a.createdAt.localeCompare(b.createdAt),
      ),
  );
  const cancelled = createMemo(() => props.registrations.filter((r) => r.status === "cancelled"));
  const count = (status: string) => props.registrations.filter((r) => r.status === status).length;
  const partyName = (code: string) => props.parties.find((p) => p.code === code)?.name ?? code;
  const summary = () => {
    const parts = [`${count("confirmed")} med plats`, `${count("waitlisted")} på väntelistan`];
    const cancelled = count("cancelled");
    if (cancelled) parts.push(`${cancelled} ${cancelled === 1 ? "avbokad" : "avbokade"}`);
    return `${parts.join(", ")}.`;
  };

  return (
    <section class="participants" aria-labelledby="participants-heading">
      <h2 id="participants-heading" tabindex="-1">
        Deltagare
      </h2>
      <Show when={props.registrations.length > 0} fallback={<p>Ingen har anmält sig än.</p>}>
        <p>{summary()}</p>
      </Show>
      <Show when={rows().length > 0}>
        <div class="table-scroll" role="region" aria-labelledby="participants-caption" tabindex="0">
          <table class="table">
            <caption id="participants-caption" class="visually-hidden">
              Deltagare, {summary()}
            </caption>
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">Arbetsplats</th>
                <th scope="col">Arbetsgivare</th>
                <th scope="col">Status</th>
                <th scope="col">Plats i kön</th>
                <Show when={props.onMove}>
                  <th scope="col">Ändra</th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(r) => (
                  <tr classList={{ "row--new": r.id === props.highlightId }}>
                    <th scope="row">
                      <a href={personHref(r.email)}>{r.name}</a>
                      <br />
                      <a class="table-mail" href={`mailto:${r.email}`}>
                        {r.email}
                      </a>
                      <Show when={SOURCE_TEXT[r.source]}>
                        {(text) => (
                          <>
                            <br />
                            <span class="table-note">{text()}</span>
                          </>
                        )}
                      </Show>
                    </th>
                    <td>{r.workplace ? `${r.workplace.name}, ${r.workplace.municipality}` : <None />}</td>
                    <td>{partyName(r.party)}</td>
                    <td>{REGISTRATION_STATUS_TEXT[r.status] ?? r.status}</td>
                    <td>{r.status === "waitlisted" && r.waitlistPosition ? r.waitlistPosition : <None />}</td>
                    <Show when={props.onMove}>
                      {(onMove) => (
                        <td>
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            onClick={(e) => onMove()(r, e.currentTarget)}
                          >
                            Flytta<span class="visually-hidden"> {r.name}</span>
                          </button>
                        </td>
                      )}
                    </Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={cancelled().length > 0}>
        <details class="cancelled-list">
          <summary>Avbokade och flyttade ({cancelled().length})</summary>
          <ul class="plain-list">
            <For each={cancelled()}>
              {(r) => (
                <li>
                  <a href={personHref(r.email)}>{r.name}</a>, <a href={`mailto:${r.email}`}>{r.email}</a>
                  <br />
                  <span class="table-note">
                    {cancelledText(r)}
                    <Show when={r.cancelledBy === "moved" ? r.movedTo : null}>
                      {(to) => (
                        <>
                          {" "}
                          <a href={`/kansliet/tillfallen/${to().id}`}>
                            {to().title}, {formatDay(to().startsAt)}
                          </a>
                        </>
                      )}
                    </Show>
                    <Show when={r.cancelledBy === "moved" && !r.movedTo}> ett annat tillfälle</Show>
                  </span>
                </li>
              )}
            </For>
          </ul>
        </details>
      </Show>
    </section>
  );
}

/** An empty cell: a dash to the eye, a word to a screen reader. */
function None() {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span class="visually-hidden">ingen</span>
    </>
  );
}
