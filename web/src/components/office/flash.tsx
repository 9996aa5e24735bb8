// The answer to something the office just did ("Sammanslagna. Alla siffror följer med."):
// a notice that takes focus when it appears, so keyboard and screen-reader users hear it and
// continue from there. A new message (even the same text again) is a new notice.
import { createSignal, onMount, Show, type JSX } from "solid-js";

export interface FlashMessage {
  kind: "success" | "error";
  text: JSX.Element;
}

/** A signal for the page's flash: set(message) shows it (and focuses it), set(null) hides it. */
export function createFlash() {
  const [flash, setFlash] = createSignal<{ message: FlashMessage; n: number } | null>(null);
  let n = 0;
  return {
    current: flash,
    show: (message: FlashMessage) => setFlash({ message, n: ++n }),
    clear: () => setFlash(null),
  };
}

export function Flash(props: { flash: ReturnType<typeof createFlash> }) {
  return (
    <Show when={props.flash.current()} keyed>
      {(f) => <FlashNotice message={f.message} />}
    </Show>
  );
}

function FlashNotice(props: { message: FlashMessage }) {
  let el!: HTMLDivElement;
  onMount(() => requestAnimationFrame(() => el.isConnected && el.focus()));
  return (
    <div
      ref={el}
      class="notice flash"
      classList={{
        "notice--success": props.message.kind === "success",
        "notice--error": props.message.kind === "error",
      }}
      role={props.message.kind === "error" ? "alert" : "status"}
      tabindex="-1"
    >
      <p>
        <span class="visually-hidden">{props.message.kind === "error" ? "Fel: " : "Klart: "}</span>
        {props.message.text}
      </p>
    </div>
  );
}
