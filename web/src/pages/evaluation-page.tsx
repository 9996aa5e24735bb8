// "/utvardering/:token": the short course evaluation behind the link in the mail (issue 12).
// One minute's form: two grades 1–5, would she recommend it, two optional free texts, then the
// course's own questions (optional). The answer is anonymous and can be given once: after it,
// and when the link was already used, the page only thanks her.
import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import {
  api,
  ApiError,
  asApiError,
  type EvaluationAnswerInput,
  type EvaluationForm,
  type EvaluationQuestion,
} from "../api.ts";
import { ErrorSummary, markTitleAsError, summaryItems, TextArea } from "../components/form-fields.tsx";
import { Loading, PageHeading, useSite, usePageTitle, loaded } from "../components/site.tsx";
import { formatIsoDate } from "../../../server/domain/format-time.ts";
import { formatDay } from "../occasion-text.ts";
import "../evaluation.css";

const GRADES: { value: string; label: string; word?: string }[] = [
  { value: "1", label: "1", word: "Dåligt" },
  { value: "2", label: "2" },
  { value: "3", label: "3" },
  { value: "4", label: "4" },
  { value: "5", label: "5", word: "Mycket bra" },
];
const YES_NO_MAYBE = [
  { value: "ja", label: "Ja" },
  { value: "nej", label: "Nej" },
  { value: "vet-inte", label: "Vet inte" },
];
const YES_NO = YES_NO_MAYBE.slice(0, 2);

/** "tors 12 mars 2026", or "tors 12 mars – fre 13 mars 2026" style for several days. */
function datesText(e: EvaluationForm): string {
  if (formatIsoDate(e.startsAt) === formatIsoDate(e.endsAt)) return formatDay(e.startsAt);
  return `${formatDay(e.startsAt)} – ${formatDay(e.endsAt)}`;
}

/** The server says "Välj ett betyg från 1 till 5." for both scales: in the summary they must differ. */
const MISSING: Record<string, string> = {
  overall: "Välj ett betyg för utbildningen som helhet (1–5).",
  usefulness: "Välj hur användbar utbildningen är i ditt arbete (1–5).",
  recommend: "Välj om du skulle rekommendera utbildningen: ja, nej eller vet inte.",
};
function clearer(fields: Record<string, string>): Record<string, string> {
  const out = { ...fields };
  for (const key of Object.keys(MISSING)) if (out[key]) out[key] = MISSING[key]!;
  return out;
}

const extraTarget = (q: EvaluationQuestion) =>
  q.kind === "grade" ? `ev-x-${q.id}-1` : q.kind === "yesno" ? `ev-x-${q.id}-ja` : `ev-x-${q.id}`;

/** A question answered by choosing one: a fieldset with the question as its legend. */
function Choice(props: {
  id: string;
  legend: string;
  optional?: boolean;
  error?: string;
  options: { value: string; label: string; word?: string }[];
  scale?: boolean;
  value: string;
  onValue: (v: string) => void;
}) {
  const errorId = () => (props.error ? `${props.id}-error` : undefined);
  return (
    <div class="field" classList={{ "field--error": !!props.error }}>
      <fieldset class="fieldset" id={props.id} aria-describedby={errorId()}>
        <legend class="label">
          {props.legend}
          <Show when={props.optional}>
            <span class="optional"> (valfritt)</span>
          </Show>
        </legend>
        <Show when={props.error}>
          <p class="field-error" id={`${props.id}-error`}>
            <span class="visually-hidden">Fel: </span>
            {props.error}
          </p>
        </Show>
        <div class={props.scale ? "choice-row choice-row--scale" : "choice-row"}>
          <For each={props.options}>
            {(o) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`${props.id}-${o.value}`}
                  name={props.id}
                  value={o.value}
                  checked={props.value === o.value}
                  onChange={() => props.onValue(o.value)}
                />
                <label for={`${props.id}-${o.value}`}>
                  <span class="choice-main">{o.label}</span>
                  <Show when={o.word}>
                    <span class="choice-word"> {o.word}</span>
                  </Show>
                </label>
              </div>
            )}
          </For>
        </div>
      </fieldset>
    </div>
  );
}

