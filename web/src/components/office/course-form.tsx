// The course form of the office: name, type, description, responsible party, dietary
// question, reminder, its default leaders (a new
// occasion without chosen leaders gets them) and its evaluation (issue 12). It creates (POST) or changes (PATCH, only
// the fields that changed), and shows the server's answer as the other forms do: a summary
// on top that takes focus, each message at its field.
import { createResource, createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { api, staffApi, type CourseInput, type OfficeCourse, asApiError } from "../../api.ts";
import {
  Checkbox,
  ErrorSummary,
  markTitleAsError,
  RadioGroup,
  SelectField,
  summaryItems,
  TextArea,
  TextField,
} from "../form-fields.tsx";
import { firstStaffTarget, StaffCheckboxes, useStaff } from "./staff-checkboxes.tsx";

interface Values {
  title: string;
  courseType: string;
  description: string;
  party: string;
  dietary: "yes" | "no";
  reminder: string;
  leaders: string[];
  evaluated: boolean;
  questions: { id: string; kind: string; text: string }[];
}

const MAX_QUESTIONS = 3;
const QUESTION_KINDS = [
  { value: "grade", label: "Betyg 1–5" },
  { value: "yesno", label: "Ja eller nej" },
  { value: "text", label: "Fritext" },
];
/** A new question's id, kept when its text is edited later, so the answers stay with it. */
const newQuestionId = () => `q-${Math.random().toString(36).slice(2, 10)}`;

function valuesFrom(c: OfficeCourse | undefined): Values {
  if (!c)
    return {
      title: "",
      courseType: "",
      description: "",
      party: "",
      dietary: "yes",
      reminder: "",
      leaders: [],
      evaluated: true,
      questions: [],
    };
  return {
    title: c.title,
    courseType: c.courseType,
    description: c.description,
    party: c.responsiblePartyCode ?? "",
    dietary: c.asksDietary ? "yes" : "no",
    reminder: String(c.reminderDaysBefore),
    leaders: c.defaultLeaderIds.map(String),
    evaluated: c.evaluated,
    questions: c.evaluationQuestions.map((q) => ({ ...q })),
  };
}

function inputFrom(v: Values): CourseInput {
  const reminder = v.reminder.trim();
  return {
    title: v.title,
    courseType: v.courseType,
    description: v.description.trim(),
    responsiblePartyCode: v.party || null,
    asksDietary: v.dietary === "yes",
    // As typed when it is not a number: the server's validation answers in Swedish.
    reminderDaysBefore: (reminder === "" ? undefined : /^\d+$/.test(reminder) ? Number(reminder) : reminder) as
      | number
      | undefined,
    defaultLeaderIds: v.leaders.map(Number),
    evaluated: v.evaluated,
    // As chosen: an empty kind or text gets the server's Swedish message at its field.
    evaluationQuestions: v.questions.map((q) => ({
      id: q.id,
      kind: q.kind as "grade",
      text: q.text.trim(),
    })),
  };
}

function changes(base: CourseInput, next: CourseInput): Partial<CourseInput> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const before = base[key as keyof CourseInput];
    // Lists of ids compare in any order; lists of objects (the questions) as they are.
    const sameList =
      Array.isArray(value) &&
      Array.isArray(before) &&
      value.every((x) => typeof x !== "object") &&
      [...value].sort().join() === [...before].sort().join();
    if (!sameList && JSON.stringify(before) !== JSON.stringify(value)) out[key] = value;
  }
  return out as Partial<CourseInput>;
}

const order = (leadersTarget: string): [string, string][] => [
  ["title", "c-title"],
  ["courseType", "c-type"],
  ["description", "c-description"],
  ["responsiblePartyCode", "c-party"],
  ["asksDietary", "c-dietary-yes"],
  ["reminderDaysBefore", "c-reminder"],
  ["defaultLeaderIds", leadersTarget],
  ["evaluated", "c-evaluated"],
  ["evaluationQuestions", "c-evq-add"],
  ...[0, 1, 2].flatMap((i): [string, string][] => [
    [`evaluationQuestions.${i}.kind`, `c-evq-${i}-kind`],
    [`evaluationQuestions.${i}.text`, `c-evq-${i}-text`],
    [`evaluationQuestions.${i}.id`, `c-evq-${i}-text`],
  ]),
];

