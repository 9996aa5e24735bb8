// "/kursledare/tillfallen/:id/behov" and "/kansliet/tillfallen/:id/behov": the occasion's
// dietary and accessibility needs as counts, to print or send to the caterer and the venue
// (issue 11). No names: the paper leaves the organisation. Who has which need is only on the
// leader's own participant list. One page for both: the address says whose shell it is in,
// and which API route it asks (the leader's or the office's; both answer the same).
import { useLocation, useParams } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { leaderApi, staffApi, type NeedsSummary } from "../api.ts";
import { Loading, PageHeading, usePageTitle, useSite, loaded } from "../components/site.tsx";
import { StaffErrorNotice } from "../components/staff.tsx";
import { formatDay } from "../occasion-text.ts";

const NONE = "Inga behov registrerade.";
const participants = (n: number) => (n === 1 ? "1 deltagare" : `${n} deltagare`);

export default function NeedsPage() {
  const params = useParams<{ id: string }>();
  const location = useLocation();
  const office = () => location.pathname.startsWith("/kansliet/");
  const [summary] = createResource(
    () => params.id,
    (id) => (office() ? staffApi.needs(id) : leaderApi.needs(id)),
  );
  const data = () => loaded(summary);
  usePageTitle(() => (data() ? `Specialkost och anpassning: ${data()!.occasion.title}` : "Specialkost och anpassning"));
  const back = () =>
    office()
      ? { href: `/kansliet/tillfallen/${params.id}`, text: "Till tillfället" }
      : { href: `/kursledare/tillfallen/${params.id}`, text: "Till deltagarlistan" };

  return (
    <>
      <p class="back no-print">
        <a href={back().href}>{back().text}</a>
      </p>
      <Switch>
        <Match when={summary.error}>
          <PageHeading>Specialkost och anpassning</PageHeading>
          <StaffErrorNotice title="Behoven kunde inte hämtas" error={summary.error} />
        </Match>
        <Match when={!data()}>
          <Loading>Hämtar behoven…</Loading>
        </Match>
        <Match when={data()}>{(d) => <NeedsSheet summary={d()} />}</Match>
      </Switch>
    </>
  );
}

function NeedsSheet(props: { summary: NeedsSummary }) {
  const s = () => props.summary;
  const { organiser } = useSite();
  return (
    <article class="needs-sheet">
      <p class="needs-kind">Specialkost och anpassning</p>
      <PageHeading>{s().occasion.title}</PageHeading>
      <dl class="facts needs-facts">
        <div>
          <dt>Datum</dt>
          <dd>{formatDay(s().occasion.startsAt)}</dd>
        </div>
        <div>
          <dt>Plats</dt>
          <dd>{s().occasion.location || "Ingen plats angiven"}</dd>
        </div>
        <div>
          <dt>Antal deltagare</dt>
          <dd>{participants(s().confirmed)}</dd>
        </div>
      </dl>
      <p class="hint no-print">
        Listan har inga namn och kan lämnas till restaurangen och lokalen. Den räknar dem som har en plats, inte dem som
        står på väntelistan. Behoven raderas några dagar efter kursen.
      </p>
      <p class="button-row no-print">
        <button type="button" class="button" onClick={() => window.print()}>
          Skriv ut behoven
        </button>
      </p>

      <section class="needs-section" aria-labelledby="needs-dietary">
        <h2 id="needs-dietary">Specialkost</h2>
        <Show when={s().dietary.length > 0} fallback={<p>{NONE}</p>}>
          <NeedsTable caption="Specialkost" lines={s().dietary} />
          <p class="needs-rest">Utan specialkost: {participants(s().withoutDietary)}.</p>
        </Show>
      </section>

      <section class="needs-section" aria-labelledby="needs-access">
        <h2 id="needs-access">Tillgänglighet och anpassning</h2>
        <Show when={s().accessibility.length > 0} fallback={<p>{NONE}</p>}>
          <NeedsTable caption="Tillgänglighet och anpassning" lines={s().accessibility} />
        </Show>
      </section>
      {/* On paper the site header is gone: the sheet says whose it is. */}
      <Show when={organiser()}>{(o) => <p class="needs-print-foot">{o().name}</p>}</Show>
    </article>
  );
}

/** Count first, as a caterer reads it ("3 Vegetarisk"); the caption names the table for screen readers. */
function NeedsTable(props: { caption: string; lines: { text: string; count: number }[] }) {
  return (
    <table class="table needs-table">
      <caption class="visually-hidden">{props.caption}, antal per behov</caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            Antal
          </th>
          <th scope="col">Behov</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.lines}>
          {(line) => (
            <tr>
              <td class="num">{line.count}</td>
              <th scope="row">{line.text}</th>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
