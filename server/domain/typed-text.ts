// Text a person typed, and links the office saved, reach other people in mails sent from the
// organiser's own address and on the personal page (issue 10). Mail programs turn anything
// that looks like a web or e-mail address into a link, so a name like "Klicka här
// https://…" would be a phishing link signed by the förbund. One rule for the door (zod) and
// one for where the text is shown (stored before the rule, or written another way).

/** A web address, an e-mail address, markup, or a bare domain with a common ending. */
const LINK_LIKE =
  /:\/\/|\bwww\.|[<>@]|\b[\p{L}\d-]{2,}\.(?:se|nu|com|net|org|info|io|biz|xyz|ru|cn|eu|co|me|app|site|online|link|click|top|dev|ly)\b/iu;

/** True when the text would become a link or markup in a mail program. */
export function looksLikeLink(text: string): boolean {
  return LINK_LIKE.test(text);
}

/** A name for "Hej …!": the name, or nothing when it looks like a link (then "Hej!"). */
export function greetingName(name: string): string | null {
  const n = name.trim();
  return n && !looksLikeLink(n) ? n : null;
}

/**
 * A meeting link fit to be clicked: http(s) only. The office's form refuses other schemes;
 * this holds where links are shown, for rows written before that rule or by another way.
 */
export function safeMeetingUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}
