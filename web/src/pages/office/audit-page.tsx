// "/kansliet/logg": the audit log, newest first, by day. Each entry says when (Stockholm
// time), who, what ("Ändrade tillfälle") and which fields changed ("Platser: 4 → 6"), with a
// link to the occasion or course it is about. A filter narrows it to one kind of thing.
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { api, staffApi, type AuditEntry } from "../../api.ts";
import { actionText, changeLines, moment, occasionOf, type AuditNames } from "../../audit-text.ts";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { formatDay, formatTime } from "../../occasion-text.ts";
import { formatIsoDate } from "../../../../server/domain/format-time.ts";
import { StaffErrorNotice, useStaffUser } from "./office-shell.tsx";

const KINDS: { value: string; label: string }[] = [
  { value: "", label: "Alla händelser" },
  { value: "occasion", label: "Tillfällen" },
  { value: "registration", label: "Anmälningar" },
  { value: "course", label: "Utbildningar" },
  { value: "attendance", label: "Närvaro" },
  { value: "goal", label: "Mål" },
  { value: "workplace", label: "Arbetsplatser" },
  { value: "person", label: "Personer" },
  { value: "mail", label: "Mejl" },
];

const count = (n: number) => (n === 1 ? "1 händelse" : `${n} händelser`);

export default function AuditPage() {
  const user = useStaffUser();
  usePageTitle(() => "Händelselogg");
  const [entries] = createResource(() => staffApi.audit());
  // Names for the ids in the log; the log is readable without them (ids), so failures are quiet.
  const [staff] = createResource(() => staffApi.staff().catch(() => []));
  const [occasions] = createResource(() => staffApi.allOccasions().catch(() => []));
  const [types] = createResource(() => staffApi.courseTypes().catch(() => []));
  const [parties] = createResource(
    () => user().organiserSlug,
    (slug) => api.parties(slug).catch(() => []),
  );
  const [kind, setKind] = createSignal("");

  const names: AuditNames = {
    staff: (id) => staff.latest?.find((s) => s.id === id)?.name ?? (id === user().id ? user().name : undefined),
    occasion: (id) => occasions.latest?.find((o) => o.id === id)?.title,
    courseType: (code) => types.latest?.find((t) => t.code === code)?.name,
    party: (code) => parties.latest?.find((p) => p.code === code)?.name,
  };
  const who = (e: AuditEntry) =>
    e.userId == null ? "Deltagaren själv" : (names.staff(e.userId) ?? `Användare ${e.userId}`);

  const shown = createMemo(() => {
    const list = loaded(entries) ?? [];
    const k = kind();
    return k ? list.filter((e) => e.action.startsWith(`${k}.`)) : list;
  });
  const days = createMemo(() => {
    const groups: { key: string; label: string; entries: AuditEntry[] }[] = [];
    const today = formatIsoDate(new Date());
    for (const e of shown()) {
      const key = formatIsoDate(e.at);
      let g = groups[groups.length - 1];
      if (!g || g.key !== key) {
        g = { key, label: key === today ? `I dag, ${formatDay(e.at)}` : formatDay(e.at), entries: [] };
        groups.push(g);
      }
      g.entries.push(e);
    }
    return groups;
  });

  return (
    <>
      <PageHeading>Händelselogg</PageHeading>
      <p class="lead">
        Vem som har ändrat vad och när: tillfällen, utbildningar, anmälningar gjorda av kansliet, flyttar och utskick.
      </p>
      <div class="filter filter--inline toolbar">
        <div>
          <label class="label" for="log-kind">
            Visa
          </label>
          <select id="log-kind" class="input select" value={kind()} onChange={(e) => setKind(e.currentTarget.value)}>
            <For each={KINDS}>
              {(k) => (
                <option value={k.value} selected={k.value === kind()}>
                  {k.label}
                </option>
              )}
            </For>
          </select>
        </div>
      </div>
      <p class="result-count" role="status">
        <Show when={loaded(entries)}>
          {(all) => (
            <>
              {`Visar ${count(shown().length)}`}
              {all().length >= 200 ? ", de senaste 200." : "."}
            </>
          )}
        </Show>
      </p>
      <Switch>
        <Match when={entries.error}>
          <StaffErrorNotice title="Loggen kunde inte hämtas" error={entries.error} />
        </Match>
        <Match when={!loaded(entries)}>
          <Loading>Hämtar loggen…</Loading>
        </Match>
        <Match when={shown().length === 0}>
          <div class="notice">
            <p>Det finns inga händelser att visa.</p>
          </div>
        </Match>
        <Match when={shown().length > 0}>
          <For each={days()}>
            {(day) => (
              <section class="log-day" aria-labelledby={`log-${day.key}`}>
                <h2 class="month-heading" id={`log-${day.key}`}>
                  {day.label}
                </h2>
                <ol class="log-list">
                  <For each={day.entries}>{(e) => <LogEntry entry={e} who={who(e)} names={names} />}</For>
                </ol>
              </section>
            )}
          </For>
        </Match>
      </Switch>
    </>
  );
}

function LogEntry(props: { entry: AuditEntry; who: string; names: AuditNames }) {
  const e = () => props.entry;
  const occasionId = () => occasionOf(e());
  // What the heading line already says (the person, the occasion) is not repeated below it.
  const lines = () =>
    changeLines(e(), props.names, e().action === "registration.create" ? ["name", "occasionId"] : ["occasionId"]);
  return (
    <li class="log-entry">
      <p class="log-what">
        <strong>{actionText(e().action)}</strong>
        <Subject entry={e()} occasionId={occasionId()} names={props.names} />
      </p>
      <p class="log-meta">
        <time datetime={e().at} title={moment(e().at)}>
          kl. {formatTime(e().at)}
        </time>
        {" · "}
        {props.who}
      </p>
      <Show when={lines().length > 0}>
        <ul class="log-changes">
          <For each={lines()}>{(line) => <li>{line}</li>}</For>
        </ul>
      </Show>
    </li>
  );
}

/** What the entry is about, linked when it has a page: the occasion, or the course. */
function Subject(props: { entry: AuditEntry; occasionId: number | null; names: AuditNames }) {
  const occasionTitle = () =>
    props.occasionId ? (props.names.occasion(props.occasionId) ?? `Tillfälle ${props.occasionId}`) : "";
  // Who was registered or moved: the name is in `after` for a hand registration and in
  // `before` for a move (the person as she was on the old occasion).
  const person = () => {
    const name = props.entry.action === "registration.move" ? props.entry.before?.name : props.entry.after?.name;
    return (props.entry.action === "registration.create" || props.entry.action === "registration.move") &&
      typeof name === "string"
      ? name
      : null;
  };
  return (
    <Switch fallback={props.entry.entity === "registration" ? <> (anmälan {props.entry.entityId})</> : null}>
      <Match when={props.entry.entity === "course"}>
        {": "}
        <a href={`/kansliet/utbildningar/${props.entry.entityId}`}>
          {typeof props.entry.after?.title === "string"
            ? props.entry.after.title
            : `Utbildning ${props.entry.entityId}`}
        </a>
        {/* Budget and plan are per year: which year the line under it is about. */}
        <Show when={props.entry.action === "effort.update" && props.entry.after?.year}>
          {(year) => <>, {String(year())}</>}
        </Show>
      </Match>
      <Match when={props.occasionId}>
        {person() ? `: ${person()} till ` : props.entry.action === "registration.move" ? ": till " : ": "}
        <a href={`/kansliet/tillfallen/${props.occasionId}`}>{occasionTitle()}</a>
      </Match>
    </Switch>
  );
}
