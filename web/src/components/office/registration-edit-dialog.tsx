// "Ändra uppgifter" on the office's person page: one registration's details in a dialog, the
// same fields and server messages as the registration form, e-mail and employer included.
// Only the fields that changed are sent (an unchanged workplace is not logged as changed).
// A new address already registered on that occasion (409 already_registered) is shown at
// the e-mail field.
import { createMemo, createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { asApiError, type FieldErrors, type Party, type PersonRegistration, staffApi } from "../../api.ts";
import { formatDay } from "../../occasion-text.ts";
import { ErrorSummary, summaryItems } from "../form-fields.tsx";
import { PersonFields, personChanges, personFieldOrder, personValuesOf } from "../person-fields.tsx";
import { Modal, ModalActions } from "./modal.tsx";

const PREFIX = "pe";
const ORDER = personFieldOrder(PREFIX);

export function RegistrationEditDialog(props: {
  registration: PersonRegistration;
  parties: Party[];
  /** Whether the occasion asks for dietary needs (the field shows also when some are stored). */
  asksDietary: boolean;
  onClose: () => void;
  /** After a save; `changed` is false when nothing differed (nothing was sent). */
  onSaved: (updated: PersonRegistration, changed: boolean) => void;
}) {
  const opened = personValuesOf({
    ...props.registration,
    workplace: props.registration.workplace
      ? {
          name: props.registration.workplace.name ?? "",
          municipality: props.registration.workplace.municipality ?? "",
          orgNumber: props.registration.workplace.orgNumber,
        }
      : null,
  });
  const showsDietary = props.asksDietary || !!props.registration.dietary;
  const [values, setValues] = createStore({ ...opened });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const items = createMemo(() => summaryItems(errors(), ORDER, formError()));
  let summary: HTMLDivElement | undefined;

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (saving()) return;
    const changes = personChanges(opened, values, showsDietary);
    if (Object.keys(changes).length === 0) return props.onSaved(props.registration, false);
    setSaving(true);
    try {
      props.onSaved(await staffApi.updateRegistration(props.registration.id, changes), true);
    } catch (error) {
      const apiError = asApiError(error);
      const fields =
        apiError.code === "already_registered" ? { ...apiError.fields, email: apiError.message } : apiError.fields;
      setErrors(fields);
      setFormError(Object.keys(fields).length ? null : apiError.message);
      queueMicrotask(() => summary?.focus());
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal labelledBy="edit-registration-heading" onClose={props.onClose}>
      <h2 id="edit-registration-heading" class="modal-title" tabindex="-1">
        Ändra uppgifter för {props.registration.name}
      </h2>
      <p>
        Anmälan till {props.registration.occasionTitle}, {formatDay(props.registration.startsAt)}. Ett nytt namn står i
        nästa mejl och kalenderinbjudan till personen; en ny adress får nästa mejl.
      </p>
      <form novalidate onSubmit={submit} aria-labelledby="edit-registration-heading">
        <Show when={items().length > 0}>
          <ErrorSummary id="edit-registration-errors" items={items()} ref={(el) => (summary = el)} />
        </Show>
        <PersonFields
          prefix={PREFIX}
          forSomeoneElse
          values={values}
          set={setValues}
          errors={errors()}
          parties={props.parties}
          asksDietary={showsDietary}
        />
        <ModalActions label="Spara ändringarna" busyLabel="Sparar…" busy={saving()} onCancel={props.onClose} />
      </form>
    </Modal>
  );
}
