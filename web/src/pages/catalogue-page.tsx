// "/": coming occasions, grouped by month, filterable by course type. The filter lives in
// the address (?kurstyp=…) so a filtered list can be linked to and survives a reload.
import { useSearchParams } from "@solidjs/router";
import { createEffect, createResource, For, Match, onCleanup, Show, Switch } from "solid-js";
import { api, type PublicOccasion } from "../api.ts";
import { MonthSections } from "../components/month-sections.tsx";
import { Fact, OccasionFacts } from "../components/occasion-facts.tsx";
import { ErrorNotice, Loading, PageHeading, usePageTitle, loaded } from "../components/site.tsx";
import { closedReason, isFull, placesText } from "../occasion-text.ts";

export default function CataloguePage() {
  const [params, setParams] = useSearchParams<{ kurstyp?: string }>();
  const courseType = () => params.kurstyp ?? "";
  const [types] = createResource(() => api.courseTypes().catch(() => []));
  const [occasions] = createResource(courseType, (t) => api.occasions(t || undefined));
  const list = () => loaded(occasions);
  const typeName = () => types.latest?.find((t) => t.code === courseType())?.name;

  usePageTitle(() => (typeName() ? `Kommande utbildningar: ${typeName()}` : "Kommande utbildningar"));

  // Back from an occasion: the list comes back where she left it (the filter is in the
  // address; the scroll position is kept in this tab's sessionStorage until it is used).
  const SCROLL_KEY = "katalog-skroll";
  onCleanup(() => {
    try {
      sessionStorage.setItem(SCROLL_KEY, JSON.stringify({ search: location.search, y: window.scrollY }));
    } catch {
      // storage off: the list opens at the top
    }
  });
  let restored = false;
  createEffect(() => {
    if (restored || !list()) return;
    restored = true;
    try {
      const saved = JSON.parse(sessionStorage.getItem(SCROLL_KEY) ?? "null") as { search: string; y: number } | null;
      sessionStorage.removeItem(SCROLL_KEY);
      if (saved && saved.search === location.search && saved.y > 0)
        requestAnimationFrame(() => window.scrollTo(0, saved.y));
    } catch {
      // a damaged value: stay at the top
    }
  });

  const count = () => {
    const n = list()?.length ?? 0;
    return n === 1 ? "1 tillfälle" : `${n} tillfällen`;
  };

  return (
    <>
      <PageHeading>Kommande utbildningar</PageHeading>
      <p class="lead">
        Utbildningar, nätverksträffar och temadagar för dig som arbetar hos någon av förbundets parter eller tar emot
        personer på din arbetsplats. Anmälan är öppen för alla i målgruppen och du behöver inget konto.
      </p>

      <form class="filter" role="search" aria-label="Filtrera utbildningar" onSubmit={(e) => e.preventDefault()}>
        <label class="label" for="kurstyp">
          Visa kurstyp
        </label>
        <select
          id="kurstyp"
          class="input select"
          value={courseType()}
          onChange={(e) => setParams({ kurstyp: e.currentTarget.value || undefined }, { replace: true })}
        >
          <option value="">Alla kurstyper</option>
          {/* selected per option: the types arrive after the value from the address is set */}
          <For each={types.latest ?? []}>
            {(t) => (
              <option value={t.code} selected={t.code === courseType()}>
                {t.name}
              </option>
            )}
          </For>
        </select>
      </form>

      {/* Announces the new count when the filter changes, without moving focus. */}
      <p class="result-count" role="status">
        <Show when={list()}>{typeName() ? `Visar ${count()} av typen ${typeName()}.` : `Visar ${count()}.`}</Show>
      </p>

      <Switch>
        <Match when={occasions.error}>
          <ErrorNotice title="Kurserna kunde inte hämtas">{(occasions.error as Error).message}</ErrorNotice>
        </Match>
        <Match when={!list()}>
          <Loading>Hämtar kurser…</Loading>
        </Match>
        <Match when={list()?.length === 0}>
          <div class="notice">
            <p>Det finns inga kommande tillfällen{typeName() ? " av den här kurstypen" : ""} just nu.</p>
            <Show when={courseType()}>
              <p>
                <a href="/">Visa alla kurstyper</a>
              </p>
            </Show>
          </div>
        </Match>
        <Match when={list()}>
          <MonthSections occasions={list()!} card={(o) => <OccasionCard occasion={o} />} />
        </Match>
      </Switch>
    </>
  );
}

function OccasionCard(props: { occasion: PublicOccasion }) {
  const o = () => props.occasion;
  const reason = () => closedReason(o());
  return (
    <li class="card" classList={{ "card--cancelled": o().cancelled }}>
      <h3 class="card-title">
        <a href={`/tillfallen/${o().id}`}>{o().title}</a>
      </h3>
      <Show when={o().courseTypeName !== o().courseTitle}>
        <p class="card-type">{o().courseTypeName}</p>
      </Show>
      <OccasionFacts days={o().days} location={o().location} online={o().online}>
        <Fact term="Anmälan">
          <Show when={!reason()} fallback={<span class="tag tag--closed">{reason()}</span>}>
            <span class="tag" classList={{ "tag--full": isFull(o()), "tag--open": !isFull(o()) }}>
              {placesText(o())}
            </span>
          </Show>
        </Fact>
      </OccasionFacts>
    </li>
  );
}
