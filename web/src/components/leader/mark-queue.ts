// Marks made at the door, kept on the phone until the server has them. The network at a
// venue is poor: every mark goes into a queue in localStorage first and is sent from there,
// in the order the marks were made, at once and again on the `online` event, when the page
// becomes visible and on a timer. A mark is a PUT where the last one wins, so sending one
// twice (a reply lost on the way back, two tabs) is harmless. Marking the same person and
// day again before the first is sent replaces the queued mark (only the last one matters).
// Nothing leaves the queue until the server has answered it: saved, or refused for good
// (the day is locked, the person is no longer on the list), which the page is told.
import { createSignal, onCleanup, type Accessor } from "solid-js";
import { ApiError, leaderApi, type AttendanceMark } from "../../api.ts";

export interface QueuedMark {
  /** unique per mark made */
  id: string;
  /** who made it: only their own marks are sent with their session */
  userId: number;
  occasionId: number;
  dayId: number;
  registrationId: number;
  /** for messages about the mark ("Karin Lind: …") */
  name: string;
  /** null clears the mark */
  status: AttendanceMark | null;
  /** when it was made (ms) */
  at: number;
}

/** Why marks wait: no connection, the session ran out (401), or the server failed (5xx). */
export type QueueProblem = "offline" | "signed-out" | "server";

const KEY = "kurser.narvaro.ko.v1";
const LOCK = "kurser-narvaro-ko";
export const RETRY_MS = 15_000;

function isQueuedMark(x: unknown): x is QueuedMark {
  const m = x as QueuedMark;
  return (
    !!m &&
    typeof m.id === "string" &&
    [m.userId, m.occasionId, m.dayId, m.registrationId, m.at].every((n) => Number.isSafeInteger(n)) &&
    typeof m.name === "string" &&
    (m.status === null || ["present", "late", "excused", "absent"].includes(m.status))
  );
}

// When localStorage cannot be written (private mode, full), the queue lives in memory for
// as long as the page is open: the marks are still sent, only a reload would lose them.
let memory: QueuedMark[] = [];
let storageWorks = true;

function readAll(): QueuedMark[] {
  if (!storageWorks) return memory;
  try {
    const list: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(list) ? list.filter(isQueuedMark) : [];
  } catch {
    return memory;
  }
}

function writeAll(list: QueuedMark[]) {
  memory = list;
  try {
    if (list.length) localStorage.setItem(KEY, JSON.stringify(list));
    else localStorage.removeItem(KEY);
    storageWorks = true;
  } catch {
    storageWorks = false;
  }
}

const transient = (e: ApiError) =>
  e.status === 0 ||
  e.status === 401 ||
  e.status === 408 ||
  e.status === 429 ||
  e.status >= 500 ||
  e.code === "csrf_failed";

/** Runs `fn` alone across this browser's tabs where the Web Locks API exists. */
function alone<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  return locks ? (locks.request(LOCK, fn) as Promise<T>) : fn();
}

/** A mark the server refused for good; it has left the queue. */
export interface RefusedMark {
  mark: QueuedMark;
  code: string;
  message: string;
}

export interface MarkQueueEvents {
  saved?: (m: QueuedMark) => void;
  /** Everything is saved after a time when marks had to wait. */
  caughtUp?: () => void;
}

export interface MarkQueue {
  /** this user's marks not yet saved, in the order they were made */
  items: Accessor<QueuedMark[]>;
  /** the queued mark for a person and day, if any */
  pendingFor: (dayId: number, registrationId: number) => QueuedMark | undefined;
  /** true while a mark is on its first way to the server (shown as "Sparar…", not yet "Inte sparad än") */
  firstTry: (id: string) => boolean;
  problem: Accessor<QueueProblem | null>;
  /** false when storage cannot be written: marks would be lost on a reload */
  persistent: Accessor<boolean>;
  /** marks the server refused for good (e.g. 403 attendance_locked), until cleared */
  refused: Accessor<RefusedMark[]>;
  clearRefused: () => void;
  add: (mark: Omit<QueuedMark, "id" | "at" | "userId">) => QueuedMark;
  /** Sends what is queued; resolves when the queue is empty or a send failed for now. */
  flush: () => Promise<void>;
  /** Tells a page what happens; returns the way to stop. */
  listen: (events: MarkQueueEvents) => () => void;
}