export function CourseForm(props: {
  course?: OfficeCourse;
  organiserSlug: string;
  onSaved: (course: OfficeCourse) => void;
}) {
  const [types] = createResource(() => staffApi.courseTypes().catch(() => []));
  const [parties] = createResource(
    () => props.organiserSlug,
    (slug) => api.parties(slug).catch(() => []),
  );
  const [v, setV] = createStore<Values>(valuesFrom(props.course));
  let saved = props.course ? inputFrom(valuesFrom(props.course)) : null;
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  let doneBox: HTMLDivElement | undefined;
  const staff = useStaff();
  const items = () =>
    summaryItems(errors(), order(firstStaffTarget("c-leaders", staff.error ? undefined : staff.latest)), formError());
  const err = (key: string) => errors()[key];

  function showDone(text: string) {
    setErrors({});
    setFormError(null);
    setDone(text);
    requestAnimationFrame(() => doneBox?.focus());
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setDone(null);
    const input = inputFrom(v);
    let request: () => Promise<OfficeCourse>;
    if (props.course && saved) {
      if (v.reminder.trim() === "") {
        // A saved course always has a reminder setting; emptied, say what to write instead.
        setErrors({ reminderDaysBefore: "Ange 0–30 dagar. 0 = ingen påminnelse." });
        setFormError(null);
        markTitleAsError();
        queueMicrotask(() => summary?.focus());
        return;
      }
      const diff = changes(saved, input);
      if (Object.keys(diff).length === 0) return showDone("Inget att spara: du har inte ändrat något.");
      const id = props.course.id;
      request = () => staffApi.updateCourse(id, diff);
    } else {
      // A new course: leave out what was not filled in, so the server's defaults apply.
      request = () => staffApi.createCourse({ ...input, description: input.description || undefined });
    }
    setSending(true);
    try {
      const course = await request();
      if (props.course) {
        saved = inputFrom(valuesFrom(course));
        showDone("Ändringarna är sparade.");
      }
      props.onSaved(course);
    } catch (error) {
      const apiError = asApiError(error);
      setErrors(apiError.fields);
      setFormError(Object.keys(apiError.fields).length ? null : apiError.message);
      markTitleAsError();
      queueMicrotask(() => summary?.focus());
    } finally {
      setSending(false);
    }
  }

  return (
    <form class="office-form" novalidate onSubmit={submit} aria-labelledby="course-form-heading">
      <h2 id="course-form-heading" tabindex="-1">
        {props.course ? "Ändra utbildningen" : "Uppgifter om utbildningen"}
      </h2>
      <Show when={items().length > 0}>
        <ErrorSummary items={items()} ref={(el) => (summary = el)} />
      </Show>
      <Show when={done()}>
        <div class="notice notice--success" role="status" tabindex="-1" ref={(el) => (doneBox = el)}>
          <p>{done()}</p>
        </div>
      </Show>
      <p class="hint">Fält som inte är märkta (valfritt) måste fyllas i.</p>
      <TextField
        id="c-title"
        label="Namn på utbildningen"
        hint="Så som den ska heta i kurskatalogen och i mejlen."
        maxLength={160}
        value={v.title}
        onValue={(x) => setV("title", x)}
        error={err("title")}
      />
      <SelectField
        id="c-type"
        label="Kurstyp"
        hint="Används i uppföljningen av förbundets mål."
        emptyLabel="Välj kurstyp"
        options={(types.latest ?? []).map((t) => ({ value: t.code, label: t.name }))}
        value={v.courseType}
        onValue={(x) => setV("courseType", x)}
        error={err("courseType")}
      />
      <TextArea
        id="c-description"
        label="Beskrivning"
        optional
        hint="Visas i kurskatalogen: för vem, vad man får med sig, om lunch ingår."
        maxLength={4000}
        rows={5}
        value={v.description}
        onValue={(x) => setV("description", x)}
        error={err("description")}
      />
      <SelectField
        id="c-party"
        label="Ansvarig part"
        optional
        emptyLabel="Ingen vald"
        options={(parties.latest ?? [])
          .filter((p) => p.kind !== "other")
          .map((p) => ({ value: p.code, label: p.name }))}
        value={v.party}
        onValue={(x) => setV("party", x)}
        error={err("responsiblePartyCode")}
      />
      <RadioGroup
        id="c-dietary"
        name="dietary"
        legend="Fråga deltagarna om specialkost?"
        hint="Ja för heldagar med lunch eller fika."
        options={[
          { value: "yes", label: "Ja" },
          { value: "no", label: "Nej" },
        ]}
        value={v.dietary}
        onValue={(x) => setV("dietary", x as Values["dietary"])}
        error={err("asksDietary")}
      />
      <TextField
        id="c-reminder"
        label="Påminnelse dagar före"
        optional={!props.course}
        inputmode="numeric"
        hint={
          props.course
            ? "0–30 dagar före första dagen. 0 = ingen påminnelse."
            : "0–30 dagar före första dagen. 0 = ingen påminnelse. Lämna tomt för 2 dagar före."
        }
        maxLength={2}
        class="input input--short"
        value={v.reminder}
        onValue={(x) => setV("reminder", x)}
        error={err("reminderDaysBefore")}
      />
      <p class="hint" id="c-goals-note">
        Vilka utbildningar som räknas mot årets mål bestäms av målen själva (per kurstyp) under{" "}
        <a href="/kansliet/mal">Mål</a>.
      </p>
      <StaffCheckboxes
        id="c-leaders"
        legend="Förvalda kursledare"
        hint="Ett nytt tillfälle av utbildningen får de här kursledarna om du inte väljer några andra."
        values={v.leaders}
        onValues={(x) => setV("leaders", x)}
        error={err("defaultLeaderIds")}
      />
      <fieldset class="fieldset group evaluation-settings" aria-describedby="c-evaluation-hint">
        <legend class="label">Utvärdering</legend>
        <p class="hint" id="c-evaluation-hint">
          Deltagarna får ett mejl med fem korta frågor: helheten och användbarheten (1–5), om de skulle rekommendera
          utbildningen, vad som var bra och vad som kan bli bättre. Svaren är anonyma.
        </p>
        <Checkbox
          id="c-evaluated"
          optional
          label="Skicka en utvärdering till dem som deltog, efter sista dagen"
          checked={v.evaluated}
          onChecked={(x) => setV("evaluated", x)}
          error={err("evaluated")}
        />
        <Show when={v.evaluated}>
          <p class="hint" id="c-evq-hint">
            Du kan lägga till upp till tre egna frågor. Att svara på dem är frivilligt. Ändrar du texten i en fråga
            behåller den sina svar.
          </p>
          <Show when={err("evaluationQuestions")}>
            <p class="field-error" id="c-evq-error">
              <span class="visually-hidden">Fel: </span>
              {err("evaluationQuestions")}
            </p>
          </Show>
          <ol class="plain-list evaluation-questions">
            <For each={v.questions}>
              {(q, i) => (
                <li>
                  <fieldset class="fieldset group">
                    <legend class="label">Egen fråga {i() + 1}</legend>
                    <SelectField
                      id={`c-evq-${i()}-kind`}
                      label="Typ av svar"
                      emptyLabel="Välj typ"
                      options={QUESTION_KINDS}
                      value={q.kind}
                      onValue={(x) => setV("questions", i(), "kind", x)}
                      error={err(`evaluationQuestions.${i()}.kind`)}
                    />
                    <TextField
                      id={`c-evq-${i()}-text`}
                      label="Frågan"
                      maxLength={200}
                      value={q.text}
                      onValue={(x) => setV("questions", i(), "text", x)}
                      error={err(`evaluationQuestions.${i()}.text`) ?? err(`evaluationQuestions.${i()}.id`)}
                    />
                    <button
                      type="button"
                      class="button button--secondary button--small"
                      onClick={() => {
                        setV("questions", (list) => list.filter((_, j) => j !== i()));
                        requestAnimationFrame(() => document.getElementById("c-evq-add")?.focus());
                      }}
                    >
                      Ta bort fråga {i() + 1}
                    </button>
                  </fieldset>
                </li>
              )}
            </For>
          </ol>
          <button
            type="button"
            id="c-evq-add"
            class="button button--secondary"
            aria-disabled={v.questions.length >= MAX_QUESTIONS ? "true" : undefined}
            aria-describedby={v.questions.length >= MAX_QUESTIONS ? "c-evq-max" : undefined}
            onClick={() => {
              if (v.questions.length >= MAX_QUESTIONS) return;
              const n = v.questions.length;
              setV("questions", (list) => [...list, { id: newQuestionId(), kind: "grade", text: "" }]);
              requestAnimationFrame(() => document.getElementById(`c-evq-${n}-text`)?.focus());
            }}
          >
            Lägg till en egen fråga
          </button>
          <Show when={v.questions.length >= MAX_QUESTIONS}>
            <p class="hint" id="c-evq-max">
              Högst tre egna frågor.
            </p>
          </Show>
        </Show>
      </fieldset>
      <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
        {sending() ? "Sparar…" : "Spara utbildningen"}
      </button>
    </form>
  );
}
