// Course evaluations (issue 12). After an occasion's last day, everyone who attended (present
// or late on a day that was held, walk-ins too) gets one mail with a link of her own; one
// reminder after the organiser's number of days if she has not answered; never more. The
// answer is stored without any link to her: the invitation row only flips `answered`, with no
// time, and the answer row holds the evaluation and the answers, nothing else.
// Results per question and free texts are shown only from MIN_ANSWERS answers on.
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { evaluationAnswers, evaluationInvites, evaluations, type EvaluationQuestion } from "../../db/schema.ts";
import { AppError, notFound } from "./errors.ts";
import { ATTENDED_SQL, yearBounds } from "./follow-up.ts";
import { formatIsoDate, stockholmToUtc } from "./format-time.ts";
import { newToken } from "./registration.ts";
import type { Cell, Sheet } from "./spreadsheet.ts";

/** Fewer answers than this, and only the number of answers is shown. */
export const MIN_ANSWERS = 3;
/** Occasions that ended longer ago than this get no evaluation (a course switched on later). */
const ASK_WITHIN_DAYS = 30;
const DAY_MS = 86_400_000;

export const RECOMMEND = ["ja", "nej", "vet-inte"] as const;
export type Recommend = (typeof RECOMMEND)[number];

export interface EvaluationAnswer {
  overall: number;
  usefulness: number;
  recommend: Recommend;
  good: string | null;
  better: string | null;
  extra: Record<string, number | string>;
}

// ------------------------------------------------------------------------------- the mails

/**
 * When an occasion's evaluation goes out: 08.00 Stockholm time the day after its last day.
 * Not at the end of the day itself: the leader marks the room then, and a mark made in the
 * wrong row must not mail anyone before she has had the evening to put it right.
 */
export function evaluationSendsAt(endsAt: Date): Date {
  // Noon of the last day plus 24 hours is the next day whatever the clocks do that night.
  const nextDay = new Date(stockholmToUtc(formatIsoDate(endsAt), "12:00").getTime() + DAY_MS);
  return stockholmToUtc(formatIsoDate(nextDay), "08:00");
}

/**
 * Queues the evaluation of every occasion that ended (within the last 30 days, and its send
 * time, the morning after, has come) of a course
 * that is evaluated: its evaluation row (with the course's questions of now), an invitation
 * per attendee not yet asked, and the mails, in one batch; then the reminders that are due.
 * Run by the outbox timer and the Worker's cron; cheap when nothing is due.
 */
