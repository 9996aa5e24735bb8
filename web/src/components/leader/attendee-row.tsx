// One person on the leader's list: who they are (name, workplace, employer, and for her eyes
// only their dietary and accessibility needs), the day's mark, and the buttons. One tap on
// "Närvarande" marks present; "Fler val" opens sen, giltig frånvaro, frånvarande and "ta
// bort markeringen" (Escape closes them). Every button's name starts with the person's
// ("Karin Lind: närvarande"), so a screen reader user hears whom a button is for, and each
// mark button is a toggle (aria-pressed), so she also hears which mark is on.
import { createSignal, For, Show } from "solid-js";
import type { AttendanceMark, Attendee } from "../../api.ts";
import { MARK_TEXT, markWord, UNMARKED_TEXT } from "../../attendance-text.ts";

const OTHER: AttendanceMark[] = ["late", "excused", "absent"];

export function AttendeeRow(props: {
  person: Attendee;
  partyName: string;
  mark: AttendanceMark | null;
  /** "saving": on its first way to the server; "waiting": kept on the phone until it can be sent */
  unsaved: "saving" | "waiting" | null;
  locked: boolean;
  onMark: (status: AttendanceMark | null) => void;
}) {
  const [more, setMore] = createSignal(false);
  let moreButton: HTMLButtonElement | undefined;
  const name = () => props.person.name;
  const workplace = () => {
    const w = props.person.workplace;
    return w ? `${w.name} (${w.municipality})` : null;
  };

  function choose(status: AttendanceMark | null) {
    props.onMark(status);
    setMore(false);
    moreButton?.focus();
  }

  return (
    <li class="attendee" classList={{ [`attendee--${props.mark ?? "unmarked"}`]: true }}>
      <div class="attendee-info">
        <p class="attendee-name">
          {name()}
          <Show when={props.person.source === "walk-in"}>
            <span class="attendee-note"> (på plats)</span>
          </Show>
        </p>
        <p class="attendee-meta">{[workplace(), props.partyName].filter(Boolean).join(" · ")}</p>
        <Show when={props.person.dietary || props.person.accessibilityNeeds}>
          <ul class="attendee-needs">
            <Show when={props.person.dietary}>
              <li>
                <strong>Specialkost:</strong> {props.person.dietary}
              </li>
            </Show>
            <Show when={props.person.accessibilityNeeds}>
              <li>
                <strong>Anpassning:</strong> {props.person.accessibilityNeeds}
              </li>
            </Show>
          </ul>
        </Show>
        <p class="attendee-status">
          <span class="visually-hidden">Status: </span>
          <span class="mark-text">{props.mark ? MARK_TEXT[props.mark] : UNMARKED_TEXT}</span>
          <Show when={props.unsaved}>
            {(u) => <span class="tag tag--unsaved">{u() === "saving" ? "Sparar…" : "Inte sparad än"}</span>}
          </Show>
        </p>
      </div>
      <Show when={!props.locked}>
        <div class="attendee-actions">
          <button
            type="button"
            class="mark-button"
            classList={{ "mark-button--on": props.mark === "present" }}
            aria-label={`${name()}: närvarande`}
            aria-pressed={props.mark === "present" ? "true" : "false"}
            onClick={() => props.onMark("present")}
          >
            Närvarande
          </button>
          <button
            type="button"
            class="mark-more"
            classList={{ "mark-more--on": !!props.mark && props.mark !== "present" }}
            aria-expanded={more() ? "true" : "false"}
            aria-label={`${name()}: fler val`}
            ref={(el) => (moreButton = el)}
            onClick={() => setMore(!more())}
          >
            Fler val
          </button>
        </div>
        <Show when={more()}>
          <div
            class="mark-menu"
            role="group"
            aria-label={`Fler val för ${name()}`}
            onKeyDown={(e) => {
              if (e.key !== "Escape") return;
              setMore(false);
              moreButton?.focus();
            }}
          >
            <For each={OTHER}>
              {(m) => (
                <button
                  type="button"
                  class="mark-choice"
                  classList={{ "mark-choice--on": props.mark === m }}
                  aria-label={`${name()}: ${markWord(m)}`}
                  aria-pressed={props.mark === m ? "true" : "false"}
                  onClick={() => choose(m)}
                >
                  {MARK_TEXT[m]}
                </button>
              )}
            </For>
            <Show when={props.mark}>
              <button
                type="button"
                class="mark-choice mark-choice--clear"
                aria-label={`${name()}: ta bort markeringen`}
                onClick={() => choose(null)}
              >
                Ta bort markeringen
              </button>
            </Show>
          </div>
        </Show>
      </Show>
    </li>
  );
}
