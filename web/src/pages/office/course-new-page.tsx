// "/kansliet/utbildningar/ny": a new course (utbildning), the offering occasions are made of.
// Saved, it goes straight on to a new occasion of that course.
import { useNavigate } from "@solidjs/router";
import { CourseForm } from "../../components/office/course-form.tsx";
import { PageHeading, usePageTitle } from "../../components/site.tsx";
import { useStaffUser } from "./office-shell.tsx";

export default function CourseNewPage() {
  const user = useStaffUser();
  const navigate = useNavigate();
  usePageTitle(() => "Ny utbildning");
  return (
    <>
      <p class="back">
        <a href="/kansliet/utbildningar">Utbildningar</a>
      </p>
      <PageHeading>Ny utbildning</PageHeading>
      <p class="lead">
        En utbildning är det som erbjuds, till exempel en handledarutbildning. Varje gång den ges lägger du upp ett
        tillfälle med datum, plats och antal platser.
      </p>
      <CourseForm
        organiserSlug={user().organiserSlug}
        onSaved={(course) =>
          navigate(`/kansliet/tillfallen/ny?utbildning=${course.id}`, {
            state: { flash: `Utbildningen ”${course.title}” är sparad. Lägg upp ett tillfälle av den nedan.` },
          })
        }
      />
    </>
  );
}
