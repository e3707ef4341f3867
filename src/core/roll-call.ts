// The emergency roll call: who is inside now, from the day's attendance events with staff corrections applied, grouped
// the way staff count children (by group), with the counts a teacher reads out. The events are this tablet's own and
// the read-only copies of the site's other tablets' events (as of their last sync): one child's marks are merged across
// all tablets by time, and a correction applies to the event it names whichever tablet recorded either. Pure: the ticks
// ("accounted for") are the screen's, in memory; nothing here writes or keeps anything about a child.
import { effectiveMarks, type AttendanceEvent } from './attendance-rules';
import type { ChildId } from './types';
import { csvCell } from './csv-cell';

/** An event another tablet of the site recorded (a copy the district gave back), with that tablet's name. */
export interface OtherTabletEvent {
  event: AttendanceEvent;
  deviceName: string;
}

/** A child whose last standing mark of the day is a check-in. */
export interface InsideChild {
  childId: ChildId;
  /** When that check-in was made (the mark's own time, also when a correction turned an `out` into an `in`). */
  checkedInAtMs: number;
  /** The other tablet that recorded that check-in (its name); absent when this tablet did. */
  gate?: string;
}

/**
 * Who is inside on `dayKey`: every child whose last standing mark of that day (corrections applied, as staff see them)
 * is `in`, across this tablet's `events` and the `others` tablets' copies (an event held both ways counts once, as this
 * tablet's). Events of other days are ignored; a correction counts for the day of the event it corrects.
 */
export function insideNow(events: readonly AttendanceEvent[], dayKey: string, others: readonly OtherTabletEvent[] = []): InsideChild[] {
  const gateOf = new Map<string, string>();
  const all: AttendanceEvent[] = [...events];
  const own = new Set(events.map((e) => e.id));
  for (const { event, deviceName } of others) {
    if (own.has(event.id) || gateOf.has(event.id)) continue;
    gateOf.set(event.id, deviceName);
    all.push(event);
  }
  const byChild = new Map<ChildId, AttendanceEvent[]>();
  for (const e of all) {
    if (e.dayKey !== dayKey) continue;
    const list = byChild.get(e.childId);
    if (list === undefined) byChild.set(e.childId, [e]);
    else list.push(e);
  }
  const inside: InsideChild[] = [];
  for (const [childId, list] of byChild) {
    const last = effectiveMarks(list).at(-1);
    if (last?.direction !== 'in') continue;
    const gate = gateOf.get(last.eventId);
    inside.push(gate === undefined ? { childId, checkedInAtMs: last.atMs } : { childId, checkedInAtMs: last.atMs, gate });
  }
  return inside;
}

/** Whole minutes from `thenMs` to `nowMs` (0 for a time a little ahead, as clocks differ). */
export function minutesAgo(thenMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - thenMs) / 60_000));
}

/** What the roll call needs to know of a child on the roster. */
export interface RollCallPerson {
  firstName: string;
  lastName: string;
  group: string;
}

export interface RollCallChild extends InsideChild {
  firstName: string;
  lastName: string;
}

export interface RollCallGroup {
  /** The group's name; null for children inside who are no longer on the roster (a sync removed them today). */
  group: string | null;
  children: RollCallChild[];
}

/** Another tablet of the site, as the district last described it. */
export interface RollCallTablet {
  name: string;
  /** Its last sync (this tablet's clock); null: it has not synced yet. */
  lastSyncedAtMs: number | null;
}

/** The roll call as a screen shows it: made at one moment, from this tablet's own database (works offline). */
export interface RollCall {
  generatedAtMs: number;
  /** The site day it covers (`YYYY-MM-DD`). */
  dayKey: string;
  groups: RollCallGroup[];
  /**
   * The other tablets' part: when their events were last received from the district (null: never, e.g. a tablet not
   * paired, so the list is this tablet's only), each other tablet with its last sync, and whether the last try to
   * update them failed (the list then uses what was received before).
   */
  others: { receivedAtMs: number | null; tablets: RollCallTablet[]; lastTryFailed: boolean };
  /**
   * Adults on site: staff signed in on duty at this tablet, then those on duty at the site's other tablets as of the
   * last sync (name as typed, group or null, since when, and the other tablet's name).
   */
  staff?: RollCallStaff[];
}

/** A member of staff on duty, as the roll call lists them. */
export interface RollCallStaff {
  name: string;
  group: string | null;
  sinceMs: number;
  /** The other tablet they signed in at; absent for this tablet. */
  gate?: string;
}

const byName = (a: RollCallChild, b: RollCallChild) =>
  a.firstName.localeCompare(b.firstName) || a.lastName.localeCompare(b.lastName) || (a.childId < b.childId ? -1 : 1);

/** Groups the children inside by their roster group (groups by name, children by name; unknown children last). */
export function rollCallGroups(inside: readonly InsideChild[], lookup: (id: ChildId) => RollCallPerson | undefined): RollCallGroup[] {
  const groups = new Map<string | null, RollCallChild[]>();
  for (const child of inside) {
    const person = lookup(child.childId);
    const key = person?.group ?? null;
    const list = groups.get(key) ?? [];
    list.push({ ...child, firstName: person?.firstName ?? '', lastName: person?.lastName ?? '' });
    groups.set(key, list);
  }
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([group, children]) => ({ group, children: children.sort(byName) }));
}

export interface RollCallCount {
  inside: number;
  accounted: number;
  missing: number;
}

/** Inside / accounted for / missing, per group (in the groups' order) and in total. */
export function rollCallCounts(
  groups: readonly RollCallGroup[],
  accounted: ReadonlySet<ChildId>,
): { groups: RollCallCount[]; total: RollCallCount } {
  const total: RollCallCount = { inside: 0, accounted: 0, missing: 0 };
  const perGroup = groups.map((g) => {
    const inside = g.children.length;
    const ticked = g.children.filter((c) => accounted.has(c.childId)).length;
    total.inside += inside;
    total.accounted += ticked;
    total.missing += inside - ticked;
    return { inside, accounted: ticked, missing: inside - ticked };
  });
  return { groups: perGroup, total };
}

/** The words and formats of a roll call file, in the staff's language. */
export interface RollCallCsvText {
  header: { group: string; child: string; checkedInAt: string; accounted: string; generatedAt: string };
  yes: string;
  no: string;
  /** The group of children no longer on the roster, and the name shown for them. */
  noGroup: string;
  unknownChild: string;
  time: (ms: number) => string;
  dateTime: (ms: number) => string;
}

/**
 * The roll call as CSV (RFC 4180, CRLF, with a byte order mark so that spreadsheets read Cyrillic and Kazakh letters):
 * group, child's name, checked in at, accounted for (yes/no), when the list was made. Names and times only: no ids.
 */
export function rollCallCsv(rollCall: RollCall, accounted: ReadonlySet<ChildId>, text: RollCallCsvText): string {
  const { header } = text;
  const made = text.dateTime(rollCall.generatedAtMs);
  const lines = [[header.group, header.child, header.checkedInAt, header.accounted, header.generatedAt]];
  for (const g of rollCall.groups) {
    for (const c of g.children) {
      const name = `${c.firstName} ${c.lastName}`.trim() || text.unknownChild;
      lines.push([g.group ?? text.noGroup, name, text.time(c.checkedInAtMs), accounted.has(c.childId) ? text.yes : text.no, made]);
    }
  }
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
