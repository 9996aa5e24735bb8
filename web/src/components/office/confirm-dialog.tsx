// "Är du säker?" as a modal dialog: the question and what follows from it, the action
// button and Avbryt. A refusal from the server is shown in the dialog, which stays open.
import { createSignal, Show, type JSX } from "solid-js";
import { asApiError } from "../../api.ts";
import { Modal } from "./modal.tsx";

export function ConfirmDialog(props: {
  id: string;
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  busyLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let errorBox: HTMLDivElement | undefined;

  async function confirm() {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
    } catch (err) {
      setError(asApiError(err).message);
      requestAnimationFrame(() => errorBox?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal labelledBy={`${props.id}-heading`} onClose={props.onClose}>
      <h2 id={`${props.id}-heading`} class="modal-title" tabindex="-1">
        {props.title}
      </h2>
      {props.children}
      <Show when={error()}>
        <div class="notice notice--error" role="alert" tabindex="-1" ref={(el) => (errorBox = el)}>
          <p>{error()}</p>
        </div>
      </Show>
      <div class="button-row">
        <button
          type="button"
          class="button"
          classList={{ "button--danger": !!props.danger }}
          aria-disabled={busy() ? "true" : undefined}
          onClick={confirm}
        >
          {busy() ? props.busyLabel : props.confirmLabel}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onClose()}>
          Avbryt
        </button>
      </div>
    </Modal>
  );
}
