// "/tillfallen/:id/klar": the receipt after a registration. What it says comes from the
// navigation state (history.state survives a reload of the tab); opened without it, the page
// points to the mail instead of guessing.
import { useLocation, useParams } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import { api } from "../api.ts";
import { OccasionFacts } from "../components/occasion-facts.tsx";
import { PageHeading, usePageTitle, useSite, loaded } from "../components/site.tsx";

export interface ConfirmationState {
  /** null when she was already registered: the server does not say how (issue 10) */
  status: "confirmed" | "waitlisted" | null;
  waitlistPosition: number | null;
  /** null when the person was already registered: see the note in registration-form.tsx */
  manageToken: string | null;
  email: string;
  /** the same e-mail was already registered; nothing new was created and no new mail sent */
  existing: boolean;
}

function isConfirmationState(x: unknown): x is ConfirmationState {
  const s = x as Partial<ConfirmationState> | null;
  return (
    !!s &&
    (s.status === "confirmed" || s.status === "waitlisted" || (s.status === null && s.existing === true)) &&
    typeof s.email === "string"
  );
}

/** What the personal page offers: no invitation to download while she waits for a place. */
export function manageHint(status: ConfirmationState["status"]): string {
  return status === "waitlisted"
    ? "På sidan för din anmälan ser du dina uppgifter och din plats i kön, och kan lämna väntelistan. Kalenderinbjudan får du när du har fått en plats."
    : "På sidan för din anmälan ser du dina uppgifter, kan ladda ner kalenderinbjudan och kan avboka.";
}

export default function ConfirmationPage() {
  const params = useParams<{ id: string }>();
  const location = useLocation();
  const receipt = () => (isConfirmationState(location.state) ? location.state : null);
  const [occasion] = createResource(() => params.id, api.occasion);
  const o = () => loaded(occasion);
  const site = useSite();

  const heading = () => {
    const r = receipt();
    if (!r) return "Din anmälan";
    if (r.existing) return "Du är redan anmäld";
    if (r.status === "confirmed") return "Du har fått en plats";
    return r.waitlistPosition ? `Du står på väntelistan, plats ${r.waitlistPosition}` : "Du står på väntelistan";
  };
  usePageTitle(heading);

  return (
    <>
      <div class="panel panel--success" classList={{ "panel--waiting": receipt()?.status === "waitlisted" }}>
        <PageHeading>{heading()}</PageHeading>
        <Show when={o()}>{(occ) => <p class="panel-lead">{occ().title}</p>}</Show>
      </div>

      <Switch>
        <Match when={!receipt()}>
          <p>
            Den här sidan visas när du har skickat en anmälan. Har du anmält dig finns en länk till din anmälan i
            bekräftelsemejlet.
          </p>
        </Match>
        <Match when={receipt()?.existing}>
          <p>
            Du var redan anmäld till det här tillfället med <strong>{receipt()!.email}</strong>, så vi har inte gjort
            någon ny anmälan.
          </p>
          <p>
            Vi skickar länken till din anmälan, där du kan ladda ner kalenderinbjudan eller avboka, till din e-post. Har
            du nyss anmält dig kommer den med bekräftelsemejlet.
            <Show when={site.organiser()}>
              {(org) => (
                <>
                  {" "}
                  Hittar du inte mejlet? Kontakta <a href={`mailto:${org().email}`}>{org().email}</a>.
                </>
              )}
            </Show>
          </p>
        </Match>
        <Match when={receipt()?.status === "confirmed"}>
          <p>
            Ett mejl med bekräftelse och <strong>kalenderinbjudan</strong> är på väg till{" "}
            <strong>{receipt()!.email}</strong>. Öppna inbjudan för att lägga in tillfället i din kalender. Det brukar
            ta någon minut. Titta i skräpposten om det dröjer.
          </p>
        </Match>
        <Match when={receipt()?.status === "waitlisted"}>
          <p>
            Tillfället är fullt. Blir en plats ledig flyttas du upp automatiskt, i turordning, och får då ett mejl med
            kalenderinbjudan.
          </p>
          <p>
            Ett mejl som bekräftar din plats på väntelistan är på väg till <strong>{receipt()!.email}</strong>.
          </p>
        </Match>
      </Switch>

      <Show when={receipt()?.manageToken}>
        {(token) => (
          <p>
            <a class="button button--secondary" href={`/anmalan/${token()}`}>
              Gå till din anmälan
            </a>
          </p>
        )}
      </Show>
      <Show when={receipt()?.manageToken}>
        <p class="hint">{manageHint(receipt()!.status)}</p>
      </Show>

      <Show when={o()}>
        {(occ) => (
          <section aria-labelledby="occasion-heading">
            <h2 id="occasion-heading">Tillfället</h2>
            <OccasionFacts days={occ().days} location={occ().location} online={occ().online} />
          </section>
        )}
      </Show>
      <p>
        <a href="/">Tillbaka till alla utbildningar</a>
      </p>
    </>
  );
}