export async function queueEvaluations(db: Db, now: Date): Promise<{ invited: number; reminded: number }> {
  const t = now.getTime();
  // Ended (at least a night ago: the send time is the morning after) within the last 30 days.
  const ended = await db.all<{ id: number; endsAt: number }>(sql`
    SELECT o.id, o.ends_at AS endsAt FROM occasions o JOIN courses c ON c.id = o.course_id
    WHERE o.status = 'published' AND o.ends_at <= ${t} AND o.ends_at > ${t - ASK_WITHIN_DAYS * DAY_MS}
      AND c.evaluated = 1`);
  const dueOccasions = ended
    .filter((o) => evaluationSendsAt(new Date(Number(o.endsAt))).getTime() <= t)
    .map((o) => o.id);
  const due = dueOccasions.length
    ? await db.all<{ registrationId: number; occasionId: number }>(sql`
    SELECT r.id AS registrationId, r.occasion_id AS occasionId
    FROM registrations r JOIN occasions o ON o.id = r.occasion_id
    WHERE o.id IN (${sql.join(
      dueOccasions.map((id) => sql`${id}`),
      sql`, `,
    )}) AND r.status = 'confirmed' AND r.anonymised_at IS NULL AND ${ATTENDED_SQL}
      AND NOT EXISTS (SELECT 1 FROM evaluation_invites i JOIN evaluations e ON e.id = i.evaluation_id
                      WHERE e.occasion_id = r.occasion_id AND i.registration_id = r.id)
    LIMIT 500`)
    : [];
  const statements: SQL[] = [];
  for (const occasionId of new Set(due.map((d) => d.occasionId))) {
    statements.push(sql`INSERT INTO evaluations (organiser_id, occasion_id, questions, created_at)
      SELECT o.organiser_id, o.id, c.evaluation_questions, ${t} FROM occasions o JOIN courses c ON c.id = o.course_id
      WHERE o.id = ${occasionId} ON CONFLICT (occasion_id) DO NOTHING`);
  }
  for (const d of due) {
    const token = newToken();
    // Insert-or-nothing, and the mail only for the row this statement inserted: two drainers
    // at once invite her once.
    statements.push(sql`INSERT INTO evaluation_invites (evaluation_id, registration_id, token, answered, invited_at)
      SELECT e.id, ${d.registrationId}, ${token}, 0, ${t} FROM evaluations e WHERE e.occasion_id = ${d.occasionId}
      ON CONFLICT (evaluation_id, registration_id) DO NOTHING`);
    statements.push(evaluationMailStatement("evaluation-invite", token, t));
  }
  const reminders = await db.all<{ id: number; token: string }>(sql`
    SELECT i.id, i.token FROM evaluation_invites i
    JOIN evaluations e ON e.id = i.evaluation_id JOIN organisers g ON g.id = e.organiser_id
    WHERE i.answered = 0 AND i.reminded_at IS NULL AND g.evaluation_reminder_days > 0
      AND i.invited_at + g.evaluation_reminder_days * ${DAY_MS} <= ${t}
    LIMIT 500`);
  for (const r of reminders) {
    statements.push(
      sql`UPDATE evaluation_invites SET reminded_at = ${t} WHERE id = ${r.id} AND reminded_at IS NULL AND answered = 0`,
    );
    statements.push(sql`INSERT INTO outbox (organiser_id, kind, registration_id, sequence, to_address, payload, status, next_attempt_at, created_at)
      SELECT x.organiser_id, 'evaluation-reminder', x.id, x.invite_sequence, x.email, ${JSON.stringify({ token: r.token })}, 'pending', ${t}, ${t}
      FROM registrations x JOIN evaluation_invites i ON i.registration_id = x.id
      WHERE i.id = ${r.id} AND i.reminded_at = ${t}`);
  }
  if (statements.length) await db.batchSql(statements);
  return { invited: due.length, reminded: reminders.length };
}

/** The mail of an invitation inserted just before it in the same batch (none if it was not). */
function evaluationMailStatement(kind: "evaluation-invite", token: string, t: number) {
  return sql`INSERT INTO outbox (organiser_id, kind, registration_id, sequence, to_address, payload, status, next_attempt_at, created_at)
    SELECT x.organiser_id, ${kind}, x.id, x.invite_sequence, x.email, ${JSON.stringify({ token })}, 'pending', ${t}, ${t}
    FROM evaluation_invites i JOIN registrations x ON x.id = i.registration_id
    WHERE i.token = ${token} AND i.invited_at = ${t}`;
}

// ------------------------------------------------------------------------- answering

const validToken = (t: string) => /^[A-Za-z0-9_-]{16,64}$/.test(t);

async function inviteOf(db: Db, token: string) {
  if (!validToken(token)) throw notFound("Utvärderingen", "evaluation_not_found");
  const rows = await db.all<{
    evaluationId: number;
    answered: number;
    questions: string;
    title: string;
    label: string | null;
    startsAt: number;
    endsAt: number;
    organiserName: string;
    organiserEmail: string;
  }>(sql`
    SELECT e.id AS evaluationId, i.answered, e.questions, c.title, o.label, o.starts_at AS startsAt, o.ends_at AS endsAt,
           g.name AS organiserName, g.email AS organiserEmail
    FROM evaluation_invites i JOIN evaluations e ON e.id = i.evaluation_id
    JOIN occasions o ON o.id = e.occasion_id JOIN courses c ON c.id = o.course_id JOIN organisers g ON g.id = e.organiser_id
    WHERE i.token = ${token}`);
  const row = rows[0];
  if (!row) throw notFound("Utvärderingen", "evaluation_not_found");
  return row;
}

/** What the evaluation page shows: the course, the questions, and whether she has answered. */
export async function evaluationForm(db: Db, token: string) {
  const row = await inviteOf(db, token);
  return {
    courseTitle: row.label ? `${row.title} (${row.label})` : row.title,
    startsAt: new Date(Number(row.startsAt)).toISOString(),
    endsAt: new Date(Number(row.endsAt)).toISOString(),
    organiser: { name: row.organiserName, email: row.organiserEmail },
    questions: JSON.parse(row.questions) as EvaluationQuestion[],
    answered: Boolean(row.answered),
  };
}

