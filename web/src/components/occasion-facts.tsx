// The facts of an occasion as a description list: when, where, places. Shared by the
// occasion page, the confirmation and the personal page so they read the same.
import { For, Show, type JSX } from "solid-js";
import { formatSpan } from "../occasion-text.ts";

export function OccasionFacts(props: {
  days: { startsAt: string; endsAt: string }[];
  location: string;
  online: boolean;
  children?: JSX.Element;
}) {
  return (
    <dl class="facts">
      <div>
        <dt>{props.days.length > 1 ? "Datum och tider" : "Datum och tid"}</dt>
        <dd>
          <Show
            when={props.days.length > 1}
            fallback={props.days[0] && formatSpan(props.days[0].startsAt, props.days[0].endsAt)}
          >
            <ul class="plain-list">
              <For each={props.days}>{(d) => <li>{formatSpan(d.startsAt, d.endsAt)}</li>}</For>
            </ul>
          </Show>
        </dd>
      </div>
      <div>
        <dt>Plats</dt>
        <dd>{props.online ? "Digitalt" : props.location}</dd>
      </div>
      {props.children}
    </dl>
  );
}

export function Fact(props: { term: string; children: JSX.Element }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
