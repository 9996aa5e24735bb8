// The participant export's columns (key for `omit`, Swedish heading). No imports: the web
// app's export form shows the same list.
/** The participant list's columns, by the keys `omit` names. */
export const EXPORT_COLUMNS = [
  ["occasion", "Tillfälle"],
  ["date", "Första dag"],
  ["course", "Utbildning"],
  ["name", "Namn"],
  ["email", "E-post"],
  ["party", "Part"],
  ["workplace", "Arbetsplats"],
  ["municipality", "Kommun"],
  ["orgNumber", "Organisationsnummer"],
  ["role", "Roll"],
  ["gender", "Kön"],
  ["status", "Status"],
  ["source", "Anmäld via"],
  ["registeredAt", "Anmäld"],
  ["attended", "Deltog"],
  ["dietary", "Specialkost"],
  ["accessibility", "Tillgänglighetsbehov"],
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number][0];
export const EXPORT_COLUMN_KEYS = EXPORT_COLUMNS.map((c) => c[0]) as [ExportColumn, ...ExportColumn[]];