/**
 * Stores an answer, once: one batch inserts the answer only while the invitation is not yet
 * answered and then marks it answered. The answer row gets no token, no registration and no
 * time. Answers to the course's own questions are checked against the questions as they were
 * when the evaluation was sent.
 */
export async function answerEvaluation(db: Db, token: string, answer: EvaluationAnswer) {
  const row = await inviteOf(db, token);
  if (row.answered) throw alreadyAnswered();
  const questions = JSON.parse(row.questions) as EvaluationQuestion[];
  const extra: Record<string, number | string> = {};
  const fields: Record<string, string> = {};
  for (const q of questions) {
    const v = answer.extra[q.id];
    if (v === undefined || v === "") continue;
    if (q.kind === "grade" && !(typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5))
      fields[`extra.${q.id}`] = "Välj ett betyg från 1 till 5.";
    else if (q.kind === "yesno" && v !== "ja" && v !== "nej") fields[`extra.${q.id}`] = "Välj ja eller nej.";
    else if (q.kind === "text" && (typeof v !== "string" || v.length > 2000))
      fields[`extra.${q.id}`] = "Skriv högst 2000 tecken.";
    else extra[q.id] = typeof v === "string" ? v.trim() : v;
  }
  const unknown = Object.keys(answer.extra).filter((k) => !questions.some((q) => q.id === k));
  for (const k of unknown) fields[`extra.${k}`] = "Frågan finns inte i den här utvärderingen.";
  if (Object.keys(fields).length) throw new AppError(400, "invalid_input", "Uppgifterna är inte giltiga.", fields);
  const [inserted] = await db.batchSql([
    sql`INSERT INTO evaluation_answers (evaluation_id, overall, usefulness, recommend, good, better, extra)
        SELECT i.evaluation_id, ${answer.overall}, ${answer.usefulness}, ${answer.recommend}, ${answer.good}, ${answer.better},
               ${JSON.stringify(extra)}
        FROM evaluation_invites i WHERE i.token = ${token} AND i.answered = 0
        RETURNING 1 AS ok`,
    sql`UPDATE evaluation_invites SET answered = 1 WHERE token = ${token}`,
  ]);
  if (!inserted?.length) throw alreadyAnswered();
}

const alreadyAnswered = () =>
  new AppError(409, "evaluation_answered", "Du har redan svarat på utvärderingen. Tack för dina synpunkter!");

// ----------------------------------------------------------------------------- results

export interface QuestionResult {
  id: string;
  text: string;
  kind: "grade" | "yesno" | "recommend" | "text";
  answers: number;
  /** grade: the mean, one decimal; null below MIN_ANSWERS or without answers. */
  average: number | null;
  /** grade: counts of 1..5; yesno/recommend: counts per choice. Null below MIN_ANSWERS. */
  distribution: Record<string, number> | null;
  /** text: as written, without author, in no particular order. Null below MIN_ANSWERS. */
  texts: string[] | null;
}

export interface EvaluationResult {
  invited: number;
  answered: number;
  /** answered / invited, 0–1; null when nobody was asked. */
  responseRate: number | null;
  /** False below MIN_ANSWERS: only the counts are shown ("för få svar för att visa"). */
  shown: boolean;
  questions: QuestionResult[];
}

const FIXED: { id: string; text: string; kind: QuestionResult["kind"] }[] = [
  { id: "overall", text: "Vad tycker du om utbildningen som helhet?", kind: "grade" },
  { id: "usefulness", text: "Hur användbar är den i ditt arbete?", kind: "grade" },
  { id: "recommend", text: "Skulle du rekommendera den till en kollega?", kind: "recommend" },
  { id: "good", text: "Vad var bra?", kind: "text" },
  { id: "better", text: "Vad kan bli bättre?", kind: "text" },
];

export const FIXED_QUESTIONS = FIXED;

