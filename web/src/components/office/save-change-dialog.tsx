// Before a change of an occasion is saved: who gets mail because of it and what the mail
// says (the server's dry run of the same change), so nobody is mailed by surprise.
import { For, Show } from "solid-js";
import type { OccasionPreview } from "../../api.ts";
import { ConfirmDialog } from "./confirm-dialog.tsx";

/** "12 deltagare får en uppdaterad kalenderinbjudan" ("deltagare" is both one and many). */
export function notifyText(p: OccasionPreview): string {
  return `${p.notify} deltagare får en uppdaterad kalenderinbjudan med ändringen:`;
}

export function promotedText(n: number): string {
  return n === 1
    ? "1 person på väntelistan får en plats och ett mejl om det."
    : `${n} personer på väntelistan får var sin plats och ett mejl om det.`;
}

export function SaveChangeDialog(props: {
  preview: OccasionPreview;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      id="save-change"
      title="Spara och meddela deltagarna?"
      confirmLabel="Spara och skicka"
      busyLabel="Sparar…"
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    >
      <p id="save-change-count">{notifyText(props.preview)}</p>
      <ul>
        <For each={props.preview.changes}>{(line) => <li>{line}</li>}</For>
      </ul>
      <Show when={props.preview.promoted > 0}>
        <p>{promotedText(props.preview.promoted)}</p>
      </Show>
      <p>Mejlen skickas när du sparar. Avbryter du sparas ingenting och inget mejl skickas.</p>
    </ConfirmDialog>
  );
}
