// "/kansliet/arbetsplatser?q=…": the workplace register. Every spelling the registrants
// typed, how it counts ("räknas som …" when merged), the likely duplicates the server
// suggests, and the merges with "Ångra". A merge is a row of its own: every figure of every
// year follows it, and follows back when it is undone (docs/decisions/008).
import { useSearchParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { asApiError, staffApi, type WorkplaceRegister } from "../../api.ts";
import { createFlash, Flash } from "../../components/office/flash.tsx";
import { MergeDialog, type MergeCandidate } from "../../components/office/merge-dialog.tsx";
import { MergeHistory, type MergeRow } from "../../components/office/merge-history.tsx";
import { SearchForm } from "../../components/office/search-form.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { StaffErrorNotice } from "./office-shell.tsx";

type Workplace = WorkplaceRegister["workplaces"][number];

const registrationsText = (n: number) => (n === 1 ? "1 anmälan" : `${n} anmälningar`);
const describe = (w: Pick<Workplace, "name" | "municipality">) => `${w.name} (${w.municipality})`;
const candidateLabel = (w: Workplace) =>
  `${w.name}, ${w.municipality}${w.orgNumber ? `, ${w.orgNumber}` : ""} – ${registrationsText(w.registrations)}`;

export default function WorkplacesPage() {
  const [params, setParams] = useSearchParams<{ q?: string }>();
  const q = () => (params.q ?? "").trim();
  usePageTitle(() => (q() ? `Arbetsplatser: ${q()}` : "Arbetsplatser"));
  // The whole register (names for "räknas som", the suggestions, the merges) and the hits.
  const [register, { refetch }] = createResource(
    () => ({ q: q() }),
    async ({ q }) => {
      const [all, found] = await Promise.all([staffApi.workplaces(), q ? staffApi.workplaces(q) : null]);
      return { all, found: found ?? all };
    },
  );
  const data = () => loaded(register);
  const byId = createMemo(() => new Map((data()?.all.workplaces ?? []).map((w) => [w.id, w])));
  const name = (id: number) => {
    const w = byId().get(id);
    return w ? describe(w) : `arbetsplats ${id}`;
  };
  const countedHere = createMemo(() => {
    const n = new Map<number, number>();
    for (const w of data()?.all.workplaces ?? [])
      if (w.mergedInto !== null) n.set(w.mergedInto, (n.get(w.mergedInto) ?? 0) + 1);
    return n;
  });

  /** Each pair of likely duplicates once; with a search, those with at least one hit. */
  const pairs = createMemo(() => {
    const d = data();
    if (!d) return [];
    const hits = new Set(d.found.workplaces.map((w) => w.id));
    const out: [Workplace, Workplace][] = [];
    for (const a of d.all.workplaces) {
      for (const id of a.suggestedDuplicates) {
        const b = byId().get(id);
        if (!b || b.id < a.id) continue;
        if (q() && !hits.has(a.id) && !hits.has(b.id)) continue;
        out.push([a, b]);
      }
    }
    return out.sort((x, y) => x[0].name.localeCompare(y[0].name, "sv-SE"));
  });

  const flash = createFlash();
  const [selected, setSelected] = createSignal<number[]>([]);
  const [selectionError, setSelectionError] = createSignal<string | null>(null);
  const [merging, setMerging] = createSignal<{ candidates: Workplace[]; into: number } | null>(null);
  let opener: HTMLElement | null = null;

  /** What the merge starts from: the workplaces themselves, or what they already count as. */
  function openMerge(e: MouseEvent, list: Workplace[]) {
    const roots = [...new Map(list.map((w) => byId().get(w.mergedInto ?? w.id) ?? w).map((w) => [w.id, w])).values()];
    if (roots.length < 2) {
      setSelectionError("Välj minst två arbetsplatser i tabellen som är samma arbetsplats.");
      return;
    }
    setSelectionError(null);
    flash.clear();
    opener = e.currentTarget as HTMLElement;
    const into = [...roots].sort((a, b) => b.registrations - a.registrations || a.id - b.id)[0]!.id;
    setMerging({ candidates: roots, into });
  }
  function closeMerge() {
    setMerging(null);
    const back = opener;
    opener = null;
    if (back?.isConnected) requestAnimationFrame(() => back.focus());
  }
  async function merge(into: number, from: number[]) {
    await staffApi.mergeWorkplaces(into, from);
    opener = null;
    setMerging(null);
    setSelected([]);
    await refetch();
    flash.show({ kind: "success", text: "Sammanslagna. Alla siffror följer med." });
  }
  async function undo(row: MergeRow) {
    try {
      await staffApi.undoWorkplaceMerge(row.id);
      await refetch();
      flash.show({
        kind: "success",
        text: `Sammanslagningen är ångrad: ${row.what.replace(" räknas som ", " räknas inte längre som ")}. Alla siffror följer med.`,
      });
    } catch (err) {
      await refetch();
      flash.show({ kind: "error", text: asApiError(err).message });
    }
  }
  const mergeRows = (): MergeRow[] =>
    (data()?.all.merges ?? []).map((m) => ({
      id: m.id,
      at: m.at,
      userName: m.userName,
      what: `${m.from.map(name).join(", ")} räknas som ${name(m.into)}`,
      undoName: `sammanslagningen till ${name(m.into)}`,
    }));
  const toggle = (id: number, on: boolean) =>
    setSelected((list) => (on ? [...new Set([...list, id])] : list.filter((x) => x !== id)));

  return (
    <>
      <PageHeading>Arbetsplatser</PageHeading>
      <p class="lead">
        Arbetsplatserna som deltagarna har skrivit in när de anmälde sig. Samma arbetsplats med olika stavningar ska
        räknas en gång i målet för arbetsplatser: slå ihop dem. En sammanslagning kan ångras, och alla siffror för alla
        år följer med.
      </p>
      <SearchForm
        id="workplace-q"
        label="Sök arbetsplats"
        hint="Del av namnet eller kommunen, till exempel ”solros” eller ”Halmstad”."
        value={q()}
        onSearch={(text) => {
          setSelected([]);
          setParams({ q: text || undefined });
        }}
      />
      <Flash flash={flash} />
      <Switch>
        <Match when={register.error}>
          <StaffErrorNotice title="Arbetsplatserna kunde inte hämtas" error={register.error} />
        </Match>
        <Match when={!data()}>
          <Loading>Hämtar arbetsplatserna…</Loading>
        </Match>
        <Match when={data()}>
          {(d) => (
            <>
              <section class="suggestions" aria-labelledby="suggestions-heading">
                <h2 id="suggestions-heading">Troliga dubbletter</h2>
                <Show
                  when={pairs().length > 0}
                  fallback={
                    <p>{q() ? "Inga troliga dubbletter bland träffarna." : "Inga troliga dubbletter just nu."}</p>
                  }
                >
                  <p>
                    Samma kommun och nästan samma namn. Kontrollera att det är samma arbetsplats innan du slår ihop dem:
                    en kedja med flera butiker i samma kommun är flera arbetsplatser.
                  </p>
                  <ul class="suggestion-list">
                    <For each={pairs()}>
                      {([a, b]) => (
                        <li class="suggestion">
                          <p class="suggestion-tag">Trolig dubblett</p>
                          <p class="suggestion-pair">
                            <span>{candidateLabel(a)}</span>
                            <span class="suggestion-and">och</span>
                            <span>{candidateLabel(b)}</span>
                          </p>
                          <button type="button" class="button button--small" onClick={(e) => openMerge(e, [a, b])}>
                            Slå ihop…
                            <span class="visually-hidden">
                              {" "}
                              {describe(a)} och {describe(b)}
                            </span>
                          </button>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </section>

              <section aria-labelledby="register-heading">
                <h2 id="register-heading">{q() ? `Träffar för ”${q()}”` : "Alla arbetsplatser"}</h2>
                <p class="result-count" role="status">
                  {d().found.workplaces.length === 1 ? "1 stavning" : `${d().found.workplaces.length} stavningar`}
                  {q() ? ` av ${d().all.workplaces.length} i registret.` : " i registret."}
                </p>
                <Show when={d().found.workplaces.length > 0}>
                  <p class="hint">Välj två eller fler som är samma arbetsplats och slå ihop dem.</p>
                  <div
                    class="table-scroll table-scroll--settings"
                    role="region"
                    aria-labelledby="register-caption"
                    tabindex="0"
                  >
                    <table class="table table--settings">
                      <caption id="register-caption" class="visually-hidden">
                        Arbetsplatser{q() ? ` som matchar ${q()}` : ""}: namn, kommun, organisationsnummer, anmälningar
                        och hur de räknas
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col" class="cell-select">
                            Välj
                          </th>
                          <th scope="col">Arbetsplats</th>
                          <th scope="col">Kommun</th>
                          <th scope="col">Organisations&shy;nummer</th>
                          <th scope="col" class="cell-number">
                            Anmälningar
                          </th>
                          <th scope="col">Räknas som</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={d().found.workplaces}>
                          {(w) => (
                            <tr classList={{ "row--merged": w.mergedInto !== null }}>
                              <td class="cell-select">
                                <Show
                                  when={w.mergedInto === null}
                                  fallback={<span class="visually-hidden">Redan sammanslagen</span>}
                                >
                                  <input
                                    type="checkbox"
                                    class="table-check"
                                    id={`wp-${w.id}`}
                                    checked={selected().includes(w.id)}
                                    onChange={(e) => toggle(w.id, e.currentTarget.checked)}
                                    aria-label={`Välj ${describe(w)}`}
                                  />
                                </Show>
                              </td>
                              <th scope="row">
                                {w.name}
                                <Show when={w.suggestedDuplicates.length > 0}>
                                  {" "}
                                  <span class="tag tag--duplicate">trolig dubblett</span>
                                </Show>
                              </th>
                              <td>{w.municipality}</td>
                              <td class="cell-nowrap">{w.orgNumber ?? "–"}</td>
                              <td class="cell-number">{w.registrations}</td>
                              <td>
                                <Show
                                  when={w.mergedInto !== null}
                                  fallback={
                                    <>
                                      Sig själv
                                      <Show when={countedHere().get(w.id)}>
                                        {(n) => (
                                          <span class="table-note">
                                            ;{" "}
                                            {n() === 1
                                              ? "1 stavning till räknas hit"
                                              : `${n()} stavningar till räknas hit`}
                                          </span>
                                        )}
                                      </Show>
                                    </>
                                  }
                                >
                                  räknas som {name(w.mergedInto!)}
                                </Show>
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                  <Show when={selectionError()}>
                    <p class="field-error" role="alert">
                      {selectionError()}
                    </p>
                  </Show>
                  <p class="button-row">
                    <button
                      type="button"
                      class="button"
                      onClick={(e) =>
                        openMerge(
                          e,
                          d().all.workplaces.filter((w) => selected().includes(w.id)),
                        )
                      }
                    >
                      Slå ihop valda…{selected().length ? ` (${selected().length})` : ""}
                    </button>
                  </p>
                </Show>
              </section>

              <section class="action-box" aria-labelledby="merges-heading">
                <h2 id="merges-heading">Sammanslagningar</h2>
                <MergeHistory
                  id="workplace-merges"
                  caption="Sammanslagna arbetsplatser, senaste först"
                  rows={mergeRows()}
                  onUndo={undo}
                  empty="Inga arbetsplatser är sammanslagna."
                />
              </section>
            </>
          )}
        </Match>
      </Switch>

      <Show when={merging()} keyed>
        {(m) => (
          <MergeDialog<number>
            id="workplace-merge"
            title="Slå ihop arbetsplatser"
            intro={
              <p>
                De räknas som en arbetsplats i alla mål och siffror, alla år. Anmälningarna behåller sin stavning, och
                du kan ångra sammanslagningen.
              </p>
            }
            candidates={m.candidates.map((w): MergeCandidate<number> => ({ key: w.id, label: candidateLabel(w) }))}
            initialInto={m.into}
            intoLegend="Räknas som"
            fromLegend="Slå ihop med den"
            onMerge={merge}
            onClose={closeMerge}
          />
        )}
      </Show>
    </>
  );
}
