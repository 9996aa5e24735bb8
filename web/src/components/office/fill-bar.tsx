// How full an occasion is: the numbers as text ("12 av 20 (60 %)", the waiting list), with a
// plain bar beside them for a quick look. The bar is decoration: the text says it all.
import { Show } from "solid-js";
import type { OfficeOccasion } from "../../api.ts";
import { fillText, STATUS_TEXT, waitlistText } from "../../office-text.ts";

export function FillBar(props: {
  occasion: Pick<OfficeOccasion, "confirmed" | "capacity" | "fillRate" | "waitlisted">;
}) {
  const width = () => `${Math.min(100, Math.max(0, Math.round(props.occasion.fillRate * 100)))}%`;
  return (
    <div class="fill">
      <p class="fill-text">
        {fillText(props.occasion)}
        <Show when={waitlistText(props.occasion.waitlisted)}>{(w) => <>, {w()}</>}</Show>
      </p>
      <div class="fill-bar" aria-hidden="true">
        <div
          class="fill-bar-value"
          classList={{ "fill-bar-value--full": props.occasion.fillRate >= 1 }}
          style={{ width: width() }}
        />
      </div>
    </div>
  );
}

/** Utkast / Publicerad / Inställd: a word, with a colour only as an extra. */
export function StatusBadge(props: { status: OfficeOccasion["status"] }) {
  return <span class={`tag tag--${props.status}`}>{STATUS_TEXT[props.status]}</span>;
}
