// "/kansliet/utbildningar/ny": a new course (utbildning), the offering occasions are made of.
// Saved, it goes straight on to a new occasion of that course.
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { api, ApiError, staffApi, type CourseInput } from "../../api.ts";
import { ErrorSummary, markTitleAsError, RadioGroup, SelectField, summaryItems, TextArea, TextField } from "../../components/form-fields.tsx";
import { PageHeading, usePageTitle } from "../../components/site.tsx";
import { useStaffUser } from "./office-shell.tsx";

const ORDER: [string, string][] = [
  ["title", "c-title"],
  ["courseType", "c-type"],
  ["description", "c-description"],
  ["responsiblePartyCode", "c-party"],
  ["asksDietary", "c-dietary-yes"],
  ["reminderDaysBefore", "c-reminder"],
];

export default function CourseNewPage() {
  const user = useStaffUser();
  const navigate = useNavigate();
  const [types] = createResource(() => api.courseTypes().catch(() => []));
  const [parties] = createResource(
    () => user().organiserSlug,
    (slug) => api.parties(slug).catch(() => []),
  );
  const [v, setV] = createStore({ title: "", courseType: "", description: "", party: "", dietary: "yes", reminder: "" });
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  usePageTitle(() => "Ny utbildning");
  const items = () => summaryItems(errors(), ORDER, formError());
  const err = (key: string) => errors()[key];

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setSending(true);
    const reminder = v.reminder.trim();
    const input: CourseInput = {
      title: v.title,
      courseType: v.courseType,
      description: v.description.trim() || undefined,
      responsiblePartyCode: v.party || null,
      asksDietary: v.dietary === "yes",
      // As typed when it is not a number: the server's validation answers in Swedish.
      reminderDaysBefore: (reminder === "" ? undefined : /^\d+$/.test(reminder) ? Number(reminder) : reminder) as number | undefined,
    };
    try {
      const course = await staffApi.createCourse(input);
      navigate(`/kansliet/tillfallen/ny?utbildning=${course.id}`, {
        state: { flash: `Utbildningen ”${course.title}” är sparad. Lägg upp ett tillfälle av den nedan.` },
      });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, "unknown", "Något gick fel. Försök igen.");
      setErrors(apiError.fields);
      setFormError(Object.keys(apiError.fields).length ? null : apiError.message);
      markTitleAsError();
      queueMicrotask(() => summary?.focus());
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <p class="back">
        <a href="/kansliet">Årshjulet</a>
      </p>
      <PageHeading>Ny utbildning</PageHeading>
      <p class="lead">
        En utbildning är det som erbjuds, till exempel en handledarutbildning. Varje gång den ges lägger du upp ett tillfälle med
        datum, plats och antal platser.
      </p>
      <form class="office-form" novalidate onSubmit={submit} aria-labelledby="course-form-heading">
        <h2 id="course-form-heading">Uppgifter om utbildningen</h2>
        <Show when={items().length > 0}>
          <ErrorSummary items={items()} ref={(el) => (summary = el)} />
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
          value={v.description}
          onValue={(x) => setV("description", x)}
          error={err("description")}
        />
        <SelectField
          id="c-party"
          label="Ansvarig part"
          optional
          emptyLabel="Ingen vald"
          options={(parties.latest ?? []).filter((p) => p.kind !== "other").map((p) => ({ value: p.code, label: p.name }))}
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
          onValue={(x) => setV("dietary", x)}
          error={err("asksDietary")}
        />
        <TextField
          id="c-reminder"
          label="Påminnelse, antal dagar före"
          optional
          inputmode="numeric"
          hint="0–30 dagar. Lämna tomt för 2 dagar före."
          maxLength={2}
          class="input input--short"
          value={v.reminder}
          onValue={(x) => setV("reminder", x)}
          error={err("reminderDaysBefore")}
        />
        <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
          {sending() ? "Sparar…" : "Spara utbildningen"}
        </button>
      </form>
    </>
  );
}
