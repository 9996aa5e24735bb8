// The office's merges, newest first: when, who, what; "Ångra" deletes the merge row and
// every figure is as before. Shared by the workplace register and the people page.
import { createSignal, For, Show } from "solid-js";
import { formatDay, formatTime } from "../../../../server/domain/format-time.ts";

export interface MergeRow {
  id: number;
  at: string;
  userName: string | null;
  /** "Cafe Solrosen (Halmstad) räknas som Café Solrosen (Halmstad)" */
  what: string;
  /** For the undo button's accessible name: "sammanslagningen till Café Solrosen (Halmstad)" */
  undoName: string;
}

export function MergeHistory(props: {
  id: string;
  caption: string;
  rows: MergeRow[];
  onUndo: (row: MergeRow) => Promise<void>;
  empty: string;
}) {
  const [busy, setBusy] = createSignal<number | null>(null);
  async function undo(row: MergeRow) {
    if (busy() !== null) return;
    setBusy(row.id);
    try {
      await props.onUndo(row);
    } finally {
      setBusy(null);
    }
  }
  return (
    <Show when={props.rows.length > 0} fallback={<p>{props.empty}</p>}>
      <div
        class="table-scroll table-scroll--settings"
        role="region"
        aria-labelledby={`${props.id}-caption`}
        tabindex="0"
      >
        <table class="table table--settings">
          <caption id={`${props.id}-caption`} class="visually-hidden">
            {props.caption}
          </caption>
          <thead>
            <tr>
              <th scope="col">Sammanslagning</th>
              <th scope="col">När</th>
              <th scope="col">Vem</th>
              <th scope="col">
                <span class="visually-hidden">Ångra</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <th scope="row" class="cell-wide">
                    {row.what}
                  </th>
                  <td class="cell-nowrap">
                    <time datetime={row.at}>
                      {formatDay(row.at)}
                      <br />
                      kl. {formatTime(row.at)}
                    </time>
                  </td>
                  <td>{row.userName ?? "okänd"}</td>
                  <td class="cell-action">
                    <button
                      type="button"
                      class="button button--secondary button--small"
                      aria-disabled={busy() === row.id ? "true" : undefined}
                      onClick={() => undo(row)}
                    >
                      {busy() === row.id ? "Ångrar…" : "Ångra"}
                      <span class="visually-hidden"> {row.undoName}</span>
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
