// The occasion form of the office: course, label, one or more days, place or meeting link,
// places, registration window, last day to cancel, course leaders and draft/published. It creates (POST) or changes (PATCH,
// only the fields that changed) and shows the server's answer like the public form does:
// a summary on top that takes focus, each message at its field.
import { createMemo, createSignal, For, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import {
  staffApi,
  type OccasionInput,
  type OccasionPreview,
  type OfficeCourse,
  type OfficeOccasion,
  asApiError,
} from "../../api.ts";
import { addDaysLocal, toLocalInput } from "../../office-text.ts";
import { ErrorSummary, markTitleAsError, RadioGroup, SelectField, summaryItems, TextField } from "../form-fields.tsx";
import { SaveChangeDialog } from "./save-change-dialog.tsx";
import { firstStaffTarget, StaffCheckboxes, useStaff } from "./staff-checkboxes.tsx";

interface DayRow {
  /** stable identity for <For>; the ids of the inputs follow the position (the server's error paths do too) */
  key: number;
  /** The day on the server (kept when its times change, so calendars move that meeting); none for a new day. */
  id?: number;
  start: string;
  end: string;
  /** Breaks within the day, minutes, as typed ("" = 0). */
  breakMinutes?: string;
}

interface FormValues {
  courseId: string;
  label: string;
  days: DayRow[];
  place: "physical" | "online";
  venue: string;
  address: string;
  meetingUrl: string;
  capacity: string;
  opensAt: string;
  closesAt: string;
  cancelUntil: string;
  leaders: string[];
  status: "draft" | "published";
}

let nextKey = 1;

function valuesFrom(o: OfficeOccasion | undefined, courseId = ""): FormValues {
  if (!o) {
    return {
      courseId,
      label: "",
      days: [{ key: nextKey++, start: "", end: "" }],
      place: "physical",
      venue: "",
      address: "",
      meetingUrl: "",
      capacity: "",
      opensAt: "",
      closesAt: "",
      cancelUntil: "",
      leaders: [],
      status: "draft",
    };
  }
  return {
    courseId: String(o.courseId),
    label: o.label ?? "",
    days: o.days.map((d) => ({
      key: nextKey++,
      id: d.id,
      start: toLocalInput(d.startsAt),
      end: toLocalInput(d.endsAt),
      breakMinutes: d.breakMinutes ? String(d.breakMinutes) : "",
    })),
    place: o.online ? "online" : "physical",
    venue: o.venue ?? "",
    address: o.address ?? "",
    meetingUrl: o.meetingUrl ?? "",
    capacity: String(o.capacity),
    // As the office set them (`settings`), not the effective public values: an unset closing
    // time shown as the first start would pin it when the days move.
    opensAt: toLocalInput(o.settings.registrationOpensAt),
    closesAt: toLocalInput(o.settings.registrationClosesAt),
    cancelUntil: toLocalInput(o.settings.cancelUntil),
    leaders: o.leaderIds.map(String),
    status: o.status === "published" ? "published" : "draft",
  };
}

const text = (v: string) => (v.trim() === "" ? null : v.trim());

/**
 * What the server gets. Course and places go as numbers when they are numbers; otherwise
 * as typed, so the server's own validation (one set of rules and Swedish messages) answers.
 */
function inputFrom(v: FormValues): OccasionInput {
  const online = v.place === "online";
  const capacity = v.capacity.trim();
  return {
    courseId: (v.courseId === "" ? null : Number(v.courseId)) as number,
    label: text(v.label),
    // An empty time is left out ("Ange starttid."), not sent as "".
    days: v.days.map(
      (d) =>
        ({
          ...(d.id ? { id: d.id } : {}),
          start: d.start || undefined,
          end: d.end || undefined,
          breakMinutes: d.breakMinutes?.trim() ? Number(d.breakMinutes) : 0,
        }) as {
          id?: number;
          start: string;
          end: string;
          breakMinutes: number;
        },
    ),
    online,
    venue: online ? null : text(v.venue),
    address: online ? null : text(v.address),
    meetingUrl: online ? text(v.meetingUrl) : null,
    capacity: (/^\d+$/.test(capacity) ? Number(capacity) : capacity === "" ? null : capacity) as number,
    registrationOpensAt: v.opensAt || null,
    registrationClosesAt: v.closesAt || null,
    cancelUntil: v.cancelUntil || null,
    leaderIds: v.leaders.map(Number),
    status: v.status,
  };
}

/** The fields of `next` that differ from `base` (a PATCH sends only what changed). */
function changes(base: OccasionInput, next: OccasionInput): Partial<OccasionInput> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const before = base[key as keyof OccasionInput];
    // Leaders are a set: the order they were ticked in is no change.
    if (key === "leaderIds" && [...(before as number[])].sort().join() === [...(value as number[])].sort().join())
      continue;
    if (JSON.stringify(before) !== JSON.stringify(value)) out[key] = value;
  }
  return out as Partial<OccasionInput>;
}

