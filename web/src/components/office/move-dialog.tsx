// "Flytta": move one person to another occasion of the same course, for instance when they
// cannot come on the day. The person keeps their details; their place here goes to the
// first on the waiting list (someone on the waiting list only leaves it); they get a mail (their calendar entry here is removed) and a
// confirmation with a new invitation, or a waiting-list mail when the other one is full.
import { createMemo, createResource, createSignal, Match, Show, Switch } from "solid-js";
import { staffApi, type OfficeOccasion, type OfficeRegistration, asApiError } from "../../api.ts";
import { formatSpan } from "../../occasion-text.ts";
import { ErrorSummary, RadioGroup, summaryItems } from "../form-fields.tsx";
import { Loading } from "../site.tsx";
import { Modal, ModalActions } from "./modal.tsx";
import { moveLeavesText } from "./office-list-text.ts";

export interface MoveResult {
  name: string;
  to: OfficeOccasion;
  status: string;
}

/** "tors 9 april 2026, 09.00–16.00 (och 1 dag till), Folkets Hus Halmstad – 5 platser kvar" */
export function moveOptionText(o: OfficeOccasion): string {
  const first = o.days[0];
  const when = first ? formatSpan(first.startsAt, first.endsAt) : "";
  const more =
    o.days.length > 1 ? ` (och ${o.days.length - 1 === 1 ? "1 dag" : `${o.days.length - 1} dagar`} till)` : "";
  const where = o.online ? "digitalt" : o.location;
  const free = o.capacity - o.confirmed;
  const places =
    free > 0 && o.waitlisted === 0
      ? free === 1
        ? "1 plats kvar"
        : `${free} platser kvar`
      : "fullt, hamnar på väntelistan";
  return `${o.label ? `${o.label}: ` : ""}${when}${more}, ${where} – ${places}${o.status === "draft" ? " (utkast, syns inte i katalogen)" : ""}`;
}

/** Where someone could be moved: the same course, not cancelled, not over, not this one. */
export function moveTargets(all: OfficeOccasion[], from: OfficeOccasion, now = new Date()): OfficeOccasion[] {
  return all.filter(
    (o) => o.courseId === from.courseId && o.id !== from.id && o.status !== "cancelled" && new Date(o.endsAt) > now,
  );
}

export function MoveDialog(props: {
  registration: OfficeRegistration;
  from: OfficeOccasion;
  onClose: () => void;
  onMoved: (result: MoveResult) => void;
}) {
  const [all] = createResource(() => staffApi.allOccasions());
  const targets = createMemo(() => (all.error ? [] : moveTargets(all.latest ?? [], props.from)));
  const [choice, setChoice] = createSignal("");
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const items = () =>
    summaryItems(
      errors(),
      [["occasionId", targets()[0] ? `move-to-${targets()[0]!.id}` : "move-heading"]],
      formError(),
    );

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    const to = targets().find((o) => String(o.id) === choice());
    if (!to) {
      // Nothing chosen: the same words the server would use, without the round trip.
      setErrors({ occasionId: "Välj ett tillfälle." });
      setFormError(null);
      queueMicrotask(() => summary?.focus());
      return;
    }
    setSending(true);
    try {
      const moved = await staffApi.moveRegistration(props.registration.id, to.id);
      props.onMoved({ name: props.registration.name, to, status: moved.status });
    } catch (error) {
      const apiError = asApiError(error);
      setErrors(apiError.fields);
      // 409 already_registered, occasion_closed: the server's sentence says it all.
      setFormError(Object.keys(apiError.fields).length ? null : apiError.message);
      queueMicrotask(() => summary?.focus());
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal labelledBy="move-heading" onClose={props.onClose}>
      <h2 id="move-heading" class="modal-title" tabindex="-1">
        Flytta {props.registration.name}
      </h2>
      <p>
        Välj ett annat tillfälle av {props.from.courseTitle}. {moveLeavesText(props.registration)}
      </p>
      <form novalidate onSubmit={submit} aria-labelledby="move-heading">
        <Show when={items().length > 0}>
          <ErrorSummary id="move-errors" items={items()} ref={(el) => (summary = el)} />
        </Show>
        <Switch>
          <Match when={all.error}>
            <p class="field-error" role="alert">
              Tillfällena kunde inte hämtas. {(all.error as Error).message}
            </p>
          </Match>
          <Match when={!all.latest}>
            <Loading>Hämtar tillfällen…</Loading>
          </Match>
          <Match when={targets().length === 0}>
            <p class="notice">
              Det finns inget annat kommande tillfälle av den här utbildningen. Lägg upp ett nytt tillfälle först, till
              exempel genom att kopiera det här till ett nytt datum.
            </p>
          </Match>
          <Match when={targets().length > 0}>
            <RadioGroup
              id="move-to"
              name="move-to"
              legend="Flytta till"
              options={targets().map((o) => ({ value: String(o.id), label: moveOptionText(o) }))}
              value={choice()}
              onValue={setChoice}
              error={errors().occasionId}
            />
          </Match>
        </Switch>
        <ModalActions
          label="Flytta"
          busyLabel="Flyttar…"
          busy={sending()}
          canSubmit={targets().length > 0}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  );
}
