// The person part of a registration: name, work e-mail, employer, workplace, role, gender,
// dietary and accessibility needs. The public form (someone registers themselves) and the
// office's "Anmäl någon" (registering someone else, e.g. after a phone call) share it, so
// both send the same body and show the server's messages at the same fields. `prefix` keeps
// the ids apart when both could be on one page.
import { Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import type { FieldErrors, Gender, OfficeRegistrationInput, Party } from "../api.ts";
import { EmailField, RadioGroup, SelectField, TextArea, TextField } from "./form-fields.tsx";

export interface PersonValues {
  name: string;
  email: string;
  party: string;
  workplaceName: string;
  municipality: string;
  orgNumber: string;
  role: string;
  gender: Gender | "";
  dietary: string;
  accessibilityNeeds: string;
}

export const emptyPerson = (): PersonValues => ({
  name: "",
  email: "",
  party: "",
  workplaceName: "",
  municipality: "",
  orgNumber: "",
  role: "",
  gender: "",
  dietary: "",
  accessibilityNeeds: "",
});

export const GENDERS: { value: Gender; label: string }[] = [
  { value: "kvinna", label: "Kvinna" },
  { value: "man", label: "Man" },
  { value: "annat", label: "Annat" },
  { value: "vill-ej-ange", label: "Vill ej ange" },
];

/** Error keys from the server, in the order of the fields, with the element to move focus to. */
export function personFieldOrder(prefix: string): [key: string, target: string][] {
  return [
    ["name", `${prefix}-name`],
    ["email", `${prefix}-email`],
    ["party", `${prefix}-party`],
    ["workplace", `${prefix}-workplace-name`],
    ["workplace.name", `${prefix}-workplace-name`],
    ["workplace.municipality", `${prefix}-workplace-municipality`],
    ["workplace.orgNumber", `${prefix}-workplace-orgnumber`],
    ["role", `${prefix}-role`],
    ["gender", `${prefix}-gender-kvinna`],
    ["dietary", `${prefix}-dietary`],
    ["accessibilityNeeds", `${prefix}-accessibility`],
  ];
}

/** A stored registration's details as the form's values (to correct them). */
export function personValuesOf(r: {
  name: string;
  email: string;
  party: string;
  workplace: { name: string; municipality: string; orgNumber: string | null } | null;
  role: string | null;
  gender: string | null;
  dietary: string | null;
  accessibilityNeeds: string | null;
}): PersonValues {
  return {
    name: r.name,
    email: r.email,
    party: r.party,
    workplaceName: r.workplace?.name ?? "",
    municipality: r.workplace?.municipality ?? "",
    orgNumber: r.workplace?.orgNumber ?? "",
    role: r.role ?? "",
    gender: (r.gender ?? "") as Gender | "",
    dietary: r.dietary ?? "",
    accessibilityNeeds: r.accessibilityNeeds ?? "",
  };
}

/**
 * Only what differs between the values the form opened with and the values now, as a
 * correction body (PATCH): an unchanged workplace is not sent, so it is not logged as changed.
 * `showsDietary` must be what the form showed: a hidden field is never cleared.
 */
export function personChanges(
  before: PersonValues,
  after: PersonValues,
  showsDietary: boolean,
): Partial<OfficeRegistrationInput> {
  const a = personInput(before, showsDietary);
  const b = personInput(after, showsDietary);
  const changes: Partial<OfficeRegistrationInput> = {};
  for (const key of Object.keys(b) as (keyof OfficeRegistrationInput)[]) {
    if (key === "dietary" && !showsDietary) continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) Object.assign(changes, { [key]: b[key] });
  }
  return changes;
}

/** The body the server gets (without the privacy box, which only the public form has). */
export function personInput(v: PersonValues, asksDietary: boolean): OfficeRegistrationInput {
  return {
    name: v.name,
    email: v.email,
    party: v.party,
    workplace: { name: v.workplaceName, municipality: v.municipality, orgNumber: v.orgNumber || null },
    role: v.role || null,
    gender: v.gender || null,
    dietary: asksDietary ? v.dietary || null : null,
    accessibilityNeeds: v.accessibilityNeeds || null,
  };
}

