// Form controls with their label, hint and error wired together: the error sits next to
// the field, is part of its accessible description, and marks it aria-invalid.
import { For, Show, type JSX } from "solid-js";
import { focusById } from "./site.tsx";

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

function FieldError(props: { id: string; message?: string }) {
  return (
    <Show when={props.message}>
      <p class="field-error" id={props.id}>
        <span class="visually-hidden">Fel: </span>
        {props.message}
      </p>
    </Show>
  );
}

interface CommonProps {
  id: string;
  label: string;
  optional?: boolean;
  hint?: string;
  error?: string;
  value: string;
  onValue: (v: string) => void;
  class?: string;
}

function Label(props: { for: string; label: string; optional?: boolean }) {
  return (
    <label class="label" for={props.for}>
      {props.label}
      <Show when={props.optional}>
        <span class="optional"> (valfritt)</span>
      </Show>
    </label>
  );
}

/**
 * The parts every single control shares: the wrapper, label, hint and error, and the
 * ids the control must point at (aria-describedby).
 */
function FieldShell(props: CommonProps & { children: (describedBy: string | undefined) => JSX.Element }) {
  const hintId = () => props.hint && `${props.id}-hint`;
  const errorId = () => props.error && `${props.id}-error`;
  return (
    <div class="field" classList={{ "field--error": !!props.error }}>
      <Label for={props.id} label={props.label} optional={props.optional} />
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <FieldError id={`${props.id}-error`} message={props.error} />
      {props.children(describedBy(hintId(), errorId()))}
    </div>
  );
}

export function TextField(
  props: CommonProps & {
    type?: "text" | "email" | "url" | "date" | "datetime-local";
    autocomplete?: string;
    inputmode?: "text" | "email" | "numeric" | "url";
    maxLength?: number;
    spellcheck?: boolean;
  },
) {
  return (
    <FieldShell {...props}>
      {(described) => (
        <input
          id={props.id}
          class={props.class ?? "input"}
          type={props.type ?? "text"}
          value={props.value}
          onInput={(e) => props.onValue(e.currentTarget.value)}
          autocomplete={props.autocomplete as JSX.InputHTMLAttributes<HTMLInputElement>["autocomplete"]}
          inputmode={props.inputmode}
          maxLength={props.maxLength}
          spellcheck={props.spellcheck}
          required={!props.optional}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={described}
        />
      )}
    </FieldShell>
  );
}

/**
 * An e-mail field: the right keyboard on a phone, no spellcheck, the length an address can
 * have. `autocomplete` is "email" when it is the user's own address, "off" when someone else's.
 */
export function EmailField(props: CommonProps & { autocomplete: "email" | "off" }) {
  return <TextField {...props} type="email" inputmode="email" spellcheck={false} maxLength={254} />;
}

export function TextArea(props: CommonProps & { maxLength?: number; rows?: number }) {
  return (
    <FieldShell {...props}>
      {(described) => (
        <textarea
          id={props.id}
          class="input textarea"
          rows={props.rows ?? 3}
          value={props.value}
          onInput={(e) => props.onValue(e.currentTarget.value)}
          maxLength={props.maxLength}
          required={!props.optional}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={described}
        />
      )}
    </FieldShell>
  );
}

export function SelectField(props: CommonProps & { options: { value: string; label: string }[]; emptyLabel: string }) {
  return (
    <FieldShell {...props}>
      {(described) => (
        <select
          id={props.id}
          class="input select"
          value={props.value}
          onChange={(e) => props.onValue(e.currentTarget.value)}
          required={!props.optional}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={described}
        >
          <option value="">{props.emptyLabel}</option>
          {/* selected per option: the options may arrive after the value is set */}
          <For each={props.options}>
            {(o) => (
              <option value={o.value} selected={o.value === props.value}>
                {o.label}
              </option>
            )}
          </For>
        </select>
      )}
    </FieldShell>
  );
}

/** The fieldset, legend, hint and error a group of radios or checkboxes shares; both describe the group. */
function GroupShell(props: {
  id: string;
  legend: string;
  optional?: boolean;
  hint?: string;
  error?: string;
  children: JSX.Element;
}) {
  const hintId = () => props.hint && `${props.id}-hint`;
  const errorId = () => props.error && `${props.id}-error`;
  return (
    <div class="field" classList={{ "field--error": !!props.error }}>
      <fieldset class="fieldset" id={props.id} aria-describedby={describedBy(hintId(), errorId())}>
        <legend class="label">
          {props.legend}
          <Show when={props.optional}>
            <span class="optional"> (valfritt)</span>
          </Show>
        </legend>
        <Show when={props.hint}>
          <p class="hint" id={`${props.id}-hint`}>
            {props.hint}
          </p>
        </Show>
        <FieldError id={`${props.id}-error`} message={props.error} />
        {props.children}
      </fieldset>
    </div>
  );
}

