// "Anmäl någon": the office registers a person by hand, for instance after a phone call,
// also when registration has closed. The same fields as the public form, without the
// privacy box (the office informs the person); the person gets the same confirmation and
// calendar invitation. An e-mail already registered is not registered twice: the server
// answers with the registration already there, and we say so.
import { createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { staffApi, type OfficeOccasion, type OfficeRegistrationResult, type Party, asApiError } from "../../api.ts";
import { ErrorSummary, markTitleAsError, summaryItems } from "../form-fields.tsx";
import { emptyPerson, PersonFields, personFieldOrder, personInput } from "../person-fields.tsx";

const ORDER = personFieldOrder("r");

/** "Anna Lind är anmäld och har fått en plats." and the like, for the notice after a submit. */
export function registeredText(name: string, email: string, r: OfficeRegistrationResult): string {
  const where =
    r.status === "confirmed"
      ? "har en plats"
      : `står på väntelistan${r.waitlistPosition ? ` (plats ${r.waitlistPosition} i kön)` : ""}`;
  if (!r.created) return `${email} är redan anmäld till tillfället och ${where}. Ingen ny anmälan är gjord.`;
  return r.status === "confirmed"
    ? `${name} är anmäld och har fått en plats. En bekräftelse med kalenderinbjudan skickas till ${email}.`
    : `${name} är anmäld och ${where}. Ett mejl om väntelistan skickas till ${email}.`;
}

export function RegisterByHand(props: {
  occasion: OfficeOccasion;
  parties: Party[];
  onRegistered: (result: OfficeRegistrationResult) => void;
}) {
  const [open, setOpen] = createSignal(false);
  const [v, setV] = createStore(emptyPerson());
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<{ text: string; existing: boolean } | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  let doneBox: HTMLDivElement | undefined;
  let opener: HTMLButtonElement | undefined;
  const items = () => summaryItems(errors(), ORDER, formError());

  function toggle() {
    const next = !open();
    setOpen(next);
    if (next) {
      setDone(null);
      requestAnimationFrame(() => document.getElementById("r-name")?.focus());
    }
  }
  function close() {
    setOpen(false);
    setErrors({});
    setFormError(null);
    requestAnimationFrame(() => opener?.focus());
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setSending(true);
    const input = personInput(v, props.occasion.asksDietary);
    try {
      const result = await staffApi.registerByHand(props.occasion.id, input);
      setErrors({});
      setFormError(null);
      setDone({ text: registeredText(input.name.trim(), input.email.trim(), result), existing: !result.created });
      // Ready for the next caller; the notice says who was registered.
      setV(emptyPerson());
      requestAnimationFrame(() => doneBox?.focus());
      props.onRegistered(result);
    } catch (error) {
      const apiError = asApiError(error);
      setErrors(apiError.fields);
      setFormError(Object.keys(apiError.fields).length ? null : apiError.message);
      setDone(null);
      markTitleAsError();
      queueMicrotask(() => summary?.focus());
    } finally {
      setSending(false);
    }
  }

  return (
    <section class="action-box" aria-labelledby="register-heading">
      <h2 id="register-heading" tabindex="-1">
        Anmäl någon
      </h2>
      <p>
        Till exempel efter ett telefonsamtal. Det går även när anmälan är stängd eller tillfället är fullt (då hamnar
        personen på väntelistan). Personen får samma bekräftelse och kalenderinbjudan som vid en egen anmälan.
      </p>
      <Show when={done()}>
        {(d) => (
          <div
            class={`notice ${d().existing ? "notice--warning" : "notice--success"}`}
            role="status"
            tabindex="-1"
            ref={(el) => (doneBox = el)}
          >
            <p>{d().text}</p>
          </div>
        )}
      </Show>
      <button
        type="button"
        class="button button--secondary"
        aria-expanded={open() ? "true" : "false"}
        aria-controls="register-form"
        ref={(el) => (opener = el)}
        onClick={toggle}
      >
        {open() ? "Stäng formuläret" : "Anmäl någon"}
      </button>
      <Show when={open()}>
        <form
          id="register-form"
          class="office-form office-form--inner"
          novalidate
          onSubmit={submit}
          aria-labelledby="register-heading"
        >
          <Show when={items().length > 0}>
            <ErrorSummary id="register-errors" items={items()} ref={(el) => (summary = el)} />
          </Show>
          <p class="hint">
            Fält som inte är märkta (valfritt) måste fyllas i. Berätta för personen hur förbundet behandlar
            personuppgifter (<a href="/personuppgifter">texten finns här</a>).
          </p>
          <PersonFields
            prefix="r"
            forSomeoneElse
            values={v}
            set={setV}
            errors={errors()}
            parties={props.parties}
            asksDietary={props.occasion.asksDietary}
          />
          <div class="button-row">
            <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
              {sending() ? "Anmäler…" : "Anmäl"}
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
