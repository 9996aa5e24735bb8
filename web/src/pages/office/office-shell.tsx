// Around every page under /kansliet: who is signed in (nobody → /logga-in), their name and
// "Logga ut" in the site header, and the office's navigation. Course leaders go on to their
// own pages under /kursledare (the mailed sign-in link lands everyone here). The office pages
// get the signed-in user from useStaffUser().
import { Navigate, useLocation, type RouteSectionProps } from "@solidjs/router";
import { createContext, For, Match, Switch, useContext } from "solid-js";
import type { StaffUser } from "../../api.ts";
import { useStaffSession } from "../../components/staff.tsx";
import { ErrorNotice, Loading, PageHeading } from "../../components/site.tsx";

export { StaffErrorNotice } from "../../components/staff.tsx";

const StaffContext = createContext<() => StaffUser>();

export function useStaffUser(): () => StaffUser {
  const user = useContext(StaffContext);
  if (!user) throw new Error("useStaffUser utanför kansliets sidor");
  return user;
}

export default function OfficeShell(props: RouteSectionProps) {
  const user = useStaffSession();
  const signedIn = () => (user.error ? undefined : user()) ?? undefined;

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
        {/* A course leader: the mailed link lands here; her pages are under /kursledare. */}
        <Navigate href="/kursledare" />
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
  // The list behind a goal's figure (/kansliet/mal/12) belongs to the follow-up; /kansliet/mal is the goals' settings.
  {
    href: "/kansliet",
    label: "Uppföljning",
    section: (p) => p === "/kansliet" || p.startsWith("/kansliet/styrelse") || /^\/kansliet\/mal\/\d+$/.test(p),
  },
  { href: "/kansliet/mal", label: "Mål", section: (p) => p === "/kansliet/mal" },
  {
    href: "/kansliet/arshjul",
    label: "Årshjul",
    section: (p) => p.startsWith("/kansliet/arshjul") || p.startsWith("/kansliet/tillfallen"),
  },
  {
    href: "/kansliet/utbildningar",
    label: "Utbildningar",
    section: (p) => p.startsWith("/kansliet/utbildningar") || p.startsWith("/kansliet/kurstyper"),
  },
  { href: "/kansliet/arbetsplatser", label: "Arbetsplatser", section: (p) => p.startsWith("/kansliet/arbetsplatser") },
  { href: "/kansliet/personer", label: "Personer", section: (p) => p.startsWith("/kansliet/personer") },
  { href: "/kansliet/export", label: "Export", section: (p) => p.startsWith("/kansliet/export") },
  { href: "/kansliet/avgifter", label: "Avgifter", section: (p) => p.startsWith("/kansliet/avgifter") },
  {
    href: "/kansliet/utvarderingar",
    label: "Utvärderingar",
    section: (p) => p.startsWith("/kansliet/utvarderingar"),
  },
  { href: "/kansliet/logg", label: "Händelselogg", section: (p) => p.startsWith("/kansliet/logg") },
  { href: "/kansliet/mejl", label: "Mejl", section: (p) => p.startsWith("/kansliet/mejl") },
  { href: "/kansliet/installningar", label: "Inställningar", section: (p) => p.startsWith("/kansliet/installningar") },
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
              <a
                href={item.href}
                aria-current={path() === item.href ? "page" : item.section(path()) ? "true" : undefined}
              >
                {item.label}
              </a>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