/** Mean and distribution of grades, worked out the same way for every view and export. */
function summarise(
  q: { id: string; text: string; kind: QuestionResult["kind"] },
  values: (number | string)[],
  shown: boolean,
): QuestionResult {
  const answers = values.length;
  if (!shown) return { ...q, answers, average: null, distribution: null, texts: null };
  if (q.kind === "grade") {
    const nums = values.map(Number);
    const distribution = Object.fromEntries(
      [1, 2, 3, 4, 5].map((g) => [String(g), nums.filter((n) => n === g).length]),
    );
    const average = answers ? Math.round((nums.reduce((a, b) => a + b, 0) / answers) * 10) / 10 : null;
    return { ...q, answers, average, distribution, texts: null };
  }
  if (q.kind === "yesno" || q.kind === "recommend") {
    const choices = q.kind === "yesno" ? ["ja", "nej"] : [...RECOMMEND];
    const distribution = Object.fromEntries(choices.map((c) => [c, values.filter((v) => v === c).length]));
    return { ...q, answers, average: null, distribution, texts: null };
  }
  const texts = values.map(String).filter((s) => s.trim() !== "");
  // Stored in arrival order; shown sorted, so the order tells nothing of who wrote what.
  texts.sort((a, b) => a.localeCompare(b, "sv-SE"));
  return { ...q, answers: texts.length, average: null, distribution: null, texts };
}

/**
 * Results over a set of evaluations (one occasion, a course's occasions of a year, a year).
 * The course's own questions are matched by id and listed under the text they had last.
 */
export async function evaluationResults(db: Db, evaluationIds: number[]): Promise<EvaluationResult> {
  if (!evaluationIds.length) return { invited: 0, answered: 0, responseRate: null, shown: false, questions: [] };
  const [evals, invites, answers] = await Promise.all([
    db.select().from(evaluations).where(inArray(evaluations.id, evaluationIds)),
    db
      .select({ n: sql<number>`count(*)` })
      .from(evaluationInvites)
      .where(inArray(evaluationInvites.evaluationId, evaluationIds)),
    db.select().from(evaluationAnswers).where(inArray(evaluationAnswers.evaluationId, evaluationIds)),
  ]);
  const invited = Number(invites[0]?.n ?? 0);
  const shown = answers.length >= MIN_ANSWERS;
  const own = new Map<string, EvaluationQuestion>();
  for (const e of evals.sort((a, b) => a.id - b.id)) for (const q of e.questions) own.set(q.id, q);
  const questions = [
    ...FIXED.map((q) =>
      summarise(
        q,
        answers
          .map((a) => (q.id === "good" ? a.good : q.id === "better" ? a.better : a[q.id as "overall"]))
          .filter((v) => v != null) as (number | string)[],
        shown,
      ),
    ),
    ...[...own.values()].map((q) =>
      summarise(
        q,
        answers.map((a) => a.extra[q.id]).filter((v): v is number | string => v !== undefined),
        shown,
      ),
    ),
  ];
  return {
    invited,
    answered: answers.length,
    responseRate: invited ? answers.length / invited : null,
    shown,
    questions,
  };
}

/** An occasion belongs to the year it starts in, in Stockholm (the follow-up's rule). */
function inYear(year: number): SQL {
  const { from, to } = yearBounds(year);
  return sql`o.starts_at >= ${from.getTime()} AND o.starts_at < ${to.getTime()}`;
}

/** The evaluation ids of one occasion, of a course's occasions in a year, or of a year. */
export async function evaluationIdsOf(
  db: Db,
  organiserId: number,
  filter: { occasionId?: number; courseId?: number; year?: number },
): Promise<number[]> {
  const conditions: SQL[] = [sql`e.organiser_id = ${organiserId}`];
  if (filter.occasionId) conditions.push(sql`e.occasion_id = ${filter.occasionId}`);
  if (filter.courseId) conditions.push(sql`o.course_id = ${filter.courseId}`);
  if (filter.year) conditions.push(inYear(filter.year));
  const rows = await db.all<{ id: number }>(sql`
    SELECT e.id FROM evaluations e JOIN occasions o ON o.id = e.occasion_id WHERE ${sql.join(conditions, sql` AND `)}`);
  return rows.map((r) => r.id);
}

