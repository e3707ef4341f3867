// Today's attendance as staff see it: each child's state and the day's marks with staff corrections applied
// (a removed or re-directed mark is shown as such; nothing is hidden or edited). Pure, over plain events.
import { effectiveMarks, type AttendanceEvent, type Direction, type EffectiveMark, type MarkEvent } from '../core/attendance-rules';
import type { ChildId } from '../core/types';

export interface TodayRow {
  event: MarkEvent;
  /** The direction that stands after corrections; null when staff removed the mark. */
  direction: Direction | null;
  corrected: boolean;
}

/** The day's marks, newest first, with their standing direction. */
export function todayRows(events: readonly AttendanceEvent[]): TodayRow[] {
  const standing = new Map(effectiveMarks(events).map((m) => [m.eventId, m.direction]));
  const corrected = new Set(events.filter((e) => e.type === 'correction').map((e) => (e.type === 'correction' ? e.corrects : '')));
  return events
    .filter((e): e is MarkEvent => e.type === 'mark')
    .sort((a, b) => b.atMs - a.atMs || (a.id < b.id ? 1 : -1))
    .map((event) => ({ event, direction: standing.get(event.id) ?? null, corrected: corrected.has(event.id) }));
}

/** Each child's last standing mark of the day (absent: not seen today). */
export function childStates(events: readonly AttendanceEvent[]): Map<ChildId, EffectiveMark> {
  const byChild = new Map<ChildId, AttendanceEvent[]>();
  for (const e of events) {
    const list = byChild.get(e.childId) ?? [];
    list.push(e);
    byChild.set(e.childId, list);
  }
  const states = new Map<ChildId, EffectiveMark>();
  for (const [childId, list] of byChild) {
    const marks = effectiveMarks(list);
    const last = marks[marks.length - 1];
    if (last !== undefined) states.set(childId, last);
  }
  return states;
}

/** How many children are in right now (their last standing mark is `in`). */
export function presentCount(states: ReadonlyMap<ChildId, EffectiveMark>): number {
  let n = 0;
  for (const s of states.values()) if (s.direction === 'in') n++;
  return n;
}
