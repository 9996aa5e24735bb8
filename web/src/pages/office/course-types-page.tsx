// "/kansliet/kurstyper": the organiser's course types with how many courses use each. A type
// is renamed in place (its code never changes, so courses, goals and earlier years' figures
// keep pointing at it) and new ones are added below. The server's refusals (409
// course_type_exists) are shown at the field.
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { asApiError, staffApi, type OfficeCourseType } from "../../api.ts";
import { createFlash, Flash } from "../../components/office/flash.tsx";
import { TextField } from "../../components/form-fields.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { StaffErrorNotice } from "./office-shell.tsx";

const coursesText = (n: number) => (n === 0 ? "Ingen" : n === 1 ? "1 utbildning" : `${n} utbildningar`);

export default function CourseTypesPage() {
  usePageTitle(() => "Kurstyper");
  const [types, { refetch }] = createResource(() => staffApi.courseTypes());
  const list = () => loaded(types);
  const flash = createFlash();
  const [editing, setEditing] = createSignal<string | null>(null);
  const [highlight, setHighlight] = createSignal<string | null>(null);

  function focusLater(id: string) {
    requestAnimationFrame(() => document.getElementById(id)?.focus());
  }
  function startRename(code: string) {
    flash.clear();
    setEditing(code);
    focusLater("rename-name");
  }
  function stopRename(code: string) {
    setEditing(null);
    focusLater(`rename-open-${code}`);
  }

  return (
    <>
      <p class="back">
        <a href="/kansliet/utbildningar">Utbildningar</a>
      </p>
      <PageHeading>Kurstyper</PageHeading>
      <p class="lead">
        Förbundets egna kurstyper. Varje utbildning har en kurstyp, och målen räknar per kurstyp. Koden ändras aldrig,
        så ett nytt namn syns överallt direkt, också i tidigare års siffror.
      </p>
      <Flash flash={flash} />
      <Switch>
        <Match when={types.error}>
          <StaffErrorNotice title="Kurstyperna kunde inte hämtas" error={types.error} />
        </Match>
        <Match when={!list()}>
          <Loading>Hämtar kurstyper…</Loading>
        </Match>
        <Match when={list()}>
          {(all) => (
            <div class="table-scroll table-scroll--settings" role="region" aria-labelledby="types-caption" tabindex="0">
              <table class="table table--settings">
                <caption id="types-caption" class="visually-hidden">
                  Kurstyper: namn, kod och hur många utbildningar som har typen
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Namn</th>
                    <th scope="col">Kod</th>
                    <th scope="col" class="cell-number">
                      Utbildningar
                    </th>
                    <th scope="col">
                      <span class="visually-hidden">Byt namn</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={all()}>
                    {(t) => (
                      <tr classList={{ "row--new": highlight() === t.code }}>
                        <th scope="row" class="cell-wide">
                          <Show when={editing() === t.code} fallback={t.name}>
                            <RenameForm
                              type={t}
                              onCancel={() => stopRename(t.code)}
                              onSaved={async (renamed) => {
                                await refetch();
                                setHighlight(renamed.code);
                                setEditing(null);
                                flash.show({
                                  kind: "success",
                                  text: `Kurstypen heter nu ”${renamed.name}”. Koden är fortfarande ${renamed.code}.`,
                                });
                              }}
                            />
                          </Show>
                        </th>
                        <td>
                          <code class="code">{t.code}</code>
                        </td>
                        <td class="cell-number">{coursesText(t.courses)}</td>
                        <td class="cell-action">
                          <Show when={editing() !== t.code}>
                            <button
                              type="button"
                              id={`rename-open-${t.code}`}
                              class="button button--secondary button--small"
                              onClick={() => startRename(t.code)}
                            >
                              Byt namn<span class="visually-hidden"> på {t.name}</span>
                            </button>
                          </Show>
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

      <section class="action-box" aria-labelledby="type-new-heading">
        <h2 id="type-new-heading">Lägg till en kurstyp</h2>
        <NewTypeForm
          onSaved={async (created) => {
            await refetch();
            setHighlight(created.code);
          }}
        />
      </section>
    </>
  );
}

/** The name cell's own little form: the field, Spara and Avbryt (Esc cancels too). */
function RenameForm(props: {
  type: OfficeCourseType;
  onCancel: () => void;
  onSaved: (t: { code: string; name: string }) => Promise<void>;
}) {
  const [name, setName] = createSignal(props.type.name);
  const [error, setError] = createSignal<string | undefined>();
  const [sending, setSending] = createSignal(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    if (name().trim() === props.type.name) return props.onCancel();
    setSending(true);
    try {
      await props.onSaved(await staffApi.renameCourseType(props.type.code, name()));
    } catch (err) {
      const apiError = asApiError(err);
      setError(apiError.fields.name ?? apiError.message);
      requestAnimationFrame(() => document.getElementById("rename-name")?.focus());
    } finally {
      setSending(false);
    }
  }

  return (
    <form
      novalidate
      class="rename-form"
      onSubmit={submit}
      aria-label={`Byt namn på ${props.type.name}`}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          props.onCancel();
        }
      }}
    >
      <TextField
        id="rename-name"
        label="Nytt namn"
        hint={`Koden ${props.type.code} ändras inte.`}
        maxLength={120}
        value={name()}
        onValue={setName}
        error={error()}
      />
      <div class="button-row">
        <button type="submit" class="button button--small" aria-disabled={sending() ? "true" : undefined}>
          {sending() ? "Sparar…" : "Spara namnet"}
        </button>
        <button type="button" class="button button--secondary button--small" onClick={() => props.onCancel()}>
          Avbryt
        </button>
      </div>
    </form>
  );
}

function NewTypeForm(props: { onSaved: (t: { code: string; name: string }) => Promise<void> }) {
  const [name, setName] = createSignal("");
  const [error, setError] = createSignal<string | undefined>();
  const [sending, setSending] = createSignal(false);
  const flash = createFlash();

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setSending(true);
    flash.clear();
    try {
      const created = await staffApi.createCourseType(name());
      setError(undefined);
      setName("");
      await props.onSaved(created);
      flash.show({
        kind: "success",
        text: `Kurstypen ”${created.name}” är tillagd med koden ${created.code}. Du kan välja den för utbildningar och mål.`,
      });
    } catch (err) {
      // 409 course_type_exists and the length checks come with the field named.
      const apiError = asApiError(err);
      setError(apiError.fields.name ?? apiError.fields.code ?? apiError.message);
      requestAnimationFrame(() => document.getElementById("type-name")?.focus());
    } finally {
      setSending(false);
    }
  }

  return (
    <form novalidate onSubmit={submit} aria-labelledby="type-new-heading" class="narrow-form">
      <Flash flash={flash} />
      <TextField
        id="type-name"
        label="Namn på kurstypen"
        hint="Till exempel ”Samverkansutbildning”. Koden bildas av namnet och ändras aldrig, också om du byter namn senare."
        maxLength={120}
        value={name()}
        onValue={setName}
        error={error()}
      />
      <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
        {sending() ? "Lägger till…" : "Lägg till kurstypen"}
      </button>
    </form>
  );
}
