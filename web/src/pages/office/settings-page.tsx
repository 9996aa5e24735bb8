// "/kansliet/installningar": the organiser's own settings (issue 11): the contact the privacy
// notice and the footer name, the retention the organiser decided (needs erased N days after
// an occasion, people anonymised N months after their last one), and from how many days
// before the start a cancellation counts as late (empty: no fees). Saved with PATCH (only
// what changed), the server's messages at the fields. Under it the retention log: what
// retention and erasure removed, when and by whom, never whom it was about.
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { asApiError, type FieldErrors, type OrganiserSettings, type RetentionLogEntry, staffApi } from "../../api.ts";
import { EmailField, ErrorSummary, markTitleAsError, summaryItems, TextField } from "../../components/form-fields.tsx";
import { createFlash, Flash } from "../../components/office/flash.tsx";
import { Loading, loaded, PageHeading, usePageTitle } from "../../components/site.tsx";
import { formatDay, formatTime } from "../../occasion-text.ts";
import { daysText, monthsText } from "../../privacy-text.ts";
import { StaffErrorNotice } from "./office-shell.tsx";

interface Values {
  email: string;
  phone: string;
  website: string;
  dpoEmail: string;
  needsRetentionDays: string;
  retentionMonths: string;
  lateCancelDays: string;
}

const ORDER: [string, string][] = [
  ["email", "s-email"],
  ["phone", "s-phone"],
  ["website", "s-website"],
  ["dpoEmail", "s-dpo"],
  ["needsRetentionDays", "s-needs"],
  ["retentionMonths", "s-retention"],
  ["lateCancelDays", "s-late"],
];

const RULE_TEXT: Record<RetentionLogEntry["rule"], string> = {
  needs: "Kost- och tillgänglighetsbehov raderade efter tillfället",
  people: "Personer anonymiserade efter gallringsfristen",
  erasure: "Person raderad på begäran",
};

function valuesOf(s: OrganiserSettings): Values {
  return {
    email: s.email,
    phone: s.phone ?? "",
    website: s.website ?? "",
    dpoEmail: s.dpoEmail ?? "",
    needsRetentionDays: String(s.needsRetentionDays),
    retentionMonths: String(s.retentionMonths),
    lateCancelDays: s.lateCancelDays === null ? "" : String(s.lateCancelDays),
  };
}

/** A whole number as a number; anything else as typed, so the server answers with its own message. */
function count(v: string): number | string {
  const t = v.trim();
  return /^\d+$/.test(t) ? Number(t) : t;
}

/** The body: only what differs from the saved settings. */
function changes(saved: OrganiserSettings, v: Values): Partial<OrganiserSettings> {
  const next: Record<string, unknown> = {
    email: v.email.trim(),
    phone: v.phone.trim() || null,
    website: v.website.trim() || null,
    dpoEmail: v.dpoEmail.trim() || null,
    needsRetentionDays: count(v.needsRetentionDays),
    retentionMonths: count(v.retentionMonths),
    lateCancelDays: v.lateCancelDays.trim() === "" ? null : count(v.lateCancelDays),
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value !== saved[key as keyof OrganiserSettings]) out[key] = value;
  }
  return out as Partial<OrganiserSettings>;
}

/**
 * A number inside its sentence: "Kost- och tillgänglighetsbehov raderas [14] dagar efter
 * tillfällets sista dag". The label is the start of the sentence, the rest describes the field.
 */
function SentenceField(props: {
  id: string;
  before: string;
  after: string;
  hint?: string;
  optional?: boolean;
  error?: string;
  value: string;
  onValue: (v: string) => void;
}) {
  const described = () =>
    [`${props.id}-after`, props.hint && `${props.id}-hint`, props.error && `${props.id}-error`]
      .filter(Boolean)
      .join(" ");
  return (
    <div class="field" classList={{ "field--error": !!props.error }}>
      <Show when={props.error}>
        <p class="field-error" id={`${props.id}-error`}>
          <span class="visually-hidden">Fel: </span>
          {props.error}
        </p>
      </Show>
      <div class="sentence-field">
        <label class="label" for={props.id}>
          {props.before}
        </label>{" "}
        <input
          id={props.id}
          class="input input--number"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          maxLength={4}
          value={props.value}
          onInput={(e) => props.onValue(e.currentTarget.value)}
          required={!props.optional}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={described()}
        />{" "}
        <span id={`${props.id}-after`}>{props.after}</span>
      </div>
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
    </div>
  );
}

