// "/kansliet/personer/:email": one person and all her registrations with the organiser (her
// address and any the office has merged with it): course, date, status, how she registered
// and her details. Per registration "Ändra uppgifter" and "Avboka"; for the person "Radera
// personen" on request (issue 11), after which her name, address, role and free text are
// gone and every figure of the follow-up stays the same.
import { useNavigate, useParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import {
  api,
  ApiError,
  type OfficeOccasion,
  type PersonRegistration,
  type PersonRegistrations,
  staffApi,
} from "../../api.ts";
import { ConfirmDialog } from "../../components/office/confirm-dialog.tsx";
import { createFlash, Flash } from "../../components/office/flash.tsx";
import { RegistrationEditDialog } from "../../components/office/registration-edit-dialog.tsx";
import { GENDERS } from "../../components/person-fields.tsx";
import { Loading, loaded, PageHeading, usePageTitle } from "../../components/site.tsx";
import { REGISTRATION_STATUS_TEXT } from "../../office-text.ts";
import { formatDay, formatMoment } from "../../occasion-text.ts";
import { StaffErrorNotice, useStaffUser } from "./office-shell.tsx";

const SOURCE_TEXT: Record<string, string> = {
  web: "Själv, på webben",
  office: "Av kansliet",
  "walk-in": "På plats",
};

const registrationsText = (n: number) => (n === 1 ? "1 anmälan" : `${n} anmälningar`);

/** The address from the path; a malformed escape is taken as it stands. */
function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export default function PersonPage() {
  const params = useParams<{ email: string }>();
  const email = () => decoded(params.email);
  const navigate = useNavigate();
  const user = useStaffUser();
  const [person, { refetch, mutate }] = createResource(email, (e) => staffApi.personRegistrations(e));
  const data = () => loaded(person);
  // When each occasion ends (may it still be cancelled?) and whether it asks for dietary needs.
  const [occasions] = createResource(() => staffApi.allOccasions().catch((): OfficeOccasion[] => []));
  const occasionOf = (id: number) => occasions.latest?.find((o) => o.id === id);
  const [parties] = createResource(
    () => user().organiserSlug,
    (slug) => api.parties(slug).catch(() => []),
  );
  const partyName = (code: string) => parties.latest?.find((p) => p.code === code)?.name ?? code;
  const flash = createFlash();
  const [editing, setEditing] = createSignal<PersonRegistration | null>(null);
  const [cancelling, setCancelling] = createSignal<PersonRegistration | null>(null);
  const [erasing, setErasing] = createSignal(false);
  const [erased, setErased] = createSignal<{ registrations: number } | null>(null);
  let opener: HTMLElement | null = null;
  let erasedBox: HTMLDivElement | undefined;

  usePageTitle(() => (erased() ? "Personen är raderad" : (data()?.person.name ?? "Person")));

  const active = createMemo(() => (data()?.registrations ?? []).filter((r) => !r.anonymised));
  /** Not cancelled, and the occasion not over (unknown end: the server decides). */
  const canCancel = (r: PersonRegistration) => {
    if (r.status === "cancelled" || r.anonymised) return false;
    const o = occasionOf(r.occasionId);
    return !o || new Date(o.endsAt) > new Date();
  };
  const addresses = createMemo(() => [...new Set((data()?.registrations ?? []).map((r) => r.email.toLowerCase()))]);

  function open(e: MouseEvent, set: () => void) {
    flash.clear();
    opener = e.currentTarget as HTMLElement;
    set();
  }
  function focusBack() {
    const back = opener;
    opener = null;
    if (back?.isConnected) requestAnimationFrame(() => back.focus());
  }

  async function cancel(r: PersonRegistration) {
    await staffApi.cancelRegistration(r.id);
    setCancelling(null);
    opener = null;
    await refetch();
    flash.show({
      kind: "success",
      text:
        r.status === "waitlisted"
          ? `${r.name} har tagits bort från väntelistan till ${r.occasionTitle}. Hon får ett mejl om det.`
          : `${r.name} är avbokad från ${r.occasionTitle}. Hon får ett mejl, och den första på väntelistan får platsen.`,
    });
  }

  async function erase(d: PersonRegistrations) {
    const result = await staffApi.erasePerson(d.person.email);
    setErasing(false);
    opener = null;
    setErased(result);
    mutate(undefined);
    requestAnimationFrame(() => erasedBox?.focus());
  }

  return (
    <>
      <p class="back">
        <a href="/kansliet/personer">Personer</a>
      </p>
      <Switch>
        <Match when={erased()}>
          {(e) => (
            <>
              <PageHeading>Personen är raderad</PageHeading>
              <div class="notice notice--success" role="status" tabindex="-1" ref={(el) => (erasedBox = el)}>
                <p>
                  Namn, e-postadress, roll, specialkost och behov av anpassning är borttagna i{" "}
                  {registrationsText(e().registrations)}. Siffrorna i uppföljningen är desamma som förut: personen,
                  arbetsplatsen och närvaron räknas som tidigare, utan namn. Raderingen står i gallringsloggen under{" "}
                  <a href="/kansliet/installningar">Inställningar</a>.
                </p>
              </div>
              <p>
                <a href="/kansliet/personer">Tillbaka till personerna</a>
              </p>
            </>
          )}
        </Match>
        <Match when={person.error}>
          <PageHeading>Person</PageHeading>
          <Show
            when={person.error instanceof ApiError && person.error.status === 404}
            fallback={<StaffErrorNotice title="Personen kunde inte hämtas" error={person.error} />}
          >
            <div class="notice notice--error" role="alert">
              <h2 class="notice-title">Ingen anmälan med den adressen</h2>
              <p>
                Det finns ingen anmälan med {email()}. Personen kan ha raderats eller anonymiserats.{" "}
                <a href="/kansliet/personer">Sök bland personerna</a>.
              </p>
            </div>
          </Show>
        </Match>
        <Match when={!data()}>
          <PageHeading>Person</PageHeading>
          <Loading>Hämtar personen…</Loading>
        </Match>
        <Match when={data()}>
          {(d) => (
            <>
              <PageHeading>{d().person.name}</PageHeading>
              <p class="lead">
                {d().person.email}
                <Show when={addresses().length > 1}>
                  {" "}
                  (räknas som en person med{" "}
                  {addresses()
                    .filter((a) => a !== d().person.email)
                    .join(", ")}
                  )
                </Show>
                : {registrationsText(d().registrations.length)}.
              </p>
              <Flash flash={flash} />

              <section aria-labelledby="person-registrations-heading">
                <h2 id="person-registrations-heading">Anmälningar</h2>
                <div
                  class="table-scroll table-scroll--settings"
                  role="region"
                  aria-labelledby="person-registrations-caption"
                  tabindex="0"
                >
                  <table class="table table--settings table--person">
                    <caption id="person-registrations-caption" class="visually-hidden">
                      Anmälningar för {d().person.name}, senaste tillfället först
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Tillfälle</th>
                        <th scope="col">Status</th>
                        <th scope="col">Anmäld</th>
                        <th scope="col">Uppgifter</th>
                        <th scope="col">
                          <span class="visually-hidden">Åtgärder</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={d().registrations}>
                        {(r) => (
                          <tr classList={{ "row--cancelled": r.status === "cancelled" }}>
                            <th scope="row">
                              <a href={`/kansliet/tillfallen/${r.occasionId}`}>{r.occasionTitle}</a>
                              <br />
                              <span class="table-note">{formatDay(r.startsAt)}</span>
                            </th>
                            <td>
                              {REGISTRATION_STATUS_TEXT[r.status] ?? r.status}
                              <Show when={r.cancelledAt}>
                                {(at) => (
                                  <>
                                    <br />
                                    <span class="table-note">{formatMoment(at())}</span>
                                  </>
                                )}
                              </Show>
                            </td>
                            <td>{SOURCE_TEXT[r.source] ?? r.source}</td>
                            <td>
                              <Show when={!r.anonymised} fallback="Anonymiserad">
                                <dl class="table-facts">
                                  <div>
                                    <dt>Namn</dt>
                                    <dd>{r.name}</dd>
                                  </div>
                                  <div>
                                    <dt>E-post</dt>
                                    <dd class="cell-mail">{r.email}</dd>
                                  </div>
                                  <div>
                                    <dt>Arbetsgivare</dt>
                                    <dd>{partyName(r.party)}</dd>
                                  </div>
                                  <Show when={r.workplace}>
                                    {(w) => (
                                      <div>
                                        <dt>Arbetsplats</dt>
                                        <dd>
                                          {w().name}, {w().municipality}
                                          {w().orgNumber ? ` (${w().orgNumber})` : ""}
                                        </dd>
                                      </div>
                                    )}
                                  </Show>
                                  <Show when={r.role}>
                                    <div>
                                      <dt>Roll</dt>
                                      <dd>{r.role}</dd>
                                    </div>
                                  </Show>
                                  <Show when={r.gender}>
                                    <div>
                                      <dt>Kön</dt>
                                      <dd>{GENDERS.find((g) => g.value === r.gender)?.label ?? r.gender}</dd>
                                    </div>
                                  </Show>
                                  <Show when={r.dietary}>
                                    <div>
                                      <dt>Specialkost</dt>
                                      <dd>{r.dietary}</dd>
                                    </div>
                                  </Show>
                                  <Show when={r.accessibilityNeeds}>
                                    <div>
                                      <dt>Anpassning</dt>
                                      <dd>{r.accessibilityNeeds}</dd>
                                    </div>
                                  </Show>
                                </dl>
                              </Show>
                            </td>
                            <td class="cell-action">
                              <Show when={!r.anonymised}>
                                <div class="cell-buttons">
                                  <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    onClick={(e) => open(e, () => setEditing(r))}
                                  >
                                    Ändra uppgifter
                                    <span class="visually-hidden">
                                      {" "}
                                      för {r.occasionTitle}, {formatDay(r.startsAt)}
                                    </span>
                                  </button>
                                  <Show when={canCancel(r)}>
                                    <button
                                      type="button"
                                      class="button button--secondary button--small"
                                      onClick={(e) => open(e, () => setCancelling(r))}
                                    >
                                      Avboka
                                      <span class="visually-hidden">
                                        {" "}
                                        {r.occasionTitle}, {formatDay(r.startsAt)}
                                      </span>
                                    </button>
                                  </Show>
                                </div>
                              </Show>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </section>

              <Show when={active().length > 0}>
                <section class="action-box action-box--danger" aria-labelledby="person-erase-heading">
                  <h2 id="person-erase-heading">Radera personen</h2>
                  <p>
                    När personen ber om att få sina uppgifter raderade. Det gäller alla hennes anmälningar, också med
                    sammanslagna adresser. Har hon en kommande anmälan avbokar du den först. Siffrorna i uppföljningen
                    ändras inte.
                  </p>
                  <button type="button" class="button button--danger" onClick={(e) => open(e, () => setErasing(true))}>
                    Radera personen…
                  </button>
                </section>
              </Show>

              <Show when={erasing()}>
                <ConfirmDialog
                  id="erase-person"
                  title={`Radera ${d().person.name}?`}
                  confirmLabel="Radera personen"
                  busyLabel="Raderar…"
                  danger
                  onConfirm={() => erase(d())}
                  onClose={() => {
                    setErasing(false);
                    focusBack();
                  }}
                >
                  <p>
                    I {registrationsText(active().length)} ({addresses().join(", ")}) tas det här bort: namn,
                    e-postadress, roll eller yrke, specialkost och behov av anpassning.
                  </p>
                  <p>
                    Kvar, utan namn, finns arbetsgivare (part), arbetsplats, kön och närvaro. Alla mål och siffror i
                    uppföljningen är desamma som förut, alla år. Raderingen går inte att ångra och står i
                    gallringsloggen.
                  </p>
                </ConfirmDialog>
              </Show>
            </>
          )}
        </Match>
      </Switch>

      <Show when={editing()} keyed>
        {(r) => (
          <RegistrationEditDialog
            registration={r}
            parties={parties.latest ?? []}
            asksDietary={occasionOf(r.occasionId)?.asksDietary ?? false}
            onClose={() => {
              setEditing(null);
              focusBack();
            }}
            onSaved={async (updated, changed) => {
              setEditing(null);
              if (changed) {
                // A new address on her only registrations: the person is now found under that one.
                const moved = updated.email.toLowerCase() !== r.email.toLowerCase();
                const stillHere =
                  !moved ||
                  (await staffApi.personRegistrations(email()).then(
                    () => true,
                    () => false,
                  ));
                if (stillHere) await refetch();
                else navigate(`/kansliet/personer/${encodeURIComponent(updated.email.toLowerCase())}`);
              }
              focusBack();
              flash.show({
                kind: "success",
                text: changed
                  ? `Uppgifterna för ${updated.name} på ${updated.occasionTitle} är sparade.`
                  : "Inget var ändrat, så inget är sparat.",
              });
            }}
          />
        )}
      </Show>

      <Show when={cancelling()} keyed>
        {(r) => (
          <ConfirmDialog
            id="cancel-registration"
            title={r.status === "waitlisted" ? `Ta bort ${r.name} från väntelistan?` : `Avboka ${r.name}?`}
            confirmLabel={r.status === "waitlisted" ? "Ta bort från väntelistan" : "Avboka"}
            busyLabel="Avbokar…"
            danger
            onConfirm={() => cancel(r)}
            onClose={() => {
              setCancelling(null);
              focusBack();
            }}
          >
            <p>
              {r.occasionTitle}, {formatDay(r.startsAt)}.{" "}
              {r.status === "waitlisted"
                ? "Hon får ett mejl om att hon inte längre står på väntelistan."
                : "Hon får ett mejl och den första på väntelistan får platsen."}
            </p>
          </ConfirmDialog>
        )}
      </Show>
    </>
  );
}
