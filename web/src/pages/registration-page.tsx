// "/anmalan/:token": the personal page behind the link in every mail. The token is the only
// key, so the page shows only this person's own registration. It is in exactly one state at
// a time (registrationState): coming, running, waiting, cancelled by her, occasion cancelled
// or over, and each state says what she can do next. Below: her data (issue 11), to see,
// correct, download and, once the occasion is over or she has cancelled, erase; after an
// erasure the link no longer works, and the page says so instead of the registration.
import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { api, ApiError, type Certificate, type RegistrationView } from "../api.ts";
import { Fact, OccasionFacts } from "../components/occasion-facts.tsx";
import { EraseMyData, ErasedNotice, MyDetails, MyMails } from "../components/personal-data.tsx";
import { ErrorNotice, Loading, PageHeading, usePageTitle, loaded } from "../components/site.tsx";
import { formatDay, formatMoment, formatSpan } from "../occasion-text.ts";
import {
  cancelDeadline,
  dayNow,
  mailNotice,
  registrationState,
  type RegistrationState,
} from "../registration-state.ts";

/** The status heading (h2) of each state. */
function statusHeading(r: RegistrationView, state: RegistrationState): string {
  switch (state) {
    case "coming":
      return "Du har fått en plats";
    case "running":
      return "Tillfället pågår";
    case "waiting":
      return r.waitlistPosition ? `Du står på väntelistan, plats ${r.waitlistPosition}` : "Du står på väntelistan";
    case "cancelled-by-her":
      // A cancelled registration has an invitation to take back only when it had a place.
      return r.hasInvitation ? "Du har avbokat din plats" : "Du har lämnat väntelistan";
    case "moved":
      return "Du har flyttats till ett annat tillfälle";
    case "occasion-cancelled":
      return "Tillfället är inställt";
    case "over":
      return "Tillfället är avslutat";
  }
}

const PANEL_CLASS: Record<RegistrationState, string> = {
  coming: "panel--success",
  running: "panel--success",
  waiting: "panel--waiting",
  "cancelled-by-her": "panel--cancelled",
  moved: "panel--cancelled",
  "occasion-cancelled": "panel--cancelled",
  over: "panel--cancelled",
};

/** "1 av 2 dagar" for the certificate's explanation. */
function attendedText(c: Certificate): string {
  return c.totalDays > 1
    ? `${c.days.length} av ${c.totalDays} dagar`
    : `${c.days.length} dag${c.days.length === 1 ? "" : "ar"}`;
}

