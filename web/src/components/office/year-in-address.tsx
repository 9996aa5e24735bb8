// The year a follow-up or planning page shows, kept in the address (?ar=2027; none = this
// year), and the "Visa år" chooser that changes it. Shared by the follow-up, the board
// summary and the year plan, so a year chosen on one reads the same on the others.
import { useSearchParams } from "@solidjs/router";
import { For } from "solid-js";
import { currentYear, yearParam } from "../../office-text.ts";

/** The year in the address, this year when none (or a strange one) is given. */
export function useYear(): () => number {
  const [params] = useSearchParams<{ ar?: string }>();
  return () => yearParam(params.ar);
}

export function YearInAddress(props: { id?: string }) {
  const [, setParams] = useSearchParams<{ ar?: string }>();
  const year = useYear();
  const thisYear = currentYear();
  const years = () => {
    const list = Array.from({ length: 6 }, (_, i) => thisYear - 3 + i);
    if (!list.includes(year())) list.push(year());
    return list.sort((a, b) => a - b);
  };
  const id = () => props.id ?? "year";
  return (
    <div class="filter filter--inline">
      <label class="label" for={id()}>
        Visa år
      </label>
      <select
        id={id()}
        class="input select select--short"
        onChange={(e) =>
          setParams(
            { ar: e.currentTarget.value === String(thisYear) ? undefined : e.currentTarget.value },
            { replace: true },
          )
        }
      >
        <For each={years()}>
          {(y) => (
            <option value={String(y)} selected={y === year()}>
              {y}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
