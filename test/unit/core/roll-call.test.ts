// The roll call's rule: who is inside is every child whose last standing mark of the day is a check-in, with staff
// corrections applied as staff see them, merged across the site's tablets (this one's events and the other tablets'
// copies, by time, corrections applying wherever they came from); grouped by group with counts; the CSV carries names
// and times, never ids.
import { describe, expect, it } from 'vitest';
import type { AttendanceEvent, CorrectionEvent, Direction, MarkEvent, RecognitionMethod } from '../../../src/core/attendance-rules';
import {
  insideNow,
  minutesAgo,
  rollCallCounts,
  rollCallCsv,
  rollCallGroups,
  type OtherTabletEvent,
  type RollCall,
  type RollCallPerson,
} from '../../../src/core/roll-call';
import type { ChildId, DeviceId } from '../../../src/core/types';

const DAY = '2025-03-10';
let seq = 0;
const mark = (
  id: string,
  child: string,
  atMs: number,
  direction: Direction,
  method: RecognitionMethod = 'bracelet',
  dayKey = DAY,
): MarkEvent => ({
  type: 'mark',
  id,
  deviceId: 'd' as DeviceId,
  seq: ++seq,
  prevHash: '',
  childId: child as ChildId,
  dayKey,
  atMs,
  direction,
  method,
  score: null,
});
const correction = (id: string, corrects: MarkEvent, atMs: number, direction: Direction | null): CorrectionEvent => ({
  type: 'correction',
  id,
  deviceId: 'd' as DeviceId,
  seq: ++seq,
  prevHash: '',
  childId: corrects.childId,
  dayKey: corrects.dayKey,
  atMs,
  corrects: corrects.id,
  direction,
});
const ids = (events: AttendanceEvent[]) =>
  insideNow(events, DAY)
    .map((c) => c.childId)
    .sort();

describe('who is inside now', () => {
  it('a check-in puts the child inside, with the time of the check-in', () => {
    expect(insideNow([mark('e1', 'a', 1_000, 'in')], DAY)).toEqual([{ childId: 'a', checkedInAtMs: 1_000 }]);
  });

  it('a check-out takes the child out, and a check-in again brings them back with the new time', () => {
    const events = [mark('e1', 'a', 1_000, 'in'), mark('e2', 'a', 2_000, 'out')];
    expect(ids(events)).toEqual([]);
    expect(insideNow([...events, mark('e3', 'a', 3_000, 'in')], DAY)).toEqual([{ childId: 'a', checkedInAtMs: 3_000 }]);
  });

  it('orders by time, not by the order the events come in', () => {
    expect(ids([mark('e2', 'a', 2_000, 'out'), mark('e1', 'a', 1_000, 'in')])).toEqual([]);
  });

  it('a correction that removes the check-in takes the child out; undoing that correction brings them back', () => {
    const checkIn = mark('e1', 'a', 1_000, 'in');
    const removal = correction('e2', checkIn, 2_000, null);
    expect(ids([checkIn, removal])).toEqual([]);
    // The child was seen leaving earlier in the day: removing the afternoon check-in leaves the check-out standing.
    const morning = mark('e0', 'b', 500, 'in');
    const out = mark('e3', 'b', 600, 'out');
    const again = mark('e4', 'b', 1_500, 'in');
    expect(ids([morning, out, again])).toEqual(['b']);
    expect(ids([morning, out, again, correction('e5', again, 1_600, null)])).toEqual([]);
    // A correction of the correction undoes it.
    expect(ids([checkIn, removal, { ...correction('e6', checkIn, 3_000, null), corrects: 'e2', direction: null }])).toEqual(['a']);
  });

  it('a check-out by staff takes the child out; a wrong check-out corrected to "in" puts them back', () => {
    const events = [mark('e1', 'a', 1_000, 'in', 'face'), mark('e2', 'a', 2_000, 'out', 'staff')];
    expect(ids(events)).toEqual([]);
    expect(ids([...events, correction('e3', events[1]!, 2_500, 'in')])).toEqual(['a']);
  });

  it("ignores another day's events: yesterday's check-in without a check-out is not inside today", () => {
    const yesterday = mark('e1', 'a', 1_000, 'in', 'bracelet', '2025-03-09');
    expect(ids([yesterday])).toEqual([]);
    // Nor does yesterday's check-out take out a child who came today.
    expect(ids([mark('e2', 'b', 5_000, 'in'), mark('e3', 'b', 6_000, 'out', 'staff', '2025-03-09')])).toEqual(['b']);
  });

  it('several children: each by their own events', () => {
    const events = [mark('e1', 'a', 1, 'in'), mark('e2', 'b', 2, 'in'), mark('e3', 'c', 3, 'in'), mark('e4', 'b', 4, 'out')];
    expect(ids(events)).toEqual(['a', 'c']);
  });
});

