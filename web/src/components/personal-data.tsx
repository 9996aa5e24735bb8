// Her own data on the personal page (issue 11): what we have stored (with "Ändra", saved with
// PATCH and the registration form's own fields and messages), the mails we have sent her,
// the file of everything, and, once the occasion is over or she has cancelled, erasure with a
// step that says exactly what goes and what stays. The link is the only key: it reaches this
// registration, so her other registrations at the same address are counted, never shown.
import { createMemo, createSignal, For, type JSX, onMount, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { api, asApiError, type FieldErrors, type Party, type PersonalMail, type RegistrationView } from "../api.ts";
import { formatMoment } from "../occasion-text.ts";
import { ErrorSummary, markTitleAsError, summaryItems } from "./form-fields.tsx";
import { Fact } from "./occasion-facts.tsx";
import { GENDERS, PersonFields, personChanges, personFieldOrder, personValuesOf } from "./person-fields.tsx";

const PREFIX = "me";
/** Her form has neither address nor employer: the summary links only to the fields it shows. */
const ORDER = personFieldOrder(PREFIX).filter(([key]) => key !== "email" && key !== "party");

const genderText = (g: string | null) => GENDERS.find((x) => x.value === g)?.label ?? null;

/** "Inte angivet", to the eye and to a screen reader alike. */
function NotGiven() {
  return <span class="not-given">Inte angivet</span>;
}

/** "1 annan anmälan", "3 andra anmälningar". */
export const otherRegistrationsText = (n: number) => (n === 1 ? "1 annan anmälan" : `${n} andra anmälningar`);

export function MyDetails(props: {
  token: string;
  registration: RegistrationView;
  parties: Party[];
  partyName: (code: string) => string;
  /** Whether the occasion asks for dietary needs (undefined until known). */
  asksDietary: boolean | undefined;
  contact: () => JSX.Element;
  onSaved: (r: RegistrationView) => void;
}) {
  const r = () => props.registration;
  const [editing, setEditing] = createSignal(false);
  const [values, setValues] = createStore(personValuesOf(r()));
  // What the form opened with: only the fields that differ from it are sent.
  let opened = personValuesOf(r());
  const [showsDietary, setShowsDietary] = createSignal(false);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const items = createMemo(() => summaryItems(errors(), ORDER, formError()));
  let summary: HTMLDivElement | undefined;
  let editButton: HTMLButtonElement | undefined;
  let savedBox: HTMLDivElement | undefined;

  function open() {
    opened = personValuesOf(r());
    setValues(opened);
    // Dietary needs: when the occasion asks for them, or she has some stored.
    setShowsDietary(!!props.asksDietary || !!r().dietary);
    setErrors({});
    setFormError(null);
    setSaved(null);
    setEditing(true);
    requestAnimationFrame(() => document.getElementById(`${PREFIX}-name`)?.focus());
  }

  function close() {
    setEditing(false);
    setErrors({});
    setFormError(null);
    requestAnimationFrame(() => editButton?.focus());
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (saving()) return;
    const { email: _email, party: _party, ...changes } = personChanges(opened, values, showsDietary());
    if (Object.keys(changes).length === 0) {
      setEditing(false);
      setSaved("Du ändrade ingenting, så inget är sparat.");
      requestAnimationFrame(() => savedBox?.focus());
      return;
    }
    setSaving(true);
    try {
      const updated = await api.correctRegistration(props.token, changes);
      setEditing(false);
      setErrors({});
      setFormError(null);
      props.onSaved(updated);
      setSaved(
        changes.name !== undefined
          ? "Dina uppgifter är sparade. Det nya namnet står i nästa mejl och kalenderinbjudan från oss."
          : "Dina uppgifter är sparade.",
      );
      requestAnimationFrame(() => savedBox?.focus());
    } catch (error) {
      const apiError = asApiError(error);
      setErrors(apiError.fields);
      setFormError(Object.keys(apiError.fields).length ? null : apiError.message);
      markTitleAsError();
      queueMicrotask(() => summary?.focus());
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="details-heading" class="my-details">
      <h2 id="details-heading">Dina uppgifter</h2>
      <Show when={saved()}>
        {(text) => (
          <div class="notice notice--success" role="status" tabindex="-1" ref={(el) => (savedBox = el)}>
            <p>{text()}</p>
          </div>
        )}
      </Show>
      <Show
        when={editing()}
        fallback={
          <>
            <dl class="facts">
              <Fact term="Namn">{r().name}</Fact>
              <Fact term="E-post">{r().email}</Fact>
              <Fact term="Arbetsgivare">{props.partyName(r().party)}</Fact>
              <Fact term="Arbetsplats">
                <Show when={r().workplace} fallback={<NotGiven />}>
                  {(w) => (
                    <>
                      {w().name}, {w().municipality}
                      {w().orgNumber ? ` (${w().orgNumber})` : ""}
                    </>
                  )}
                </Show>
              </Fact>
              <Fact term="Roll eller yrke">{r().role ?? <NotGiven />}</Fact>
              <Fact term="Kön">{genderText(r().gender) ?? <NotGiven />}</Fact>
              <Fact term="Specialkost">{r().dietary ?? <NotGiven />}</Fact>
              <Fact term="Behov av anpassning">{r().accessibilityNeeds ?? <NotGiven />}</Fact>
            </dl>
            <Show when={r().canEdit} fallback={<p>Uppgifterna är anonymiserade och kan inte ändras.</p>}>
              <p>
                <button type="button" class="button button--secondary" ref={editButton} onClick={open}>
                  Ändra<span class="visually-hidden"> dina uppgifter</span>
                </button>
              </p>
              <p class="hint">
                Ändrar du ditt namn står det nya namnet i nästa mejl och kalenderinbjudan från oss. E-postadressen och
                arbetsgivaren kan du inte ändra här: skriv till {props.contact()} om de är fel.
              </p>
            </Show>
          </>
        }
      >
        <form class="my-details-form" novalidate onSubmit={submit} aria-labelledby="my-details-form-heading">
          <h3 id="my-details-form-heading">Ändra dina uppgifter</h3>
          <Show when={items().length > 0}>
            <ErrorSummary id="my-details-errors" items={items()} ref={(el) => (summary = el)} />
          </Show>
          <p class="hint">
            Fält som inte är märkta (valfritt) måste fyllas i. Ändrar du ditt namn står det nya namnet i nästa mejl och
            kalenderinbjudan från oss.
          </p>
          <PersonFields
            prefix={PREFIX}
            hide={["email", "party"]}
            values={values}
            set={setValues}
            errors={errors()}
            parties={props.parties}
            asksDietary={showsDietary()}
          />
          <div class="button-row">
            <button type="submit" class="button" aria-disabled={saving() ? "true" : undefined}>
              {saving() ? "Sparar…" : "Spara ändringarna"}
            </button>
            <button type="button" class="button button--secondary" onClick={close}>
              Avbryt
            </button>
          </div>
        </form>
      </Show>

      <Show when={r().otherRegistrations > 0}>
        <p>
          Du har {otherRegistrationsText(r().otherRegistrations)} med samma adress; varje anmälan har sin egen länk i
          sitt mejl.
        </p>
      </Show>
      <p>
        {/* download: a file, so the router must leave the link alone. */}
        <a class="button button--secondary" href={api.personalDataUrl(props.token)} download="mina-uppgifter.json">
          Ladda ner mina uppgifter (JSON)
        </a>
      </p>
      <p class="hint">
        En fil med allt vi har sparat om dig för den här anmälan: dina uppgifter, anmälan, närvaron och mejlen.{" "}
        <a href="/personuppgifter">Läs mer om hur vi behandlar personuppgifter</a>.
      </p>
    </section>
  );
}

function mailStatusText(m: PersonalMail, email: string): string {
  switch (m.status) {
    case "sent":
      return m.sentAt ? `Skickat ${formatMoment(m.sentAt)}` : "Skickat";
    case "failed":
      return `Kom inte fram till ${email}`;
    default:
      return `På väg, inte skickat än (sedan ${formatMoment(m.createdAt)})`;
  }
}

export function MyMails(props: { registration: RegistrationView; contact: () => JSX.Element }) {
  const mails = () => props.registration.mails;
  return (
    <section aria-labelledby="mails-heading">
      <h2 id="mails-heading">Mejl vi har skickat till dig</h2>
      <Show when={mails().length > 0} fallback={<p>Vi har inte skickat något mejl om den här anmälan.</p>}>
        <ul class="mail-list">
          <For each={[...mails()].reverse()}>
            {(m) => (
              <li data-mail-item={m.status} classList={{ "mail-failed": m.status === "failed" }}>
                <span class="mail-subject">{m.subject}</span>
                <span class="mail-when">{mailStatusText(m, props.registration.email)}</span>
              </li>
            )}
          </For>
        </ul>
        <Show when={mails().some((m) => m.status === "failed")}>
          <p>Har du inte fått ett mejl? Skriv till {props.contact()}.</p>
        </Show>
      </Show>
    </section>
  );
}

export function EraseMyData(props: {
  token: string;
  registration: RegistrationView;
  onErased: (registrations: number) => void;
}) {
  const r = () => props.registration;
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let question: HTMLParagraphElement | undefined;
  let eraseButton: HTMLButtonElement | undefined;
  let errorBox: HTMLParagraphElement | undefined;

  function ask() {
    setError(null);
    setConfirming(true);
    queueMicrotask(() => question?.focus());
  }
  function keep() {
    setConfirming(false);
    queueMicrotask(() => eraseButton?.focus());
  }
  async function erase() {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      const erased = await api.eraseRegistration(props.token);
      props.onErased(erased.registrations);
    } catch (err) {
      // 409 occasion_not_over, upcoming_registration: the server's sentence says what to do.
      setError(asApiError(err).message);
      requestAnimationFrame(() => errorBox?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="erase-heading" class="cancel">
      <h2 id="erase-heading">Radera mina uppgifter</h2>
      <p>
        Du kan be om att få dina uppgifter raderade nu. Annars tar vi bort dem när tiden i förbundets beslut om gallring
        har gått.
      </p>
      <Show
        when={confirming()}
        fallback={
          <button type="button" class="button button--secondary" ref={eraseButton} onClick={ask}>
            Radera mina uppgifter
          </button>
        }
      >
        <div class="confirm-box" role="group" aria-labelledby="erase-question">
          <p id="erase-question" class="confirm-question" tabindex="-1" ref={question}>
            Vill du radera dina uppgifter? Det går inte att ångra.
          </p>
          <p>
            Det här raderas
            {r().otherRegistrations > 0
              ? `, i den här anmälan och i dina ${otherRegistrationsText(r().otherRegistrations)} med samma adress`
              : ""}
            :
          </p>
          <ul>
            <li>ditt namn och din e-postadress</li>
            <li>din roll eller ditt yrke</li>
            <li>det du har skrivit som specialkost och behov av anpassning</li>
          </ul>
          <p>
            Det här finns kvar, utan ditt namn och din adress, som anonyma siffror i förbundets statistik: din
            arbetsgivare (part), din arbetsplats, kön om du har angett det, och om du deltog.
          </p>
          <p>Länken i dina mejl slutar fungera, och vi skickar inga fler mejl om anmälan.</p>
          <Show when={error()}>
            <p class="field-error" role="alert" tabindex="-1" ref={errorBox}>
              {error()}
            </p>
          </Show>
          <div class="button-row">
            <button
              type="button"
              class="button button--danger"
              onClick={erase}
              aria-disabled={busy() ? "true" : undefined}
            >
              {busy() ? "Raderar…" : "Ja, radera mina uppgifter"}
            </button>
            <button type="button" class="button button--secondary" onClick={keep}>
              Nej, behåll dem
            </button>
          </div>
        </div>
      </Show>
    </section>
  );
}

/** After the erasure: the link no longer works, and this says why. */
export function ErasedNotice(props: { registrations: number; organiserName: string; organiserEmail: string }) {
  let heading!: HTMLHeadingElement;
  // The buttons are gone: the new state is what to read.
  onMount(() => requestAnimationFrame(() => heading.isConnected && heading.focus()));
  return (
    <div class="panel panel--cancelled" data-state="erased">
      <h2 class="panel-title" tabindex="-1" ref={heading}>
        Dina uppgifter är raderade
      </h2>
      <p>
        Vi har tagit bort ditt namn, din e-postadress, roll, specialkost och behov av anpassning från{" "}
        {props.registrations === 1 ? "din anmälan" : `dina ${props.registrations} anmälningar`} hos{" "}
        {props.organiserName}. Kvar finns bara anonyma siffror i statistiken.
      </p>
      <p>
        Länken i dina mejl fungerar inte längre. Har du frågor? Skriv till{" "}
        <a href={`mailto:${props.organiserEmail}`}>{props.organiserEmail}</a>.
      </p>
      <p>
        Vill du gå fler utbildningar? Se <a href="/">kommande utbildningar</a>.
      </p>
    </div>
  );
}
