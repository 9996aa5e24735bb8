// "/tillfallen/:id": one occasion and, when registration is open, the form. The meeting
// link of a digital occasion is never here: it goes only to people with a place.
import { useParams } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import { api, ApiError } from "../api.ts";
import { Fact, OccasionFacts } from "../components/occasion-facts.tsx";
import { RegistrationForm } from "../components/registration-form.tsx";
import { ErrorNotice, Loading, PageHeading, usePageTitle, loaded, useSite } from "../components/site.tsx";
import { closedContact, closedReason, formatMoment, fullFact, isFull, placesText } from "../occasion-text.ts";

export default function OccasionPage() {
  const params = useParams<{ id: string }>();
  const [occasion, { refetch }] = createResource(() => params.id, api.occasion);
  const o = () => loaded(occasion);
  const site = useSite();
  // The occasion's own organiser (several may share the site), for whom to contact.
  const [organiser] = createResource(
    () => o()?.organiser.slug,
    (slug) => api.organiser(slug).catch(() => undefined),
  );
  const contact = () => organiser.latest?.email ?? site.organiser()?.email;
  // Registration closed while the form was open: show the new state and move focus to it
  // (the form, and the focus in it, are gone).
  async function closedMeanwhile() {
    await refetch();
    requestAnimationFrame(() => document.getElementById("registration-state")?.focus());
  }
  usePageTitle(() => (o() ? o()!.title : occasion.error ? "Tillfället hittades inte" : undefined));

  return (
    <>
      <p class="back">
        <a href="/">Alla utbildningar</a>
      </p>
      <Switch>
        <Match when={occasion.error}>
          <PageHeading>Tillfället hittades inte</PageHeading>
          <ErrorNotice>
            {occasion.error instanceof ApiError && occasion.error.status === 404
              ? "Tillfället finns inte, eller är inte publicerat. Kontrollera adressen, eller gå till listan över kommande utbildningar."
              : (occasion.error as Error).message}
          </ErrorNotice>
        </Match>
        <Match when={!o()}>
          <Loading>Hämtar tillfället…</Loading>
        </Match>
        <Match when={o()}>
          {(occ) => (
            <>
              <PageHeading>{occ().title}</PageHeading>
              <Show when={occ().courseTypeName !== occ().courseTitle}>
                <p class="card-type">{occ().courseTypeName}</p>
              </Show>
              <Show when={occ().cancelled}>
                <div class="notice notice--warning">
                  <p>
                    <strong>Tillfället är inställt.</strong> Är du anmäld har du fått ett mejl om det.
                  </p>
                </div>
              </Show>
              <Show when={occ().description}>
                <p class="lead">{occ().description}</p>
              </Show>
              <OccasionFacts days={occ().days} location={occ().location} online={occ().online}>
                <Show when={occ().online}>
                  <Fact term="Länk till mötet">Du får länken i bekräftelsemejlet när du har fått en plats.</Fact>
                </Show>
                <Fact term="Arrangör">{occ().organiser.name}</Fact>
                <Show when={occ().registrationState === "open"}>
                  <Fact term="Platser">{isFull(occ()) ? fullFact(occ()) : placesText(occ())}</Fact>
                  <Fact term="Sista dag att anmäla sig">{formatMoment(occ().registrationClosesAt)}</Fact>
                </Show>
              </OccasionFacts>

              <Show
                when={occ().registrationState === "open"}
                fallback={
                  <div class="notice notice--closed" id="registration-state" tabindex="-1">
                    <h2 class="notice-title">Anmälan</h2>
                    <p>{closedReason(occ())}</p>
                    <Show when={contact()}>
                      {(mail) => (
                        <p>
                          {closedContact(
                            occ().registrationState,
                            occ().organiser.name,
                            Date.parse(occ().endsAt) <= Date.now(),
                          )}{" "}
                          <a href={`mailto:${mail()}`}>{mail()}</a>.
                        </p>
                      )}
                    </Show>
                    <p>
                      <a href="/">Se andra kommande utbildningar</a>
                    </p>
                  </div>
                }
              >
                <RegistrationForm occasion={occ()} full={isFull(occ())} onClosed={closedMeanwhile} />
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}
