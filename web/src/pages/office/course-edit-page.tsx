// "/kansliet/utbildningar/:id": change a course's settings (PATCH, only what changed), with
// its coming occasions listed below the form.
import { useParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { staffApi, type OfficeCourse } from "../../api.ts";
import { StatusBadge } from "../../components/office/fill-bar.tsx";
import { CourseForm } from "../../components/office/course-form.tsx";
import { ErrorNotice, Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { formatSpan } from "../../occasion-text.ts";
import { fillText } from "../../office-text.ts";
import { StaffErrorNotice, useStaffUser } from "./office-shell.tsx";

export default function CourseEditPage() {
  const params = useParams<{ id: string }>();
  const user = useStaffUser();
  const [courses] = createResource(() => staffApi.courses());
  const [occasions] = createResource(() => staffApi.allOccasions().catch(() => []));
  const [current, setCurrent] = createSignal<OfficeCourse | undefined>();
  const course = () => current() ?? loaded(courses)?.find((c) => String(c.id) === params.id);
  const missing = () => !!loaded(courses) && !course();
  usePageTitle(
    () =>
      course()?.title ??
      (missing() ? "Utbildningen hittades inte" : courses.error ? "Utbildningen kunde inte visas" : undefined),
  );
  const coming = createMemo(() => {
    const now = new Date();
    return (occasions.latest ?? []).filter((o) => String(o.courseId) === params.id && new Date(o.endsAt) > now);
  });

  return (
    <>
      <p class="back">
        <a href="/kansliet/utbildningar">Utbildningar</a>
      </p>
      <Switch>
        <Match when={courses.error}>
          <PageHeading>Utbildningen kunde inte visas</PageHeading>
          <StaffErrorNotice title="Utbildningarna kunde inte hämtas" error={courses.error} />
        </Match>
        <Match when={missing()}>
          <PageHeading>Utbildningen hittades inte</PageHeading>
          <ErrorNotice>
            Utbildningen finns inte, eller hör till ett annat förbund. Kontrollera adressen, eller gå tillbaka till
            listan.
          </ErrorNotice>
        </Match>
        <Match when={!course()}>
          <Loading>Hämtar utbildningen…</Loading>
        </Match>
        <Match when={course()}>
          {(c) => (
            <>
              <PageHeading>{c().title}</PageHeading>
              <p>
                <a href={`/kansliet/tillfallen/ny?utbildning=${c().id}`}>Nytt tillfälle av utbildningen</a>
              </p>
              <Show when={loaded(courses)?.find((x) => String(x.id) === params.id)} keyed>
                {(found) => <CourseForm course={found} organiserSlug={user().organiserSlug} onSaved={setCurrent} />}
              </Show>
              <section class="action-box" aria-labelledby="course-occasions-heading">
                <h2 id="course-occasions-heading">Kommande tillfällen</h2>
                <Show when={coming().length > 0} fallback={<p>Inga kommande tillfällen.</p>}>
                  <ul class="plain-list">
                    <For each={coming()}>
                      {(o) => (
                        <li class="log-entry">
                          <a href={`/kansliet/tillfallen/${o.id}`}>
                            {o.days[0] ? formatSpan(o.days[0].startsAt, o.days[0].endsAt) : o.title}
                          </a>
                          {o.label ? ` (${o.label})` : ""} <StatusBadge status={o.status} />
                          <br />
                          {o.online ? "Digitalt" : o.location}, {fillText(o)}
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </section>
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}
