// On the office's start page: a warning when mail has not reached its recipients, with the
// way to the list (/kansliet/mejl). Quiet when there is none, or when the list cannot be read
// (the page itself is about the follow-up; the list says why on its own page).
import { createResource, Show } from "solid-js";
import { staffApi } from "../../api.ts";

export function UndeliveredMailWarning() {
  const [mail] = createResource(() => staffApi.undeliveredMail().catch(() => []));
  const n = () => mail.latest?.length ?? 0;
  return (
    <Show when={n() > 0}>
      <div class="notice notice--warning" role="status">
        <p>
          <strong>{n() === 1 ? "1 mejl har inte kommit fram." : `${n()} mejl har inte kommit fram.`}</strong>{" "}
          <a href="/kansliet/mejl">Se vilka och skicka igen</a>
        </p>
      </div>
    </Show>
  );
}
