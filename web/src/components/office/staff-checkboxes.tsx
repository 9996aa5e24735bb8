// Course leaders as a group of checkboxes: the organiser's staff (leaders and office), by
// name. Used for an occasion's leaders and a course's default leaders. The list is asked
// for once per page load; while it loads, or if it fails, the group says so.
import { createResource, Show } from "solid-js";
import { staffApi, type StaffMember } from "../../api.ts";
import { CheckboxGroup } from "../form-fields.tsx";
import { staffRoleNote } from "./office-list-text.ts";

/** The staff list as a resource; the first checkbox's id is where an error summary links. */
export function useStaff() {
  const [staff] = createResource(() => staffApi.staff());
  return staff;
}

export const firstStaffTarget = (id: string, staff: StaffMember[] | undefined) =>
  staff?.[0] ? `${id}-${staff[0].id}` : id;

export function StaffCheckboxes(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  values: string[];
  onValues: (v: string[]) => void;
}) {
  const staff = useStaff();
  const list = () => (staff.error ? undefined : staff.latest);
  return (
    <Show
      when={list()}
      fallback={
        <div class="field" id={props.id}>
          <p class="label">{props.legend}</p>
          <p class={staff.error ? "field-error" : "loading"} role="status">
            {staff.error
              ? "Listan över kursledare kunde inte hämtas. Ladda om sidan för att försöka igen."
              : "Hämtar kursledare…"}
          </p>
        </div>
      }
    >
      {(members) => (
        <CheckboxGroup
          id={props.id}
          legend={props.legend}
          hint={props.hint}
          error={props.error}
          options={members().map((m) => ({
            value: String(m.id),
            label: m.name,
            // The role, unless the name already says it ("Johan Demo (kursledare)").
            note: staffRoleNote(m.name, m.role),
          }))}
          values={props.values}
          onValues={props.onValues}
        />
      )}
    </Show>
  );
}
