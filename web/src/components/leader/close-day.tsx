// "Markera övriga som frånvarande": closes the day. Everyone without a mark becomes absent
// (those already marked keep their mark). Asked once more before it is done.
import { createSignal, Show } from "solid-js";

export function CloseDay(props: {
  unmarked: number;
  dayText: string;
  /** Does it; resolves to the sentence to show. */
  onConfirm: () => Promise<string>;
}) {
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  let question: HTMLParagraphElement | undefined;
  let opener: HTMLButtonElement | undefined;
  let doneBox: HTMLDivElement | undefined;

  function ask() {
    setError(null);
    setDone(null);
    setConfirming(true);
    queueMicrotask(() => question?.focus());
  }
  function keep() {
    setConfirming(false);
    queueMicrotask(() => opener?.focus());
  }
  async function confirm() {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      const text = await props.onConfirm();
      setConfirming(false);
      setDone(text);
      requestAnimationFrame(() => doneBox?.focus());
    } catch (err) {
      setError(err instanceof Error ? err.message : "Det gick inte. Försök igen.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="action-box" aria-labelledby="close-day-heading">
      <h2 id="close-day-heading">Avsluta dagen</h2>
      <p>
        När alla som kommit är markerade: markera de som inte är markerade som frånvarande. Det går att ändra en
        markering efteråt.
      </p>
      <Show when={done()}>
        <div class="notice notice--success" role="status" tabindex="-1" ref={(el) => (doneBox = el)}>
          <p>{done()}</p>
        </div>
      </Show>
      <Show
        when={confirming()}
        fallback={
          <button type="button" class="button button--secondary" ref={(el) => (opener = el)} onClick={ask}>
            Markera övriga som frånvarande
          </button>
        }
      >
        <div class="confirm-box" role="group" aria-labelledby="close-day-question">
          <p id="close-day-question" class="confirm-question" tabindex="-1" ref={(el) => (question = el)}>
            {props.unmarked === 0
              ? `Alla är redan markerade ${props.dayText}. Vill du ändå avsluta dagen?`
              : `Markera ${props.unmarked === 1 ? "den 1 som inte är markerad" : `de ${props.unmarked} som inte är markerade`} som frånvarande ${props.dayText}?`}
          </p>
          <Show when={error()}>
            <p class="field-error" role="alert">
              {error()}
            </p>
          </Show>
          <div class="button-row">
            <button
              type="button"
              class="button button--danger"
              onClick={confirm}
              aria-disabled={busy() ? "true" : undefined}
            >
              {busy() ? "Markerar…" : "Ja, markera som frånvarande"}
            </button>
            <button type="button" class="button button--secondary" onClick={keep}>
              Avbryt
            </button>
          </div>
        </div>
      </Show>
    </section>
  );
}
