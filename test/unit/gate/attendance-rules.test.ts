// Check-in / check-out rules: what a parent sees in the day's record after their child passes the gate.
import { describe, expect, it } from 'vitest';
import { dayKeyAt, effectiveMarks, planAttendance, type AttendanceEvent, type Direction } from '../../../src/core/attendance-rules';
import { defaultGateConfig } from '../../../src/config';
import { child, device } from './gate-fixtures';

const ALMATY = 300; // UTC+5, minutes
const dayKey = (ms: number) => dayKeyAt(ms, ALMATY);
const INTERVAL = defaultGateConfig.checkOutMinIntervalMs;
const aliya = child('aliya');
const timur = child('timur');
/** 2025-03-10 08:00 in Almaty. */
const MORNING = Date.UTC(2025, 2, 10, 3, 0);
const MIN = 60_000;

let n = 0;
function mark(direction: Direction, atMs: number, childId = aliya): AttendanceEvent {
  n += 1;
  return {
    type: 'mark',
    id: `e${String(n).padStart(4, '0')}`,
    deviceId: device('d1'),
    seq: n,
    prevHash: '',
    childId,
    dayKey: dayKey(atMs),
    atMs,
    direction,
    method: 'face',
    score: 0.7,
  };
}
function correction(target: AttendanceEvent, direction: Direction | null, atMs: number): AttendanceEvent {
  n += 1;
  return {
    type: 'correction',
    id: `e${String(n).padStart(4, '0')}`,
    deviceId: device('d1'),
    seq: n,
    prevHash: '',
    childId: target.childId,
    dayKey: target.dayKey,
    atMs,
    corrects: target.id,
    direction,
  };
}
const plan = (events: AttendanceEvent[], nowMs: number, requested?: Direction) =>
  planAttendance({ childId: aliya, events, nowMs, dayKey, checkOutMinIntervalMs: INTERVAL, ...(requested ? { requested } : {}) });

describe('dayKeyAt', () => {
  it('uses the local day: 23:30 UTC is already the next morning in Almaty', () => {
    expect(dayKeyAt(Date.UTC(2025, 2, 10, 18, 59), ALMATY)).toBe('2025-03-10');
    expect(dayKeyAt(Date.UTC(2025, 2, 10, 19, 0), ALMATY)).toBe('2025-03-11');
    expect(dayKeyAt(Date.UTC(2025, 2, 10, 23, 30), 0)).toBe('2025-03-10');
  });
});