/**
 * The queue for the signed-in user, for as long as the calling component (the leader's
 * shell) is shown: it starts sending at once and keeps trying while anything waits, whichever
 * of the leader's pages is open.
 */
export function createMarkQueue(userId: number): MarkQueue {
  const mine = () => readAll().filter((m) => m.userId === userId);
  const [items, setItems] = createSignal<QueuedMark[]>(mine());
  const [problem, setProblem] = createSignal<QueueProblem | null>(null);
  const [trying, setTrying] = createSignal<ReadonlySet<string>>(new Set());
  const [persistent, setPersistent] = createSignal(storageWorks);
  const [refused, setRefused] = createSignal<RefusedMark[]>([]);
  const listeners = new Set<MarkQueueEvents>();
  const refresh = () => {
    setItems(mine());
    setPersistent(storageWorks);
  };
  function update(change: (all: QueuedMark[]) => QueuedMark[]) {
    writeAll(change(readAll()));
    refresh();
  }

  function add(mark: Omit<QueuedMark, "id" | "at" | "userId">): QueuedMark {
    const item: QueuedMark = {
      ...mark,
      userId,
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      at: Date.now(),
    };
    update((all) => [
      ...all.filter(
        (m) =>
          !(
            m.userId === userId &&
            m.occasionId === item.occasionId &&
            m.dayId === item.dayId &&
            m.registrationId === item.registrationId
          ),
      ),
      item,
    ]);
    // Offline it is plainly not saved; online it is on its way.
    if (navigator.onLine) setTrying((s) => new Set(s).add(item.id));
    else setProblem("offline");
    void flush();
    return item;
  }

  async function sendAll() {
    const hadProblem = problem() !== null;
    for (;;) {
      const item = mine()[0];
      if (!item) break;
      try {
        await leaderApi.setMark(item.occasionId, item.dayId, item.registrationId, item.status);
      } catch (err) {
        const e = err instanceof ApiError ? err : new ApiError(0, "network", "");
        if (transient(e)) {
          // All that waits is now plainly "not saved yet".
          setTrying(new Set<string>());
          setProblem(e.status === 0 ? "offline" : e.status === 401 ? "signed-out" : "server");
          return;
        }
        update((all) => all.filter((m) => m.id !== item.id));
        setRefused((r) => [...r, { mark: item, code: e.code, message: e.message }]);
        continue;
      }
      // The page takes the mark as saved before it leaves the queue, so the list never shows the old one in between.
      for (const l of listeners) l.saved?.(item);
      // Only this mark leaves: a newer one for the same person, made meanwhile, stays queued.
      update((all) => all.filter((m) => m.id !== item.id));
      setTrying((s) => {
        const next = new Set(s);
        next.delete(item.id);
        return next;
      });
    }
    setProblem(null);
    if (hadProblem) for (const l of listeners) l.caughtUp?.();
  }

  let running: Promise<void> | null = null;
  let again = false;
  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await alone(sendAll);
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const retry = () => {
    if (mine().length) void flush();
  };
  const visible = () => document.visibilityState === "visible" && retry();
  // Another tab changed the queue.
  const fromOtherTab = (e: StorageEvent) => e.key === KEY && refresh();
  const offline = () => items().length && setProblem("offline");
  window.addEventListener("online", retry);
  window.addEventListener("offline", offline);
  window.addEventListener("storage", fromOtherTab);
  document.addEventListener("visibilitychange", visible);
  const timer = setInterval(retry, RETRY_MS);
  onCleanup(() => {
    window.removeEventListener("online", retry);
    window.removeEventListener("offline", offline);
    window.removeEventListener("storage", fromOtherTab);
    document.removeEventListener("visibilitychange", visible);
    clearInterval(timer);
  });
  retry();

  return {
    items,
    pendingFor: (dayId, registrationId) =>
      items().find((m) => m.dayId === dayId && m.registrationId === registrationId),
    firstTry: (id) => trying().has(id),
    problem,
    persistent,
    refused,
    clearRefused: () => setRefused([]),
    add,
    flush,
    listen(events) {
      listeners.add(events);
      return () => listeners.delete(events);
    },
  };
}
