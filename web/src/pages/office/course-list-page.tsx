// "/kansliet/utbildningar": the organiser's courses with their settings (type, responsible
// party, goals, default leaders, reminder) and how many occasions are coming; each links to
// its edit page and to a new occasion of it. The course types (renamed or added by the office,
// so fetched fresh, not from the public cache) have their own page, linked from here.
import { createMemo, createResource, For, Match, Switch } from "solid-js";
import { api, staffApi, type OfficeCourse } from "../../api.ts";
import { Fact } from "../../components/occasion-facts.tsx";
import { Loading, PageHeading, usePageTitle, loaded } from "../../components/site.tsx";
import { StaffErrorNotice, useStaffUser } from "./office-shell.tsx";

export const reminderText = (days: number) =>
  days === 0 ? "Ingen påminnelse" : `${days} ${days === 1 ? "dag" : "dagar"} före`;

export default function CourseListPage() {
  const user = useStaffUser();
  usePageTitle(() => "Utbildningar");
  const [courses] = createResource(() => staffApi.courses());
  const [types] = createResource(() => staffApi.courseTypes().catch(() => []));
  const [parties] = createResource(
    () => user().organiserSlug,
    (slug) => api.parties(slug).catch(() => []),
  );
  const [staff] = createResource(() => staffApi.staff().catch(() => []));
  const [occasions] = createResource(() => staffApi.allOccasions().catch(() => []));
  const coming = createMemo(() => {
    const now = new Date();
    const counts = new Map<number, number>();
    for (const o of occasions.latest ?? []) {
      if (o.status !== "cancelled" && new Date(o.endsAt) > now)
        counts.set(o.courseId, (counts.get(o.courseId) ?? 0) + 1);
    }
    return counts;
  });
  const list = () => loaded(courses);

  const names = {
    type: (code: string) => types.latest?.find((t) => t.code === code)?.name ?? code,
    party: (code: string | null) =>
      code ? (parties.latest?.find((p) => p.code === code)?.name ?? code) : "Ingen vald",
    leaders: (ids: number[]) =>
      ids.length
        ? ids.map((id) => staff.latest?.find((s) => s.id === id)?.name ?? `användare ${id}`).join(", ")
        : "Inga",
  };

  return (
    <>
      <PageHeading>Utbildningar</PageHeading>
      <p class="lead">Det förbundet erbjuder. Varje utbildning ges vid ett eller flera tillfällen.</p>
      <p class="button-row">
        <a class="button" href="/kansliet/utbildningar/ny">
          Ny utbildning
        </a>
        <a class="button button--secondary" href="/kansliet/kurstyper">
          Kurstyper
        </a>
      </p>
      <Switch>
        <Match when={courses.error}>
          <StaffErrorNotice title="Utbildningarna kunde inte hämtas" error={courses.error} />
        </Match>
        <Match when={!list()}>
          <Loading>Hämtar utbildningar…</Loading>
        </Match>
        <Match when={list()?.length === 0}>
          <div class="notice">
            <p>Det finns inga utbildningar än.</p>
          </div>
        </Match>
        <Match when={list()}>
          {(all) => (
            <ul class="cards">
              <For each={all()}>{(c) => <CourseCard course={c} names={names} coming={coming().get(c.id) ?? 0} />}</For>
            </ul>
          )}
        </Match>
      </Switch>
    </>
  );
}

function CourseCard(props: {
  course: OfficeCourse;
  coming: number;
  names: {
    type: (code: string) => string;
    party: (code: string | null) => string;
    leaders: (ids: number[]) => string;
  };
}) {
  const c = () => props.course;
  return (
    <li class="card">
      <h2 class="card-title">
        <a href={`/kansliet/utbildningar/${c().id}`}>{c().title}</a>
      </h2>
      <p class="card-type">{props.names.type(c().courseType)}</p>
      <dl class="facts">
        <Fact term="Ansvarig part">{props.names.party(c().responsiblePartyCode)}</Fact>
        <Fact term="Förvalda kursledare">{props.names.leaders(c().defaultLeaderIds)}</Fact>
        <Fact term="Påminnelse">{reminderText(c().reminderDaysBefore)}</Fact>
        <Fact term="Kommande tillfällen">{String(props.coming)}</Fact>
      </dl>
      <p>
        <a href={`/kansliet/tillfallen/ny?utbildning=${c().id}`}>
          Nytt tillfälle<span class="visually-hidden"> av {c().title}</span>
        </a>
      </p>
    </li>
  );
}
