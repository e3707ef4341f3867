// Today's view for staff: states and rows follow the corrections (a removed mark shows as removed, a re-directed one
// with its new direction), and the original events are never hidden.
import { describe, expect, it } from 'vitest';
import type { AttendanceEvent, CorrectionEvent, MarkEvent } from '../../../src/core/attendance-rules';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { childStates, presentCount, todayRows } from '../../../src/gate/today';

const base = { deviceId: 'd' as DeviceId, prevHash: '', dayKey: '2025-03-10' };
let seq = 0;
const mark = (id: string, child: string, atMs: number, direction: 'in' | 'out'): MarkEvent => ({
  ...base,
  type: 'mark',
  id,
  seq: ++seq,
  childId: child as ChildId,
  atMs,
  direction,
  method: 'face',
  score: 0.7,
});
const correction = (id: string, corrects: MarkEvent, atMs: number, direction: 'in' | 'out' | null): CorrectionEvent => ({
  ...base,
  type: 'correction',
  id,
  seq: ++seq,
  childId: corrects.childId,
  atMs,
  corrects: corrects.id,
  direction,
});

describe('today', () => {
  const a1 = mark('e1', 'a', 100, 'in');
  const b1 = mark('e2', 'b', 200, 'in');
  const c1 = mark('e3', 'c', 300, 'in');
  const events: AttendanceEvent[] = [a1, b1, c1, correction('e4', b1, 400, null), correction('e5', c1, 500, 'out')];

  it('lists the marks newest first with the direction that stands', () => {
    expect(todayRows(events).map((r) => [r.event.id, r.direction, r.corrected])).toEqual([
      ['e3', 'out', true],
      ['e2', null, true],
      ['e1', 'in', false],
    ]);
  });

  it('knows who is in: a removed check-in and a check-in corrected to out do not count', () => {
    const states = childStates(events);
    expect(states.get('a' as ChildId)).toMatchObject({ direction: 'in', atMs: 100 });
    expect(states.has('b' as ChildId)).toBe(false);
    expect(states.get('c' as ChildId)?.direction).toBe('out');
    expect(presentCount(states)).toBe(1);
  });
});
