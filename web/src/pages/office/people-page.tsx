// "/kansliet/personer?q=…": find a person by name or address, and merge the addresses one
// person has used so that she counts once (the staff goal counts distinct people by their
// address). The merges are listed with "Ångra"; every figure of every year follows. Each
// address opens the person's own page (/kansliet/personer/:email): her registrations, with
// correcting, cancelling and erasure (issue 11).
import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { asApiError, staffApi, type PeopleList } from "../../api.ts";
import { createFlash, Flash } from "../../components/office/flash.tsx";
import { MergeDialog } from "../../components/office/merge-dialog.tsx";
import { MergeHistory, type MergeRow } from "../../components/office/merge-history.tsx";
import { SearchForm } from "../../components/office/search-form.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { StaffErrorNotice } from "./office-shell.tsx";

type Person = PeopleList["people"][number];

const registrationsText = (n: number) => (n === 1 ? "1 anmälan" : `${n} anmälningar`);
const LIMIT = 100;

export default function PeoplePage() {
  const [params, setParams] = useSearchParams<{ q?: string }>();
  const q = () => (params.q ?? "").trim();
  usePageTitle(() => (q() ? `Personer: ${q()}` : "Personer"));
  const [list, { refetch }] = createResource(
    () => ({ q: q() }),
    ({ q }) => staffApi.people(q),
  );
  const data = () => loaded(list);
  const flash = createFlash();
  const [selected, setSelected] = createSignal<string[]>([]);
  const [selectionError, setSelectionError] = createSignal<string | null>(null);
  const [merging, setMerging] = createSignal<Person[] | null>(null);
  let opener: HTMLElement | null = null;

  function openMerge(e: MouseEvent) {
    const chosen = (data()?.people ?? []).filter((p) => selected().includes(p.email));
    if (chosen.length < 2) {
      setSelectionError("Välj minst två adresser i tabellen som är samma person.");
      return;
    }
    setSelectionError(null);
    flash.clear();
    opener = e.currentTarget as HTMLElement;
    setMerging(chosen);
  }
  function closeMerge() {
    setMerging(null);
    const back = opener;
    opener = null;
    if (back?.isConnected) requestAnimationFrame(() => back.focus());
  }
  async function merge(into: string, from: string[]) {
    await staffApi.mergePeople(into, from);
    opener = null;
    setMerging(null);
    setSelected([]);
    await refetch();
    flash.show({
      kind: "success",
      text: `Sammanslagna: ${[...from, into].join(", ")} räknas som en person, ${into}. Alla siffror följer med.`,
    });
  }
  async function undo(row: MergeRow) {
    try {
      await staffApi.undoPersonMerge(row.id);
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
    (data()?.merges ?? []).map((m) => ({
      id: m.id,
      at: m.at,
      userName: m.userName,
      what: `${m.from.join(", ")} räknas som ${m.into}`,
      undoName: `sammanslagningen till ${m.into}`,
    }));
  const toggle = (email: string, on: boolean) =>
    setSelected((l) => (on ? [...new Set([...l, email])] : l.filter((x) => x !== email)));

  return (
    <>
      <PageHeading>Personer</PageHeading>
      <p class="lead">
        En person räknas en gång i målet för medarbetare, efter sin e-postadress. Har någon anmält sig med två adresser,
        till exempel en privat och en till jobbet, slår du ihop dem här. En sammanslagning kan ångras. Öppna en adress
        för att se personens anmälningar, ändra eller avboka dem, eller radera personen.
      </p>
      <SearchForm
        id="people-q"
        label="Sök person"
        hint="Namn eller e-postadress, eller en del av dem."
        value={q()}
        onSearch={(text) => {
          setSelected([]);
          setParams({ q: text || undefined });
        }}
      />
      <Flash flash={flash} />
      <Switch>
        <Match when={list.error}>
          <StaffErrorNotice title="Personerna kunde inte hämtas" error={list.error} />
        </Match>
        <Match when={!data()}>
          <Loading>Hämtar personer…</Loading>
        </Match>
        <Match when={data()}>
          {(d) => (
            <>
              <section aria-labelledby="people-heading">
                <h2 id="people-heading">{q() ? `Träffar för ”${q()}”` : "Personer"}</h2>
                <p class="result-count" role="status">
                  {d().people.length === 0
                    ? "Ingen anmälan med det namnet eller den adressen."
                    : d().people.length >= LIMIT
                      ? `Visar de ${LIMIT} första i bokstavsordning. Sök för att hitta en viss person.`
                      : d().people.length === 1
                        ? "1 adress."
                        : `${d().people.length} adresser.`}
                </p>
                <Show when={d().people.length > 0}>
                  <p class="hint">Välj två eller fler adresser som är samma person och slå ihop dem.</p>
                  <div
                    class="table-scroll table-scroll--settings"
                    role="region"
                    aria-labelledby="people-caption"
                    tabindex="0"
                  >
                    <table class="table table--settings">
                      <caption id="people-caption" class="visually-hidden">
                        Personer{q() ? ` som matchar ${q()}` : ""}: adress, namn, anmälningar och hur de räknas
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col" class="cell-select">
                            Välj
                          </th>
                          <th scope="col">E-postadress</th>
                          <th scope="col">Namn</th>
                          <th scope="col" class="cell-number">
                            Anmälningar
                          </th>
                          <th scope="col">Räknas som</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={d().people}>
                          {(p) => (
                            <tr classList={{ "row--merged": p.mergedInto !== null }}>
                              <td class="cell-select">
                                <Show
                                  when={p.mergedInto === null}
                                  fallback={<span class="visually-hidden">Redan sammanslagen</span>}
                                >
                                  <input
                                    type="checkbox"
                                    class="table-check"
                                    checked={selected().includes(p.email)}
                                    onChange={(e) => toggle(p.email, e.currentTarget.checked)}
                                    aria-label={`Välj ${p.email}`}
                                  />
                                </Show>
                              </td>
                              <th scope="row" class="cell-mail">
                                <a href={`/kansliet/personer/${encodeURIComponent(p.email)}`}>{p.email}</a>
                              </th>
                              <td>{p.name}</td>
                              <td class="cell-number">{p.registrations}</td>
                              <td class="cell-mail">
                                <Show when={p.mergedInto} fallback="Sig själv">
                                  {(into) => <>räknas som {into()}</>}
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
                    <button type="button" class="button" onClick={openMerge}>
                      Slå ihop valda…{selected().length ? ` (${selected().length})` : ""}
                    </button>
                  </p>
                </Show>
              </section>

              <section class="action-box" aria-labelledby="person-merges-heading">
                <h2 id="person-merges-heading">Sammanslagningar</h2>
                <MergeHistory
                  id="person-merges"
                  caption="Sammanslagna adresser, senaste först"
                  rows={mergeRows()}
                  onUndo={undo}
                  empty="Inga adresser är sammanslagna."
                />
              </section>
            </>
          )}
        </Match>
      </Switch>

      <Show when={merging()} keyed>
        {(people) => (
          <MergeDialog<string>
            id="person-merge"
            title="Slå ihop adresser till en person"
            intro={
              <p>
                Adresserna räknas som en person i alla mål och siffror, alla år. Anmälningarna behåller sin adress, och
                du kan ångra sammanslagningen.
              </p>
            }
            candidates={people.map((p) => ({
              key: p.email,
              label: `${p.email} (${p.name}, ${registrationsText(p.registrations)})`,
            }))}
            initialInto={[...people].sort((a, b) => b.registrations - a.registrations)[0]!.email}
            intoLegend="Räknas som adressen"
            fromLegend="Adresser som slås ihop med den"
            onMerge={merge}
            onClose={closeMerge}
          />
        )}
      </Show>
    </>
  );
}
