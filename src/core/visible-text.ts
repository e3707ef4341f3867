// Text a tablet pushed (the name typed at the duty sign-in, a staff note, a group), made safe to show and to sign:
// control characters and text-direction overrides or isolates (U+202A-U+202E, U+2066-U+2069) become U+FFFD, so that
// "\u202E.K rumiT" cannot read as "Timur K." on the admin page, in the register or in an export. Text people type on
// the district's own pages is refused with such characters instead (api/openapi.yaml PlainText); a tablet's events are
// signed and chained, so the district keeps them as pushed and shows them this way.

/** Whether a code point is invisible or changes the text's direction (tab, line feed, return kept in notes). */
function invisible(cp: number, note: boolean): boolean {
  if (cp < 0x20) return !(note && (cp === 0x09 || cp === 0x0a || cp === 0x0d));
  return (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

const visible = (text: string, note: boolean): string =>
  Array.from(text, (ch) => (invisible(ch.codePointAt(0)!, note) ? '\uFFFD' : ch)).join('');

/** One line of pushed text, shown as it reads: every invisible or direction-changing character replaced. */
export const visibleLine = (text: string): string => visible(text, false);

/** A pushed note: like visibleLine, but tabs and line breaks stay. */
export const visibleNote = (text: string): string => visible(text, true);
