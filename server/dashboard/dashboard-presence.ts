// Who was present at a site on its days, counted in the database: a child is present on a day when the day's events,
// with staff corrections applied (src/core/attendance-rules, as the register and the daily report count), hold a
// check-in. Most child-days have no correction: those are settled in SQL (any check-in mark), along the events'
// (device_id, day_key) index, and only the few corrected child-days are read back and replayed here.
import { effectiveMarks } from '../../src/core/attendance-rules';
import { childDayEvents, childDayKey, childOfKey, dayOfKey } from '../services/child-day-events';
import type { Queryable } from '../db/database';

/** Each child-day of the site's own children between two days: whether it has a check-in mark, whether it has a correction. */
const PER_CHILD_DAY = `
  select e.day_key, e.child_id,
    bool_or(e.type = 'mark' and e.body->>'direction' = 'in') as has_in,
    bool_or(e.type = 'correction') as corrected
  from events e
  join devices d on d.id = e.device_id
  join children c on c.id = e.child_id and c.site_id = d.site_id
  where d.site_id = $1 and e.day_key >= $2 and e.day_key <= $3 and e.refused is null
  group by e.day_key, e.child_id`;

/** The corrected child-days (as `day|child`) that still hold a check-in once their corrections are applied. */
async function presentAfterCorrections(
  db: Queryable,
  siteId: string,
  from: string,
  to: string,
  childDays: ReadonlySet<string>,
): Promise<Set<string>> {
  const present = new Set<string>();
  for (const [key, events] of await childDayEvents(db, siteId, from, to, childDays))
    if (effectiveMarks(events).some((m) => m.direction === 'in')) present.add(key);
  return present;
}

/** The ids of the site's children present on `day`. */
export async function presentOn(db: Queryable, siteId: string, day: string): Promise<Set<string>> {
  const rows = await db.query<{ child_id: string; has_in: boolean; corrected: boolean }>(PER_CHILD_DAY, [siteId, day, day]);
  const present = new Set(rows.filter((r) => r.has_in && !r.corrected).map((r) => r.child_id));
  const corrected = new Set(rows.filter((r) => r.corrected).map((r) => childDayKey(day, r.child_id)));
  for (const key of await presentAfterCorrections(db, siteId, day, day, corrected)) present.add(childOfKey(key));
  return present;
}

/**
 * How many of the site's children were present on each day from `from` to `to` (days without attendance are absent).
 * Along the partial indexes of migration 28: check-ins of child-days without a correction are counted from the index;
 * corrected child-days are replayed. No join with the roster: ingest refuses (marks `refused`) an event for a child
 * not on the tablet's site.
 */
export async function presentCounts(db: Queryable, siteId: string, from: string, to: string): Promise<Map<string, number>> {
  const corrected = await db.query<{ day_key: string; child_id: string }>(
    `select distinct e.day_key, e.child_id from events e
     where e.device_id in (select id from devices where site_id = $1) and e.type = 'correction'
       and e.day_key >= $2 and e.day_key <= $3 and e.refused is null`,
    [siteId, from, to],
  );
  const rows = await db.query<{ day_key: string; present: number }>(
    `select i.day_key, count(distinct i.child_id)::int as present from events i
     where i.device_id in (select id from devices where site_id = $1) and i.type = 'mark' and i.refused is null
       and (i.body->>'direction') = 'in' and i.day_key >= $2 and i.day_key <= $3
       and not exists (select 1 from events c where c.device_id in (select id from devices where site_id = $1)
         and c.type = 'correction' and c.refused is null and c.day_key = i.day_key and c.child_id = i.child_id)
     group by i.day_key`,
    [siteId, from, to],
  );
  const counts = new Map(rows.map((r) => [r.day_key, Number(r.present)]));
  const fixes = new Set(corrected.map((r) => childDayKey(r.day_key, r.child_id)));
  for (const key of await presentAfterCorrections(db, siteId, from, to, fixes)) {
    const day = dayOfKey(key);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}