describe('planAttendance', () => {
  it('checks a child in at the first event of the day', () => {
    expect(plan([], MORNING)).toEqual({ kind: 'planned', direction: 'in' });
  });

  it('treats a repeat within the interval as "already checked in" (nothing recorded)', () => {
    const events = [mark('in', MORNING)];
    expect(plan(events, MORNING + 5 * MIN)).toEqual({ kind: 'already', direction: 'in', lastAtMs: MORNING });
    expect(plan(events, MORNING + INTERVAL - 1)).toMatchObject({ kind: 'already' });
  });

  it('checks out once the interval has passed, then a repeat is "already checked out"', () => {
    const checkIn = mark('in', MORNING);
    expect(plan([checkIn], MORNING + INTERVAL)).toEqual({ kind: 'planned', direction: 'out' });
    const checkOut = mark('out', MORNING + 9 * 60 * MIN);
    expect(plan([checkIn, checkOut], MORNING + 9 * 60 * MIN + MIN)).toEqual({ kind: 'already', direction: 'out', lastAtMs: checkOut.atMs });
    // Came back after the doctor: in again.
    expect(plan([checkOut, checkIn], MORNING + 10 * 60 * MIN)).toEqual({ kind: 'planned', direction: 'in' });
  });

  it('after a check-out, a bracelet tap a minute later checks the child back in; a face stays a repeat for the interval', () => {
    const events = [mark('in', MORNING), mark('out', MORNING + 8 * 60 * MIN)];
    const out = MORNING + 8 * 60 * MIN;
    const tap = (nowMs: number) =>
      planAttendance({ childId: aliya, events, nowMs, dayKey, checkOutMinIntervalMs: INTERVAL, deliberate: true });
    // Collected at 16:00, back inside at 16:05 (forgot her coat): in again, so the roll call counts her.
    expect(tap(out + 5 * MIN)).toEqual({ kind: 'planned', direction: 'in' });
    expect(tap(out + 30_000)).toMatchObject({ kind: 'already', direction: 'out' });
    // The face of the child leaving past the camera is not an arrival.
    expect(plan(events, out + 5 * MIN)).toMatchObject({ kind: 'already', direction: 'out' });
    // A bracelet tapped again right after a check-in is still a repeat for the whole interval.
    expect(
      planAttendance({
        childId: aliya,
        events: [mark('in', MORNING)],
        nowMs: MORNING + 5 * MIN,
        dayKey,
        checkOutMinIntervalMs: INTERVAL,
        deliberate: true,
      }),
    ).toMatchObject({ kind: 'already' });
  });

  it('starts the next day with check-in even when yesterday ended checked in', () => {
    const yesterday = [mark('in', MORNING)];
    expect(plan(yesterday, MORNING + 24 * 60 * MIN)).toEqual({ kind: 'planned', direction: 'in' });
  });

  it("ignores other children's events", () => {
    expect(plan([mark('in', MORNING, timur)], MORNING + MIN)).toEqual({ kind: 'planned', direction: 'in' });
  });

  it('treats a clock that stepped back as a repeat, never as a check-out', () => {
    expect(plan([mark('in', MORNING)], MORNING - 10 * MIN)).toMatchObject({ kind: 'already', direction: 'in' });
  });

  it('lets a teacher check a child out within the interval, but not twice', () => {
    const checkIn = mark('in', MORNING);
    expect(plan([checkIn], MORNING + MIN, 'out')).toEqual({ kind: 'planned', direction: 'out' });
    expect(plan([checkIn], MORNING + MIN, 'in')).toMatchObject({ kind: 'already', direction: 'in' });
  });
});

describe('corrections', () => {
  it('a voided check-in (wrong child) no longer counts: the child checks in afresh', () => {
    const wrong = mark('in', MORNING);
    const voided = correction(wrong, null, MORNING + 2 * MIN);
    expect(plan([wrong, voided], MORNING + 3 * MIN)).toEqual({ kind: 'planned', direction: 'in' });
  });

  it('a redirected event keeps its time but counts with the corrected direction', () => {
    const checkIn = mark('in', MORNING);
    const wrongIn = mark('in', MORNING + 8 * 60 * MIN); // should have been the check-out
    const fixed = correction(wrongIn, 'out', MORNING + 8 * 60 * MIN + 5 * MIN);
    expect(effectiveMarks([checkIn, wrongIn, fixed]).map((m) => m.direction)).toEqual(['in', 'out']);
    expect(plan([checkIn, wrongIn, fixed], MORNING + 8 * 60 * MIN + 6 * MIN)).toMatchObject({ kind: 'already', direction: 'out' });
  });

  it('a correction of a correction undoes it, and the latest correction of an event wins', () => {
    const checkIn = mark('in', MORNING);
    const voided = correction(checkIn, null, MORNING + MIN);
    const undone = correction(voided, null, MORNING + 2 * MIN);
    expect(plan([checkIn, voided, undone], MORNING + 3 * MIN)).toMatchObject({ kind: 'already', direction: 'in' });
    const redirected = correction(checkIn, 'out', MORNING + 4 * MIN);
    expect(effectiveMarks([redirected, checkIn, voided, undone]).map((m) => m.direction)).toEqual(['out']);
  });

  it('does not loop on corrections that reference each other (forged data)', () => {
    const checkIn = mark('in', MORNING);
    const a = correction(checkIn, null, MORNING + MIN);
    const b = { ...correction(a, null, MORNING + 2 * MIN) };
    (a as { corrects: string }).corrects = b.id;
    expect(effectiveMarks([checkIn, a, b])).toHaveLength(1);
  });
});
