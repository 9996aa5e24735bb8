// Who is registered for an occasion, as the office sees it: people with a place first, then
// the waiting list in its order, then cancellations. On a phone the table scrolls sideways
// inside its own box (which takes keyboard focus so it can be scrolled without a mouse).
import { createMemo, For, Show } from "solid-js";
import type { OfficeRegistration, Party } from "../../api.ts";
import { REGISTRATION_STATUS_TEXT } from "../../office-text.ts";

const RANK: Record<string, number> = { confirmed: 0, waitlisted: 1, cancelled: 2 };

export function ParticipantList(props: { registrations: OfficeRegistration[]; parties: Party[] }) {
  const rows = createMemo(() =>
    [...props.registrations].sort(
      (a, b) =>
        (RANK[a.status] ?? 3) - (RANK[b.status] ?? 3) ||
        (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) ||
        a.createdAt.localeCompare(b.createdAt),
    ),
  );
  const count = (status: string) => props.registrations.filter((r) => r.status === status).length;
  const partyName = (code: string) => props.parties.find((p) => p.code === code)?.name ?? code;
  const summary = () => {
    const parts = [`${count("confirmed")} med plats`, `${count("waitlisted")} på väntelistan`];
    const cancelled = count("cancelled");
    if (cancelled) parts.push(`${cancelled} ${cancelled === 1 ? "avbokad" : "avbokade"}`);
    return parts.join(", ") + ".";
  };

  return (
    <section class="participants" aria-labelledby="participants-heading">
      <h2 id="participants-heading" tabindex="-1">Deltagare</h2>
      <Show when={props.registrations.length > 0} fallback={<p>Ingen har anmält sig än.</p>}>
        <p>{summary()}</p>
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
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(r) => (
                  <tr classList={{ "row--cancelled": r.status === "cancelled" }}>
                    <th scope="row">
                      {r.name}
                      <br />
                      <a class="table-mail" href={`mailto:${r.email}`}>
                        {r.email}
                      </a>
                    </th>
                    <td>{r.workplace ? `${r.workplace.name}, ${r.workplace.municipality}` : <None />}</td>
                    <td>{partyName(r.party)}</td>
                    <td>{REGISTRATION_STATUS_TEXT[r.status] ?? r.status}</td>
                    <td>{r.status === "waitlisted" && r.waitlistPosition ? r.waitlistPosition : <None />}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
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
