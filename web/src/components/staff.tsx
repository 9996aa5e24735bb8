// What the staff pages share (the office's under /kansliet and the course leaders' under
// /kursledare): who is signed in (nobody → /logga-in?till=<the page>), their name and "Logga ut" in the site
// header, and the notice for a failed load that leads back in when the session has run out.
import { useLocation, useNavigate } from "@solidjs/router";
import { createEffect, createResource, createSignal, onCleanup, Show, type Resource } from "solid-js";
import { ApiError, staffApi, type StaffUser } from "../api.ts";
import { safeNextPath } from "../../../server/domain/next-path.ts";
import { useSite } from "./site.tsx";

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

/**
 * The signed-in staff member for a shell: undefined while loading, null when nobody is
 * signed in (the page then moves on to /logga-in). Puts their name and "Logga ut" in the
 * site header while the shell is shown.
 */
export function useStaffSession(): Resource<StaffUser | null> {
  const navigate = useNavigate();
  const location = useLocation();
  const site = useSite();
  const [user] = createResource(async () => {
    try {
      return await staffApi.me();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        navigate(signInHref(location.pathname + location.search), { replace: true });
        return null;
      }
      throw err;
    }
  });
  createEffect(() => {
    const u = user.error ? undefined : user();
    site.setHeaderTools(u ? () => <UserTools user={u} /> : undefined);
  });
  onCleanup(() => site.setHeaderTools(undefined));
  return user;
}

/**
 * /logga-in, with ?till= the page asked for, so she comes back to it after signing in
 * (a section's start page is where she lands anyway and is left out).
 */
export function signInHref(path: string): string {
  const next = safeNextPath(path);
  return next && next !== "/kansliet" && next !== "/kursledare"
    ? `/logga-in?till=${encodeURIComponent(next)}`
    : "/logga-in";
}

/** A failed load on a staff page; when the session has run out, the way back in. */
export function StaffErrorNotice(props: { title: string; error: unknown }) {
  const location = useLocation();
  const expired = () => props.error instanceof ApiError && props.error.status === 401;
  return (
    <div class="notice notice--error" role="alert">
      <h2 class="notice-title">{props.title}</h2>
      <p>
        {expired()
          ? "Du har blivit utloggad, till exempel för att det gått många timmar."
          : (props.error as Error).message}
      </p>
      <Show when={expired()}>
        <p>
          <a href={signInHref(location.pathname + location.search)}>Logga in igen</a>
        </p>
      </Show>
    </div>
  );
}
