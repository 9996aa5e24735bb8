// "/anmalan/:token/intyg": the attendance certificate (intyg om deltagande) behind the
// personal link, to open and print. Given once the occasion is over to those who attended
// every day (or the course's share of them); otherwise the page says why there is none.
import { useParams } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { api, ApiError, type Certificate } from "../api.ts";
import { ErrorNotice, Loading, PageHeading, usePageTitle, loaded } from "../components/site.tsx";
import { formatSpan } from "../occasion-text.ts";
import { hoursText, TIME_ZONE } from "../../../server/domain/format-time.ts";
import "../attendance.css";

const dateFmt = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  day: "numeric",
  month: "long",
  year: "numeric",
});

function daysText(c: Certificate): string {
  const n = c.days.length;
  const of = c.totalDays > 1 ? ` av ${c.totalDays}` : "";
  return `${n}${of} ${n === 1 && !of ? "dag" : "dagar"}`;
}

export default function CertificatePage() {
  const params = useParams<{ token: string }>();
  const [certificate] = createResource(() => params.token, api.certificate);
  const c = () => loaded(certificate);
  usePageTitle(() => (c()?.eligible ? `Intyg: ${c()!.course}` : "Intyg om deltagande"));
  const back = () => `/anmalan/${encodeURIComponent(params.token)}`;

  return (
    <>
      <p class="back no-print">
        <a href={back()}>Din anmälan</a>
      </p>
      <Switch>
        <Match when={certificate.error}>
          <PageHeading>Intyg om deltagande</PageHeading>
          <ErrorNotice title="Vi hittar inget intyg">
            {certificate.error instanceof ApiError && certificate.error.status === 404
              ? "Länken stämmer inte med någon anmälan. Kontrollera att du har fått med hela länken från mejlet."
              : (certificate.error as Error).message}
          </ErrorNotice>
        </Match>
        <Match when={!c()}>
          <PageHeading>Intyg om deltagande</PageHeading>
          <Loading>Hämtar intyget…</Loading>
        </Match>
        <Match when={c() && !c()!.eligible}>
          <PageHeading>Intyg om deltagande</PageHeading>
          <div class="notice notice--warning">
            <h2 class="notice-title">Det finns inget intyg att hämta</h2>
            <p>{c()!.reason}</p>
            <p>
              Frågor? Skriv till <a href={`mailto:${c()!.organiser.email}`}>{c()!.organiser.email}</a>.
            </p>
          </div>
          <p class="lead">{c()!.course}</p>
        </Match>
        <Match when={c()}>
          {(cert) => (
            <>
              <article class="certificate" aria-labelledby="certificate-title">
                <p class="certificate-organiser">{cert().organiser.name}</p>
                <PageHeading>
                  <span id="certificate-title">Intyg om deltagande</span>
                </PageHeading>
                <p class="certificate-intro">Härmed intygas att</p>
                <p class="certificate-name">{cert().name}</p>
                <p class="certificate-intro">har deltagit i</p>
                <p class="certificate-course">{cert().course}</p>
                <dl class="facts certificate-facts">
                  <div>
                    <dt>{cert().days.length > 1 ? "Datum" : "Datum och tid"}</dt>
                    <dd>
                      <ul class="plain-list">
                        <For each={cert().days}>
                          {(d) => (
                            <li>
                              {formatSpan(d.startsAt, d.endsAt)} ({hoursText(d.hours)})
                            </li>
                          )}
                        </For>
                      </ul>
                    </dd>
                  </div>
                  <div>
                    <dt>Omfattning</dt>
                    <dd>
                      {hoursText(cert().hours)}
                      <Show when={cert().totalDays > 1}>, {daysText(cert())}</Show>
                    </dd>
                  </div>
                  <div>
                    <dt>Arrangör</dt>
                    <dd>{cert().organiser.name}</dd>
                  </div>
                </dl>
                <p class="certificate-issued">Utfärdat {dateFmt.format(new Date(cert().issuedAt))}.</p>
                <div class="certificate-signature">
                  <p class="certificate-signature-line" aria-hidden="true" />
                  <p>Underskrift, {cert().organiser.name}</p>
                </div>
                <p class="certificate-contact">
                  {cert().organiser.name}, {cert().organiser.email}
                </p>
              </article>
              <p class="button-row no-print">
                <button type="button" class="button" onClick={() => window.print()}>
                  Skriv ut intyget
                </button>
              </p>
              <p class="hint no-print">
                Vill du spara intyget som fil? Välj ”Spara som PDF” när utskriftsrutan öppnas.
              </p>
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}
