import { useLocation, type RouteSectionProps } from "@solidjs/router";
import { createEffect, createResource, createSignal, on, Show, type JSX } from "solid-js";
import { api } from "../api.ts";
import { focusById, markInAppNavigation, SERVICE_NAME, SiteContext } from "./site.tsx";

export function Layout(props: RouteSectionProps) {
  // A failed load only leaves the name out of titles and footer.
  const [loaded] = createResource(() => api.organiser().catch(() => undefined));
  const organiser = () => loaded.latest;
  const location = useLocation();
  createEffect(on(() => location.pathname, markInAppNavigation, { defer: true }));
  const under = (root: string) => location.pathname === root || location.pathname.startsWith(`${root}/`);
  // The staff sections name themselves in the header; the brand leads to the section's start.
  const section = () =>
    under("/kansliet")
      ? { href: "/kansliet", name: "Kansliet" }
      : under("/kursledare")
        ? { href: "/kursledare", name: "Kursledare" }
        : null;
  const [headerTools, setTools] = createSignal<(() => JSX.Element) | undefined>();
  const setHeaderTools = (tools: (() => JSX.Element) | undefined) => setTools(() => tools);

  return (
    <SiteContext.Provider value={{ organiser, setHeaderTools }}>
      <a class="skip-link" href="#main" onClick={(e) => focusById(e, "main")}>
        Till huvudinnehållet
      </a>
      <header class="site-header">
        <div class="wrap header-row">
          <a class="brand" href={section()?.href ?? "/"}>
            <span class="brand-org">{organiser()?.name ?? "Samordningsförbundet"}</span>
            <span class="brand-service">{section()?.name ?? SERVICE_NAME}</span>
          </a>
          <Show when={headerTools()} keyed>
            {(tools) => tools()}
          </Show>
        </div>
      </header>
      <main id="main" tabindex="-1" class="wrap">
        {props.children}
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <Show when={organiser()}>
            {(o) => (
              <p>
                <strong>{o().name}</strong>
                <br />
                E-post: <a href={`mailto:${o().email}`}>{o().email}</a>
                <Show when={o().phone}>
                  {(phone) => (
                    <>
                      <br />
                      Telefon: <a href={`tel:${phone().replace(/[^\d+]/g, "")}`}>{phone()}</a>
                    </>
                  )}
                </Show>
              </p>
            )}
          </Show>
          <ul class="footer-links">
            <li>
              <a href="/tillganglighet">Tillgänglighetsredogörelse</a>
            </li>
            <li>
              <a href="/personuppgifter">Så behandlar vi personuppgifter</a>
            </li>
            <li>
              {/* rel=external: a file for calendar programs, not a page of this app. */}
              <a href={api.calendarFeedUrl()} rel="external">
                Alla tillfällen som kalenderflöde (iCal)
              </a>
            </li>
          </ul>
        </div>
      </footer>
    </SiteContext.Provider>
  );
}
