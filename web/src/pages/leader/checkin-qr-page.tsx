// "/kursledare/tillfallen/:id/dagar/:dayId/qr": the projector's page for a large day.
// Participants scan the QR code, write their e-mail and are marked present. The code changes
// every minute and works only while the day runs, so the page asks for a fresh one every
// 30 seconds; the code is also shown as text for those who type the address instead. The QR
// code is drawn here, as SVG, by the `qrcode` package: the link never leaves the browser.
// The room sees this page from the start: no site header (no staff name, no "Logga ut"),
// only a small "Tillbaka" link (or Esc) and the fullscreen button; the rule is in
// attendance.css (body:has(.qr-page)).
import { useNavigate, useParams } from "@solidjs/router";
import QRCode from "qrcode";
import { createResource, createSignal, onCleanup, onMount, Show } from "solid-js";
import { ApiError, leaderApi, type CheckinCode } from "../../api.ts";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { StaffErrorNotice } from "../../components/staff.tsx";
import { formatSpan } from "../../occasion-text.ts";

const REFRESH_MS = 30_000;

export default function CheckinQrPage() {
  const params = useParams<{ id: string; dayId: string }>();
  const [list] = createResource(
    () => params.id,
    (id) => leaderApi.participants(id),
  );
  const occasion = () => loaded(list)?.occasion;
  const day = () => occasion()?.days.find((d) => String(d.id) === params.dayId);
  const dayNumber = () => {
    const days = occasion()?.days ?? [];
    const i = days.findIndex((d) => String(d.id) === params.dayId);
    return days.length > 1 && i >= 0 ? `Dag ${i + 1} av ${days.length}: ` : "";
  };
  const navigate = useNavigate();
  const backHref = () => `/kursledare/tillfallen/${params.id}?dag=${params.dayId}`;
  const [code, setCode] = createSignal<(CheckinCode & { svg: string }) | null>(null);
  const [error, setError] = createSignal<Error | null>(null);
  const [full, setFull] = createSignal(false);
  let stage: HTMLDivElement | undefined;

  usePageTitle(() => (occasion() ? `QR-kod för incheckning: ${occasion()!.title}` : "QR-kod för incheckning"));

  async function load() {
    try {
      const c = await leaderApi.checkinCode(params.id, params.dayId);
      const svg = await QRCode.toString(c.url, {
        type: "svg",
        errorCorrectionLevel: "M",
        margin: 2,
        color: { dark: "#000000", light: "#ffffff" },
      });
      setCode({ ...c, svg });
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err : new Error("Koden kunde inte hämtas."));
      // A code past its last minute no longer works: do not leave it on the wall.
      const c = code();
      if ((err instanceof ApiError && err.status !== 0) || (c && new Date(c.validUntil) <= new Date())) setCode(null);
    }
  }

  const onFullscreen = () => setFull(!!stage && document.fullscreenElement === stage);
  // Esc leaves fullscreen (the browser's own); outside fullscreen it goes back to the list.
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && !document.fullscreenElement && !e.defaultPrevented) navigate(backHref());
  };
  onMount(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    document.addEventListener("fullscreenchange", onFullscreen);
    document.addEventListener("keydown", onKey);
    onCleanup(() => {
      clearInterval(timer);
      document.removeEventListener("fullscreenchange", onFullscreen);
      document.removeEventListener("keydown", onKey);
    });
  });

  function toggleFullscreen() {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void stage?.requestFullscreen?.().catch(() => undefined);
  }

  /** "kurser.example.se/incheckning/12" for those who type the address. */
  const shortUrl = (url: string) => {
    try {
      const u = new URL(url);
      return `${u.host}${u.pathname}`;
    } catch {
      return url;
    }
  };

  return (
    <div class="qr-page">
      <div class="qr-stage" ref={(el) => (stage = el)}>
        <div class="qr-bar">
          <a class="qr-back" href={backHref()}>
            Tillbaka<span class="visually-hidden"> till deltagarlistan</span>
          </a>
          <button type="button" class="button button--secondary qr-fullscreen" onClick={toggleFullscreen}>
            {full() ? "Avsluta helskärm" : "Visa i helskärm"}
          </button>
        </div>
        <PageHeading>Checka in</PageHeading>
        <Show when={occasion()}>
          {(o) => (
            <p class="qr-occasion">
              {o().title}
              <Show when={day()}>
                {(d) => (
                  <span class="qr-day">
                    {dayNumber()}
                    {formatSpan(d().startsAt, d().endsAt)}
                  </span>
                )}
              </Show>
            </p>
          )}
        </Show>
        <Show when={list.error}>
          <StaffErrorNotice title="Tillfället kunde inte hämtas" error={list.error} />
        </Show>
        <Show
          when={code()}
          fallback={
            <Show when={error()} fallback={<Loading>Hämtar koden…</Loading>}>
              {(e) =>
                e() instanceof ApiError && (e() as ApiError).status === 401 ? (
                  <StaffErrorNotice title="Koden kunde inte hämtas" error={e()} />
                ) : (
                  <div class="notice notice--warning" role="status">
                    <h2 class="notice-title">Ingen kod just nu</h2>
                    <p>{e().message}</p>
                    <p>Sidan försöker igen var 30:e sekund.</p>
                  </div>
                )
              }
            </Show>
          }
        >
          {(c) => (
            <div class="qr-body">
              {/* The SVG comes from the qrcode package (no text of ours in it); the image's name says what it is. */}
              <div class="qr-image" role="img" aria-label="QR-kod som leder till incheckningen" innerHTML={c().svg} />
              <div class="qr-text">
                <p class="qr-instruction">Skanna koden med mobilens kamera och skriv din e-postadress.</p>
                <p class="qr-or">Ingen kamera? Gå till</p>
                <p class="qr-url">{shortUrl(c().url)}</p>
                <p class="qr-or">och skriv koden</p>
                <p class="qr-code">{c().code}</p>
                <p class="hint">Koden byts varje minut och fungerar bara medan dagen pågår.</p>
                <Show when={error()}>
                  <p class="hint qr-warning">Koden kunde inte uppdateras. Den som visas fungerar en stund till.</p>
                </Show>
              </div>
            </div>
          )}
        </Show>
      </div>
    </div>
  );
}