/** A radio group in a fieldset; the legend is the question. Error and hint describe the group. */
export function RadioGroup(props: {
  id: string;
  legend: string;
  optional?: boolean;
  hint?: string;
  error?: string;
  name: string;
  options: { value: string; label: string }[];
  value: string;
  onValue: (v: string) => void;
}) {
  return (
    <GroupShell id={props.id} legend={props.legend} optional={props.optional} hint={props.hint} error={props.error}>
      <div class="radios">
        <For each={props.options}>
          {(o) => (
            <div class="radio">
              <input
                type="radio"
                id={`${props.id}-${o.value}`}
                name={props.name}
                value={o.value}
                checked={props.value === o.value}
                onChange={() => props.onValue(o.value)}
              />
              <label for={`${props.id}-${o.value}`}>{o.label}</label>
            </div>
          )}
        </For>
      </div>
    </GroupShell>
  );
}

/** One checkbox with its label; required unless `optional` (the privacy box must be ticked). */
export function Checkbox(props: {
  id: string;
  label: JSX.Element;
  hint?: string;
  error?: string;
  optional?: boolean;
  checked: boolean;
  onChecked: (v: boolean) => void;
}) {
  const errorId = () => props.error && `${props.id}-error`;
  return (
    <div class="field" classList={{ "field--error": !!props.error }}>
      <FieldError id={`${props.id}-error`} message={props.error} />
      <div class="checkbox">
        <input
          type="checkbox"
          id={props.id}
          checked={props.checked}
          onChange={(e) => props.onChecked(e.currentTarget.checked)}
          required={!props.optional}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={describedBy(props.hint && `${props.id}-hint`, errorId())}
        />
        <label for={props.id}>{props.label}</label>
      </div>
      <Show when={props.hint}>
        <p class="hint hint--checkbox" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
    </div>
  );
}

/**
 * Several checkboxes in a fieldset; the legend is the question. The first box's id is
 * `${id}-${first value}` (an error summary links there). Hint and error describe the group.
 */
export function CheckboxGroup(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string; note?: string }[];
  values: string[];
  onValues: (v: string[]) => void;
}) {
  function toggle(value: string, on: boolean) {
    const rest = props.values.filter((v) => v !== value);
    // Keep the options' order, so a saved list compares equal however it was ticked.
    const next = on ? [...rest, value] : rest;
    props.onValues(props.options.map((o) => o.value).filter((v) => next.includes(v)));
  }
  return (
    <GroupShell id={props.id} legend={props.legend} optional hint={props.hint} error={props.error}>
      <div class="radios">
        <For each={props.options}>
          {(o) => (
            <div class="checkbox">
              <input
                type="checkbox"
                id={`${props.id}-${o.value}`}
                value={o.value}
                checked={props.values.includes(o.value)}
                onChange={(e) => toggle(o.value, e.currentTarget.checked)}
              />
              <label for={`${props.id}-${o.value}`}>
                {o.label}
                <Show when={o.note}>
                  <span class="option-note"> {o.note}</span>
                </Show>
              </label>
            </div>
          )}
        </For>
      </div>
    </GroupShell>
  );
}

export interface SummaryItem {
  /** the id of the field to move to, or null for an error that belongs to no field */
  target: string | null;
  message: string;
}

/**
 * The error summary at the top of a form (the GOV.UK pattern): it takes focus on a failed
 * submit, and each line links to its field.
 */
export function ErrorSummary(props: { items: SummaryItem[]; ref?: (el: HTMLDivElement) => void; id?: string }) {
  const titleId = () => `${props.id ?? "error-summary"}-title`;
  return (
    <div class="error-summary" role="group" id={props.id} tabindex="-1" ref={props.ref} aria-labelledby={titleId()}>
      <h2 class="error-summary-title" id={titleId()}>
        Det finns fel i formuläret
      </h2>
      <ul class="error-summary-list">
        <For each={props.items}>
          {(item) => (
            <li>
              <Show when={item.target} fallback={item.message}>
                {(target) => (
                  <a href={`#${target()}`} onClick={(e) => focusById(e, target())}>
                    {item.message}
                  </a>
                )}
              </Show>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

/**
 * The summary's lines from a server answer: field errors in the order of the form (each
 * linking to its control), then any the form does not know, then a general message.
 * `order` maps an error key (or a key prefix ending in ".") to the id of its control.
 */
export function summaryItems(
  errors: Record<string, string>,
  order: [key: string, target: string][],
  general?: string | null,
): SummaryItem[] {
  const items: SummaryItem[] = [];
  const used = new Set<string>();
  for (const [key, target] of order) {
    const message = errors[key];
    if (message && !used.has(key)) {
      used.add(key);
      items.push({ target, message });
    }
  }
  for (const [key, message] of Object.entries(errors)) if (!used.has(key)) items.push({ target: null, message });
  if (general) items.unshift({ target: null, message: general });
  return items;
}

/** "Fel: " in front of the page title after a failed submit (screen readers read the title first). */
export function markTitleAsError() {
  if (!document.title.startsWith("Fel: ")) document.title = `Fel: ${document.title}`;
}
