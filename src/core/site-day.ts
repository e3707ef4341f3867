// The calendar day of a site: attendance days and consent dates are the site's (its IANA time zone, which every bundle
// carries), never the tablet's own setting or UTC. A tablet whose clock zone was set wrong still counts a consent
// granted "today" at the district as active today. Before the first bundle (no zone known yet) the tablet's own zone
// stands in.
import { localDayKey } from './attendance-rules';

/** `YYYY-MM-DD` of `ms` in an IANA time zone. */
export function dayKeyInZone(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** Minutes after midnight of `ms` in the IANA zone `timeZone` (the site's wall clock); null: the tablet's own. */
export function siteMinutesOfDay(ms: number, timeZone: string | null): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    ...(timeZone !== null ? { timeZone } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/** Whether this runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

let siteZone: string | null = null;

/** The site's zone from the bundle held (at boot) or just applied; null forgets it (unpaired). */
export function useSiteTimeZone(zone: string | null): void {
  siteZone = zone !== null && isTimeZone(zone) ? zone : null;
}

/** `YYYY-MM-DD` of `ms` in `timeZone`; null: the tablet's own zone (no bundle yet). */
export function dayKeyInZoneOrLocal(ms: number, timeZone: string | null): string {
  return timeZone === null ? localDayKey(ms) : dayKeyInZone(ms, timeZone);
}

/** The site's day of `ms`: in the zone of the bundle held, else the tablet's own. */
export function siteDayKey(ms: number): string {
  return dayKeyInZoneOrLocal(ms, siteZone);
}

/** A day function for the zone `zone` (the one a bundle being applied carries). */
export const dayKeyFor =
  (zone: string) =>
  (ms: number): string =>
    dayKeyInZone(ms, zone);

/** The site's zone of the bundle held (null before the first bundle: the tablet's own zone stands in). */
export function siteTimeZone(): string | null {
  return siteZone;
}
