// A modal dialog on the native <dialog> element: showModal() keeps keyboard focus and the
// screen reader's virtual cursor inside it, and Esc closes it. It opens when rendered and
// closes when removed; the caller puts focus back where it belongs (the button that opened
// it, or a notice when that button is gone).
import { onCleanup, onMount, Show, type JSX } from "solid-js";

export function Modal(props: {
  /** id of the dialog's heading (its accessible name); the heading takes focus on open */
  labelledBy: string;
  onClose: () => void;
  children: JSX.Element;
}) {
  let dialog!: HTMLDialogElement;
  onMount(() => {
    dialog.showModal();
    // The heading, not the first control: a screen reader starts with the title and the
    // text that explains the choice.
    requestAnimationFrame(() => document.getElementById(props.labelledBy)?.focus());
  });
  onCleanup(() => {
    if (dialog.open) dialog.close();
  });
  return (
    <dialog
      ref={dialog}
      class="modal"
      aria-labelledby={props.labelledBy}
      onCancel={(e) => {
        // Esc: let the caller remove the dialog (and move focus) instead of the browser.
        e.preventDefault();
        props.onClose();
      }}
      // Should the browser close it anyway (a second Esc may not be stopped), the caller
      // still hears of it; closing twice is harmless.
      onClose={() => props.onClose()}
    >
      <div class="modal-body">{props.children}</div>
    </dialog>
  );
}

/**
 * A dialog form's buttons: submit (which says what it is doing while `busy`; aria-disabled,
 * not disabled, so it keeps focus) and Avbryt. `canSubmit` false leaves only Avbryt.
 */
export function ModalActions(props: {
  label: string;
  busyLabel: string;
  busy: boolean;
  onCancel: () => void;
  canSubmit?: boolean;
}) {
  return (
    <div class="button-row">
      <Show when={props.canSubmit !== false}>
        <button type="submit" class="button" aria-disabled={props.busy ? "true" : undefined}>
          {props.busy ? props.busyLabel : props.label}
        </button>
      </Show>
      <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
        Avbryt
      </button>
    </div>
  );
}
