// The registration form. The server validates (one set of rules and Swedish messages, in
// server/routes/public.ts); the form shows its answer: a summary on top, each message at
// its field. No personnummer: the work e-mail identifies the person.
import { useNavigate } from "@solidjs/router";
import { createMemo, createResource, createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { api, ApiError, type FieldErrors, type Gender, type Organiser, type PublicOccasion, type RegistrationInput } from "../api.ts";
import type { ConfirmationState } from "../pages/confirmation-page.tsx";
import { Checkbox, ErrorSummary, RadioGroup, SelectField, TextArea, TextField, type SummaryItem } from "./form-fields.tsx";
import { useSite } from "./site.tsx";

/** Error keys from the server, in the order of the form, with the element to move focus to. */
const FIELD_ORDER: [key: string, target: string][] = [
  ["name", "f-name"],
  ["email", "f-email"],
  ["party", "f-party"],
  ["workplace", "f-workplace-name"],
  ["workplace.name", "f-workplace-name"],
  ["workplace.municipality", "f-workplace-municipality"],
  ["workplace.orgNumber", "f-workplace-orgnumber"],
  ["role", "f-role"],
  ["gender", "f-gender-kvinna"],
  ["dietary", "f-dietary"],
  ["accessibilityNeeds", "f-accessibility"],
  ["acceptPrivacy", "f-accept-privacy"],
];

const GENDERS: { value: Gender; label: string }[] = [
  { value: "kvinna", label: "Kvinna" },
  { value: "man", label: "Man" },
  { value: "annat", label: "Annat" },
  { value: "vill-ej-ange", label: "Vill ej ange" },
];

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

  const [v, setV] = createStore({
    name: "",
    email: "",
    party: "",
    workplaceName: "",
    municipality: "",
    orgNumber: "",
    role: "",
    gender: "" as Gender | "",
    dietary: "",
    accessibilityNeeds: "",
    acceptPrivacy: false,
  });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  // The municipality we filled in from the employer, so a later employer choice may replace
  // it but never overwrites what the person typed.
  let prefilled = "";

  function chooseParty(code: string) {
    setV("party", code);
    const municipality = parties.latest?.find((p) => p.code === code)?.municipality;
    if (municipality && (v.municipality === "" || v.municipality === prefilled)) {
      setV("municipality", municipality);
      prefilled = municipality;
    }
  }

  const summaryItems = createMemo<SummaryItem[]>(() => {
    const e = errors();
    const items: SummaryItem[] = [];
    const known = new Set<string>();
    for (const [key, target] of FIELD_ORDER) {
      known.add(key);
      if (e[key]) items.push({ target, message: e[key] });
    }
    for (const [key, message] of Object.entries(e)) if (!known.has(key)) items.push({ target: null, message });
    const general = formError();
    if (general) items.unshift({ target: null, message: general });
    return items;
  });
  const err = (key: string) => errors()[key];

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setSending(true);
    const input: RegistrationInput = {
      name: v.name,
      email: v.email,
      party: v.party,
      workplace: { name: v.workplaceName, municipality: v.municipality, orgNumber: v.orgNumber || null },
      role: v.role || null,
      gender: v.gender || null,
      dietary: props.occasion.asksDietary ? v.dietary || null : null,
      accessibilityNeeds: v.accessibilityNeeds || null,
      // Sent even when unticked: the server answers with the message to show at the box.
      acceptPrivacy: v.acceptPrivacy as true,
    };
    try {
      const { registration, existing } = await api.register(props.occasion.id, input);
      const state: ConfirmationState = {
        status: registration.status,
        waitlistPosition: registration.waitlistPosition ?? null,
        manageToken: registration.manageToken ?? null,
        email: input.email.trim(),
        existing,
      };
      navigate(`/tillfallen/${props.occasion.id}/klar`, { state });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, "unknown", "Något gick fel. Försök igen.");
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
          Tillfället är fullt. Anmäl dig nedan så hamnar du på väntelistan. Blir en plats ledig flyttas du upp i turordning och får
          ett mejl med kalenderinbjudan.
        </p>
      </Show>
      <Show when={summaryItems().length > 0}>
        <ErrorSummary items={summaryItems()} ref={(el) => (summary = el)} />
      </Show>
      <p class="hint">Fält som inte är märkta (valfritt) måste fyllas i.</p>

      <TextField id="f-name" label="Namn" autocomplete="name" maxLength={120} spellcheck={false} value={v.name} onValue={(x) => setV("name", x)} error={err("name")} />
      <TextField
        id="f-email"
        label="E-postadress till jobbet"
        type="email"
        inputmode="email"
        autocomplete="email"
        spellcheck={false}
        maxLength={254}
        hint="Hit skickar vi bekräftelsen med kalenderinbjudan och länken där du kan avboka."
        value={v.email}
        onValue={(x) => setV("email", x)}
        error={err("email")}
      />
      <SelectField
        id="f-party"
        label="Arbetsgivare"
        hint="Välj den organisation du är anställd av. Privata och andra arbetsgivare väljer Annan arbetsgivare."
        emptyLabel="Välj arbetsgivare"
        options={(parties.latest ?? []).map((p) => ({ value: p.code, label: p.name }))}
        value={v.party}
        onValue={chooseParty}
        error={err("party")}
      />

      <fieldset class="fieldset group">
        <legend class="legend">Arbetsplats</legend>
        <TextField
          id="f-workplace-name"
          label="Arbetsplatsens namn"
          hint="Till exempel enhet, kontor eller företagets namn."
          autocomplete="organization"
          maxLength={160}
          value={v.workplaceName}
          onValue={(x) => setV("workplaceName", x)}
          error={err("workplace.name") ?? err("workplace")}
        />
        <TextField
          id="f-workplace-municipality"
          label="Kommun"
          autocomplete="address-level2"
          maxLength={60}
          class="input input--medium"
          value={v.municipality}
          onValue={(x) => setV("municipality", x)}
          error={err("workplace.municipality")}
        />
        <TextField
          id="f-workplace-orgnumber"
          label="Organisationsnummer"
          optional
          hint="Tio siffror, till exempel 556123-4567. Fyll gärna i om du arbetar hos en privat arbetsgivare."
          inputmode="numeric"
          autocomplete="off"
          maxLength={20}
          class="input input--short"
          value={v.orgNumber}
          onValue={(x) => setV("orgNumber", x)}
          error={err("workplace.orgNumber")}
        />
      </fieldset>

      <TextField
        id="f-role"
        label="Roll eller yrke"
        optional
        hint="Till exempel handläggare, enhetschef eller handledare."
        autocomplete="organization-title"
        maxLength={100}
        value={v.role}
        onValue={(x) => setV("role", x)}
        error={err("role")}
      />
      <RadioGroup
        id="f-gender"
        name="gender"
        legend="Kön"
        optional
        hint="Vi redovisar antalet deltagare per kön i den nationella uppföljningen av samordningsförbunden."
        options={GENDERS}
        value={v.gender}
        onValue={(x) => setV("gender", x as Gender)}
        error={err("gender")}
      />
      <Show when={props.occasion.asksDietary}>
        <TextArea
          id="f-dietary"
          label="Specialkost"
          optional
          hint="Till exempel vegetariskt, glutenfritt eller allergier."
          maxLength={500}
          value={v.dietary}
          onValue={(x) => setV("dietary", x)}
          error={err("dietary")}
        />
      </Show>
      <TextArea
        id="f-accessibility"
        label="Behov av anpassning"
        optional
        hint="Till exempel hörslinga, tolk, rullstolsplats eller material i förväg."
        maxLength={500}
        value={v.accessibilityNeeds}
        onValue={(x) => setV("accessibilityNeeds", x)}
        error={err("accessibilityNeeds")}
      />

      <section class="privacy-box" aria-labelledby="privacy-heading">
        <h3 id="privacy-heading">Så behandlar vi dina personuppgifter</h3>
        <p>
          {organiserName()} är personuppgiftsansvarig för uppgifterna du lämnar här. Vi behandlar dem för att utföra en uppgift av
          allmänt intresse: att planera och följa upp förbundets kompetensinsatser, till exempel deltagarlistor, kallelser och
          statistik.
        </p>
        <p>
          Uppgifterna sparas
          <Show when={organiser.latest?.retentionMonths} fallback=" enligt förbundets beslut om gallring">
            {(months) => ` i ${months()} månader`}
          </Show>
          . Därefter tar vi bort det som kan kopplas till dig, men behåller antalet deltagare för statistiken. Uppgifter om
          specialkost och behov av anpassning ser bara kursledarna och kansliet, och de raderas efter kursen.
        </p>
        <p>
          Du har rätt att få veta vilka uppgifter vi har om dig, att få fel rättade och i vissa fall att få uppgifter raderade.
          <Show when={contact()}>{(mail) => <> Kontakta oss på <a href={`mailto:${mail()}`}>{mail()}</a>.</>}</Show>{" "}
          <a href="/personuppgifter">Läs mer om hur vi behandlar personuppgifter</a>.
        </p>
      </section>
      <Checkbox
        id="f-accept-privacy"
        label="Jag har läst hur mina personuppgifter behandlas."
        checked={v.acceptPrivacy}
        onChecked={(x) => setV("acceptPrivacy", x)}
        error={err("acceptPrivacy")}
      />

      {/* Not disabled while sending: that would drop keyboard focus; a second press is ignored instead. */}
      <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
        {sending() ? "Skickar…" : props.full ? "Ställ mig på väntelistan" : "Skicka anmälan"}
      </button>
    </form>
  );
}
