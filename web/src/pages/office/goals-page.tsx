// "/kansliet/mal?ar=2026": the year's goals as settings. Each goal says what it counts, on
// what, over which course types, and its target; it is changed or removed here, and new
// ones are added with the form below. A year without goals can take last year's. The figures
// themselves are on the dashboard (/kansliet?ar=2026) and behind each goal (/kansliet/mal/:id).
import { useSearchParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { asApiError, staffApi, type GoalFigures, type GoalSetting } from "../../api.ts";
import { ConfirmDialog } from "../../components/office/confirm-dialog.tsx";
import { createFlash, Flash } from "../../components/office/flash.tsx";
import { GoalForm } from "../../components/office/goal-form.tsx";
import { Modal } from "../../components/office/modal.tsx";
import { yearFromParam, YearSelect } from "../../components/office/year-select.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { currentYear, GOAL_BASIS_TEXT, GOAL_KIND_TEXT } from "../../office-text.ts";
import { StaffErrorNotice } from "./office-shell.tsx";

const number = (n: number) => n.toLocaleString("sv-SE");
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const goalsText = (n: number) => (n === 1 ? "1 mål" : `${n} mål`);

/** "Deltagit", "Anmälda", or for an occasions goal what it really counts. */
export function basisText(g: Pick<GoalSetting, "kind" | "basis">): string {
  return g.kind === "occasions" ? "Hållna tillfällen" : capital(GOAL_BASIS_TEXT[g.basis] ?? g.basis);
}

export default function GoalsPage() {
  const [params, setParams] = useSearchParams<{ ar?: string }>();
  const thisYear = currentYear();
  const year = () => yearFromParam(params.ar, thisYear);
  const setYear = (y: number) => setParams({ ar: y === thisYear ? undefined : String(y) }, { replace: true });
  usePageTitle(() => `Mål ${year()}`);

  const [data, { refetch }] = createResource(year, (y) => staffApi.followUp(y));
  const [types] = createResource(() => staffApi.courseTypes().catch(() => []));
  const goals = () => loaded(data)?.goals;
  const typeName = (code: string) => types.latest?.find((t) => t.code === code)?.name ?? code;
  const flash = createFlash();
  const [highlight, setHighlight] = createSignal<number | null>(null);
  const [editing, setEditing] = createSignal<GoalSetting | null>(null);
  const [deleting, setDeleting] = createSignal<GoalSetting | null>(null);
  const addedFlash = createFlash();
  let opener: HTMLElement | null = null;

  const settingOf = (g: GoalFigures): GoalSetting => ({
    id: g.id,
    year: year(),
    label: g.label,
    kind: g.kind,
    basis: g.basis,
    courseTypes: g.courseTypes,
    target: g.target,
  });

  function open(e: MouseEvent, goal: GoalSetting, what: "edit" | "delete") {
    opener = e.currentTarget as HTMLElement;
    flash.clear();
    addedFlash.clear();
    if (what === "edit") setEditing(goal);
    else setDeleting(goal);
  }
  function closeDialogs() {
    setEditing(null);
    setDeleting(null);
    const back = opener;
    opener = null;
    if (back?.isConnected) requestAnimationFrame(() => back.focus());
  }
  function done(text: Parameters<typeof flash.show>[0]["text"]) {
    opener = null;
    setEditing(null);
    setDeleting(null);
    flash.show({ kind: "success", text });
  }

  async function saved(goal: GoalSetting, before: GoalSetting) {
    await refetch();
    setHighlight(goal.id);
    if (goal.year !== before.year) {
      done(
        <>
          Målet ”{goal.label}” gäller nu {goal.year}.{" "}
          <a href={`/kansliet/mal?ar=${goal.year}`}>Visa målen för {goal.year}</a>
        </>,
      );
    } else {
      done(<>Målet ”{goal.label}” är ändrat. Siffrorna räknas om direkt.</>);
    }
  }

  async function remove(goal: GoalSetting) {
    await staffApi.deleteGoal(goal.id);
    await refetch();
    done(<>Målet ”{goal.label}” är borttaget.</>);
  }

  return (
    <>
      <PageHeading>Mål {year()}</PageHeading>
      <p class="lead">
        Årets mål är förbundets egna inställningar: vad som räknas, på vad, för vilka kurstyper och mot vilket målvärde.
        Hur långt året har kommit syns under <a href={`/kansliet?ar=${year()}`}>Uppföljning</a>.
      </p>
      <div class="toolbar">
        <YearSelect id="goals-year" label="Visa år" value={year()} onValue={setYear} />
      </div>
      <Flash flash={flash} />

      <section aria-labelledby="goals-heading">
        <h2 id="goals-heading">Målen för {year()}</h2>
        <Switch>
          <Match when={data.error}>
            <StaffErrorNotice title="Målen kunde inte hämtas" error={data.error} />
          </Match>
          <Match when={!goals()}>
            <Loading>Hämtar målen…</Loading>
          </Match>
          <Match when={goals()?.length === 0}>
            <NoGoals
              year={year()}
              previous={loaded(data)!.previousYear.goals.length}
              onRefresh={() => void refetch()}
              onCopied={async (n) => {
                await refetch();
                done(
                  <>
                    {goalsText(n)} {n === 1 ? "kopierat" : "kopierade"} från {year() - 1}. Ändra målvärdena här om de
                    ska vara andra i år.
                  </>,
                );
              }}
            />
          </Match>
          <Match when={goals()}>
            {(list) => (
              <div
                class="table-scroll table-scroll--settings"
                role="region"
                aria-labelledby="goals-caption"
                tabindex="0"
              >
                <table class="table table--settings table--goals">
                  <caption id="goals-caption" class="visually-hidden">
                    Målen för {year()}, {goalsText(list().length)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Mål</th>
                      <th scope="col">Räknar</th>
                      <th scope="col">Räknas på</th>
                      <th scope="col">Kurstyper</th>
                      <th scope="col" class="cell-number">
                        Målvärde
                      </th>
                      <th scope="col">
                        <span class="visually-hidden">Ändra eller ta bort</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(g) => (
                        <tr classList={{ "row--new": highlight() === g.id }}>
                          <th scope="row" class="cell-wide">
                            <span class="goalset-label">{g.label}</span>
                            <span class="goalset-links">
                              <span class="goalset-now">
                                Nu {number(g.value)} av {number(g.target)}
                              </span>
                              <a href={`/kansliet?ar=${year()}`}>
                                Se i uppföljningen<span class="visually-hidden">: {g.label}</span>
                              </a>
                              <a href={`/kansliet/mal/${g.id}`}>
                                Se listan<span class="visually-hidden"> bakom {g.label}</span>
                              </a>
                            </span>
                          </th>
                          <td>{GOAL_KIND_TEXT[g.kind] ?? g.kind}</td>
                          <td>{basisText(g)}</td>
                          <td>{g.courseTypes.length ? g.courseTypes.map(typeName).join(", ") : "Alla kurstyper"}</td>
                          <td class="cell-number">{number(g.target)}</td>
                          <td class="cell-action">
                            <div class="cell-buttons">
                              <button
                                type="button"
                                class="button button--secondary button--small"
                                onClick={(e) => open(e, settingOf(g), "edit")}
                              >
                                Ändra<span class="visually-hidden"> {g.label}</span>
                              </button>
                              <button
                                type="button"
                                class="button button--secondary button--small button--danger-text"
                                onClick={(e) => open(e, settingOf(g), "delete")}
                              >
                                Ta bort<span class="visually-hidden"> {g.label}</span>
                              </button>
                            </div>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            )}
          </Match>
        </Switch>
      </section>

      <section class="action-box" aria-labelledby="goal-new-heading">
        <h2 id="goal-new-heading">Lägg till ett mål</h2>
        <Flash flash={addedFlash} />
        <Show when={year()} keyed>
          {(y) => (
            <GoalForm
              idPrefix="g"
              year={y}
              types={types.latest}
              headingId="goal-new-heading"
              submitLabel="Lägg till målet"
              onSaved={async (goal) => {
                flash.clear();
                if (goal.year !== year()) setYear(goal.year);
                else await refetch();
                setHighlight(goal.id);
                addedFlash.show({
                  kind: "success",
                  text: (
                    <>
                      Målet ”{goal.label}” är tillagt för {goal.year}. Siffran räknas fram direkt:{" "}
                      <a href={`/kansliet?ar=${goal.year}`}>se den i uppföljningen</a>.
                    </>
                  ),
                });
              }}
            />
          )}
        </Show>
      </section>

      <Show when={editing()} keyed>
        {(goal) => (
          <Modal labelledBy="goal-edit-heading" onClose={closeDialogs}>
            <h2 id="goal-edit-heading" class="modal-title" tabindex="-1">
              Ändra målet ”{goal.label}”
            </h2>
            <GoalForm
              idPrefix="ge"
              goal={goal}
              year={goal.year}
              types={types.latest}
              headingId="goal-edit-heading"
              submitLabel="Spara ändringarna"
              onSaved={(g) => saved(g, goal)}
              onCancel={closeDialogs}
            />
          </Modal>
        )}
      </Show>
      <Show when={deleting()} keyed>
        {(goal) => (
          <ConfirmDialog
            id="goal-delete"
            title={`Ta bort målet ”${goal.label}”?`}
            confirmLabel="Ta bort målet"
            busyLabel="Tar bort…"
            danger
            onConfirm={() => remove(goal)}
            onClose={closeDialogs}
          >
            <p>
              Målet försvinner från uppföljningen för {goal.year}. Anmälningar, närvaro och andra mål påverkas inte. Du
              kan lägga till målet igen senare.
            </p>
          </ConfirmDialog>
        )}
      </Show>
    </>
  );
}

/** A year without goals: say so, and offer last year's. */
function NoGoals(props: {
  year: number;
  previous: number;
  onCopied: (n: number) => Promise<void>;
  onRefresh: () => void;
}) {
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let errorBox: HTMLDivElement | undefined;
  const from = () => props.year - 1;
  async function copy() {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      const copied = await staffApi.copyGoals(from(), props.year);
      await props.onCopied(copied.length);
    } catch (err) {
      // 409 goals_exist (someone else was quicker), 404 goals_not_found: the server's sentence.
      setError(asApiError(err).message);
      requestAnimationFrame(() => errorBox?.focus());
    } finally {
      setBusy(false);
    }
  }
  const hasPrevious = createMemo(() => props.previous > 0);
  return (
    <div class="notice">
      <p>Det finns inga mål för {props.year} än.</p>
      <Show
        when={hasPrevious()}
        fallback={<p>Det finns inga mål för {from()} att kopiera heller. Lägg till målen med formuläret nedan.</p>}
      >
        <p>
          {from()} hade {goalsText(props.previous)}. Kopiera dem till {props.year} och ändra sedan det som ska vara
          annorlunda, eller lägg till nya mål nedan.
        </p>
        <Show when={error()}>
          <div class="notice notice--error" role="alert" tabindex="-1" ref={(el) => (errorBox = el)}>
            <p>{error()}</p>
            <p>
              <button type="button" class="button button--secondary button--small" onClick={() => props.onRefresh()}>
                Visa målen för {props.year}
              </button>
            </p>
          </div>
        </Show>
        <p class="button-row">
          <button type="button" class="button" aria-disabled={busy() ? "true" : undefined} onClick={copy}>
            {busy() ? "Kopierar…" : `Kopiera målen från ${from()}`}
          </button>
        </p>
      </Show>
    </div>
  );
}
