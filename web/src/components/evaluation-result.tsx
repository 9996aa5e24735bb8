// The results of a course evaluation (issue 12), the same for the office and the course
// leader: answers and response rate, then per question the average and the distribution as a
// table (the bar beside each count is decoration), and the free texts as a list without
// author. Below the threshold (`shown` false) only the counts: "För få svar för att visa".
import { For, Match, Show, Switch } from "solid-js";
import { Dynamic } from "solid-js/web";
import type { EvaluationQuestionResult, EvaluationResult } from "../api.ts";
import { percent } from "../office-text.ts";
import "../evaluation.css";

const CHOICE_TEXT: Record<string, string> = { ja: "Ja", nej: "Nej", "vet-inte": "Vet inte" };
const GRADE_TEXT: Record<string, string> = { "1": "1 (sämst)", "5": "5 (bäst)" };

/** "4,3" */
export function averageText(n: number | null | undefined): string {
  return n == null ? "–" : n.toLocaleString("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** "3 av 10" */
export function answersText(r: Pick<EvaluationResult, "answered" | "invited">): string {
  return `${r.answered} av ${r.invited}`;
}

export function rateText(r: Pick<EvaluationResult, "responseRate">): string {
  return r.responseRate == null ? "–" : percent(r.responseRate);
}

/** The share who would recommend the course ("ja" of all answers), or null when not shown. */
export function recommendShare(r: EvaluationResult): number | null {
  const q = r.questions.find((x) => x.id === "recommend");
  if (!r.shown || !q?.distribution || !q.answers) return null;
  return (q.distribution.ja ?? 0) / q.answers;
}

export const gradeAverage = (r: EvaluationResult, id: "overall" | "usefulness") =>
  r.shown ? (r.questions.find((q) => q.id === id)?.average ?? null) : null;

export const TOO_FEW = "För få svar för att visa";

const answersCount = (n: number) => (n === 1 ? "1 svar" : `${n} svar`);

function Distribution(props: { id: string; q: EvaluationQuestionResult }) {
  const rows = () => Object.entries(props.q.distribution ?? {});
  const max = () => Math.max(1, ...rows().map(([, n]) => n));
  const label = (key: string) => (props.q.kind === "grade" ? (GRADE_TEXT[key] ?? key) : (CHOICE_TEXT[key] ?? key));
  return (
    <table class="table table--figures distribution" aria-labelledby={`${props.id}-q`}>
      <thead>
        <tr>
          <th scope="col">{props.q.kind === "grade" ? "Betyg" : "Svar"}</th>
          <th scope="col" class="num">
            Antal
          </th>
          <th scope="col" class="num">
            Andel
          </th>
          <td aria-hidden="true" />
        </tr>
      </thead>
      <tbody>
        <For each={rows()}>
          {([key, n]) => (
            <tr>
              <th scope="row">{label(key)}</th>
              <td class="num">{n}</td>
              <td class="num">{props.q.answers ? percent(n / props.q.answers) : "–"}</td>
              <td class="bar-cell" aria-hidden="true">
                <span
                  class="dist-bar"
                  classList={{ "dist-bar--zero": n === 0 }}
                  style={{ width: `${(n / max()) * 100}%` }}
                />
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

function Question(props: { id: string; q: EvaluationQuestionResult; level: "h3" | "h4" | "h5" }) {
  return (
    <section class="evaluation-question" aria-labelledby={`${props.id}-q`}>
      <Dynamic component={props.level} id={`${props.id}-q`}>
        {props.q.text}
      </Dynamic>
      <Switch>
        <Match when={props.q.kind === "text"}>
          <Show when={props.q.texts?.length} fallback={<p>Inga svar på frågan.</p>}>
            <ul class="evaluation-texts">
              <For each={props.q.texts ?? []}>{(t) => <li>{t}</li>}</For>
            </ul>
          </Show>
        </Match>
        <Match when={props.q.kind === "grade"}>
          <p>
            Medel <strong>{averageText(props.q.average)}</strong> av 5, {answersCount(props.q.answers)}.
          </p>
          <Distribution id={props.id} q={props.q} />
        </Match>
        <Match when={true}>
          <p>{answersCount(props.q.answers)}.</p>
          <Distribution id={props.id} q={props.q} />
        </Match>
      </Switch>
    </section>
  );
}

/**
 * One evaluation's results. `id` makes the ids unique on a page with several; `level` is the
 * heading level of the questions (one below the section the results sit in).
 */
export function EvaluationResultView(props: { id: string; result: EvaluationResult; level?: "h3" | "h4" | "h5" }) {
  return (
    <div class="evaluation-result">
      <dl class="evaluation-figures">
        <div>
          <dt>Svar</dt>
          <dd>{answersText(props.result)}</dd>
        </div>
        <div>
          <dt>Svarsfrekvens</dt>
          <dd>{rateText(props.result)}</dd>
        </div>
      </dl>
      <Show
        when={props.result.shown}
        fallback={
          <>
            <p class="evaluation-too-few">{TOO_FEW}.</p>
            <p class="hint">Svaren visas först när minst 3 har svarat, så att ingen kan pekas ut.</p>
          </>
        }
      >
        <For each={props.result.questions}>
          {(q) => <Question id={`${props.id}-${q.id}`} q={q} level={props.level ?? "h3"} />}
        </For>
      </Show>
    </div>
  );
}
