// The registration form. The server validates (one set of rules and Swedish messages, in
// server/routes/public.ts); the form shows its answer: a summary on top, each message at
// its field. No personnummer: the work e-mail identifies the person.
import { useNavigate } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import {
  api,
  type FieldErrors,
  type Organiser,
  type PublicOccasion,
  type RegistrationInput,
  asApiError,
} from "../api.ts";
import type { ConfirmationState } from "../pages/confirmation-page.tsx";
import { Checkbox, ErrorSummary, summaryItems } from "./form-fields.tsx";
import { emptyPerson, PersonFields, type PersonValues, personFieldOrder, personInput } from "./person-fields.tsx";
import { useSite } from "./site.tsx";
import { fullText } from "../occasion-text.ts";
import { anonymisedText, needsDeletedText } from "../privacy-text.ts";

/**
 * A draft of the form, kept in this tab's sessionStorage while she is on the site (e.g. to read
 * the privacy notice and come back): never sent anywhere, gone when the tab closes, cleared when
 * the registration is made. Only this public form keeps one, never the office's hand registration.
 */
const draftKey = (occasionId: number) => `anmalan-utkast:${occasionId}`;
interface Draft {
  person: PersonValues;
  acceptPrivacy: boolean;
}
function readDraft(occasionId: number): Draft | null {
  try {
    const raw = sessionStorage.getItem(draftKey(occasionId));
    const d = raw ? (JSON.parse(raw) as Partial<Draft>) : null;
    return d?.person ? { person: { ...emptyPerson(), ...d.person }, acceptPrivacy: d.acceptPrivacy === true } : null;
  } catch {
    return null; // storage off or a damaged value: start empty
  }
}
function writeDraft(occasionId: number, draft: Draft | null) {
  try {
    if (draft) sessionStorage.setItem(draftKey(occasionId), JSON.stringify(draft));
    else sessionStorage.removeItem(draftKey(occasionId));
  } catch {
    // storage full or off: the form works without a draft
  }
}

const FIELD_ORDER: [key: string, target: string][] = [...personFieldOrder("f"), ["acceptPrivacy", "f-accept-privacy"]];