function Thanks(props: { title: string; text: string; ref?: (el: HTMLHeadingElement) => void }) {
  return (
    <div class="panel panel--success">
      <h2 class="panel-title" tabindex="-1" ref={props.ref}>
        {props.title}
      </h2>
      <p class="panel-lead">{props.text}</p>
    </div>
  );
}

function EvaluationFormView(props: { token: string; evaluation: EvaluationForm }) {
  const [v, setV] = createStore({
    overall: "",
    usefulness: "",
    recommend: "",
    good: "",
    better: "",
    extra: {} as Record<string, string>,
  });
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [state, setState] = createSignal<"form" | "done" | "answered">(props.evaluation.answered ? "answered" : "form");
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  let doneHeading: HTMLHeadingElement | undefined;
  usePageTitle(() =>
    state() === "form" ? `Utvärdering: ${props.evaluation.courseTitle}` : "Tack för din utvärdering",
  );

  const order = (): [string, string][] => [
    ["overall", "ev-overall-1"],
    ["usefulness", "ev-usefulness-1"],
    ["recommend", "ev-recommend-ja"],
    ["good", "ev-good"],
    ["better", "ev-better"],
    ...props.evaluation.questions.map((q): [string, string] => [`extra.${q.id}`, extraTarget(q)]),
  ];
  const items = () => summaryItems(errors(), order(), formError());

  function input(): EvaluationAnswerInput {
    const extra: Record<string, number | string> = {};
    for (const q of props.evaluation.questions) {
      const a = (v.extra[q.id] ?? "").trim();
      if (a) extra[q.id] = q.kind === "grade" ? Number(a) : a;
    }
    return {
      // Left out when not chosen: the server answers which are missing, in Swedish.
      overall: (v.overall ? Number(v.overall) : undefined) as number,
      usefulness: (v.usefulness ? Number(v.usefulness) : undefined) as number,
      recommend: (v.recommend || undefined) as EvaluationAnswerInput["recommend"],
      good: v.good.trim() || null,
      better: v.better.trim() || null,
      extra,
    };
  }

  function finish(next: "done" | "answered") {
    setErrors({});
    setFormError(null);
    setState(next);
    requestAnimationFrame(() => doneHeading?.focus());
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setSending(true);
    try {
      await api.answerEvaluation(props.token, input());
      finish("done");
    } catch (error) {
      const apiError = asApiError(error);
      if (apiError.code === "evaluation_answered") return finish("answered");
      setErrors(clearer(apiError.fields));
      setFormError(Object.keys(apiError.fields).length ? null : apiError.message);
      markTitleAsError();
      queueMicrotask(() => summary?.focus());
    } finally {
      setSending(false);
    }
  }

  return (
    <Switch>
      <Match when={state() === "answered"}>
        <Thanks
          title="Du har redan svarat. Tack!"
          text="Utvärderingen kan bara besvaras en gång, och dina svar är redan sparade."
          ref={(el) => (doneHeading = el)}
        />
      </Match>
      <Match when={state() === "done"}>
        <Thanks
          title="Tack för dina svar!"
          text="Dina synpunkter hjälper oss att göra utbildningarna bättre. Du kan stänga sidan nu."
          ref={(el) => (doneHeading = el)}
        />
      </Match>
      <Match when={state() === "form"}>
        <form class="narrow-form evaluation-form" novalidate onSubmit={submit} aria-labelledby="ev-form-heading">
          <h2 id="ev-form-heading" class="visually-hidden">
            Dina svar
          </h2>
          <p class="lead">Det tar ungefär en minut. Tack för att du hjälper oss att bli bättre!</p>
          <p class="evaluation-anonymous">
            Dina svar är anonyma: de sparas utan ditt namn och din e-postadress. Du kan svara en gång.
          </p>
          <Show when={items().length > 0}>
            <ErrorSummary items={items()} ref={(el) => (summary = el)} />
          </Show>
          <Choice
            id="ev-overall"
            legend="Vad tycker du om utbildningen som helhet?"
            options={GRADES}
            scale
            value={v.overall}
            onValue={(x) => setV("overall", x)}
            error={errors().overall}
          />
          <Choice
            id="ev-usefulness"
            legend="Hur användbar är den i ditt arbete?"
            options={GRADES.map((g) => (g.word === "Dåligt" ? { ...g, word: "Inte alls" } : g))}
            scale
            value={v.usefulness}
            onValue={(x) => setV("usefulness", x)}
            error={errors().usefulness}
          />
          <Choice
            id="ev-recommend"
            legend="Skulle du rekommendera den till en kollega?"
            options={YES_NO_MAYBE}
            value={v.recommend}
            onValue={(x) => setV("recommend", x)}
            error={errors().recommend}
          />
          <TextArea
            id="ev-good"
            label="Vad var bra?"
            optional
            maxLength={2000}
            value={v.good}
            onValue={(x) => setV("good", x)}
            error={errors().good}
          />
          <TextArea
            id="ev-better"
            label="Vad kan bli bättre?"
            optional
            maxLength={2000}
            value={v.better}
            onValue={(x) => setV("better", x)}
            error={errors().better}
          />
          <For each={props.evaluation.questions}>
            {(q) => (
              <Switch>
                <Match when={q.kind === "text"}>
                  <TextArea
                    id={`ev-x-${q.id}`}
                    label={q.text}
                    optional
                    maxLength={2000}
                    value={v.extra[q.id] ?? ""}
                    onValue={(x) => setV("extra", q.id, x)}
                    error={errors()[`extra.${q.id}`]}
                  />
                </Match>
                <Match when={q.kind === "grade" || q.kind === "yesno"}>
                  <Choice
                    id={`ev-x-${q.id}`}
                    legend={q.text}
                    optional
                    options={q.kind === "grade" ? GRADES : YES_NO}
                    scale={q.kind === "grade"}
                    value={v.extra[q.id] ?? ""}
                    onValue={(x) => setV("extra", q.id, x)}
                    error={errors()[`extra.${q.id}`]}
                  />
                </Match>
              </Switch>
            )}
          </For>
          <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
            {sending() ? "Skickar…" : "Skicka svaren"}
          </button>
        </form>
      </Match>
    </Switch>
  );
}