/** Per occasion of a year, with the year's total and last year's for comparison. */
export async function yearEvaluations(db: Db, organiserId: number, year: number) {
  const rows = await db.all<{
    evaluationId: number;
    occasionId: number;
    courseId: number;
    title: string;
    label: string | null;
    startsAt: number;
  }>(sql`
    SELECT e.id AS evaluationId, o.id AS occasionId, c.id AS courseId, c.title, o.label, o.starts_at AS startsAt
    FROM evaluations e JOIN occasions o ON o.id = e.occasion_id JOIN courses c ON c.id = o.course_id
    WHERE e.organiser_id = ${organiserId} AND ${inYear(year)}
    ORDER BY o.starts_at`);
  const occasions = [];
  for (const r of rows) {
    occasions.push({
      occasionId: r.occasionId,
      courseId: r.courseId,
      title: r.label ? `${r.title} (${r.label})` : r.title,
      startsAt: new Date(Number(r.startsAt)).toISOString(),
      result: await evaluationResults(db, [r.evaluationId]),
    });
  }
  const courses = new Map<number, { courseId: number; title: string; ids: number[] }>();
  for (const r of rows) {
    const c = courses.get(r.courseId) ?? { courseId: r.courseId, title: r.title, ids: [] };
    c.ids.push(r.evaluationId);
    courses.set(r.courseId, c);
  }
  const perCourse = [];
  for (const c of courses.values())
    perCourse.push({ courseId: c.courseId, title: c.title, result: await evaluationResults(db, c.ids) });
  return {
    year,
    total: await evaluationResults(
      db,
      rows.map((r) => r.evaluationId),
    ),
    lastYear: await evaluationResults(db, await evaluationIdsOf(db, organiserId, { year: year - 1 })),
    courses: perCourse,
    occasions,
  };
}

/**
 * The results of one occasion for the office or its leader (empty when it has no evaluation),
 * and when its evaluation goes out (`sendsAt`, null for a course without evaluation or a
 * cancelled occasion), so the leader knows until when a wrong mark mails nobody.
 */
export async function occasionEvaluation(db: Db, organiserId: number, occasionId: number) {
  const [[e], [o]] = await Promise.all([
    db
      .select({ id: evaluations.id })
      .from(evaluations)
      .where(and(eq(evaluations.organiserId, organiserId), eq(evaluations.occasionId, occasionId))),
    db.all<{ endsAt: number; status: string; evaluated: number }>(sql`
      SELECT o.ends_at AS endsAt, o.status, c.evaluated FROM occasions o JOIN courses c ON c.id = o.course_id
      WHERE o.id = ${occasionId} AND o.organiser_id = ${organiserId}`),
  ]);
  const sendsAt =
    o && o.status === "published" && Number(o.evaluated) === 1
      ? evaluationSendsAt(new Date(Number(o.endsAt))).toISOString()
      : null;
  return { result: await evaluationResults(db, e ? [e.id] : []), sendsAt };
}

// ------------------------------------------------------------------------ the year export

const TOO_FEW = "för få svar";

/** The evaluation rows of the annual report's export: the year, last year, each course and occasion. */
export function evaluationSheet(y: Awaited<ReturnType<typeof yearEvaluations>>): Sheet {
  const figure = (r: EvaluationResult, id: string) => {
    if (!r.shown) return TOO_FEW;
    return r.questions.find((q) => q.id === id)?.average ?? null;
  };
  const recommends = (r: EvaluationResult) => {
    if (!r.shown) return TOO_FEW;
    const d = r.questions.find((q) => q.id === "recommend")?.distribution;
    const n = d ? Object.values(d).reduce((a, b) => a + b, 0) : 0;
    return d && n ? Math.round(((d.ja ?? 0) / n) * 100) : null;
  };
  const row = (label: string, date: string, r: EvaluationResult): Cell[] => [
    label,
    date,
    r.invited,
    r.answered,
    r.responseRate === null ? null : Math.round(r.responseRate * 100),
    figure(r, "overall"),
    figure(r, "usefulness"),
    recommends(r),
  ];
  return {
    name: "Utvärderingar",
    columns: [
      "Utbildning eller tillfälle",
      "Datum",
      "Tillfrågade",
      "Svar",
      "Svarsfrekvens %",
      "Helhet (1–5)",
      "Nytta i arbetet (1–5)",
      "Rekommenderar, % ja",
    ],
    rows: [
      row(`Hela året ${y.year}`, "", y.total),
      row(`Hela året ${y.year - 1}`, "", y.lastYear),
      ...y.courses.map((c) => row(c.title, "", c.result)),
      ...y.occasions.map((o) => row(o.title, formatIsoDate(o.startsAt), o.result)),
    ],
    widths: [50, 12, 12, 8, 16, 14, 20, 20],
  };
}
