// "Ändra budget och plan" on the export page's Finsam table: one effort's budget, outcome
// (kronor) and planned participants for the year, as Uppföljning Finsam asks for them. An
// empty field is "not entered" (an empty cell in the files), not zero. Spaces in "25 000"
// are allowed; anything but whole numbers is refused at the field before anything is sent.
import { createMemo, createSignal, Show } from "solid-js";
import { asApiError, type EffortYearInput, type FieldErrors, type FinsamRow, staffApi } from "../../api.ts";
import { ErrorSummary, summaryItems, TextField } from "../form-fields.tsx";
import { Modal, ModalActions } from "./modal.tsx";

const FIELDS: [key: keyof EffortYearInput, id: string, label: string, hint: string][] = [
  ["budgetKr", "effort-budget", "Budget (kronor)", "Hela kronor, till exempel 25 000."],
  ["outcomeKr", "effort-outcome", "Utfall (kronor)", "Vad insatsen har kostat hittills under året."],
  ["plannedParticipants", "effort-planned", "Planerat antal deltagare", "Det antal ni planerade för året."],
];
const ORDER = FIELDS.map(([key, id]) => [key, id] as [string, string]);
const WHOLE = /^\d+$/;

const shown = (n: number | null) => (n === null ? "" : n.toLocaleString("sv-SE"));

/** "25 000" → 25000, "" → null; undefined when it is not a whole number. */
function parse(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0]/g, "");
  if (compact === "") return null;
  return WHOLE.test(compact) ? Number(compact) : undefined;
}

export function EffortYearDialog(props: {
  row: FinsamRow;
  onClose: () => void;
  onSaved: (values: EffortYearInput) => void;
}) {
  const [text, setText] = createSignal<Record<keyof EffortYearInput, string>>({
    budgetKr: shown(props.row.budgetKr),
    outcomeKr: shown(props.row.outcomeKr),
    plannedParticipants: shown(props.row.plannedParticipants),
  });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const items = createMemo(() => summaryItems(errors(), ORDER, formError()));
  let summary: HTMLDivElement | undefined;

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (saving()) return;
    const values: Partial<EffortYearInput> = {};
    const wrong: FieldErrors = {};
    for (const [key, , label] of FIELDS) {
      const v = parse(text()[key]);
      if (v === undefined) wrong[key] = `${label.replace(/ \(kronor\)$/, "")}: skriv ett heltal, till exempel 25 000.`;
      else values[key] = v;
    }
    if (Object.keys(wrong).length) {
      setErrors(wrong);
      setFormError(null);
      queueMicrotask(() => summary?.focus());
      return;
    }
    setSaving(true);
    try {
      props.onSaved(await staffApi.saveEffortYear(props.row.courseId, props.row.year, values as EffortYearInput));
    } catch (error) {
      const apiError = asApiError(error);
      setErrors(apiError.fields);
      setFormError(Object.keys(apiError.fields).length ? null : apiError.message);
      queueMicrotask(() => summary?.focus());
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal labelledBy="effort-year-heading" onClose={props.onClose}>
      <h2 id="effort-year-heading" class="modal-title" tabindex="-1">
        Budget och plan {props.row.year}: {props.row.course}
      </h2>
      <p>
        Det Uppföljning Finsam frågar efter för en strukturövergripande insats. Lämna ett fält tomt om ni inte vet än;
        det blir en tom cell i filerna.
      </p>
      <form novalidate onSubmit={submit} aria-labelledby="effort-year-heading">
        <Show when={items().length > 0}>
          <ErrorSummary id="effort-year-errors" items={items()} ref={(el) => (summary = el)} />
        </Show>
        {FIELDS.map(([key, id, label, hint]) => (
          <TextField
            id={id}
            label={label}
            hint={hint}
            optional
            inputmode="numeric"
            autocomplete="off"
            maxLength={20}
            class="input input--short"
            value={text()[key]}
            onValue={(v) => setText({ ...text(), [key]: v })}
            error={errors()[key]}
          />
        ))}
        <ModalActions label="Spara" busyLabel="Sparar…" busy={saving()} onCancel={props.onClose} />
      </form>
    </Modal>
  );
}
