// "/anmalan/:token": the personal page behind the link in every mail. The token is the only
// key, so the page shows only this person's own registration.
import { useParams } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { api, ApiError, type RegistrationView } from "../api.ts";
import { Fact, OccasionFacts } from "../components/occasion-facts.tsx";
import { ErrorNotice, Loading, PageHeading, usePageTitle, valueOf } from "../components/site.tsx";

function statusHeading(r: RegistrationView): string {
  if (r.status === "confirmed") return "Du har fått en plats";
  if (r.status === "waitlisted") return r.waitlistPosition ? `Du står på väntelistan, plats ${r.waitlistPosition}` : "Du står på väntelistan";
  return "Din anmälan är avbokad";
}

export default function RegistrationPage() {
  const params = useParams<{ token: string }>();
  const [registration, { mutate }] = createResource(() => params.token, api.registration);
  const r = () => valueOf(registration);
  // The employer names of the registration's own organiser.
  const [parties] = createResource(
    () => r()?.occasion.organiser.slug,
    (slug) => api.parties(slug).catch(() => []),
  );
  // After the occasion: the attendance certificate, or why there is none.
  const [certificate] = createResource(
    () => {
      const x = r();
      return x && x.status === "confirmed" && !x.occasion.cancelled && new Date(x.occasion.endsAt) <= new Date() ? params.token : undefined;
    },
    (token) => api.certificate(token).catch(() => undefined),
  );
  const [confirming, setConfirming] = createSignal(false);
  const [cancelling, setCancelling] = createSignal(false);
  const [cancelError, setCancelError] = createSignal<string | null>(null);
  let statusHeadingEl: HTMLHeadingElement | undefined;
  let confirmEl: HTMLParagraphElement | undefined;
  let cancelButton: HTMLButtonElement | undefined;

  usePageTitle(() => (r() ? `Din anmälan: ${r()!.occasion.title}` : "Din anmälan"));

  const partyName = (code: string) => parties.latest?.find((p) => p.code === code)?.name ?? code;

  function askToCancel() {
    setCancelError(null);
    setConfirming(true);
    // The question is what needs reading next; the two answers follow it in tab order.
    queueMicrotask(() => confirmEl?.focus());
  }

  function keep() {
    setConfirming(false);
    queueMicrotask(() => cancelButton?.focus());
  }

  async function cancel() {
    const token = params.token;
    if (cancelling()) return;
    setCancelling(true);
    try {
      mutate(await api.cancel(token));
      setConfirming(false);
      // The buttons are gone; the new status is what to read.
      requestAnimationFrame(() => statusHeadingEl?.focus());
    } catch (error) {
      setCancelError(error instanceof ApiError ? error.message : "Avbokningen gick inte igenom. Försök igen.");
    } finally {
      setCancelling(false);
    }
  }

  return (
    <>
      <PageHeading>Din anmälan</PageHeading>
      <Switch>
        <Match when={registration.error}>
          <ErrorNotice title="Vi hittar ingen anmälan">
            {registration.error instanceof ApiError && registration.error.status === 404
              ? "Länken stämmer inte med någon anmälan. Kontrollera att du har fått med hela länken från mejlet."
              : (registration.error as Error).message}
          </ErrorNotice>
        </Match>
        <Match when={!r()}>
          <Loading>Hämtar din anmälan…</Loading>
        </Match>
        <Match when={r()}>
          {(reg) => (
            <>
              <div
                class="panel"
                classList={{
                  "panel--success": reg().status === "confirmed",
                  "panel--waiting": reg().status === "waitlisted",
                  "panel--cancelled": reg().status === "cancelled",
                }}
              >
                <h2 class="panel-title" tabindex="-1" ref={statusHeadingEl}>
                  {statusHeading(reg())}
                </h2>
                <p class="panel-lead">{reg().occasion.title}</p>
                <Switch>
                  <Match when={reg().occasion.cancelled}>
                    <p>
                      <strong>Tillfället är inställt.</strong> Du behöver inte göra något mer.
                    </p>
                  </Match>
                  <Match when={reg().status === "confirmed"}>
                    <p>Välkommen! Bekräftelsen med kalenderinbjudan har skickats till {reg().email}.</p>
                  </Match>
                  <Match when={reg().status === "waitlisted"}>
                    <p>Blir en plats ledig flyttas du upp automatiskt och får ett mejl med kalenderinbjudan.</p>
                  </Match>
                  <Match when={reg().status === "cancelled"}>
                    <p>
                      Vi har skickat ett mejl om avbokningen till {reg().email}. Vill du anmäla dig igen gör du det på{" "}
                      <a href={`/tillfallen/${reg().occasion.id}`}>sidan för tillfället</a>, om det finns platser kvar.
                    </p>
                  </Match>
                </Switch>
                <Show when={reg().hasInvitation && reg().status === "confirmed" && !reg().occasion.cancelled}>
                  <p>
                    {/* download: a file for the calendar, so the router must leave the link alone. */}
                    <a class="button button--secondary" href={api.invitationUrl(params.token)} download="inbjudan.ics">
                      Ladda ner kalenderinbjudan
                    </a>
                  </p>
                </Show>
              </div>

              <Show when={certificate.latest}>
                {(c) => (
                  <section aria-labelledby="certificate-heading" class="certificate-box">
                    <h2 id="certificate-heading">Intyg om deltagande</h2>
                    <Show when={c().eligible} fallback={<p>{c().reason}</p>}>
                      <p>Du har deltagit i utbildningen och kan hämta ett intyg att skriva ut eller spara.</p>
                      <p>
                        <a class="button" href={`/anmalan/${encodeURIComponent(params.token)}/intyg`}>
                          Hämta intyg
                        </a>
                      </p>
                    </Show>
                  </section>
                )}
              </Show>

              <section aria-labelledby="occasion-heading">
                <h2 id="occasion-heading">Tillfället</h2>
                <OccasionFacts days={reg().occasion.days} location={reg().occasion.location} online={reg().occasion.online}>
                  <Show when={reg().occasion.meetingUrl}>
                    {(url) => (
                      <Fact term="Länk till mötet">
                        <a href={url()} rel="external">
                          {url()}
                        </a>
                      </Fact>
                    )}
                  </Show>
                  <Fact term="Arrangör">
                    {reg().occasion.organiser.name},{" "}
                    <a href={`mailto:${reg().occasion.organiser.email}`}>{reg().occasion.organiser.email}</a>
                  </Fact>
                </OccasionFacts>
                <p>
                  <a href={`/tillfallen/${reg().occasion.id}`}>Mer om tillfället</a>
                </p>
              </section>

              <section aria-labelledby="details-heading">
                <h2 id="details-heading">Dina uppgifter</h2>
                <dl class="facts">
                  <Fact term="Namn">{reg().name}</Fact>
                  <Fact term="E-post">{reg().email}</Fact>
                  <Fact term="Arbetsgivare">{partyName(reg().party)}</Fact>
                  <Show when={reg().workplace}>
                    {(w) => (
                      <Fact term="Arbetsplats">
                        {w().name}, {w().municipality}
                        {w().orgNumber ? ` (${w().orgNumber})` : ""}
                      </Fact>
                    )}
                  </Show>
                  <Show when={reg().role}>{(role) => <Fact term="Roll eller yrke">{role()}</Fact>}</Show>
                  <Show when={reg().dietary}>{(d) => <Fact term="Specialkost">{d()}</Fact>}</Show>
                  <Show when={reg().accessibilityNeeds}>{(a) => <Fact term="Behov av anpassning">{a()}</Fact>}</Show>
                </dl>
                <p class="hint">
                  Vill du ändra något? Skriv till <a href={`mailto:${reg().occasion.organiser.email}`}>{reg().occasion.organiser.email}</a>.
                </p>
              </section>

              <Switch>
                <Match when={reg().canCancel}>
                  <section aria-labelledby="cancel-heading" class="cancel">
                    <h2 id="cancel-heading">{reg().status === "waitlisted" ? "Lämna väntelistan" : "Avboka"}</h2>
                    <p>
                      {reg().status === "waitlisted"
                        ? "Vill du inte längre stå på väntelistan kan du lämna den här."
                        : "Kan du inte komma? Avboka så att någon på väntelistan får platsen."}
                    </p>
                    <Show
                      when={confirming()}
                      fallback={
                        <button type="button" class="button button--secondary" ref={cancelButton} onClick={askToCancel}>
                          {reg().status === "waitlisted" ? "Lämna väntelistan" : "Avboka"}
                        </button>
                      }
                    >
                      <div class="confirm-box" role="group" aria-labelledby="confirm-question">
                        <p id="confirm-question" class="confirm-question" tabindex="-1" ref={confirmEl}>
                          {reg().status === "waitlisted"
                            ? "Vill du lämna väntelistan? Du förlorar din plats i kön."
                            : "Vill du avboka din plats? Den går till nästa person på väntelistan."}
                        </p>
                        <Show when={cancelError()}>
                          <p class="field-error" role="alert">
                            {cancelError()}
                          </p>
                        </Show>
                        <div class="button-row">
                          <button type="button" class="button button--danger" onClick={cancel} aria-disabled={cancelling() ? "true" : undefined}>
                            {reg().status === "waitlisted" ? "Ja, lämna väntelistan" : "Ja, avboka min plats"}
                          </button>
                          <button type="button" class="button button--secondary" onClick={keep}>
                            {reg().status === "waitlisted" ? "Nej, stå kvar" : "Nej, behåll platsen"}
                          </button>
                        </div>
                      </div>
                    </Show>
                  </section>
                </Match>
                <Match when={reg().status !== "cancelled" && !reg().occasion.cancelled}>
                  <p>
                    Tillfället har börjat och kan inte avbokas här. Kan du inte delta? Kontakta{" "}
                    <a href={`mailto:${reg().occasion.organiser.email}`}>{reg().occasion.organiser.email}</a>.
                  </p>
                </Match>
              </Switch>
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}
