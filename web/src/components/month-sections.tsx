// Occasions under a heading per month ("december 2026"), as the catalogue and the office's
// year plan both show them; each page brings its own card.
import { createMemo, For, type JSX } from "solid-js";
import type { PublicOccasion } from "../api.ts";
import { groupByMonth } from "../occasion-text.ts";

export function MonthSections<T extends Pick<PublicOccasion, "startsAt">>(props: {
  occasions: T[];
  card: (o: T) => JSX.Element;
}) {
  const groups = createMemo(() => groupByMonth(props.occasions));
  return (
    <For each={groups()}>
      {(g) => (
        <section class="month" aria-labelledby={`m-${g.key}`}>
          <h2 class="month-heading" id={`m-${g.key}`}>
            {g.label}
          </h2>
          <ul class="cards">
            <For each={g.occasions}>{(o) => props.card(o)}</For>
          </ul>
        </section>
      )}
    </For>
  );
}
