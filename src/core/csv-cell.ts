// One CSV cell (RFC 4180) that no spreadsheet runs as a formula, for every CSV the kiosk and the district write (the
// roll call, the daily report, the month's register).

/**
 * A formula character (= + - @) at the start of a cell, or of a piece of one that a spreadsheet may take for a cell: Excel
 * in a Russian or Kazakh locale opens a .csv split at ";" (quotes in the middle of a line do not protect, so a line
 * break inside a note starts a row too), and others split at a tab or "|". Spaces before it count as its start.
 */
const FORMULA_START = /(^|[;,\t|\r\n])(\s*)([=+\-@])/g;

export function csvCell(raw: string): string {
  // Each such start prefixed with ' (OWASP CSV injection advice), as is a leading tab or carriage return.
  const value = raw.replace(FORMULA_START, "$1$2'$3").replace(/^[\t\r]/, "'$&");
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