describe("who is inside across the site's tablets (issue 15)", () => {
  /** The same events as recorded on another tablet of the site (its device id), with that tablet's name. */
  const at = (deviceName: string, event: AttendanceEvent): OtherTabletEvent => ({
    deviceName,
    event: { ...event, deviceId: `dev-${deviceName}` as DeviceId },
  });

  it('a child checked in at Gate 2 and not out is inside, marked with that gate; one checked out here after it is not', () => {
    const gate2In = at('Gate 2', mark('t2-1', 'a', 1_000, 'in'));
    expect(insideNow([], DAY, [gate2In])).toEqual([{ childId: 'a', checkedInAtMs: 1_000, gate: 'Gate 2' }]);
    // In at tablet 2, out at tablet 1 (this one): not inside.
    expect(insideNow([mark('t1-1', 'a', 2_000, 'out')], DAY, [gate2In])).toEqual([]);
    // In here, out at Gate 2, back in at Gate 2: inside since the later check-in, at Gate 2.
    const events = [mark('t1-2', 'b', 1_000, 'in')];
    const others = [at('Gate 2', mark('t2-2', 'b', 2_000, 'out')), at('Gate 2', mark('t2-3', 'b', 3_000, 'in'))];
    expect(insideNow(events, DAY, others)).toEqual([{ childId: 'b', checkedInAtMs: 3_000, gate: 'Gate 2' }]);
    // Out at Gate 2 after a check-in here: not inside; the order is the events' time, not the order they are given in.
    expect(insideNow([mark('t1-3', 'c', 1_000, 'in')], DAY, [at('Gate 2', mark('t2-4', 'c', 900, 'out'))])).toEqual([
      { childId: 'c', checkedInAtMs: 1_000 },
    ]);
  });

  it("a correction from tablet 2 removes its own check-in; one made here applies to tablet 2's event as well", () => {
    const checkIn = mark('t2-1', 'a', 1_000, 'in');
    expect(insideNow([], DAY, [at('Gate 2', checkIn), at('Gate 2', correction('t2-2', checkIn, 2_000, null))])).toEqual([]);
    // Staff here corrected Gate 2's check-out of child b to a check-in: inside, the mark still Gate 2's.
    const checkOut = mark('t2-3', 'b', 1_500, 'out');
    expect(insideNow([correction('t1-1', checkOut, 2_500, 'in')], DAY, [at('Gate 2', checkOut)])).toEqual([
      { childId: 'b', checkedInAtMs: 1_500, gate: 'Gate 2' },
    ]);
  });

  it("counts an event held both ways once, as this tablet's, and ignores copies of another day", () => {
    const mine = mark('e1', 'a', 1_000, 'in');
    expect(insideNow([mine], DAY, [{ deviceName: 'Gate 2', event: mine }])).toEqual([{ childId: 'a', checkedInAtMs: 1_000 }]);
    expect(insideNow([], DAY, [at('Gate 2', mark('e2', 'b', 1_000, 'in', 'bracelet', '2025-03-09'))])).toEqual([]);
  });

  it('says how many whole minutes ago a tablet synced, never a negative number', () => {
    expect(minutesAgo(0, 4 * 60_000 + 59_000)).toBe(4);
    expect(minutesAgo(10_000, 0)).toBe(0);
  });
});

describe('the roll call list', () => {
  const roster: Record<string, RollCallPerson> = {
    a: { firstName: 'Aliya', lastName: 'K.', group: 'Balapan' },
    b: { firstName: 'Timur', lastName: 'B.', group: 'Balapan' },
    c: { firstName: 'Dana', lastName: 'S.', group: 'Aqqu' },
  };
  const inside = [
    { childId: 'b' as ChildId, checkedInAtMs: 2 },
    { childId: 'gone' as ChildId, checkedInAtMs: 3 },
    { childId: 'a' as ChildId, checkedInAtMs: 1 },
    { childId: 'c' as ChildId, checkedInAtMs: 4 },
  ];
  const groups = rollCallGroups(inside, (id) => roster[id]);

  it('groups by group name, children by name, and a child no longer on the roster last, without a group', () => {
    expect(groups.map((g) => [g.group, g.children.map((c) => c.firstName || c.childId)])).toEqual([
      ['Aqqu', ['Dana']],
      ['Balapan', ['Aliya', 'Timur']],
      [null, ['gone']],
    ]);
  });

  it('counts inside, accounted for and missing per group and in total', () => {
    const counts = rollCallCounts(groups, new Set(['a', 'c'] as ChildId[]));
    expect(counts.groups).toEqual([
      { inside: 1, accounted: 1, missing: 0 },
      { inside: 2, accounted: 1, missing: 1 },
      { inside: 1, accounted: 0, missing: 1 },
    ]);
    expect(counts.total).toEqual({ inside: 4, accounted: 2, missing: 2 });
  });

  it('writes a CSV of group, name, check-in time, accounted and when it was made; no ids; formulas stay text', () => {
    const rollCall: RollCall = {
      generatedAtMs: 99,
      dayKey: DAY,
      groups: rollCallGroups(
        [
          { childId: 'a' as ChildId, checkedInAtMs: 1 },
          { childId: 'x' as ChildId, checkedInAtMs: 2 },
          { childId: 'gone' as ChildId, checkedInAtMs: 3 },
        ],
        (id) => (id === 'x' ? { firstName: '=HYPERLINK("x")', lastName: 'Q, R', group: 'Balapan' } : roster[id]),
      ),
      others: { receivedAtMs: null, tablets: [], lastTryFailed: false },
    };
    const csv = rollCallCsv(rollCall, new Set(['a'] as ChildId[]), {
      header: { group: 'Group', child: 'Child', checkedInAt: 'Checked in at', accounted: 'Accounted for', generatedAt: 'List made at' },
      yes: 'yes',
      no: 'no',
      noGroup: 'Not on the roster',
      unknownChild: 'Unknown child',
      time: (ms) => `t${ms}`,
      dateTime: (ms) => `d${ms}`,
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Group,Child,Checked in at,Accounted for,List made at',
      // A name that starts with '=' sorts first.
      `Balapan,"'=HYPERLINK(""x"") Q, R",t2,no,d99`,
      'Balapan,Aliya K.,t1,yes,d99',
      'Not on the roster,Unknown child,t3,no,d99',
      '',
    ]);
    expect(csv).not.toContain('gone');
  });
});
