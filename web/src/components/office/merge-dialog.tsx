// "Slå ihop": several spellings of one workplace, or several addresses of one person, are to
// count as one. The office chooses which one they count as (a radio) and which to merge into
// it (checkboxes), then confirms. The merge is a row of its own on the server, so it can be
// undone and every figure of every year follows (docs/decisions/008).
import { createSignal, For, Show, type JSX } from "solid-js";
import { asApiError } from "../../api.ts";
import { ErrorSummary, RadioGroup, summaryItems } from "../form-fields.tsx";
import { Modal, ModalActions } from "./modal.tsx";

export interface MergeCandidate<K> {
  key: K;
  /** What the office recognises it by: "Café Solrosen (Halmstad), 11 anmälningar" */
  label: string;
}

export function MergeDialog<K>(props: {
  id: string;
  title: string;
  intro: JSX.Element;
  candidates: MergeCandidate<K>[];
  /** The one they count as at first (the one with most registrations, say). */
  initialInto: K;
  intoLegend: string;
  fromLegend: string;
  fromHint?: string;
  onMerge: (into: K, from: K[]) => Promise<void>;
  onClose: () => void;
}) {
  // Radio and checkbox values are the candidates' positions: keys may be e-mail addresses.
  const index = (key: K) =>
    String(
      Math.max(
        0,
        props.candidates.findIndex((c) => c.key === key),
      ),
    );
  const [into, setInto] = createSignal(index(props.initialInto));
  const [from, setFrom] = createSignal(props.candidates.map((_, i) => String(i)).filter((i) => i !== into()));
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const others = () =>
    props.candidates.map((c, i) => ({ value: String(i), label: c.label })).filter((o) => o.value !== into());
  const items = () =>
    summaryItems(
      errors(),
      [
        ["into", `${props.id}-into-${into()}`],
        ["from", others()[0] ? `${props.id}-from-${others()[0]!.value}` : `${props.id}-from`],
      ],
      formError(),
    );

  function chooseInto(next: string) {
    const before = into();
    setInto(next);
    // The one that was "counts as" becomes one to merge, so the choice is only swapped.
    setFrom((list) => [...new Set([...list.filter((x) => x !== next), before])].sort((a, b) => Number(a) - Number(b)));
  }

  function fail(fields: Record<string, string>, general: string | null) {
    setErrors(fields);
    setFormError(general);
    queueMicrotask(() => summary?.focus());
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    const chosen = from().filter((x) => x !== into());
    if (chosen.length === 0) return fail({ from: "Välj minst en att slå ihop." }, null);
    setSending(true);
    try {
      await props.onMerge(
        props.candidates[Number(into())]!.key,
        chosen.map((i) => props.candidates[Number(i)]!.key),
      );
    } catch (error) {
      const apiError = asApiError(error);
      // 409 workplace_already_merged, person_already_merged: the server's sentence says it all.
      fail(apiError.fields, Object.keys(apiError.fields).length ? null : apiError.message);
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal labelledBy={`${props.id}-heading`} onClose={props.onClose}>
      <h2 id={`${props.id}-heading`} class="modal-title" tabindex="-1">
        {props.title}
      </h2>
      {props.intro}
      <form novalidate onSubmit={submit} aria-labelledby={`${props.id}-heading`}>
        <Show when={items().length > 0}>
          <ErrorSummary id={`${props.id}-errors`} items={items()} ref={(el) => (summary = el)} />
        </Show>
        <RadioGroup
          id={`${props.id}-into`}
          name={`${props.id}-into`}
          legend={props.intoLegend}
          options={props.candidates.map((c, i) => ({ value: String(i), label: c.label }))}
          value={into()}
          onValue={chooseInto}
          error={errors().into}
        />
        <div class="field" classList={{ "field--error": !!errors().from }}>
          <fieldset
            class="fieldset"
            id={`${props.id}-from`}
            aria-describedby={
              [props.fromHint && `${props.id}-from-hint`, errors().from && `${props.id}-from-error`]
                .filter(Boolean)
                .join(" ") || undefined
            }
          >
            <legend class="label">{props.fromLegend}</legend>
            <Show when={props.fromHint}>
              <p class="hint" id={`${props.id}-from-hint`}>
                {props.fromHint}
              </p>
            </Show>
            <Show when={errors().from}>
              <p class="field-error" id={`${props.id}-from-error`}>
                <span class="visually-hidden">Fel: </span>
                {errors().from}
              </p>
            </Show>
            <div class="radios">
              <For each={others()}>
                {(o) => (
                  <div class="checkbox">
                    <input
                      type="checkbox"
                      id={`${props.id}-from-${o.value}`}
                      checked={from().includes(o.value)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setFrom((list) => (on ? [...new Set([...list, o.value])] : list.filter((x) => x !== o.value)));
                      }}
                    />
                    <label for={`${props.id}-from-${o.value}`}>{o.label}</label>
                  </div>
                )}
              </For>
            </div>
          </fieldset>
        </div>
        <ModalActions label="Slå ihop" busyLabel="Slår ihop…" busy={sending()} onCancel={props.onClose} />
      </form>
    </Modal>
  );
}
