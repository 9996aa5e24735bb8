// The "Utvärdering" section of the leader's list (issue 12): once the occasion is over, the
// results of its evaluation, with the same threshold and view as the office's.
import { createResource, Match, Switch } from "solid-js";
import { leaderApi } from "../../api.ts";
import { EvaluationResultView } from "../evaluation-result.tsx";
import { Loading } from "../site.tsx";
import { StaffErrorNotice } from "../staff.tsx";

export function OccasionEvaluation(props: { occasionId: number }) {
  const [result] = createResource(
    () => props.occasionId,
    (id) => leaderApi.evaluation(id),
  );
  return (
    <section class="action-box leader-evaluation" aria-labelledby="evaluation-heading">
      <h2 id="evaluation-heading">Utvärdering</h2>
      <Switch>
        <Match when={result.error}>
          <StaffErrorNotice title="Utvärderingen kunde inte hämtas" error={result.error} />
        </Match>
        <Match when={!result.latest}>
          <Loading>Hämtar utvärderingen…</Loading>
        </Match>
        <Match when={result.latest?.invited === 0}>
          <p>Ingen utvärdering har skickats för det här tillfället.</p>
        </Match>
        <Match when={result.latest}>
          {(r) => (
            <>
              <p>Deltagarnas anonyma svar efter utbildningen.</p>
              <EvaluationResultView id="leader-ev" result={r()} level="h3" />
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
