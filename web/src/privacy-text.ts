// How the retention the organiser decided reads, in the privacy notice, at the form and in
// the office's settings. The numbers always come from the organiser (GET /api/organiser),
// never from here.

/** "1 dag", "14 dagar" */
export const daysText = (n: number) => (n === 1 ? "1 dag" : `${n} dagar`);

/** "1 månad", "36 månader" */
export const monthsText = (n: number) => (n === 1 ? "1 månad" : `${n} månader`);

/** "14 dagar efter tillfällets sista dag"; 0: "när tillfällets sista dag är slut". */
export function needsDeletedText(days: number): string {
  return days === 0 ? "när tillfällets sista dag är slut" : `${daysText(days)} efter tillfällets sista dag`;
}

/** "36 månader efter ditt senaste tillfälle" */
export function anonymisedText(months: number): string {
  return `${monthsText(months)} efter ditt senaste tillfälle`;
}