export default function EvaluationPage() {
  const params = useParams<{ token: string }>();
  const { organiser } = useSite();
  const [evaluation] = createResource(() => params.token, api.evaluation);
  const e = () => loaded(evaluation);
  const notFound = () => evaluation.error instanceof ApiError && evaluation.error.status === 404;
  usePageTitle(() => (evaluation.error ? "Utvärderingen kunde inte öppnas" : e() ? undefined : "Utvärdering"));

  return (
    <Switch>
      <Match when={evaluation.error}>
        <PageHeading>Utvärdering</PageHeading>
        <div class="notice notice--error" role="alert">
          <h2 class="notice-title">
            {notFound() ? "Länken till utvärderingen fungerar inte" : "Utvärderingen kunde inte hämtas"}
          </h2>
          <p>
            {notFound()
              ? "Kontrollera att du har fått med hela länken från mejlet. Länken kan också vara för gammal."
              : (evaluation.error as Error).message}
          </p>
          <Show
            when={organiser()}
            fallback={<p>Hör av dig till den som ordnade utbildningen om du vill lämna synpunkter.</p>}
          >
            {(o) => (
              <p>
                Vill du lämna synpunkter ändå? Skriv till {o().name}: <a href={`mailto:${o().email}`}>{o().email}</a>.
              </p>
            )}
          </Show>
        </div>
      </Match>
      <Match when={!e()}>
        <PageHeading>Utvärdering</PageHeading>
        <Loading>Hämtar utvärderingen…</Loading>
      </Match>
      <Match when={e()}>
        {(ev) => (
          <>
            <PageHeading>Utvärdering: {ev().courseTitle}</PageHeading>
            <p class="evaluation-when">
              {datesText(ev())}, {ev().organiser.name}
            </p>
            <EvaluationFormView token={params.token} evaluation={ev()} />
            <p class="hint evaluation-contact">
              Frågor? Skriv till <a href={`mailto:${ev().organiser.email}`}>{ev().organiser.email}</a>.
            </p>
          </>
        )}
      </Match>
    </Switch>
  );
}
