// Around every page under /kursledare: who is signed in (nobody → /logga-in), their name and
// "Logga ut" in the site header, and the queue of marks not yet saved, which keeps sending
// whichever of these pages is open. Course leaders see the occasions they lead; the office
// may use these pages too, for any of its organiser's occasions. The pages get the signed-in
// user from useLeaderUser() and the queue from useMarkQueue().
import type { RouteSectionProps } from "@solidjs/router";
import { createContext, Match, Switch, useContext, type JSX } from "solid-js";
import type { StaffUser } from "../../api.ts";
import { ErrorNotice, Loading, PageHeading } from "../../components/site.tsx";
import { useStaffSession } from "../../components/staff.tsx";
import { createMarkQueue, type MarkQueue } from "../../components/leader/mark-queue.ts";
import "../../attendance.css";

const LeaderContext = createContext<{ user: () => StaffUser; queue: MarkQueue }>();

function useLeader() {
  const leader = useContext(LeaderContext);
  if (!leader) throw new Error("utanför kursledarens sidor");
  return leader;
}
export const useLeaderUser = (): (() => StaffUser) => useLeader().user;
export const useMarkQueue = (): MarkQueue => useLeader().queue;

function SignedIn(props: { user: () => StaffUser; children: JSX.Element }) {
  // One queue per signed-in person: only their own marks are sent with their session.
  const queue = createMarkQueue(props.user().id);
  return <LeaderContext.Provider value={{ user: props.user, queue }}>{props.children}</LeaderContext.Provider>;
}

export default function LeaderShell(props: RouteSectionProps) {
  const user = useStaffSession();
  const signedIn = () => (user.error ? undefined : user()) ?? undefined;
  return (
    <Switch>
      <Match when={user.error}>
        <PageHeading>Kursledare</PageHeading>
        <ErrorNotice title="Sidan kunde inte visas">{(user.error as Error).message}</ErrorNotice>
      </Match>
      <Match when={!signedIn()}>
        <Loading />
      </Match>
      <Match when={signedIn()} keyed>
        {(u) => <SignedIn user={() => u}>{props.children}</SignedIn>}
      </Match>
    </Switch>
  );
}
