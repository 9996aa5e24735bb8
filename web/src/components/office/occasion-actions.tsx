// What the office does with an occasion besides editing it: copy it to a new date (a draft
// with every day moved), and cancel it (everyone registered gets a mail and the calendar
// entry is removed), the second only after an explicit confirmation.
import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { ApiError, staffApi, type OfficeOccasion } from "../../api.ts";
import { TextArea, TextField } from "../form-fields.tsx";

const messageOf = (error: unknown) =>
  error instanceof ApiError || error instanceof Error ? error.message : "Något gick fel. Försök igen.";

export function CopyOccasion(props: { occasion: OfficeOccasion }) {
  const navigate = useNavigate();
  const [firstDay, setFirstDay] = createSignal("");
  const [error, setError] = createSignal<string | undefined>();
  const [sending, setSending] = createSignal(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setSending(true);
    try {
      const copy = await staffApi.copyOccasion(props.occasion.id, firstDay());
      setError(undefined);
      navigate(`/kansliet/tillfallen/${copy.id}`, {
        state: { flash: "Kopian är sparad som utkast. Kontrollera uppgifterna och publicera den när den är klar." },
      });
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      setError(fields.firstDay ?? Object.values(fields)[0] ?? messageOf(err));
      requestAnimationFrame(() => document.getElementById("copy-first-day")?.focus());
    } finally {
      setSending(false);
    }
  }

  return (
    <section class="action-box" aria-labelledby="copy-heading">
      <h2 id="copy-heading" tabindex="-1">
        Kopiera till nytt datum
      </h2>
      <p>
        Kopian blir ett utkast med samma utbildning, plats, antal platser och tider. Alla dagar flyttas så att den
        första hamnar på datumet du väljer. Deltagarna följer inte med.
      </p>
      <form novalidate onSubmit={submit} aria-labelledby="copy-heading">
        <TextField
          id="copy-first-day"
          label="Första dagen för kopian"
          type="date"
          class="input input--short"
          value={firstDay()}
          onValue={setFirstDay}
          error={error()}
        />
        <button type="submit" class="button button--secondary" aria-disabled={sending() ? "true" : undefined}>
          {sending() ? "Kopierar…" : "Kopiera"}
        </button>
      </form>
    </section>
  );
}

export function CancelOccasion(props: {
  occasion: OfficeOccasion;
  onCancelled: (occasion: OfficeOccasion, notified: number) => void;
}) {
  const [asking, setAsking] = createSignal(false);
  const [message, setMessage] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let question: HTMLParagraphElement | undefined;
  let opener: HTMLButtonElement | undefined;

  function ask() {
    setAsking(true);
    requestAnimationFrame(() => question?.focus());
  }
  function keep() {
    setAsking(false);
    setError(null);
    requestAnimationFrame(() => opener?.focus());
  }
  async function cancel() {
    if (sending()) return;
    setSending(true);
    setError(null);
    try {
      const { occasion, notified } = await staffApi.cancelOccasion(props.occasion.id, message().trim() || null);
      props.onCancelled(occasion, notified);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      setError(fields.message ?? messageOf(err));
      requestAnimationFrame(() => document.getElementById("cancel-error")?.focus());
    } finally {
      setSending(false);
    }
  }

  const people = () => props.occasion.confirmed + props.occasion.waitlisted;

  return (
    <section class="action-box action-box--danger" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading" tabindex="-1">
        Ställ in tillfället
      </h2>
      <p>
        Alla som är anmälda eller står på väntelistan får ett mejl om att tillfället är inställt, och kalenderinbjudan
        tas bort ur deras kalender. Det går inte att ångra.
      </p>
      <Show
        when={asking()}
        fallback={
          <button type="button" class="button button--danger" ref={(el) => (opener = el)} onClick={ask}>
            Ställ in tillfället
          </button>
        }
      >
        <div class="confirm-box">
          <p class="confirm-question" tabindex="-1" ref={(el) => (question = el)}>
            Vill du ställa in {props.occasion.title}? {people() === 1 ? "1 person" : `${people()} personer`} får ett
            mejl om det.
          </p>
          <TextArea
            id="cancel-message"
            label="Meddelande till deltagarna"
            optional
            hint="Kommer med i mejlet, till exempel varför och om ett nytt datum planeras."
            maxLength={1000}
            value={message()}
            onValue={setMessage}
          />
          <Show when={error()}>
            <p class="field-error" id="cancel-error" tabindex="-1" role="alert">
              {error()}
            </p>
          </Show>
          <div class="button-row">
            <button
              type="button"
              class="button button--danger"
              onClick={cancel}
              aria-disabled={sending() ? "true" : undefined}
            >
              {sending() ? "Ställer in…" : "Ja, ställ in tillfället"}
            </button>
            <button type="button" class="button button--secondary" onClick={keep}>
              Nej, behåll tillfället
            </button>
          </div>
        </div>
      </Show>
    </section>
  );
}
