// The integrity signal "checked in but never seen": of the children present at a site on a day, those with no check-in
// by a live face and no bracelet check-in with a person in front of the camera (presence evidence) over the days looked back,
// with how many of those days they were present. Counted as the register counts (staff corrections applied,
// src/core/attendance-rules), but in the database: a child-day without a correction is settled along partial indexes
// that hold no event body (migrations 28 and 34), and only the few corrected child-days are read back and replayed here.
// Reading and replaying every body of ten days cost ~0.5 s per 2,000-child site, paid per site by the district dashboard.
import { effectiveMarks, type AttendanceEvent } from '../../src/core/attendance-rules';
import type { Queryable } from '../db/database';
import { childDayEvents, childDayKey, childOfKey } from './child-day-events';

/**
 * A check-in that shows the child was there: by face with the presentation-attack check saying live (a photo held up,
 * even one the site's mode let through, or a face mark made without the check, shows nobody) for a child whose face
 * may be matched (`faceCounts`: a face consent covered the days looked back), or by bracelet with a person in front of
 * the camera.
 */
export function isSeenMark(e: AttendanceEvent | undefined, faceCounts = true): boolean {
  if (e?.type !== 'mark') return false;
  if (e.method === 'face') return faceCounts && e.pad?.result === 'live';
  return e.method === 'bracelet' && e.presence === 'person';
}

/** The site's events of the given children between two days that count (not refused), on `events` aliased `e`. */
const OF_CHILDREN = `e.device_id in (select id from devices where site_id = $1) and e.day_key >= $2 and e.day_key <= $3
  and e.refused is null and e.child_id = any($4::text[])`;

/** Check-in marks, along migration 28's partial index (events_check_ins): its predicate, word for word. */
const CHECK_IN = `e.type = 'mark' and (e.body->>'direction') = 'in'`;

/**
 * isSeenMark in SQL, along migration 34's partial index (events_seen_ins): its predicate, word for word, so that the
 * planner reads the index and never a body. Change it with isSeenMark and the index, or not at all.
 */
const SEEN_CHECK_IN = `${CHECK_IN}
  and (((e.body->>'method') = 'face' and (e.body->'pad'->>'result') = 'live')
    or ((e.body->>'method') = 'bracelet' and (e.body->>'presence') = 'person'))`;
/** The bracelet half of it alone (a child no face consent covered), along the same index (it implies its predicate). */
const SEEN_AT_TAP = `${CHECK_IN} and (e.body->>'method') = 'bracelet' and (e.body->>'presence') = 'person'`;

/** A child-day as the register reads it, corrections applied: not present, present, or present and seen. */
export function childDayState(events: readonly AttendanceEvent[], faceCounts = true): 'absent' | 'present' | 'seen' {
  const byId = new Map(events.map((e) => [e.id, e]));
  const ins = effectiveMarks(events).filter((m) => m.direction === 'in');
  if (ins.length === 0) return 'absent';
  return ins.some((m) => isSeenMark(byId.get(m.eventId), faceCounts)) ? 'seen' : 'present';
}

export interface NeverSeenChild {
  childId: string;
  /** Days from `from` to `to` on which the child was present (corrections applied). */
  daysPresent: number;
}

/**
 * Of `childIds` (the children present on `to`), those never seen from `from` to `to` (both included), with the days
 * they were present. A child present on no day of the window is not listed. `faceConsented`: the children a face
 * consent covered on some day of the window; for the others a face check-in (which no honest tablet makes) sees nobody.
 */
export async function neverSeenChildren(
  db: Queryable,
  siteId: string,
  from: string,
  to: string,
  childIds: readonly string[],
  faceConsented: ReadonlySet<string>,
): Promise<NeverSeenChild[]> {
  if (childIds.length === 0) return [];
  type ChildDay = { day_key: string; child_id: string };
  const key = (r: ChildDay) => childDayKey(r.day_key, r.child_id);
  const childDays = (where: string, ids: readonly string[]) =>
    db.query<ChildDay>(`select distinct e.day_key, e.child_id from events e where ${OF_CHILDREN} and ${where}`, [siteId, from, to, ids]);
  // Child-days with a staff correction are settled by replaying them; every other one by the indexes.
  const corrected = new Set((await childDays(`e.type = 'correction'`, childIds)).map(key));
  const withFace = childIds.filter((id) => faceConsented.has(id));
  const withoutFace = childIds.filter((id) => !faceConsented.has(id));
  const seenRows = [
    ...(withFace.length === 0 ? [] : await childDays(SEEN_CHECK_IN, withFace)),
    ...(withoutFace.length === 0 ? [] : await childDays(SEEN_AT_TAP, withoutFace)),
  ];
  const seen = new Set(seenRows.filter((r) => !corrected.has(key(r))).map((r) => r.child_id));
  const unseen = childIds.filter((id) => !seen.has(id));
  if (unseen.length === 0) return [];
  const daysPresent = new Map<string, number>();
  const present = (childId: string) => daysPresent.set(childId, (daysPresent.get(childId) ?? 0) + 1);
  for (const r of await childDays(CHECK_IN, unseen)) if (!corrected.has(key(r))) present(r.child_id);
  const replay = new Set([...corrected].filter((k) => !seen.has(childOfKey(k))));
  for (const [k, dayEvents] of await childDayEvents(db, siteId, from, to, replay)) {
    const state = childDayState(dayEvents, faceConsented.has(childOfKey(k)));
    if (state === 'seen') seen.add(childOfKey(k));
    else if (state === 'present') present(childOfKey(k));
  }
  return [...daysPresent].filter(([childId]) => !seen.has(childId)).map(([childId, days]) => ({ childId, daysPresent: days }));
}
