// "/logga-in/lank?token=…": where the mailed sign-in link leads. Opening the page signs
// nobody in, because mail scanners (Outlook Safe Links and the like) open links before
// the person does; only the button does, once (docs/decisions/017). A used, expired or
// mangled link goes on to the sign-in page, which says so and offers a new one. After
// signing in: the page in ?till= (the one asked for before, if it is hers), else her start.
import { useNavigate, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, onMount, Show } from "solid-js";
import { nextPathFor } from "../../../server/domain/next-path.ts";
import { ApiError, asApiError, staffApi } from "../api.ts";
import { ErrorNotice, Loading, PageHeading, usePageTitle } from "../components/site.tsx";

const ROLE_NAME = { office: "kansliet", leader: "kursledare" } as const;

export default function SignInLinkPage() {
  const [params] = useSearchParams<{ token?: string; till?: string }>();
  const navigate = useNavigate();
  const token = (params.token ?? "").trim();
  const [error, setError] = createSignal<string | null>(null);
  const [signingIn, setSigningIn] = createSignal(false);
  usePageTitle(() => "Logga in");

  const badLink = () => navigate("/logga-in?fel=lanken", { replace: true });
  onMount(() => token || badLink());
  const [link] = createResource(
    () => token || false,
    (t) =>
      staffApi.signInLink(t).catch((err) => {
        if (err instanceof ApiError && err.code === "link_invalid") badLink();
        else setError(asApiError(err).message);
        return undefined;
      }),
  );

  async function signIn() {
    if (signingIn()) return;
    setSigningIn(true);
    setError(null);
    try {
      const user = await staffApi.signIn(token);
      // Replaced in the history: going back does not come to a used link.
      // To the page she asked for, when it is one of her pages; else her start page.
      const start = user.role === "leader" ? "/kursledare" : "/kansliet";
      navigate(nextPathFor(user.role, params.till) ?? start, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === "link_invalid") return badLink();
      setError(asApiError(err).message);
      setSigningIn(false);
    }
  }

  return (
    <>
      <PageHeading>{link() ? `Logga in som ${link()!.name}?` : "Logga in"}</PageHeading>
      <Show when={error()}>
        {(message) => <ErrorNotice title="Det gick inte att logga in">{message()}</ErrorNotice>}
      </Show>
      <Show when={link()} fallback={<Show when={!error()}>{<Loading>Kontrollerar länken…</Loading>}</Show>}>
        {(l) => (
          <div class="panel">
            <p>
              Du loggar in i kursadministrationen för <strong>{l().organiserName}</strong> med adressen{" "}
              <strong>{l().email}</strong>. Roll: {ROLE_NAME[l().role]}.
            </p>
            <p>
              <button type="button" class="button" aria-disabled={signingIn() ? "true" : undefined} onClick={signIn}>
                {signingIn() ? "Loggar in…" : "Logga in"}
              </button>
            </p>
            <p>
              Länken fungerar en gång. Är det inte du, eller bad du inte om att logga in? Stäng sidan: ingen loggas in
              utan knappen.
            </p>
          </div>
        )}
      </Show>
    </>
  );
}
