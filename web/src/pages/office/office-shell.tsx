// Around every page under /kansliet: who is signed in (nobody → /logga-in), their name and
// "Logga ut" in the site header, the office's navigation, and a polite stop for course
// leaders, whose own pages come later. The office pages get the signed-in user from
// useStaffUser().
import { useLocation, useNavigate, type RouteSectionProps } from "@solidjs/router";
import { createContext, createEffect, createResource, createSignal, For, Match, onCleanup, Show, Switch, useContext } from "solid-js";
import { ApiError, staffApi, type StaffUser } from "../../api.ts";
import { ErrorNotice, Loading, PageHeading, usePageTitle, useSite } from "../../components/site.tsx";

const StaffContext = createContext<() => StaffUser>();

export function useStaffUser(): () => StaffUser {
  const user = useContext(StaffContext);
  if (!user) throw new Error("useStaffUser utanför kansliets sidor");
  return user;
}

function UserTools(props: { user: StaffUser }) {
  const navigate = useNavigate();
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  async function signOut() {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await staffApi.signOut();
      navigate("/logga-in", { state: { signedOut: true } });
    } catch (err) {
      // Already signed out elsewhere: that is what the person wanted.
      if (err instanceof ApiError && err.status === 401) navigate("/logga-in", { state: { signedOut: true } });
      else setError(err instanceof Error ? err.message : "Utloggningen misslyckades. Försök igen.");
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="header-user">
      <p class="header-user-name">
        <span class="visually-hidden">Inloggad som </span>
        {props.user.name}
      </p>
      <button type="button" class="button button--header" onClick={signOut} aria-disabled={busy() ? "true" : undefined}>
        Logga ut
      </button>
      <Show when={error()}>
        <p class="header-user-error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  );
}

/** A failed load on a staff page; when the session has run out, the way back in. */
export function StaffErrorNotice(props: { title: string; error: unknown }) {
  const expired = () => props.error instanceof ApiError && props.error.status === 401;
  return (
    <div class="notice notice--error" role="alert">
      <h2 class="notice-title">{props.title}</h2>
      <p>{expired() ? "Du har blivit utloggad, till exempel för att det gått många timmar." : (props.error as Error).message}</p>
      <Show when={expired()}>
        <p>
          <a href="/logga-in">Logga in igen</a>
        </p>
      </Show>
    </div>
  );
}

export default function OfficeShell(props: RouteSectionProps) {
  const navigate = useNavigate();
  const site = useSite();
  const [user] = createResource(async () => {
    try {
      return await staffApi.me();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        navigate("/logga-in", { replace: true });
        return null;
      }
      throw err;
    }
  });
  const signedIn = () => (user.error ? undefined : user()) ?? undefined;

  createEffect(() => {
    const u = signedIn();
    site.setHeaderTools(u ? () => <UserTools user={u} /> : undefined);
  });
  onCleanup(() => site.setHeaderTools(undefined));

  return (
    <Switch>
      <Match when={user.error}>
        <PageHeading>Kansliet</PageHeading>
        <ErrorNotice title="Sidan kunde inte visas">{(user.error as Error).message}</ErrorNotice>
      </Match>
      <Match when={!signedIn()}>
        <Loading />
      </Match>
      <Match when={signedIn()?.role !== "office"}>
        <NotForYou user={signedIn()!} />
      </Match>
      <Match when={signedIn()}>
        {(u) => (
          <StaffContext.Provider value={u}>
            <OfficeNav />
            {props.children}
          </StaffContext.Provider>
        )}
      </Match>
    </Switch>
  );
}

const NAV: { href: string; label: string; section: (path: string) => boolean }[] = [
  { href: "/kansliet", label: "Årshjul", section: (p) => p === "/kansliet" || p.startsWith("/kansliet/tillfallen") },
  { href: "/kansliet/utbildningar", label: "Utbildningar", section: (p) => p.startsWith("/kansliet/utbildningar") },
  { href: "/kansliet/logg", label: "Händelselogg", section: (p) => p.startsWith("/kansliet/logg") },
];

/** The office's own pages; the current one is marked (aria-current) for screen readers too. */
function OfficeNav() {
  const location = useLocation();
  const path = () => location.pathname.replace(/\/+$/, "") || "/";
  return (
    <nav class="office-nav" aria-label="Kansliet">
      <ul>
        <For each={NAV}>
          {(item) => (
            <li>
              <a href={item.href} aria-current={path() === item.href ? "page" : item.section(path()) ? "true" : undefined}>
                {item.label}
              </a>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}

function NotForYou(props: { user: StaffUser }) {
  usePageTitle(() => "Den här sidan är för kansliet");
  return (
    <>
      <PageHeading>Den här sidan är för kansliet</PageHeading>
      <p class="lead">Hej {props.user.name}! Du är inloggad som kursledare.</p>
      <p>
        Kansliets sidor för planering och uppföljning visas bara för den som arbetar på kansliet. Sidorna för kursledare, med
        deltagarlistor och närvaro, kommer snart. Till dess får du deltagarlistan från kansliet.
      </p>
      <p>
        <a href="/">Till kurskatalogen</a>
      </p>
    </>
  );
}