export default function RegistrationPage() {
  const params = useParams<{ token: string }>();
  const [registration, { mutate }] = createResource(() => params.token, api.registration);
  const r = () => loaded(registration);
  // The state follows the clock while the page is open: a course that begins or ends changes it.
  const [now, setNow] = createSignal(new Date());
  const timer = setInterval(() => setNow(new Date()), 30_000);
  onCleanup(() => clearInterval(timer));
  const state = (): RegistrationState | undefined => {
    const x = r();
    return x ? registrationState(x, now()) : undefined;
  };
  // The employer names of the registration's own organiser.
  const [parties] = createResource(
    () => r()?.occasion.organiser.slug,
    (slug) => api.parties(slug).catch(() => []),
  );
  // After the occasion: the attendance certificate, or why there is none.
  const [certificate] = createResource(
    () => (state() === "over" && r()?.status === "confirmed" ? params.token : undefined),
    (token) => api.certificate(token).catch(() => null),
  );
  // After cancelling: may she register again? The public occasion says whether registration is
  // open, and (for correcting her details) whether it asks for dietary needs.
  const [publicOccasion] = createResource(
    () => r()?.occasion.id,
    (id) => api.occasion(id).catch(() => null),
  );
  // After "Radera mina uppgifter": how many registrations were erased (the link is dead now).
  const [erased, setErased] = createSignal<{ registrations: number; name: string; email: string } | null>(null);
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
        <Match when={erased()}>
          {(e) => (
            <ErasedNotice registrations={e().registrations} organiserName={e().name} organiserEmail={e().email} />
          )}
        </Match>
        <Match when={registration.error}>
          <ErrorNotice title="Vi hittar ingen anmälan">
            {registration.error instanceof ApiError && registration.error.status === 404
              ? "Länken stämmer inte med någon anmälan. Kontrollera att du har fått med hela länken från mejlet. Har du raderat dina uppgifter fungerar länken inte längre."
              : (registration.error as Error).message}
          </ErrorNotice>
        </Match>
        <Match when={!r() || !state()}>
          <Loading>Hämtar din anmälan…</Loading>
        </Match>
        <Match when={r()}>
          {(reg) => {
            const st = () => state()!;
            const organiserEmail = () => reg().occasion.organiser.email;
            const mailOrganiser = () => <a href={`mailto:${organiserEmail()}`}>{organiserEmail()}</a>;
            const current = () => dayNow(reg().occasion.days, now());
            const started = () => Date.parse(reg().occasion.startsAt) <= now().getTime();
            // Where the mail about her latest change is: never "sent" before it was (issue 10).
            const mailLine = () => (
              <Show when={mailNotice(reg())}>
                {(n) => (
                  <p class={n().status === "failed" ? "mail-failed" : undefined} data-mail={n().status}>
                    {n().status === "failed" ? <strong>{n().text}</strong> : n().text}
                    <Show when={n().status === "failed"}> Skriv till {mailOrganiser()}.</Show>
                  </p>
                )}
              </Show>
            );
            const inviteButton = () => (
              <p>
                {/* download: a file for the calendar, so the router must leave the link alone. */}
                <a class="button button--secondary" href={api.invitationUrl(params.token)} download="inbjudan.ics">
                  Ladda ner kalenderinbjudan
                </a>
              </p>
            );
            return (
              <>
                <div class={`panel ${PANEL_CLASS[st()]}`} data-state={st()}>
                  <h2 class="panel-title" tabindex="-1" ref={statusHeadingEl}>
                    {statusHeading(reg(), st())}
                  </h2>
                  <p class="panel-lead">{reg().occasion.title}</p>
                  <Switch>
                    <Match when={st() === "coming"}>
                      <p>Välkommen!</p>
                      {mailLine()}
                      <p>Tider och plats står under Tillfället här nedanför.</p>
                      <Show when={reg().hasInvitation}>{inviteButton()}</Show>
                      <Show when={!reg().canCancel}>
                        <p>
                          Sista dagen att avboka här har passerat ({formatMoment(cancelDeadline(reg()))}). Kan du inte
                          komma? Skriv till {mailOrganiser()}.
                        </p>
                      </Show>
                    </Match>

                    <Match when={st() === "running"}>
                      <Show when={current()} fallback={<p>Tillfället har börjat.</p>}>
                        {(d) => (
                          <p>
                            {d().inProgress
                              ? reg().occasion.days.length > 1
                                ? `Dag ${d().number} av ${reg().occasion.days.length} pågår nu`
                                : "Pågår nu"
                              : `Nästa dag är dag ${d().number} av ${reg().occasion.days.length}`}
                            : {formatSpan(d().day.startsAt, d().day.endsAt)}.
                          </p>
                        )}
                      </Show>
                      <Show when={reg().occasion.online && reg().occasion.meetingUrl}>
                        {(url) => (
                          <p>
                            <a class="button" href={url()} rel="external">
                              Gå till mötet
                            </a>
                          </p>
                        )}
                      </Show>
                      <Show when={reg().hasInvitation && current() && !current()!.inProgress}>{inviteButton()}</Show>
                      <p>
                        Tillfället har börjat och kan inte avbokas här. Kan du inte delta? Skriv till {mailOrganiser()}.
                      </p>
                    </Match>

                    <Match when={st() === "waiting"}>
                      <p>
                        Du får ett mejl om en plats blir ledig. Då flyttas du upp automatiskt och får kalenderinbjudan i
                        mejlet. Du behöver inte göra något mer.
                      </p>
                      {mailLine()}
                      <Show when={started()}>
                        <p>
                          Tillfället har börjat. Vill du inte längre stå på väntelistan? Skriv till {mailOrganiser()}.
                        </p>
                      </Show>
                    </Match>

                    <Match when={st() === "cancelled-by-her"}>
                      <p>
                        <Show when={reg().cancelledAt} fallback="Din anmälan är avbokad.">
                          {(at) => <>Avbokad {formatMoment(at())}.</>}
                        </Show>
                      </p>
                      {mailLine()}
                      <Show when={publicOccasion.state === "ready" && publicOccasion() !== null}>
                        <Show
                          when={publicOccasion()?.registrationOpen}
                          fallback={
                            <p>
                              Anmälan till det här tillfället är stängd. Se <a href="/">kommande utbildningar</a> om du
                              vill gå en annan gång.
                            </p>
                          }
                        >
                          <p>
                            Ångrar du dig? Anmäl dig igen på{" "}
                            <a href={`/tillfallen/${reg().occasion.id}`}>sidan för tillfället</a>.
                          </p>
                        </Show>
                      </Show>
                    </Match>

                    <Match when={st() === "moved"}>
                      <p>
                        {reg().occasion.organiser.name} har flyttat din anmälan från det här tillfället till ett annat
                        tillfälle av samma utbildning. Din nya anmälan har en egen länk, som kommer i ett eget mejl.
                      </p>
                      {mailLine()}
                      <p>Har du frågor? Skriv till {mailOrganiser()}.</p>
                    </Match>

                    <Match when={st() === "occasion-cancelled"}>
                      <p>
                        {reg().occasion.organiser.name} har ställt in tillfället. Du behöver inte göra något mer, och du
                        behöver inte avboka.
                      </p>
                      {mailLine()}
                      <p>
                        Har du frågor, eller vill du veta när det finns ett nytt tillfälle? Skriv till {mailOrganiser()}
                        . Se också <a href="/">kommande utbildningar</a>.
                      </p>
                    </Match>

                    <Match when={st() === "over" && reg().status === "confirmed"}>
                      <p>
                        Tillfället hölls {formatDay(reg().occasion.startsAt)}
                        {formatDay(reg().occasion.startsAt) === formatDay(reg().occasion.endsAt)
                          ? ""
                          : ` – ${formatDay(reg().occasion.endsAt)}`}
                        .{" "}
                        <Show when={certificate()}>
                          {(c) =>
                            c().eligible
                              ? "Ditt intyg om deltagande finns här nedanför."
                              : "Här nedanför står varför det inte finns något intyg."
                          }
                        </Show>
                      </p>
                      <p>
                        Vill du gå fler utbildningar? Se <a href="/">kommande utbildningar</a>.
                      </p>
                    </Match>

                    <Match when={st() === "over"}>
                      <p>Du fick ingen plats. Du stod på väntelistan när tillfället hölls.</p>
                      <p>
                        Vill du gå en annan gång? Se <a href="/">kommande utbildningar</a>.
                      </p>
                    </Match>
                  </Switch>
                </div>

                <Show when={st() === "over" && reg().status === "confirmed"}>
                  <section aria-labelledby="certificate-heading" class="certificate-box">
                    <h2 id="certificate-heading">Intyg om deltagande</h2>
                    <Switch>
                      <Match when={certificate.loading}>
                        <Loading>Hämtar uppgift om intyg…</Loading>
                      </Match>
                      <Match when={certificate()?.eligible}>
                        <p>Du har deltagit i utbildningen och kan hämta ett intyg att skriva ut eller spara.</p>
                        <p>
                          <a class="button" href={`/anmalan/${encodeURIComponent(params.token)}/intyg`}>
                            Hämta intyg
                          </a>
                        </p>
                      </Match>
                      <Match when={certificate()}>
                        {(c) => (
                          <>
                            <p>
                              {c().days.length === 0
                                ? "Det finns inget intyg att hämta: vi har ingen närvaro registrerad för dig."
                                : `Det finns inget intyg att hämta: du är registrerad som närvarande ${attendedText(c())}.`}{" "}
                              {c().reason}
                            </p>
                            <p>Var du där men står inte som närvarande? Skriv till {mailOrganiser()}.</p>
                          </>
                        )}
                      </Match>
                      <Match when={certificate() === null}>
                        <p>
                          Vi kunde inte hämta uppgiften om intyg just nu. Ladda om sidan om en stund, eller skriv till{" "}
                          {mailOrganiser()}.
                        </p>
                      </Match>
                    </Switch>
                  </section>
                </Show>

                <section aria-labelledby="occasion-heading">
                  <h2 id="occasion-heading">Tillfället</h2>
                  <Show
                    when={st() !== "occasion-cancelled"}
                    fallback={
                      <dl class="facts">
                        <Fact term={reg().occasion.days.length > 1 ? "Var planerat till dagarna" : "Var planerat till"}>
                          <ul class="plain-list">
                            <For each={reg().occasion.days}>{(d) => <li>{formatSpan(d.startsAt, d.endsAt)}</li>}</For>
                          </ul>
                        </Fact>
                        <Fact term="Arrangör">
                          {reg().occasion.organiser.name}, {mailOrganiser()}
                        </Fact>
                      </dl>
                    }
                  >
                    <OccasionFacts
                      days={reg().occasion.days}
                      location={reg().occasion.location}
                      online={reg().occasion.online}
                    >
                      <Show when={(st() === "coming" || st() === "running") && reg().occasion.meetingUrl}>
                        {(url) => (
                          <Fact term="Länk till mötet">
                            <a href={url() as string} rel="external">
                              {url()}
                            </a>
                          </Fact>
                        )}
                      </Show>
                      <Fact term="Arrangör">
                        {reg().occasion.organiser.name}, {mailOrganiser()}
                      </Fact>
                    </OccasionFacts>
                  </Show>
                  <p>
                    <a href={`/tillfallen/${reg().occasion.id}`}>Mer om tillfället</a>
                  </p>
                </section>

                <MyDetails
                  token={params.token}
                  registration={reg()}
                  parties={parties.latest ?? []}
                  partyName={partyName}
                  asksDietary={publicOccasion.latest?.asksDietary}
                  contact={mailOrganiser}
                  onSaved={(updated) => mutate(updated)}
                />

                <MyMails registration={reg()} contact={mailOrganiser} />

                <Show when={(st() === "coming" || (st() === "waiting" && !started())) && reg().canCancel}>
                  <section aria-labelledby="cancel-heading" class="cancel">
                    <h2 id="cancel-heading">{reg().status === "waitlisted" ? "Lämna väntelistan" : "Avboka"}</h2>
                    <p>
                      {reg().status === "waitlisted"
                        ? "Vill du inte längre stå på väntelistan kan du lämna den här."
                        : "Kan du inte komma? Avboka så att någon på väntelistan får platsen."}{" "}
                      Du kan göra det här fram till {formatMoment(cancelDeadline(reg()))}.
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
                          <button
                            type="button"
                            class="button button--danger"
                            onClick={cancel}
                            aria-disabled={cancelling() ? "true" : undefined}
                          >
                            {reg().status === "waitlisted" ? "Ja, lämna väntelistan" : "Ja, avboka min plats"}
                          </button>
                          <button type="button" class="button button--secondary" onClick={keep}>
                            {reg().status === "waitlisted" ? "Nej, stå kvar" : "Nej, behåll platsen"}
                          </button>
                        </div>
                      </div>
                    </Show>
                  </section>
                </Show>

                <Show
                  when={reg().canErase}
                  fallback={
                    <Show when={reg().canEdit}>
                      <p class="hint erase-later">
                        När tillfället är slut kan du be om att få dina uppgifter raderade här.
                      </p>
                    </Show>
                  }
                >
                  <EraseMyData
                    token={params.token}
                    registration={reg()}
                    onErased={(n) => {
                      setErased({
                        registrations: n,
                        name: reg().occasion.organiser.name,
                        email: reg().occasion.organiser.email,
                      });
                      window.scrollTo(0, 0);
                    }}
                  />
                </Show>
              </>
            );
          }}
        </Match>
      </Switch>
    </>
  );
}
