// The signing list (närvarolista) for one day, shown only when printing: name, workplace,
// employer and an empty column to sign in, with a few blank rows for people who turn up.
// No e-mail addresses and no dietary or accessibility needs: the paper goes round the room.
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
                <td class="signing-sign" />
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <p class="signing-foot">
        {props.people.length} anmälda. Skriv namn, arbetsplats och arbetsgivare på en tom rad om du inte står med.
      </p>
    </section>
  );
}
