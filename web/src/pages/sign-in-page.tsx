// "/logga-in": staff ask for a one-time sign-in link by e-mail. The server answers the same
// whether or not the address has an account, so this page does too. A used or expired
// link comes back here with ?fel=lanken. ?till=/kansliet/… (the page asked for) goes along
// in the mailed link, so the link leads there after signing in.
import { useLocation, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { safeNextPath } from "../../../server/domain/next-path.ts";
import { staffApi, asApiError } from "../api.ts";
import { EmailField, ErrorSummary, markTitleAsError, summaryItems } from "../components/form-fields.tsx";
import { PageHeading, usePageTitle } from "../components/site.tsx";

export default function SignInPage() {
  const [params] = useSearchParams<{ fel?: string; till?: string }>();
  // The page she asked for (set by the staff pages' guard): it goes into the mailed link.
  const next = () => safeNextPath(params.till);
  const location = useLocation<{ signedOut?: boolean }>();
  const [email, setEmail] = createSignal("");
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [sent, setSent] = createSignal<{ message: string; email: string } | null>(null);
  const [sending, setSending] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  let sentHeading: HTMLHeadingElement | undefined;

  usePageTitle(() => (sent() ? "Kolla din e-post" : "Logga in"));
  const items = () => summaryItems(errors(), [["email", "signin-email"]], formError());

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (sending()) return;
    setSending(true);
    try {
      const message = await staffApi.requestSignInLink(email(), next());
      setErrors({});
      setFormError(null);
      setSent({ message, email: email().trim() });
      requestAnimationFrame(() => sentHeading?.focus());
    } catch (error) {
      const apiError = asApiError(error);
      setErrors(apiError.fields);
      setFormError(Object.keys(apiError.fields).length ? null : apiError.message);
      markTitleAsError();
      queueMicrotask(() => summary?.focus());
    } finally {
      setSending(false);
    }
  }

  function again() {
    setSent(null);
    requestAnimationFrame(() => document.getElementById("signin-email")?.focus());
  }

  return (
    <>
      <PageHeading>Logga in</PageHeading>
      <Show when={location.state?.signedOut && !sent()}>
        <div class="notice" role="status">
          <p>Du är utloggad.</p>
        </div>
      </Show>
      <Show when={params.fel === "lanken" && !sent()}>
        <div class="notice notice--error">
          <h2 class="notice-title">Inloggningslänken fungerade inte</h2>
          <p>
            Länken är redan använd, för gammal eller felkopierad. Varje länk fungerar en gång och i 20 minuter. Be om en
            ny länk nedan.
          </p>
        </div>
      </Show>
      <Show
        when={sent()}
        fallback={
          <form class="narrow-form" novalidate onSubmit={submit} aria-labelledby="signin-form-heading">
            <h2 id="signin-form-heading" class="visually-hidden">
              Få en inloggningslänk
            </h2>
            <p class="lead">
              För kansliet och kursledare. Skriv din e-postadress till jobbet, så skickar vi en länk som loggar in dig.
              Du behöver inget lösenord.
            </p>
            <Show when={items().length > 0}>
              <ErrorSummary items={items()} ref={(el) => (summary = el)} />
            </Show>
            <EmailField
              id="signin-email"
              label="E-postadress"
              autocomplete="email"
              value={email()}
              onValue={setEmail}
              error={errors().email}
            />
            <button type="submit" class="button" aria-disabled={sending() ? "true" : undefined}>
              {sending() ? "Skickar…" : "Skicka inloggningslänk"}
            </button>
          </form>
        }
      >
        {(s) => (
          <div class="panel panel--success">
            <h2 class="panel-title" tabindex="-1" ref={(el) => (sentHeading = el)}>
              Kolla din e-post
            </h2>
            <p class="panel-lead">{s().message}</p>
            <p>
              Adressen du skrev: <strong>{s().email}</strong>. Länken fungerar en gång och i 20 minuter. Hittar du inget
              mejl? Titta i skräpposten, och kontrollera att det är den adress du har hos oss.
            </p>
            <p>
              <button type="button" class="button button--secondary" onClick={again}>
                Skicka en ny länk
              </button>
            </p>
          </div>
        )}
      </Show>
    </>
  );
}
