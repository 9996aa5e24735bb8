// "Skriv till deltagarna": one mail per person (nobody sees the others' addresses) to those
// with a place, and if chosen those on the waiting list too. The subject gets the occasion's
// name after it, so the mail is recognisable in a full inbox.
import { createSignal, Show } from "solid-js";
import { staffApi, type OfficeOccasion, asApiError } from "../../api.ts";
import { Checkbox, ErrorSummary, markTitleAsError, summaryItems, TextArea, TextField } from "../form-fields.tsx";

const ORDER: [string, string][] = [
  ["subject", "msg-subject"],
  ["body", "msg-body"],
  ["includeWaitlisted", "msg-waitlisted"],
];

const people = (n: number) => (n === 1 ? "1 person" : `${n} personer`);

export function MessageParticipants(props: { occasion: OfficeOccasion }) {
  const [subject, setSubject] = createSignal("");
  const [body, setBody] = createSignal("");
  const [waitlisted, setWaitlisted] = createSignal(false);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  let doneBox: HTMLDivElement | undefined;
  const items = () => summaryItems(errors(), ORDER, formError());
  const recipients = () => props.occasion.confirmed + (waitlisted() ? props.occasion.waitlisted : 0);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setSending(true);
    setDone(null);
    try {
      const sent = await staffApi.messageParticipants(props.occasion.id, {
        subject: subject(),
        body: body(),
        includeWaitlisted: waitlisted(),
      });
      setErrors({});
      setFormError(null);
      setDone(
        sent === 0 ? "Ingen fick meddelandet: det finns ingen att skicka till." : `Skickat till ${people(sent)}.`,
      );
      if (sent > 0) {
        setSubject("");
        setBody("");
        setWaitlisted(false);
      }
      requestAnimationFrame(() => doneBox?.focus());
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
    <section class="action-box" aria-labelledby="message-heading">
      <h2 id="message-heading" tabindex="-1">
        Skriv till deltagarna
      </h2>
      <p>
        Var och en får ett eget mejl, så ingen ser de andras adresser. Ämnesraden får tillfällets namn efter din rubrik,
        till exempel ”Material inför dagen: {props.occasion.title}”.
      </p>
      <Show when={done()}>
        <div class="notice notice--success" role="status" tabindex="-1" ref={(el) => (doneBox = el)}>
          <p>{done()}</p>
        </div>
      </Show>
      <form id="message-form" novalidate onSubmit={submit} aria-labelledby="message-heading">
        <Show when={items().length > 0}>
          <ErrorSummary id="message-errors" items={items()} ref={(el) => (summary = el)} />
        </Show>
        <TextField
          id="msg-subject"
          label="Rubrik"
          maxLength={120}
          value={subject()}
          onValue={setSubject}
          error={errors().subject}
        />
        <TextArea
          id="msg-body"
          label="Meddelande"
          rows={6}
          maxLength={5000}
          value={body()}
          onValue={setBody}
          error={errors().body}
        />
        <Checkbox
          id="msg-waitlisted"
          optional
          label={`Skicka även till dem på väntelistan (${people(props.occasion.waitlisted)})`}
          checked={waitlisted()}
          onChecked={setWaitlisted}
          error={errors().includeWaitlisted}
        />
        <p class="hint" role="status">
          {recipients() === 0 ? "Det finns ingen att skicka till än." : `Meddelandet går till ${people(recipients())}.`}
        </p>
        <button type="submit" class="button button--secondary" aria-disabled={sending() ? "true" : undefined}>
          {sending() ? "Skickar…" : "Skicka meddelandet"}
        </button>
      </form>
    </section>
  );
}