export default function SettingsPage() {
  usePageTitle(() => "Inställningar");
  const [settings, { mutate }] = createResource(() => staffApi.settings());
  const [log, { refetch: refetchLog }] = createResource(() => staffApi.retentionLog());
  const saved = () => loaded(settings);

  return (
    <>
      <PageHeading>Inställningar</PageHeading>
      <p class="lead">
        Förbundets kontaktuppgifter, beslutet om gallring och avgifter för sen avbokning. Kontaktuppgifterna och tiderna
        står i <a href="/personuppgifter">informationen om personuppgifter</a> och vid anmälningsformuläret.
      </p>
      <Switch>
        <Match when={settings.error}>
          <StaffErrorNotice title="Inställningarna kunde inte hämtas" error={settings.error} />
        </Match>
        <Match when={!saved()}>
          <Loading>Hämtar inställningar…</Loading>
        </Match>
        <Match when={saved()}>
          {(s) => (
            <SettingsForm
              saved={s()}
              onSaved={(next) => {
                mutate(next);
                void refetchLog();
              }}
            />
          )}
        </Match>
      </Switch>

      <section class="action-box" aria-labelledby="retention-log-heading">
        <h2 id="retention-log-heading">Gallringslogg</h2>
        <p class="hint">
          Vad gallringen och raderingar på begäran har tagit bort, och när. Loggen namnger ingen person.
        </p>
        <Switch>
          <Match when={log.error}>
            <StaffErrorNotice title="Gallringsloggen kunde inte hämtas" error={log.error} />
          </Match>
          <Match when={!loaded(log)}>
            <Loading>Hämtar gallringsloggen…</Loading>
          </Match>
          <Match when={loaded(log)?.length === 0}>
            <p>Inget har gallrats eller raderats än.</p>
          </Match>
          <Match when={loaded(log)}>{(entries) => <RetentionLog entries={entries()} />}</Match>
        </Switch>
      </section>
    </>
  );
}

