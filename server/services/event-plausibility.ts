// Which attendance events the district refuses as attendance although they continue the tablet's chain: a child that
// is not on the tablet's site (or does not exist: the same answer, so a tablet learns nothing about other sites), a day
// that is not the day of the event's time in the site's time zone, and a time ahead of the server's clock by more than
// a tablet's clock may drift, and a pickup confirmation on anything but a check-out. Such an event is kept in the chain, marked refused, and never counted in a report.
import type { components } from '../../src/protocol/api-types.generated';
import { dayKeyIn } from '../ids';

type AttendanceEvent = components['schemas']['AttendanceEvent'];
export type EventRefusal = NonNullable<components['schemas']['EventResult']['refused']>;

/** How far ahead of the server's clock an event's time may be (tablet clocks drift; the signature window is 5 min). */
export const MAX_EVENT_AHEAD_MS = 10 * 60_000;

export function eventRefusal(
  event: AttendanceEvent,
  site: { timeZone: string; childIds: ReadonlySet<string> },
  nowMs: number,
): EventRefusal | null {
  if (!site.childIds.has(event.childId)) return 'child-not-on-site';
  if (event.atMs > nowMs + MAX_EVENT_AHEAD_MS) return 'time-in-future';
  // Who collected a child belongs to a check-out only.
  if (event.type === 'mark' && event.pickup !== undefined && event.direction !== 'out') return 'pickup-not-on-check-out';
  const day = dayKeyIn(event.atMs, site.timeZone);
  // A correction is filed under the corrected event's day, which is never after the day it was made.
  if (event.type === 'correction' ? event.dayKey > day : event.dayKey !== day) return 'day-mismatch';
  return null;
}
