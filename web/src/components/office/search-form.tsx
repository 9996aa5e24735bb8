// A search box whose words live in the address (?q=…), so a search can be shared, reloaded
// and gone back to. Submitting asks again; "Visa alla" clears it.
import { createEffect, createSignal, Show } from "solid-js";

export function SearchForm(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onSearch: (q: string) => void;
}) {
  const [text, setText] = createSignal(props.value);
  // Back and forward in the browser change the address: the box follows.
  createEffect(() => setText(props.value));
  return (
    <form
      role="search"
      class="search-form"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSearch(text().trim());
      }}
    >
      <label class="label" for={props.id}>
        {props.label}
      </label>
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <div class="search-row">
        <input
          id={props.id}
          class="input search-input"
          type="search"
          maxLength={100}
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
          aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        />
        <button type="submit" class="button">
          Sök
        </button>
        <Show when={props.value}>
          <button type="button" class="button button--secondary" onClick={() => props.onSearch("")}>
            Visa alla
          </button>
        </Show>
      </div>
    </form>
  );
}
