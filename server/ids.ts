// Random ids for district records (contract `Id`: [A-Za-z0-9_-]{1,64}) and day keys in a site's time zone.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function newId(prefix: string, length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return `${prefix}_${Array.from(bytes, (b) => ALPHABET[b & 31]).join('')}`;
}

/** `YYYY-MM-DD` of `ms` in an IANA time zone (the same rule tablets count a site's days by). */
export { dayKeyInZone as dayKeyIn } from '../src/core/site-day';

/** `HH:MM` of `ms` in an IANA time zone. */
export function timeIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** The day `months` months after `day` (clamped to the month's last day), as `YYYY-MM-DD`. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