export function PersonFields(props: {
  prefix: string;
  values: PersonValues;
  set: SetStoreFunction<PersonValues>;
  errors: FieldErrors;
  parties: Party[];
  asksDietary: boolean;
  /** The office fills in the form for someone else: the hints speak of "personen", not "du". */
  forSomeoneElse?: boolean;
  /** Fields left out: her own correction from the personal link changes neither address nor employer. */
  hide?: ("email" | "party")[];
}) {
  const id = (name: string) => `${props.prefix}-${name}`;
  const err = (key: string) => props.errors[key];
  const v = props.values;
  const other = () => !!props.forSomeoneElse;
  const shown = (field: "email" | "party") => !props.hide?.includes(field);
  // The municipality we filled in from the employer, so a later employer choice may replace
  // it but never overwrites what was typed.
  let prefilled = "";

  function chooseParty(code: string) {
    props.set("party", code);
    const municipality = props.parties.find((p) => p.code === code)?.municipality;
    if (municipality && (v.municipality === "" || v.municipality === prefilled)) {
      props.set("municipality", municipality);
      prefilled = municipality;
    }
  }

  return (
    <>
      <TextField
        id={id("name")}
        label="Namn"
        autocomplete={other() ? "off" : "name"}
        maxLength={120}
        spellcheck={false}
        value={v.name}
        onValue={(x) => props.set("name", x)}
        error={err("name")}
      />
      <Show when={shown("email")}>
        <EmailField
          id={id("email")}
          label="E-postadress till jobbet"
          autocomplete={other() ? "off" : "email"}
          hint={
            other()
              ? "Hit skickas bekräftelsen med kalenderinbjudan och länken där personen själv kan avboka."
              : "Hit skickar vi bekräftelsen med kalenderinbjudan och länken där du kan avboka."
          }
          value={v.email}
          onValue={(x) => props.set("email", x)}
          error={err("email")}
        />
      </Show>
      <Show when={shown("party")}>
        <SelectField
          id={id("party")}
          label="Arbetsgivare"
          hint={
            other()
              ? "Den organisation personen är anställd av. Privata och andra arbetsgivare: Annan arbetsgivare."
              : "Välj den organisation du är anställd av. Privata och andra arbetsgivare väljer Annan arbetsgivare."
          }
          emptyLabel="Välj arbetsgivare"
          options={props.parties.map((p) => ({ value: p.code, label: p.name }))}
          value={v.party}
          onValue={chooseParty}
          error={err("party")}
        />
      </Show>

      <fieldset class="fieldset group">
        <legend class="legend">Arbetsplats</legend>
        <TextField
          id={id("workplace-name")}
          label="Arbetsplatsens namn"
          hint="Till exempel enhet, kontor eller företagets namn."
          autocomplete={other() ? "off" : "organization"}
          maxLength={160}
          value={v.workplaceName}
          onValue={(x) => props.set("workplaceName", x)}
          error={err("workplace.name") ?? err("workplace")}
        />
        <TextField
          id={id("workplace-municipality")}
          label="Kommun"
          autocomplete={other() ? "off" : "address-level2"}
          maxLength={60}
          class="input input--medium"
          value={v.municipality}
          onValue={(x) => props.set("municipality", x)}
          error={err("workplace.municipality")}
        />
        <TextField
          id={id("workplace-orgnumber")}
          label="Organisationsnummer"
          optional
          hint={
            other()
              ? "Tio siffror, till exempel 556123-4567. Bra att ha för privata arbetsgivare."
              : "Tio siffror, till exempel 556123-4567. Fyll gärna i om du arbetar hos en privat arbetsgivare."
          }
          inputmode="numeric"
          autocomplete="off"
          maxLength={20}
          class="input input--short"
          value={v.orgNumber}
          onValue={(x) => props.set("orgNumber", x)}
          error={err("workplace.orgNumber")}
        />
      </fieldset>

      <TextField
        id={id("role")}
        label="Roll eller yrke"
        optional
        hint="Till exempel handläggare, enhetschef eller handledare."
        autocomplete={other() ? "off" : "organization-title"}
        maxLength={100}
        value={v.role}
        onValue={(x) => props.set("role", x)}
        error={err("role")}
      />
      <RadioGroup
        id={id("gender")}
        name={id("gender")}
        legend="Kön"
        optional
        hint="Vi redovisar antalet deltagare per kön i den nationella uppföljningen av samordningsförbunden."
        options={GENDERS}
        value={v.gender}
        onValue={(x) => props.set("gender", x as Gender)}
        error={err("gender")}
      />
      <Show when={props.asksDietary}>
        <TextArea
          id={id("dietary")}
          label="Specialkost"
          optional
          hint="Till exempel vegetariskt, glutenfritt eller allergier."
          maxLength={500}
          value={v.dietary}
          onValue={(x) => props.set("dietary", x)}
          error={err("dietary")}
        />
      </Show>
      <TextArea
        id={id("accessibility")}
        label="Behov av anpassning"
        optional
        hint="Till exempel hörslinga, tolk, rullstolsplats eller material i förväg."
        maxLength={500}
        value={v.accessibilityNeeds}
        onValue={(x) => props.set("accessibilityNeeds", x)}
        error={err("accessibilityNeeds")}
      />
    </>
  );
}
