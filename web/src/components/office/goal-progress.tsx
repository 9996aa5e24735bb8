// How far a goal has come, as a bar: the part of the target reached, and a marker where the
// year's plan says it should be by today. The bar is one image with its own text (role="img"
// and aria-label); the same numbers are written out beside it on the page, so nothing is
// said by the bar or its colour alone.
import type { GoalFigures } from "../../api.ts";
import { goalValueText, num } from "../../office-text.ts";

const share = (n: number, of: number) => `${Math.min(100, Math.max(0, of > 0 ? (n / of) * 100 : 0)).toFixed(1)}%`;

export function progressLabel(goal: Pick<GoalFigures, "kind" | "value" | "target" | "expectedByToday">): string {
  return `${goalValueText(goal)}. Förväntat i dag: ${num(goal.expectedByToday)}.`;
}

export function GoalProgress(props: { goal: GoalFigures }) {
  const g = () => props.goal;
  return (
    <div class="goal-progress">
      <div class="goal-progress-track" role="img" aria-label={progressLabel(g())}>
        <div
          class="goal-progress-value"
          classList={{ "goal-progress-value--behind": !g().onTrack }}
          style={{ width: share(g().value, g().target) }}
        />
        <div class="goal-progress-marker" style={{ left: share(g().expectedByToday, g().target) }} />
      </div>
      <p class="goal-progress-legend" aria-hidden="true">
        <span class="goal-progress-key" /> Förväntat i dag: {num(g().expectedByToday)} av {num(g().target)}
      </p>
    </div>
  );
}