const dayId = (i: number, part: "start" | "end") => `o-day-${i}-${part}`;

export function OccasionForm(props: {
  occasion?: OfficeOccasion;
  /** the course chosen to begin with (a new occasion) */
  courseId?: string;
  courses: OfficeCourse[];
  onSaved: (occasion: OfficeOccasion, notified: number | null) => void;
}) {
  const [v, setV] = createStore<FormValues>(valuesFrom(props.occasion, props.courseId));
  // What the server has now: the baseline of a PATCH.
  let saved = props.occasion ? inputFrom(valuesFrom(props.occasion)) : null;
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [announce, setAnnounce] = createSignal("");
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  let doneBox: HTMLDivElement | undefined;
  let addButton: HTMLButtonElement | undefined;
  const staff = useStaff();
  const staffList = () => (staff.error ? undefined : staff.latest);

  const order = createMemo<[string, string][]>(() => [
    ["courseId", "o-course"],
    ["label", "o-label"],
    ["days", dayId(0, "start")],
    ...v.days.flatMap((_, i): [string, string][] => [
      [`days.${i}`, dayId(i, "start")],
      [`days.${i}.start`, dayId(i, "start")],
      [`days.${i}.end`, dayId(i, "end")],
      [`days.${i}.breakMinutes`, `o-day-${i}-break`],
    ]),
    ["online", "o-place-physical"],
    ["venue", "o-venue"],
    ["address", "o-address"],
    ["meetingUrl", "o-meeting-url"],
    ["capacity", "o-capacity"],
    ["registrationOpensAt", "o-opens"],
    ["registrationClosesAt", "o-closes"],
    ["cancelUntil", "o-cancel-until"],
    ["leaderIds", firstStaffTarget("o-leaders", staffList())],
    ["status", "o-status-draft"],
  ]);
  // "Dag 2: Ange starttid." in the summary: with several days the message alone is ambiguous.
  const items = () => {
    const e = errors();
    const named = Object.fromEntries(
      Object.entries(e).map(([k, m]) => {
        const day = /^days\.(\d+)(\.|$)/.exec(k);
        return [k, day ? `Dag ${Number(day[1]) + 1}: ${m}` : m];
      }),
    );
    return summaryItems(named, order(), formError());
  };
  const err = (key: string) => errors()[key];

  function addDay() {
    const last = v.days[v.days.length - 1];
    setV("days", (days) => [
      ...days,
      {
        key: nextKey++,
        start: last?.start ? addDaysLocal(last.start, 1) : "",
        end: last?.end ? addDaysLocal(last.end, 1) : "",
      },
    ]);
    const n = v.days.length;
    setAnnounce(`Dag ${n} är tillagd.`);
    requestAnimationFrame(() => document.getElementById(dayId(n - 1, "start"))?.focus());
  }

  function removeDay(index: number) {
    setV(
      "days",
      produce((days) => void days.splice(index, 1)),
    );
    // The errors of the days after it would now point at the wrong rows.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("days."))));
    setAnnounce(`Dag ${index + 1} är borttagen.`);
    requestAnimationFrame(() =>
      (document.getElementById(dayId(Math.max(0, index - 1), "start")) ?? addButton)?.focus(),
    );
  }

  // A change that mails people, waiting for the dialog's answer.
  const [confirming, setConfirming] = createSignal<{ diff: Partial<OccasionInput>; preview: OccasionPreview } | null>(
    null,
  );
  let submitButton: HTMLButtonElement | undefined;

  async function saveChange(occasionId: number, diff: Partial<OccasionInput>) {
    const { occasion, notified } = await staffApi.updateOccasion(occasionId, diff);
    saved = inputFrom(valuesFrom(occasion));
    setErrors({});
    setFormError(null);
    const who = notified === 1 ? "1 deltagare har" : `${notified} deltagare har`;
    setDone(`Ändringarna är sparade.${notified > 0 ? ` ${who} fått en uppdaterad kalenderinbjudan.` : ""}`);
    requestAnimationFrame(() => doneBox?.focus());
    props.onSaved(occasion, notified);
  }

  /** The dialog's yes: the change saved; a refusal goes to the form's fields, as without the dialog. */
  async function confirmChange() {
    const c = confirming();
    if (!c || !props.occasion) return;
    try {
      await saveChange(props.occasion.id, c.diff);
      setConfirming(null);
    } catch (error) {
      setConfirming(null);
      failed(error);
    }
  }

  function cancelChange() {
    if (!confirming()) return;
    setConfirming(null);
    requestAnimationFrame(() => submitButton?.focus());
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setDone(null);
    const input = inputFrom(v);
    if (saved && props.occasion) {
      const diff = changes(saved, input);
      if (Object.keys(diff).length === 0) {
        setErrors({});
        setFormError(null);
        setDone("Inget att spara: du har inte ändrat något.");
        requestAnimationFrame(() => doneBox?.focus());
        return;
      }
      setSending(true);
      try {
        // Who gets mail because of it, asked first (nothing is saved): mail-worthy changes
        // wait for the office's yes in the dialog; the rest is saved at once.
        const preview = await staffApi.previewOccasionUpdate(props.occasion.id, diff);
        if (preview.notify > 0) {
          setConfirming({ diff, preview });
          return;
        }
        await saveChange(props.occasion.id, diff);
      } catch (error) {
        failed(error);
      } finally {
        setSending(false);
      }
      return;
    }
    setSending(true);
    try {
      // No leaders ticked: leave them out, and the server gives the course's default leaders.
      const occasion = await staffApi.createOccasion(
        input.leaderIds?.length ? input : { ...input, leaderIds: undefined },
      );
      props.onSaved(occasion, null);
    } catch (error) {
      failed(error);
    } finally {
      setSending(false);
    }
  }

  function failed(error: unknown) {
    const apiError = asApiError(error);
    let fields = apiError.fields;
    if (!Object.keys(fields).length && apiError.code === "capacity_below_confirmed")
      fields = { capacity: apiError.message };
    setErrors(fields);
    setFormError(Object.keys(fields).length ? null : apiError.message);
    markTitleAsError();
    queueMicrotask(() => summary?.focus());
  }

  /** "Väljer du ingen …": who a new occasion of the chosen course gets by default. */
  const leadersHint = () => {
    const base = "Kursledarna ser deltagarlistan och tar närvaro.";
    if (props.occasion) return base;
    const course = props.courses.find((c) => String(c.id) === v.courseId);
    if (!course) return `${base} Väljer du ingen får tillfället utbildningens förvalda kursledare.`;
    const names = course.defaultLeaderIds.map((id) => staffList()?.find((m) => m.id === id)?.name).filter(Boolean);
    return names.length
      ? `${base} Väljer du ingen får tillfället utbildningens förvalda kursledare: ${names.join(", ")}.`
      : `${base} Utbildningen har inga förvalda kursledare.`;
  };

  const courseOptions = () =>
    [...props.courses]
      .sort((a, b) => a.title.localeCompare(b.title, "sv"))
      .map((c) => ({ value: String(c.id), label: c.title }));

  return (
    <form class="office-form" novalidate onSubmit={submit} aria-labelledby="occasion-form-heading">
      <h2 id="occasion-form-heading" tabindex="-1">
        {props.occasion ? "Ändra tillfället" : "Uppgifter om tillfället"}
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

      <SelectField
        id="o-course"
        label="Utbildning"
        emptyLabel="Välj utbildning"
        options={courseOptions()}
        value={v.courseId}
        onValue={(x) => setV("courseId", x)}
        error={err("courseId")}
      />
      <TextField
        id="o-label"
        label="Tillägg till namnet"
        optional
        hint="Syns efter utbildningens namn i katalogen, till exempel ort eller ”vår”: Handledarutbildning (Halmstad)."
        maxLength={80}
        class="input input--medium"
        value={v.label}
        onValue={(x) => setV("label", x)}
        error={err("label")}
      />

      <fieldset class="fieldset group days" aria-describedby={err("days") ? "o-days-error" : "o-days-hint"}>
        <legend class="legend">Dagar och tider</legend>
        <p class="hint" id="o-days-hint">
          Svensk tid. Ett tillfälle kan ha flera dagar, till exempel en utbildning och en fördjupningshalvdag.
        </p>
        <Show when={err("days")}>
          <p class="field-error" id="o-days-error">
            <span class="visually-hidden">Fel: </span>
            {err("days")}
          </p>
        </Show>
        <ol class="day-rows">
          <For each={v.days}>
            {(day, i) => (
              <li class="day-row">
                <fieldset class="fieldset" aria-describedby={err(`days.${i()}`) ? `o-day-${i()}-error` : undefined}>
                  <legend class="label">Dag {i() + 1}</legend>
                  <Show when={err(`days.${i()}`)}>
                    <p class="field-error" id={`o-day-${i()}-error`}>
                      <span class="visually-hidden">Fel: </span>
                      {err(`days.${i()}`)}
                    </p>
                  </Show>
                  <div class="day-times">
                    <TextField
                      id={dayId(i(), "start")}
                      label="Börjar"
                      type="datetime-local"
                      class="input input--datetime"
                      value={day.start}
                      onValue={(x) => setV("days", i(), "start", x)}
                      error={err(`days.${i()}.start`)}
                    />
                    <TextField
                      id={dayId(i(), "end")}
                      label="Slutar"
                      type="datetime-local"
                      class="input input--datetime"
                      value={day.end}
                      onValue={(x) => setV("days", i(), "end", x)}
                      error={err(`days.${i()}.end`)}
                    />
                    <TextField
                      id={`o-day-${i()}-break`}
                      label="Raster (minuter)"
                      inputmode="numeric"
                      class="input input--short"
                      value={day.breakMinutes ?? ""}
                      onValue={(x) => setV("days", i(), "breakMinutes", x)}
                      error={err(`days.${i()}.breakMinutes`)}
                    />
                  </div>
                  <Show when={v.days.length > 1}>
                    <button type="button" class="button button--secondary button--small" onClick={() => removeDay(i())}>
                      Ta bort<span class="visually-hidden"> dag {i() + 1}</span>
                    </button>
                  </Show>
                </fieldset>
              </li>
            )}
          </For>
        </ol>
        <button type="button" class="button button--secondary" ref={(el) => (addButton = el)} onClick={addDay}>
          Lägg till dag
        </button>
        <p class="visually-hidden" role="status">
          {announce()}
        </p>
      </fieldset>

      <RadioGroup
        id="o-place"
        name="place"
        legend="Var äger det rum?"
        options={[
          { value: "physical", label: "På plats" },
          { value: "online", label: "Digitalt" },
        ]}
        value={v.place}
        onValue={(x) => setV("place", x as FormValues["place"])}
        error={err("online")}
      />
      <Show
        when={v.place === "online"}
        fallback={
          <>
            <TextField
              id="o-venue"
              label="Lokal"
              hint="Till exempel Folkets Hus Varberg."
              maxLength={160}
              value={v.venue}
              onValue={(x) => setV("venue", x)}
              error={err("venue")}
            />
            <TextField
              id="o-address"
              label="Adress"
              optional
              hint="Gatuadress och ort, till exempel Storgatan 6, Halmstad."
              autocomplete="off"
              maxLength={200}
              value={v.address}
              onValue={(x) => setV("address", x)}
              error={err("address")}
            />
          </>
        }
      >
        <TextField
          id="o-meeting-url"
          label="Länk till mötet"
          type="url"
          inputmode="url"
          spellcheck={false}
          hint="Till exempel en Teams-länk. Den skickas bara till dem som har fått en plats, aldrig i katalogen."
          maxLength={500}
          value={v.meetingUrl}
          onValue={(x) => setV("meetingUrl", x)}
          error={err("meetingUrl")}
        />
      </Show>

      <TextField
        id="o-capacity"
        label="Antal platser"
        inputmode="numeric"
        hint="När platserna är slut hamnar nya anmälningar på väntelistan."
        maxLength={5}
        class="input input--short"
        value={v.capacity}
        onValue={(x) => setV("capacity", x)}
        error={err("capacity")}
      />

      <fieldset class="fieldset group">
        <legend class="legend">Anmälan</legend>
        <TextField
          id="o-opens"
          label="Anmälan öppnar"
          optional
          type="datetime-local"
          hint="Lämna tomt så öppnar anmälan när tillfället publiceras."
          class="input input--datetime"
          value={v.opensAt}
          onValue={(x) => setV("opensAt", x)}
          error={err("registrationOpensAt")}
        />
        <TextField
          id="o-closes"
          label="Sista tid att anmäla sig"
          optional
          type="datetime-local"
          hint="Lämna tomt så stänger anmälan när första dagen börjar."
          class="input input--datetime"
          value={v.closesAt}
          onValue={(x) => setV("closesAt", x)}
          error={err("registrationClosesAt")}
        />
        <TextField
          id="o-cancel-until"
          label="Sista dag att avboka"
          optional
          type="datetime-local"
          hint="Visas för deltagarna. Efter den tiden kan de med plats inte avboka själva. Lämna tomt så går det fram till start."
          class="input input--datetime"
          value={v.cancelUntil}
          onValue={(x) => setV("cancelUntil", x)}
          error={err("cancelUntil")}
        />
      </fieldset>

      <StaffCheckboxes
        id="o-leaders"
        legend="Kursledare"
        hint={leadersHint()}
        values={v.leaders}
        onValues={(x) => setV("leaders", x)}
        error={err("leaderIds")}
      />

      <RadioGroup
        id="o-status"
        name="status"
        legend="Status"
        options={[
          { value: "draft", label: "Utkast: syns inte i kurskatalogen" },
          { value: "published", label: "Publicerad: syns i kurskatalogen och går att anmäla sig till" },
        ]}
        value={v.status}
        onValue={(x) => setV("status", x as FormValues["status"])}
        error={err("status")}
      />

      {/* Not disabled while sending: that would drop keyboard focus; a second press is ignored instead. */}
      <button
        type="submit"
        class="button"
        aria-disabled={sending() ? "true" : undefined}
        ref={(el) => (submitButton = el)}
      >
        {sending() ? "Sparar…" : props.occasion ? "Spara ändringar" : "Skapa tillfälle"}
      </button>
      <Show when={confirming()} keyed>
        {(c) => <SaveChangeDialog preview={c.preview} onConfirm={confirmChange} onClose={cancelChange} />}
      </Show>
    </form>
  );
}
