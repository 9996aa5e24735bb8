// A year chooser for the office's yearly pages and exports: a few years around this one,
// and the one shown even when it is outside them.
import { For } from "solid-js";
import { currentYear } from "../../office-text.ts";

/** A year from the address (`?ar=2026`), or this year when it is missing or not a year. */
export function yearFromParam(value: string | undefined, fallback = currentYear()): number {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : fallback;
}

/** This year, three before and two after; `shown` is added when it is outside them. */
export function yearOptions(shown: number, thisYear = currentYear()): number[] {
  const list = Array.from({ length: 6 }, (_, i) => thisYear - 3 + i);
  if (!list.includes(shown)) list.push(shown);
  return list.sort((a, b) => a - b);
}

export function YearSelect(props: {
  id: string;
  label: string;
  value: number;
  onValue: (year: number) => void;
  hint?: string;
}) {
  return (
    <div class="field field--year">
      <label class="label" for={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      <select
        id={props.id}
        class="input select select--short"
        value={String(props.value)}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(e) => props.onValue(Number(e.currentTarget.value))}
      >
        <For each={yearOptions(props.value)}>
          {(y) => (
            <option value={String(y)} selected={y === props.value}>
              {y}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
