// The signing list (närvarolista) for one day, shown only when printing, on A4 landscape:
// name, workplace, employer, an e-mail column and a column to sign, rows a pen fits in, and
// blank rows where people who turn up write name, workplace, employer and e-mail. The
// registered people's own addresses are not printed, nor their dietary or accessibility
// needs: the paper goes round the room. Words are never broken inside (attendance.css).
import { For } from "solid-js";
import type { Attendee } from "../../api.ts";
import { formatSpan } from "../../occasion-text.ts";

const BLANK_ROWS = 5;

export function SigningList(props: {
  title: string;
  location: string;
  day: { startsAt: string; endsAt: string };
  dayNumber: number | null;
  people: Attendee[];
  partyName: (code: string) => string;
}) {
  return (
    <section class="print-only signing-list" aria-label="Närvarolista för utskrift">
      <p class="signing-list-kind">Närvarolista</p>
      <p class="signing-list-title">{props.title}</p>
      <p class="signing-list-when">
        {props.dayNumber ? `Dag ${props.dayNumber}: ` : ""}
        {formatSpan(props.day.startsAt, props.day.endsAt)}
        {props.location ? ` · ${props.location}` : ""}
      </p>
      <table class="signing-table">
        <thead>
          <tr>
            <th scope="col" class="signing-no">
              Nr
            </th>
            <th scope="col" class="signing-name">
              Namn
            </th>
            <th scope="col">Arbetsplats</th>
            <th scope="col" class="signing-party">
              Arbetsgivare
            </th>
            <th scope="col" class="signing-email">
              E-post <span class="signing-th-note">(om du inte står med)</span>
            </th>
            <th scope="col" class="signing-sign">
              Underskrift
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.people}>
            {(p, i) => (
              <tr>
                <td class="signing-no">{i() + 1}</td>
                <td>{p.name}</td>
                <td>{p.workplace ? `${p.workplace.name}, ${p.workplace.municipality}` : ""}</td>
                <td>{props.partyName(p.party)}</td>
                <td class="signing-email signing-known" />
                <td class="signing-sign" />
              </tr>
            )}
          </For>
          <For each={Array.from({ length: BLANK_ROWS }, (_, i) => i)}>
            {(i) => (
              <tr class="signing-blank">
                <td class="signing-no">{props.people.length + i + 1}</td>
                <td />
                <td />
                <td />
                <td class="signing-email" />
                <td class="signing-sign" />
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <p class="signing-foot">
        {props.people.length} anmälda. Står du inte med? Skriv namn, arbetsplats, arbetsgivare och e-post på en tom rad.
      </p>
    </section>
  );
}