function SettingsForm(props: { saved: OrganiserSettings; onSaved: (s: OrganiserSettings) => void }) {
  const [v, setV] = createStore(valuesOf(props.saved));
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  const flash = createFlash();
  const items = createMemo(() => summaryItems(errors(), ORDER, formError()));
  const err = (key: string) => errors()[key];
  let summary: HTMLDivElement | undefined;

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    const patch = changes(props.saved, v);
    flash.clear();
    if (Object.keys(patch).length === 0) {
      setErrors({});
      setFormError(null);
      flash.show({ kind: "success", text: "Inget var ändrat, så inget är sparat." });
      return;
    }
    setSending(true);
    try {
      const next = await staffApi.updateSettings(patch);
      setErrors({});
      setFormError(null);
      setV(valuesOf(next));
      props.onSaved(next);
      flash.show({
        kind: "success",
        text: `Inställningarna är sparade. Behov raderas ${daysText(next.needsRetentionDays)} efter tillfället, personer anonymiseras ${monthsText(next.retentionMonths)} efter sitt senaste tillfälle${next.lateCancelDays === null ? ", och sena avbokningar kostar inget" : `, och en avbokning mindre än ${daysText(next.lateCancelDays)} före start räknas som sen`}.`,
      });
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
    <form class="office-form settings-form" novalidate onSubmit={submit} aria-label="Inställningar">
      <Show when={items().length > 0}>
        <ErrorSummary id="settings-errors" items={items()} ref={(el) => (summary = el)} />
      </Show>
      <Flash flash={flash} />

      <fieldset class="fieldset group">
        <legend class="legend">Kontakt för {props.saved.name}</legend>
        <EmailField
          id="s-email"
          label="E-post"
          hint="Står i mejlen, i sidfoten och i informationen om personuppgifter."
          autocomplete="off"
          value={v.email}
          onValue={(x) => setV("email", x)}
          error={err("email")}
        />
        <TextField
          id="s-phone"
          label="Telefon"
          optional
          autocomplete="off"
          inputmode="text"
          maxLength={40}
          class="input input--medium"
          value={v.phone}
          onValue={(x) => setV("phone", x)}
          error={err("phone")}
        />
        <TextField
          id="s-website"
          label="Webbplats"
          optional
          type="url"
          hint="Med https://, till exempel https://www.example.se."
          autocomplete="off"
          inputmode="url"
          spellcheck={false}
          maxLength={200}
          value={v.website}
          onValue={(x) => setV("website", x)}
          error={err("website")}
        />
        <EmailField
          id="s-dpo"
          label="Dataskyddsombudets e-post"
          optional
          hint="Står i informationen om personuppgifter, som kontakt för frågor om dataskydd."
          autocomplete="off"
          value={v.dpoEmail}
          onValue={(x) => setV("dpoEmail", x)}
          error={err("dpoEmail")}
        />
      </fieldset>

      <fieldset class="fieldset group">
        <legend class="legend">Gallring</legend>
        <p class="hint">Enligt förbundets beslut om gallring. Siffrorna i uppföljningen påverkas inte.</p>
        <SentenceField
          id="s-needs"
          before="Kost- och tillgänglighetsbehov raderas"
          after="dagar efter tillfällets sista dag"
          value={v.needsRetentionDays}
          onValue={(x) => setV("needsRetentionDays", x)}
          error={err("needsRetentionDays")}
        />
        <SentenceField
          id="s-retention"
          before="Personuppgifter anonymiseras"
          after="månader efter personens senaste tillfälle"
          hint="Namn, e-postadress, roll och fritext tas bort. Part, arbetsplats, kön och närvaro finns kvar utan namn."
          value={v.retentionMonths}
          onValue={(x) => setV("retentionMonths", x)}
          error={err("retentionMonths")}
        />
      </fieldset>

      <fieldset class="fieldset group">
        <legend class="legend">Avgifter</legend>
        <SentenceField
          id="s-late"
          before="Sen avbokning räknas om den görs mindre än"
          after="dagar före start"
          optional
          hint="Tomt: förbundet tar inga avgifter för sen avbokning."
          value={v.lateCancelDays}
          onValue={(x) => setV("lateCancelDays", x)}
          error={err("lateCancelDays")}
        />
      </fieldset>

      <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
        {sending() ? "Sparar…" : "Spara inställningarna"}
      </button>
    </form>
  );
}

function whatText(e: RetentionLogEntry): string {
  if (e.what === "needs") return e.rows === 1 ? "1 anmälan" : `${e.rows} anmälningar`;
  return e.rows === 1 ? "1 person" : `${e.rows} personer`;
}

function whoText(e: RetentionLogEntry): string {
  if (e.userName) return e.userName;
  return e.rule === "erasure" ? "Personen själv, via sin länk" : "Automatiskt";
}

function RetentionLog(props: { entries: RetentionLogEntry[] }) {
  return (
    <div class="table-scroll table-scroll--settings" role="region" aria-labelledby="retention-log-caption" tabindex="0">
      <table class="table table--settings">
        <caption id="retention-log-caption" class="visually-hidden">
          Gallringslogg, senaste först: när, vad, hur många och vem
        </caption>
        <thead>
          <tr>
            <th scope="col">När</th>
            <th scope="col">Vad</th>
            <th scope="col" class="cell-number">
              Antal
            </th>
            <th scope="col">Vem</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.entries}>
            {(e) => (
              <tr data-rule={e.rule}>
                <th scope="row" class="cell-nowrap">
                  <time datetime={e.at}>
                    {formatDay(e.at)} kl. {formatTime(e.at)}
                  </time>
                </th>
                <td class="cell-wide">{RULE_TEXT[e.rule] ?? e.rule}</td>
                <td class="cell-number">{whatText(e)}</td>
                <td>{whoText(e)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
