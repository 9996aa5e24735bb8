// The "Utvärdering" section of the leader's list (issue 12): once the occasion is over, the
// results of its evaluation, with the same threshold and view as the office's; before it goes
// out (the morning after the last day), when it goes and that the marks decide who gets it.
import { createResource, Match, Switch } from "solid-js";
import { leaderApi } from "../../api.ts";
import { EvaluationResultView } from "../evaluation-result.tsx";
import { formatDay, formatTime } from "../../occasion-text.ts";
import { Loading } from "../site.tsx";
import { StaffErrorNotice } from "../staff.tsx";

export function OccasionEvaluation(props: { occasionId: number }) {
  const [result] = createResource(
    () => props.occasionId,
    (id) => leaderApi.evaluation(id),
  );
  // Not sent yet and still to come (a course without evaluation has no send time).
  const coming = () => {
    const at = result.latest?.sendsAt;
    return !!at && new Date(at).getTime() > Date.now();
  };
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
        <Match when={result.latest?.result.invited === 0 && coming()}>
          <p>
            Utvärderingen mejlas {formatDay(result.latest!.sendsAt!)} kl. {formatTime(result.latest!.sendsAt!)} till dem
            som är markerade som närvarande eller sena. Rätta markeringarna före dess: den som är felaktigt markerad får
            annars frågan.
          </p>
        </Match>
        <Match when={result.latest?.result.invited === 0}>
          <p>Ingen utvärdering har skickats för det här tillfället.</p>
        </Match>
        <Match when={result.latest}>
          {(r) => (
            <>
              <p>Deltagarnas anonyma svar efter utbildningen.</p>
              <EvaluationResultView id="leader-ev" result={r().result} level="h3" />
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
