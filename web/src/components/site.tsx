// What every page shares: the organiser (name in titles, contact in the footer) and the
// page title and heading focus that make a single-page app behave like separate pages
// for screen-reader and keyboard users.
import { createContext, createEffect, onMount, useContext, type JSX, type Resource } from "solid-js";
import type { Organiser } from "../api.ts";

/**
 * organiser() is undefined while loading or when it failed: pages work without it.
 * setHeaderTools puts something at the right of the site header (the office's "signed in
 * as … / Logga ut"), for as long as the page that set it is shown.
 */
export const SiteContext = createContext<{
  organiser: () => Organiser | undefined;
  setHeaderTools: (tools: (() => JSX.Element) | undefined) => void;
}>();

export function useSite() {
  const site = useContext(SiteContext);
  if (!site) throw new Error("useSite utanför Layout");
  return site;
}

export const SERVICE_NAME = "Kursanmälan";

/** Sets document.title to "Sida – Samordningsförbundet i Halland" while the page is shown. */
export function usePageTitle(title: () => string | undefined) {
  const { organiser } = useSite();
  createEffect(() => {
    const site = organiser()?.name ?? SERVICE_NAME;
    const t = title();
    document.title = t ? `${t} – ${site}` : site;
  });
}

// On the first load the browser starts at the top of the document (so the skip link is the
// first tab stop); after a navigation inside the app nothing would tell a screen reader
// that the page changed, so the new page's heading takes focus.
let navigatedInApp = false;
export function markInAppNavigation() {
  navigatedInApp = true;
}

export function PageHeading(props: { children: JSX.Element }) {
  let el!: HTMLHeadingElement;
  onMount(() => {
    if (navigatedInApp) requestAnimationFrame(() => el.isConnected && el.focus());
  });
  return (
    <h1 ref={el} tabindex="-1">
      {props.children}
    </h1>
  );
}

/** A polite "loading" line, so a slow network is not a silent blank page. */
export function Loading(props: { children?: JSX.Element }) {
  return (
    <p class="loading" role="status">
      {props.children ?? "Hämtar…"}
    </p>
  );
}

export function ErrorNotice(props: { title?: string; children: JSX.Element }) {
  return (
    <div class="notice notice--error" role="alert">
      {props.title && <h2 class="notice-title">{props.title}</h2>}
      <p>{props.children}</p>
    </div>
  );
}

/** Focus an element by id (error summary links, skip link) without the router treating "#id" as a page. */
export function focusById(e: MouseEvent, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  e.preventDefault();
  target.focus();
  target.scrollIntoView({ block: "center" });
}

/** A resource's value without throwing its error: pages show the error themselves. */
export function loaded<T>(r: Resource<T>): T | undefined {
  return r.error ? undefined : r.latest;
}
