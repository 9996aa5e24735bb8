// The goal form of the office: what the goal is called, what it counts (kind), on what
// (basis), over which course types, the target and the year. It creates (POST) or changes
// (PATCH, only what changed) and shows the server's answer as the other forms do: a summary
// on top that takes focus, each message at its field. The figures themselves are counted by
// the server (docs/decisions/008); the form only says in words what each choice means.
import { createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { asApiError, staffApi, type GoalInput, type GoalSetting, type OfficeCourseType } from "../../api.ts";
import { GOAL_KIND_TEXT } from "../../office-text.ts";
import { CheckboxGroup, ErrorSummary, markTitleAsError, summaryItems, TextField } from "../form-fields.tsx";

type Kind = GoalInput["kind"];
type Basis = GoalInput["basis"];

/** Each kind with the one line that says what it counts. */
export const GOAL_KINDS: { value: Kind; label: string; explain: string }[] = [
  {
    value: "workplaces",
    label: GOAL_KIND_TEXT.workplaces!,
    explain:
      "Olika arbetsplatser som deltagarna kommer från. Samma arbetsplats räknas en gång, även med olika stavningar som är sammanslagna.",
  },
  {
    value: "staff",
    label: GOAL_KIND_TEXT.staff!,
    explain: "Olika personer. Den som går tre utbildningar under året räknas en gång.",
  },
  {
    value: "participants",
    label: GOAL_KIND_TEXT.participants!,
    explain: "Varje person räknas en gång för varje tillfälle: samma person på tre tillfällen ger 3.",
  },
  {
    value: "occasions",
    label: GOAL_KIND_TEXT.occasions!,
    explain: "Publicerade tillfällen som inte är inställda och vars sista dag har varit.",
  },
];

export const GOAL_BASES: { value: Basis; label: string; explain: string }[] = [
  { value: "attended", label: "Deltagit", explain: "De som var där: markerade närvarande eller sena minst en dag." },
  {
    value: "registered",
    label: "Anmälda",
    explain: "De som har fått en plats, oavsett närvaro. Väntelistan och avbokade räknas inte.",
  },
];

interface Values {
  label: string;
  kind: Kind | "";
  basis: Basis;
  courseTypes: string[];
  target: string;
  year: string;
}

function valuesFrom(goal: GoalSetting | undefined, year: number): Values {
  if (!goal) return { label: "", kind: "", basis: "attended", courseTypes: [], target: "", year: String(year) };
  return {
    label: goal.label,
    kind: goal.kind,
    basis: goal.basis,
    courseTypes: [...goal.courseTypes],
    target: String(goal.target),
    year: String(goal.year),
  };
}

/** A whole number as a number; anything else as typed, so the server answers in Swedish. */
const numberOrText = (text: string) => {
  const t = text.trim().replace(/[\s\u00a0]/g, "");
  return (t === "" ? undefined : /^\d+$/.test(t) ? Number(t) : t) as number;
};

function inputFrom(v: Values): GoalInput {
  return {
    label: v.label,
    kind: (v.kind || undefined) as Kind,
    basis: v.basis,
    courseTypes: v.courseTypes,
    target: numberOrText(v.target),
    year: numberOrText(v.year),
  };
}

function changes(goal: GoalSetting, next: GoalInput): Partial<GoalInput> {
  const out: Partial<GoalInput> = {};
  if (next.label.trim() !== goal.label) out.label = next.label;
  if (next.kind !== goal.kind) out.kind = next.kind;
  if (next.basis !== goal.basis) out.basis = next.basis;
  if ([...next.courseTypes].sort().join() !== [...goal.courseTypes].sort().join()) out.courseTypes = next.courseTypes;
  if (next.target !== goal.target) out.target = next.target;
  if (next.year !== goal.year) out.year = next.year;
  return out;
}

/**
 * The form. `idPrefix` keeps two forms on one page apart (the add form and the edit dialog).
 * `onSaved` gets the stored goal; a new goal's form empties itself for the next one.
 */
export function GoalForm(props: {
  idPrefix: string;
  goal?: GoalSetting;
  year: number;
  types: OfficeCourseType[] | undefined;
  headingId: string;
  submitLabel: string;
  onSaved: (goal: GoalSetting) => void;
  onCancel?: () => void;
}) {
  const p = props.idPrefix;
  const [v, setV] = createStore<Values>(valuesFrom(props.goal, props.year));
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const firstType = () => props.types?.[0]?.code;
  const items = () =>
    summaryItems(
      errors(),
      [
        ["label", `${p}-label`],
        ["kind", `${p}-kind-workplaces`],
        ["basis", `${p}-basis-attended`],
        ["courseTypes", firstType() ? `${p}-types-${firstType()}` : `${p}-types`],
        ["target", `${p}-target`],
        ["year", `${p}-year`],
      ],
      formError(),
    );
  const err = (key: string) => errors()[key] ?? Object.entries(errors()).find(([k]) => k.startsWith(`${key}.`))?.[1];

  function fail(fields: Record<string, string>, general: string | null) {
    setErrors(fields);
    setFormError(general);
    markTitleAsError();
    queueMicrotask(() => summary?.focus());
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    const input = inputFrom(v);
    let request: () => Promise<GoalSetting>;
    if (props.goal) {
      const diff = changes(props.goal, input);
      if (Object.keys(diff).length === 0) return fail({}, "Inget att spara: du har inte ändrat något.");
      const id = props.goal.id;
      request = () => staffApi.updateGoal(id, diff);
    } else {
      request = () => staffApi.createGoal(input);
    }
    setSending(true);
    try {
      const goal = await request();
      setErrors({});
      setFormError(null);
      if (!props.goal) setV({ ...valuesFrom(undefined, goal.year) });
      props.onSaved(goal);
    } catch (error) {
      const apiError = asApiError(error);
      fail(apiError.fields, Object.keys(apiError.fields).length ? null : apiError.message);
    } finally {
      setSending(false);
    }
  }

  return (
    <form novalidate onSubmit={submit} aria-labelledby={props.headingId} class="goal-form">
      <Show when={items().length > 0}>
        <ErrorSummary id={`${p}-errors`} items={items()} ref={(el) => (summary = el)} />
      </Show>
      <TextField
        id={`${p}-label`}
        label="Vad målet heter"
        hint="Så som det ska stå i uppföljningen, till exempel ”Arbetsplatser i handledarutbildningen”."
        maxLength={120}
        value={v.label}
        onValue={(x) => setV("label", x)}
        error={err("label")}
      />
      <ExplainedRadios
        id={`${p}-kind`}
        legend="Vad målet räknar"
        options={GOAL_KINDS}
        value={v.kind}
        onValue={(x) => setV("kind", x as Kind)}
        error={err("kind")}
      />
      <ExplainedRadios
        id={`${p}-basis`}
        legend="Räknas på"
        hint="Gäller arbetsplatser, medarbetare och deltagartillfällen. Ett mål för genomförda tillfällen räknar de tillfällen som har hållits, vad du än väljer här."
        options={GOAL_BASES}
        value={v.basis}
        onValue={(x) => setV("basis", x as Basis)}
        error={err("basis")}
      />
      <Show
        when={props.types}
        fallback={
          <p class="hint" id={`${p}-types`}>
            Hämtar kurstyper…
          </p>
        }
      >
        {(types) => (
          <CheckboxGroup
            id={`${p}-types`}
            legend="Kurstyper som räknas"
            hint="Ingen vald = alla kurstyper räknas."
            options={types().map((t) => ({ value: t.code, label: t.name }))}
            values={v.courseTypes}
            onValues={(x) => setV("courseTypes", x)}
            error={err("courseTypes")}
          />
        )}
      </Show>
      <TextField
        id={`${p}-target`}
        label="Målvärde"
        hint="Ett heltal, till exempel 100."
        inputmode="numeric"
        maxLength={9}
        class="input input--short"
        value={v.target}
        onValue={(x) => setV("target", x)}
        error={err("target")}
      />
      <TextField
        id={`${p}-year`}
        label="År"
        hint="Målet gäller ett kalenderår."
        inputmode="numeric"
        maxLength={4}
        class="input input--short"
        value={v.year}
        onValue={(x) => setV("year", x)}
        error={err("year")}
      />
      <div class="button-row">
        <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
          {sending() ? "Sparar…" : props.submitLabel}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="button button--secondary" onClick={() => props.onCancel?.()}>
            Avbryt
          </button>
        </Show>
      </div>
    </form>
  );
}

/**
 * A radio group where each choice has a line that explains it (part of the choice's
 * accessible description, not of its name). The first radio's id is `${id}-${first value}`.
 */
function ExplainedRadios(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string; explain: string }[];
  value: string;
  onValue: (v: string) => void;
}) {
  const described = () =>
    [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field" classList={{ "field--error": !!props.error }}>
      <fieldset class="fieldset" id={props.id} aria-describedby={described()}>
        <legend class="label">{props.legend}</legend>
        <Show when={props.hint}>
          <p class="hint" id={`${props.id}-hint`}>
            {props.hint}
          </p>
        </Show>
        <Show when={props.error}>
          <p class="field-error" id={`${props.id}-error`}>
            <span class="visually-hidden">Fel: </span>
            {props.error}
          </p>
        </Show>
        <div class="radios">
          <For each={props.options}>
            {(o) => (
              <div class="radio choice">
                <input
                  type="radio"
                  id={`${props.id}-${o.value}`}
                  name={props.id}
                  value={o.value}
                  checked={props.value === o.value}
                  onChange={() => props.onValue(o.value)}
                  aria-describedby={`${props.id}-${o.value}-explain`}
                />
                <div>
                  <label for={`${props.id}-${o.value}`}>{o.label}</label>
                  <p class="choice-explain" id={`${props.id}-${o.value}-explain`}>
                    {o.explain}
                  </p>
                </div>
              </div>
            )}
          </For>
        </div>
      </fieldset>
    </div>
  );
}
