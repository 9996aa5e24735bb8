// "/kansliet/tillfallen/ny" and "/kansliet/tillfallen/:id": the occasion form, and for an
// existing occasion its participants (each can be moved to another occasion of the course),
// registering someone by hand, a message to everyone, a copy to a new date and cancellation.
import { useLocation, useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import {
  api,
  ApiError,
  staffApi,
  type OfficeOccasion,
  type OfficeRegistration,
  type OfficeRegistrationResult,
} from "../../api.ts";
import { FillBar, StatusBadge } from "../../components/office/fill-bar.tsx";
import { MessageParticipants } from "../../components/office/message-participants.tsx";
import { MoveDialog, type MoveResult } from "../../components/office/move-dialog.tsx";
import { CancelOccasion, CopyOccasion } from "../../components/office/occasion-actions.tsx";
import { OccasionForm } from "../../components/office/occasion-form.tsx";
import { ParticipantList } from "../../components/office/participant-list.tsx";
import { RegisterByHand } from "../../components/office/register-by-hand.tsx";
import { Fact, OccasionFacts } from "../../components/occasion-facts.tsx";
import { ErrorNotice, focusById, Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { formatSpan } from "../../occasion-text.ts";
import { StaffErrorNotice, useStaffUser } from "./office-shell.tsx";

function BackLink() {
  return (
    <p class="back">
      <a href="/kansliet/arshjul">Årshjulet</a>
    </p>
  );
}

export default function OccasionEditPage() {
  const params = useParams<{ id?: string }>();
  return (
    <Show when={params.id} keyed fallback={<NewOccasion />}>
      {(id) => <ExistingOccasion id={id} />}
    </Show>
  );
}

function NewOccasion() {
  const navigate = useNavigate();
  const location = useLocation<{ flash?: string }>();
  const [params] = useSearchParams<{ utbildning?: string }>();
  const [courses] = createResource(() => staffApi.courses());
  usePageTitle(() => "Nytt tillfälle");
  return (
    <>
      <BackLink />
      <PageHeading>Nytt tillfälle</PageHeading>
      <Show when={location.state?.flash}>
        <div class="notice notice--success" role="status">
          <p>{location.state!.flash}</p>
        </div>
      </Show>
      <p>
        Finns inte utbildningen i listan? <a href="/kansliet/utbildningar/ny">Lägg upp en ny utbildning</a> först.
      </p>
      <Switch>
        <Match when={courses.error}>
          <StaffErrorNotice title="Utbildningarna kunde inte hämtas" error={courses.error} />
        </Match>
        <Match when={!loaded(courses)}>
          <Loading>Hämtar utbildningar…</Loading>
        </Match>
        <Match when={loaded(courses)}>
          {(list) => (
            <OccasionForm
              courses={list()}
              courseId={list().some((c) => String(c.id) === params.utbildning) ? params.utbildning : ""}
              onSaved={(o) => navigate(`/kansliet/tillfallen/${o.id}`, { state: { flash: "Tillfället är sparat." } })}
            />
          )}
        </Match>
      </Switch>
    </>
  );
}

function ExistingOccasion(props: { id: string }) {
  const user = useStaffUser();
  const location = useLocation<{ flash?: string }>();
  const [data, { refetch }] = createResource(() => props.id, staffApi.occasion);
  const [courses] = createResource(() => staffApi.courses());
  const [parties] = createResource(
    () => user().organiserSlug,
    (slug) => api.parties(slug).catch(() => []),
  );
  // The latest answer of a save or a cancellation, ahead of the next load.
  const [current, setCurrent] = createSignal<OfficeOccasion | undefined>();
  const [cancelNotice, setCancelNotice] = createSignal<string | null>(null);
  const occasion = () => current() ?? loaded(data)?.occasion;
  const missing = () => data.error instanceof ApiError && (data.error.status === 404 || data.error.status === 403);
  usePageTitle(
    () =>
      occasion()?.title ??
      (data.error ? (missing() ? "Tillfället hittades inte" : "Tillfället kunde inte visas") : undefined),
  );

  // Load the participants and counts again; the answer in hand stands in until then.
  function reload() {
    void Promise.resolve(refetch()).then(() => setCurrent(undefined));
  }
  function saved(o: OfficeOccasion) {
    setCurrent(o);
    // The waiting list may have moved up (more places): load the participants again.
    reload();
  }

  const [highlight, setHighlight] = createSignal<number | null>(null);
  function registered(r: OfficeRegistrationResult) {
    setHighlight(r.id);
    reload();
  }

  // "Flytta": the dialog, the button that opened it (focus goes back there on Avbryt), and
  // the result (the person has left the list, so focus goes to the notice instead).
  const [moving, setMoving] = createSignal<{ registration: OfficeRegistration; opener: HTMLButtonElement } | null>(
    null,
  );
  const [moveNotice, setMoveNotice] = createSignal<{ text: string; to: OfficeOccasion } | null>(null);
  function closeMove() {
    const opener = moving()?.opener;
    setMoving(null);
    requestAnimationFrame(() => opener?.isConnected && opener.focus());
  }
  function moved(r: MoveResult) {
    setMoving(null);
    const first = r.to.days[0];
    const when = first ? `, ${formatSpan(first.startsAt, first.endsAt)},` : "";
    const where = r.status === "confirmed" ? "och har fått en plats där" : "och står på väntelistan där";
    setMoveNotice({
      text: `${r.name} är flyttad till ${r.to.title}${when} ${where}. Ett mejl om flytten är på väg.`,
      to: r.to,
    });
    setHighlight(null);
    reload();
    requestAnimationFrame(() => document.getElementById("move-notice")?.focus());
  }
  const ended = (o: OfficeOccasion) => new Date(o.endsAt) <= new Date();
  function cancelled(o: OfficeOccasion, notified: number) {
    setCurrent(o);
    setCancelNotice(
      `Tillfället är inställt. ${notified === 1 ? "1 person har" : `${notified} personer har`} fått ett mejl om det.`,
    );
    requestAnimationFrame(() => document.getElementById("cancel-notice")?.focus());
    reload();
  }

  return (
    <>
      <BackLink />
      <Switch>
        <Match when={data.error}>
          <PageHeading>{missing() ? "Tillfället hittades inte" : "Tillfället kunde inte visas"}</PageHeading>
          <Show
            when={missing()}
            fallback={<StaffErrorNotice title="Tillfället kunde inte hämtas" error={data.error} />}
          >
            <ErrorNotice>
              Tillfället finns inte, eller hör till ett annat förbund. Kontrollera adressen, eller gå tillbaka till
              årshjulet.
            </ErrorNotice>
          </Show>
        </Match>
        <Match when={!occasion()}>
          <Loading>Hämtar tillfället…</Loading>
        </Match>
        <Match when={occasion()}>
          {(o) => (
            <>
              <PageHeading>{o().title}</PageHeading>
              <p class="status-line">
                <StatusBadge status={o().status} />
                <Show when={o().status === "published"}>
                  {" "}
                  <a href={`/tillfallen/${o().id}`}>Visa i kurskatalogen</a>
                </Show>
                <Show when={o().status !== "draft"}>
                  {" "}
                  <a href={`/kursledare/tillfallen/${o().id}`}>Närvaro och närvarolista</a>
                </Show>{" "}
                <a href={`/kansliet/tillfallen/${o().id}/behov`}>Specialkost och anpassning (antal)</a>
              </p>
              <Show when={location.state?.flash && !cancelNotice()}>
                <div class="notice notice--success" role="status">
                  <p>{location.state!.flash}</p>
                </div>
              </Show>
              <Show when={cancelNotice()}>
                <div class="notice notice--warning" id="cancel-notice" tabindex="-1" role="status">
                  <p>{cancelNotice()}</p>
                </div>
              </Show>
              <nav class="page-nav" aria-label="På den här sidan">
                <ul>
                  <li>
                    <a href="#participants-heading" onClick={(e) => focusById(e, "participants-heading")}>
                      Deltagare
                    </a>
                  </li>
                  <Show when={o().status !== "cancelled" && !ended(o())}>
                    <li>
                      <a href="#register-heading" onClick={(e) => focusById(e, "register-heading")}>
                        Anmäl någon
                      </a>
                    </li>
                  </Show>
                  <li>
                    <a href="#message-heading" onClick={(e) => focusById(e, "message-heading")}>
                      Skriv till deltagarna
                    </a>
                  </li>
                  <Show when={o().status !== "cancelled"}>
                    <li>
                      <a href="#occasion-form-heading" onClick={(e) => focusById(e, "occasion-form-heading")}>
                        Ändra tillfället
                      </a>
                    </li>
                  </Show>
                  <li>
                    <a href="#copy-heading" onClick={(e) => focusById(e, "copy-heading")}>
                      Kopiera till nytt datum
                    </a>
                  </li>
                  <Show when={o().status !== "cancelled"}>
                    <li>
                      <a href="#cancel-heading" onClick={(e) => focusById(e, "cancel-heading")}>
                        Ställ in tillfället
                      </a>
                    </li>
                  </Show>
                </ul>
              </nav>
              <OccasionFacts days={o().days} location={o().location} online={o().online}>
                <Show when={o().online && o().meetingUrl}>
                  <Fact term="Länk till mötet">{o().meetingUrl}</Fact>
                </Show>
                <Fact term="Anmälda">
                  <FillBar occasion={o()} />
                </Fact>
              </OccasionFacts>

              <Show when={moveNotice()}>
                {(n) => (
                  <div class="notice notice--success" id="move-notice" tabindex="-1" role="status">
                    <p>{n().text}</p>
                    <p>
                      <a href={`/kansliet/tillfallen/${n().to.id}`}>Till det tillfället</a>
                    </p>
                  </div>
                )}
              </Show>
              <Show when={loaded(data)}>
                {(d) => (
                  <ParticipantList
                    registrations={d().registrations}
                    parties={parties.latest ?? []}
                    highlightId={highlight()}
                    onMove={(registration, opener) => {
                      setMoveNotice(null);
                      setMoving({ registration, opener });
                    }}
                  />
                )}
              </Show>
              {/* keyed: another person gets a dialog of their own */}
              <Show when={moving()} keyed>
                {(m) => <MoveDialog registration={m.registration} from={o()} onClose={closeMove} onMoved={moved} />}
              </Show>

              <Show when={o().status !== "cancelled" && !ended(o())}>
                <RegisterByHand occasion={o()} parties={parties.latest ?? []} onRegistered={registered} />
              </Show>
              <MessageParticipants occasion={o()} />

              <Show
                when={o().status !== "cancelled"}
                fallback={
                  <div class="notice notice--warning">
                    <p>Tillfället är inställt och kan inte ändras. Du kan kopiera det till ett nytt datum.</p>
                  </div>
                }
              >
                <Switch>
                  <Match when={courses.error}>
                    <StaffErrorNotice title="Utbildningarna kunde inte hämtas" error={courses.error} />
                  </Match>
                  <Match when={!loaded(courses)}>
                    <Loading>Hämtar utbildningar…</Loading>
                  </Match>
                  <Match when={loaded(courses)}>
                    {(list) => (
                      <OccasionForm occasion={loaded(data)?.occasion ?? o()} courses={list()} onSaved={saved} />
                    )}
                  </Match>
                </Switch>
              </Show>

              <CopyOccasion occasion={o()} />
              <Show when={o().status !== "cancelled"}>
                <CancelOccasion occasion={o()} onCancelled={cancelled} />
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}
