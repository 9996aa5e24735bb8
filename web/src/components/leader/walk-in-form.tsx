// "Lägg till deltagare på plats": someone who never registered turns up. Name, work e-mail,
// employer and workplace are enough at the door; they count as registered and present for the
// day. Someone on the waiting list who turns up is added the same way (the form is filled in
// from the list), and an address already registered is simply marked present.
import { createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { type OfficeRegistrationInput, type Party, asApiError } from "../../api.ts";
import { EmailField, ErrorSummary, SelectField, summaryItems, TextField } from "../form-fields.tsx";
import { personFieldOrder } from "../person-fields.tsx";

const ORDER = personFieldOrder("w");

export interface WalkInValues {
  name: string;
  email: string;
  party: string;
  workplaceName: string;
  municipality: string;
}

const empty = (): WalkInValues => ({ name: "", email: "", party: "", workplaceName: "", municipality: "" });

export interface WalkInControl {
  /** Opens the form filled in (a person from the waiting list) and moves focus to it. */
  fill: (values: Partial<WalkInValues>) => void;
}

export function WalkInForm(props: {
  parties: Party[];
  dayText: string;
  /** Adds the person; resolves to the sentence to show, rejects with the server's ApiError. */
  onAdd: (input: OfficeRegistrationInput) => Promise<string>;
  control?: (c: WalkInControl) => void;
}) {
  const [open, setOpen] = createSignal(false);
  const [v, setV] = createStore(empty());
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  let doneBox: HTMLDivElement | undefined;
  let opener: HTMLButtonElement | undefined;
  let prefilled = "";
  const items = () => summaryItems(errors(), ORDER, formError());

  function show(values: Partial<WalkInValues> = {}) {
    setV({ ...empty(), ...values });
    prefilled = values.municipality ?? "";
    setErrors({});
    setFormError(null);
    setDone(null);
    setOpen(true);
    requestAnimationFrame(() => {
      const first = document.getElementById("w-name");
      first?.scrollIntoView({ block: "center" });
      first?.focus();
    });
  }
  props.control?.({ fill: show });

  function toggle() {
    if (open()) close();
    else show();
  }
  function close() {
    setOpen(false);
    setErrors({});
    setFormError(null);
    requestAnimationFrame(() => opener?.focus());
  }

  function chooseParty(code: string) {
    setV("party", code);
    const municipality = props.parties.find((p) => p.code === code)?.municipality;
    // The employer's municipality, unless one was typed.
    if (municipality && (v.municipality === "" || v.municipality === prefilled)) {
      setV("municipality", municipality);
      prefilled = municipality;
    }
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setSending(true);
    try {
      const text = await props.onAdd({
        name: v.name,
        email: v.email,
        party: v.party,
        workplace: { name: v.workplaceName, municipality: v.municipality, orgNumber: null },
        role: null,
        gender: null,
        dietary: null,
        accessibilityNeeds: null,
      });
      setErrors({});
      setFormError(null);
      setV(empty());
      setOpen(false);
      setDone(text);
      requestAnimationFrame(() => doneBox?.focus());
    } catch (error) {
      const apiError = asApiError(error);
      setErrors(apiError.fields);
      setFormError(Object.keys(apiError.fields).length ? null : apiError.message);
      queueMicrotask(() => summary?.focus());
    } finally {
      setSending(false);
    }
  }

  return (
    <section class="walk-in" aria-labelledby="walk-in-heading">
      <h2 id="walk-in-heading" class="visually-hidden">
        Lägg till deltagare på plats
      </h2>
      <Show when={done()}>
        <div class="notice notice--success" role="status" tabindex="-1" ref={(el) => (doneBox = el)}>
          <p>{done()}</p>
        </div>
      </Show>
      <button
        type="button"
        class="button button--secondary"
        aria-expanded={open() ? "true" : "false"}
        aria-controls={open() ? "walk-in-form" : undefined}
        ref={(el) => (opener = el)}
        onClick={toggle}
      >
        {open() ? "Stäng formuläret" : "Lägg till deltagare på plats"}
      </button>
      <Show when={open()}>
        <form id="walk-in-form" class="walk-in-form" novalidate onSubmit={submit} aria-labelledby="walk-in-heading">
          <Show when={items().length > 0}>
            <ErrorSummary id="walk-in-errors" items={items()} ref={(el) => (summary = el)} />
          </Show>
          <p class="hint">
            Personen räknas som anmäld och markeras som närvarande {props.dayText}. Alla fält behöver fyllas i.
          </p>
          <TextField
            id="w-name"
            label="Namn"
            autocomplete="off"
            maxLength={120}
            spellcheck={false}
            value={v.name}
            onValue={(x) => setV("name", x)}
            error={errors().name}
          />
          <EmailField
            id="w-email"
            label="E-postadress till jobbet"
            autocomplete="off"
            value={v.email}
            onValue={(x) => setV("email", x)}
            error={errors().email}
          />
          <SelectField
            id="w-party"
            label="Arbetsgivare"
            emptyLabel="Välj arbetsgivare"
            options={props.parties.map((p) => ({ value: p.code, label: p.name }))}
            value={v.party}
            onValue={chooseParty}
            error={errors().party}
          />
          <TextField
            id="w-workplace-name"
            label="Arbetsplatsens namn"
            autocomplete="off"
            maxLength={160}
            value={v.workplaceName}
            onValue={(x) => setV("workplaceName", x)}
            error={errors()["workplace.name"] ?? errors().workplace}
          />
          <TextField
            id="w-workplace-municipality"
            label="Kommun"
            autocomplete="off"
            maxLength={60}
            class="input input--medium"
            value={v.municipality}
            onValue={(x) => setV("municipality", x)}
            error={errors()["workplace.municipality"]}
          />
          <div class="button-row">
            <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
              {sending() ? "Lägger till…" : "Lägg till och markera närvarande"}
            </button>
            <button type="button" class="button button--secondary" onClick={close}>
              Avbryt
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}