export function RegistrationForm(props: { occasion: PublicOccasion; full: boolean; onClosed: () => void }) {
  const navigate = useNavigate();
  const [parties] = createResource(
    () => props.occasion.organiser.slug,
    (slug) => api.parties(slug).catch(() => []),
  );
  const [organiser] = createResource(
    () => props.occasion.organiser.slug,
    (slug) => api.organiser(slug).catch((): Organiser | undefined => undefined),
  );
  const site = useSite();

  const draft = readDraft(props.occasion.id);
  const [v, setV] = createStore(draft?.person ?? emptyPerson());
  const [acceptPrivacy, setAcceptPrivacy] = createSignal(draft?.acceptPrivacy ?? false);
  let registered = false;
  createEffect(() => {
    const current: Draft = { person: { ...v }, acceptPrivacy: acceptPrivacy() };
    if (!registered) writeDraft(props.occasion.id, current);
  });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;

  const items = createMemo(() => summaryItems(errors(), FIELD_ORDER, formError()));
  const err = (key: string) => errors()[key];

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setSending(true);
    const input: RegistrationInput = {
      ...personInput(v, props.occasion.asksDietary),
      // Sent even when unticked: the server answers with the message to show at the box.
      acceptPrivacy: acceptPrivacy() as true,
    };
    try {
      const { registration, existing } = await api.register(props.occasion.id, input);
      registered = true;
      writeDraft(props.occasion.id, null);
      const state: ConfirmationState = {
        status: registration?.status ?? null,
        waitlistPosition: registration?.waitlistPosition ?? null,
        manageToken: registration?.manageToken ?? null,
        email: input.email.trim(),
        existing,
      };
      navigate(`/tillfallen/${props.occasion.id}/klar`, { state });
    } catch (error) {
      const apiError = asApiError(error);
      const fields = apiError.fields;
      setErrors(fields);
      setFormError(Object.keys(fields).length ? null : apiError.message);
      // Full, closed or cancelled while the form was open: let the page show the new state.
      if (apiError.status === 409 || apiError.status === 404) props.onClosed();
      document.title = document.title.startsWith("Fel: ") ? document.title : `Fel: ${document.title}`;
      queueMicrotask(() => summary?.focus());
    } finally {
      setSending(false);
    }
  }

  const organiserName = () => organiser.latest?.name ?? props.occasion.organiser.name;
  const contact = () => organiser.latest?.email ?? site.organiser()?.email;

  return (
    <form class="registration-form" novalidate onSubmit={submit} aria-labelledby="form-heading">
      <h2 id="form-heading">{props.full ? "Ställ dig på väntelistan" : "Anmäl dig"}</h2>
      <Show when={props.full}>
        <p>
          {fullText(props.occasion)} Blir en plats ledig flyttas du upp i turordning och får då ett mejl med
          kalenderinbjudan.
        </p>
      </Show>
      <Show when={items().length > 0}>
        <ErrorSummary items={items()} ref={(el) => (summary = el)} />
      </Show>
      <p class="hint">Fält som inte är märkta (valfritt) måste fyllas i.</p>

      <PersonFields
        prefix="f"
        values={v}
        set={setV}
        errors={errors()}
        parties={parties.latest ?? []}
        asksDietary={props.occasion.asksDietary}
      />

      <section class="privacy-box" aria-labelledby="privacy-heading">
        <h3 id="privacy-heading">Så behandlar vi dina personuppgifter</h3>
        <p>
          {organiserName()} är personuppgiftsansvarig för uppgifterna du lämnar här: namn, e-postadress, arbetsgivare,
          arbetsplats och roll, och om du vill kön, specialkost och behov av anpassning. Vi behandlar dem för att utföra
          en uppgift av allmänt intresse, inte efter samtycke: att planera och följa upp förbundets kompetensinsatser,
          till exempel deltagarlistor, kallelser och statistik.
        </p>
        <p>
          Kursledarna och kansliet ser dina uppgifter. Lokalen och cateringen får bara antal, inga namn.
          <Show
            when={organiser.latest}
            fallback=" Hur länge vi sparar uppgifterna följer förbundets beslut om gallring."
          >
            {(o) => (
              <>
                {" "}
                Specialkost och behov av anpassning raderas {needsDeletedText(o().needsRetentionDays)}. Övriga uppgifter
                sparas i {anonymisedText(o().retentionMonths)}; sedan tar vi bort det som kan kopplas till dig, men
                behåller antalet deltagare för statistiken.
              </>
            )}
          </Show>
        </p>
        <p>
          Via länken i bekräftelsemejlet kan du se, rätta och ladda ner dina uppgifter, och radera dem när tillfället är
          slut. Du kan också klaga hos Integritetsskyddsmyndigheten (IMY).
          <Show when={contact()}>
            {(mail) => (
              <>
                {" "}
                Frågor: <a href={`mailto:${mail()}`}>{mail()}</a>
                <Show when={organiser.latest?.dpoEmail}>
                  {(dpo) => (
                    <>
                      {" "}
                      eller dataskyddsombudet, <a href={`mailto:${dpo()}`}>{dpo()}</a>
                    </>
                  )}
                </Show>
                .
              </>
            )}
          </Show>{" "}
          <a href="/personuppgifter">Läs mer om hur vi behandlar personuppgifter</a>.
        </p>
      </section>
      <Checkbox
        id="f-accept-privacy"
        label="Jag har läst hur mina personuppgifter behandlas."
        checked={acceptPrivacy()}
        onChecked={setAcceptPrivacy}
        error={err("acceptPrivacy")}
      />

      {/* Not disabled while sending: that would drop keyboard focus; a second press is ignored instead. */}
      <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
        {sending() ? "Skickar…" : props.full ? "Ställ mig på väntelistan" : "Skicka anmälan"}
      </button>
    </form>
  );
}
