// "/incheckning/:dayId?kod=…": where the projector's QR code leads. The participant writes
// the e-mail address they registered with and is marked present. Without a code in the
// address (someone typed it from the screen) the page asks for the code too.
import { useParams, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { api, type CheckinResult, asApiError } from "../api.ts";
import { firstName } from "../attendance-text.ts";
import { EmailField, ErrorSummary, markTitleAsError, summaryItems, TextField } from "../components/form-fields.tsx";
import { PageHeading, usePageTitle } from "../components/site.tsx";
import { formatSpan } from "../occasion-text.ts";
import "../attendance.css";

const ORDER: [string, string][] = [
  ["code", "checkin-code"],
  ["email", "checkin-email"],
];

function welcome(r: CheckinResult): { title: string; text: string } {
  const hello = `Välkommen, ${firstName(r.name)}!`;
  switch (r.status) {
    case "present":
      return { title: hello, text: "Du är registrerad som närvarande." };
    case "late":
      return { title: hello, text: "Du är registrerad som närvarande (sen ankomst)." };
    default:
      return {
        title: hello,
        text: "Kursledaren har redan markerat din närvaro för i dag. Prata med kursledaren om något inte stämmer.",
      };
  }
}

export default function CheckinPage() {
  const params = useParams<{ dayId: string }>();
  const [search] = useSearchParams<{ kod?: string }>();
  const codeFromLink = () => (search.kod ?? "").trim();
  // Which course, day and place this is; nothing shown for an unknown day (the form says so).
  const [day] = createResource(
    () => params.dayId,
    (dayId) => api.checkinDay(dayId).catch(() => undefined),
  );
  const [code, setCode] = createSignal(codeFromLink());
  const [askCode, setAskCode] = createSignal(!codeFromLink());
  const [email, setEmail] = createSignal("");
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<{ title: string; text: string } | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  let refusal: HTMLDivElement | undefined;
  let doneHeading: HTMLHeadingElement | undefined;

  usePageTitle(() => (done() ? "Du är incheckad" : "Checka in"));
  const items = () => summaryItems(errors(), ORDER);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    const dayId = Number(params.dayId);
    setSending(true);
    try {
      const result = await api.checkIn(Number.isSafeInteger(dayId) && dayId > 0 ? dayId : 0, code(), email());
      setErrors({});
      setFormError(null);
      setDone(welcome(result));
      requestAnimationFrame(() => doneHeading?.focus());
    } catch (error) {
      const apiError = asApiError(error);
      // A wrong or old code: let the person type the one on the screen.
      if (apiError.code === "checkin_code_invalid" || apiError.fields.code || apiError.fields.dayId) setAskCode(true);
      const fields = { ...apiError.fields };
      if (fields.dayId) {
        fields.code ??= fields.dayId;
        delete fields.dayId;
      }
      setErrors(fields);
      setFormError(Object.keys(fields).length ? null : apiError.message);
      markTitleAsError();
      queueMicrotask(() => (Object.keys(fields).length ? summary : refusal)?.focus());
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <PageHeading>Checka in</PageHeading>
      <Show when={day.latest}>
        {(d) => (
          <dl class="facts checkin-day">
            <div>
              <dt>Utbildning</dt>
              <dd>{d().courseTitle}</dd>
            </div>
            <div>
              <dt>{d().dayCount > 1 ? `Dag ${d().dayNumber} av ${d().dayCount}` : "Dag"}</dt>
              <dd>{formatSpan(d().startsAt, d().endsAt)}</dd>
            </div>
            <div>
              <dt>Plats</dt>
              <dd>{d().location}</dd>
            </div>
          </dl>
        )}
      </Show>
      <Show
        when={done()}
        fallback={
          <form class="narrow-form" novalidate onSubmit={submit} aria-labelledby="checkin-form-heading">
            <h2 id="checkin-form-heading" class="visually-hidden">
              Registrera din närvaro
            </h2>
            <p class="lead">Skriv den e-postadress du anmälde dig med, så registreras du som närvarande.</p>
            <Show when={items().length > 0}>
              <ErrorSummary items={items()} ref={(el) => (summary = el)} />
            </Show>
            <Show when={formError()}>
              <div class="notice notice--error" role="alert" tabindex="-1" ref={(el) => (refusal = el)}>
                <h3 class="notice-title">Det gick inte att checka in</h3>
                <p>{formError()}</p>
              </div>
            </Show>
            <Show when={askCode()}>
              <TextField
                id="checkin-code"
                label="Koden på skärmen"
                hint="Åtta tecken, till exempel K7RM2XQP. Koden byts varje minut."
                autocomplete="off"
                spellcheck={false}
                maxLength={16}
                class="input input--short input--code"
                value={code()}
                onValue={setCode}
                error={errors().code}
              />
            </Show>
            <EmailField
              id="checkin-email"
              label="E-postadress"
              autocomplete="email"
              value={email()}
              onValue={setEmail}
              error={errors().email}
            />
            <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
              {sending() ? "Checkar in…" : "Checka in"}
            </button>
            <p class="hint checkin-privacy">
              Vi använder adressen bara för att hitta din anmälan.{" "}
              <a href="/personuppgifter">Så behandlar vi personuppgifter</a>.
            </p>
          </form>
        }
      >
        {(d) => (
          <div class="panel panel--success">
            <h2 class="panel-title" tabindex="-1" ref={(el) => (doneHeading = el)}>
              {d().title}
            </h2>
            <p class="panel-lead">{d().text}</p>
          </div>
        )}
      </Show>
    </>
  );
}
