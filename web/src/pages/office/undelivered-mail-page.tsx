// "/kansliet/mejl": mail that has not reached its recipient. The outbox never drops a mail
// silently (docs/decisions/016): what it gave up after repeated failures, and what keeps
// failing while it is still being retried, is listed here with the reason the mail server
// gave, and the office can send it again once the address or the server is put right.
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { staffApi, type UndeliveredMail } from "../../api.ts";
import { createFlash, Flash } from "../../components/office/flash.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { formatMoment } from "../../occasion-text.ts";
import { MAIL_KIND_TEXT } from "../../office-text.ts";
import { StaffErrorNotice } from "./office-shell.tsx";

const count = (n: number) => (n === 1 ? "1 mejl" : `${n} mejl`);

export default function UndeliveredMailPage() {
  usePageTitle(() => "Mejl som inte har kommit fram");
  const [mail, { refetch }] = createResource(() => staffApi.undeliveredMail());
  const list = () => loaded(mail) ?? [];
  const resendable = () => list().filter((m) => m.canResend);
  const flash = createFlash();
  const [busy, setBusy] = createSignal(false);

  async function resend(items: UndeliveredMail[]) {
    if (busy() || items.length === 0) return;
    setBusy(true);
    let done = 0;
    try {
      for (const m of items) {
        await staffApi.resendMail(m.id);
        done++;
      }
      flash.show({
        kind: "success",
        text:
          items.length === 1
            ? `Mejlet till ${items[0]!.to} ligger i kön igen och skickas inom någon minut.`
            : `${count(done)} ligger i kön igen och skickas inom någon minut.`,
      });
    } catch (error) {
      flash.show({ kind: "error", text: `${done ? `${count(done)} lades i kön. ` : ""}${(error as Error).message}` });
    } finally {
      setBusy(false);
      void refetch();
    }
  }

  return (
    <>
      <PageHeading>Mejl som inte har kommit fram</PageHeading>
      <p class="lead">
        Mejl som inte har kunnat skickas: de som har getts upp efter upprepade försök, och de som fortfarande försöker
        men har misslyckats minst tre gånger. Rätta adressen eller det som orsaken säger, och skicka igen.
      </p>
      <Flash flash={flash} />
      <Switch>
        <Match when={mail.error}>
          <StaffErrorNotice title="Listan kunde inte hämtas" error={mail.error} />
        </Match>
        <Match when={!loaded(mail)}>
          <Loading>Hämtar mejlen…</Loading>
        </Match>
        <Match when={list().length === 0}>
          <div class="notice notice--success" role="status">
            <p>Alla mejl har kommit fram till mottagarens e-postserver. Inget väntar.</p>
          </div>
        </Match>
        <Match when={list().length > 0}>
          <div class="toolbar">
            <p class="result-count" role="status">
              {count(list().length)} har inte kommit fram{list().length >= 500 ? " (de senaste 500)" : ""}.
            </p>
            <Show when={resendable().length > 1}>
              <p class="toolbar-action button-row">
                <button
                  type="button"
                  class="button button--secondary"
                  disabled={busy()}
                  onClick={() => void resend(resendable())}
                >
                  Skicka alla igen ({resendable().length})
                </button>
              </p>
            </Show>
          </div>
          <div class="table-scroll" role="region" aria-labelledby="mail-caption" tabindex="0">
            <table class="table table--mail">
              <caption id="mail-caption" class="visually-hidden">
                Mejl som inte har kommit fram, senaste först
              </caption>
              <thead>
                <tr>
                  <th scope="col">Mottagare</th>
                  <th scope="col">Mejl</th>
                  <th scope="col">Orsak</th>
                  <th scope="col">Läge</th>
                  <th scope="col">
                    <span class="visually-hidden">Åtgärd</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>
                  {(m) => (
                    <tr data-mail-id={m.id}>
                      <th scope="row">
                        {m.name ?? m.to}
                        <Show when={m.name}>
                          <span class="table-mail">{m.to}</span>
                        </Show>
                      </th>
                      <td>
                        {MAIL_KIND_TEXT[m.kind] ?? m.kind}
                        {/* The subject when it says more than the occasion's title below it (an office message's own). */}
                        <Show
                          when={m.subject && !(m.occasion && m.subject.includes(m.occasion.title)) ? m.subject : null}
                        >
                          {(subject) => <span class="table-note">{subject()}</span>}
                        </Show>
                        <Show when={m.occasion}>
                          {(o) => (
                            <a class="mail-occasion" href={`/kansliet/tillfallen/${o().id}`}>
                              {o().title}
                            </a>
                          )}
                        </Show>
                      </td>
                      <td class="mail-reason">{m.lastError ?? "Okänd orsak"}</td>
                      <td>
                        <Show
                          when={m.status === "failed"}
                          fallback={
                            <>
                              <span class="tag tag--full">Försöker igen</span>
                              <Show when={m.nextAttemptAt}>
                                {(at) => <span class="table-note">nästa försök {formatMoment(at())}</span>}
                              </Show>
                            </>
                          }
                        >
                          <span class="tag tag--cancelled">Har getts upp</span>
                        </Show>
                        <span class="table-note">
                          {m.attempts} försök
                          <Show when={m.lastAttemptAt}>{(at) => <>, senast {formatMoment(at())}</>}</Show>
                        </span>
                      </td>
                      <td>
                        <Show
                          when={m.canResend}
                          fallback={<span class="table-note">Personen ber om en ny inloggningslänk.</span>}
                        >
                          <button
                            type="button"
                            class="button button--small"
                            disabled={busy()}
                            aria-label={`Skicka igen till ${m.to}`}
                            onClick={() => void resend([m])}
                          >
                            Skicka igen
                          </button>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Match>
      </Switch>
    </>
  );
}
