// A site's events of chosen child-days, read back whole: what the counts that are settled in SQL (the dashboard's
// present counts, the integrity signal "never seen") replay with the register's rules when a child-day holds a staff
// correction. A child-day is keyed `day|childId`.
import type { AttendanceEvent } from '../../src/core/attendance-rules';
import type { Queryable } from '../db/database';

export const childDayKey = (day: string, childId: string): string => `${day}|${childId}`;

/** The child id of a `day|childId` key. */
export const childOfKey = (key: string): string => key.slice(key.indexOf('|') + 1);

/** The day of a `day|childId` key. */
export const dayOfKey = (key: string): string => key.slice(0, key.indexOf('|'));

/** The site's events (not refused) of each child-day in `keys`, all of whose days lie from `from` to `to`. */
export async function childDayEvents(
  db: Queryable,
  siteId: string,
  from: string,
  to: string,
  keys: ReadonlySet<string>,
): Promise<Map<string, AttendanceEvent[]>> {
  const byChildDay = new Map<string, AttendanceEvent[]>();
  if (keys.size === 0) return byChildDay;
  const rows = await db.query<{ day_key: string; body: AttendanceEvent }>(
    `select e.day_key, e.body from events e
     where e.device_id in (select id from devices where site_id = $1) and e.day_key >= $2 and e.day_key <= $3
       and e.refused is null and e.child_id = any($4::text[])`,
    [siteId, from, to, [...new Set([...keys].map(childOfKey))]],
  );
  for (const { day_key, body } of rows) {
    const key = childDayKey(day_key, body.childId);
    // The same child's other days are settled without their events.
    if (keys.has(key)) byChildDay.set(key, [...(byChildDay.get(key) ?? []), body]);
  }
  return byChildDay;
}
