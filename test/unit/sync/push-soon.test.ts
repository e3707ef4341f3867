// The kiosk's "push soon": a recorded event signals the outbox after its transaction committed, and the debounced
// trigger starts one signed sync run about 1.5 s later (a burst of check-ins in one run, a steady stream at least every
// few seconds), instead of waiting for the 5-minute interval.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordDecision } from '../../../src/attendance/record-event';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { defaultSyncConfig } from '../../../src/config';
import { GateDb } from '../../../src/storage/db';
import { watchOutbox } from '../../../src/storage/outbox-signal';
import { PushSoon } from '../../../src/sync/push-soon';

function pushSoon(trigger: (reason: string) => void) {
  return new PushSoon({
    trigger,
    delayMs: defaultSyncConfig.pushSoonMs,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('push soon', () => {
  it('pushes once about 1.5 s after a burst of events, not at the 5-minute interval', () => {
    vi.useFakeTimers();
    const trigger = vi.fn();
    const soon = pushSoon(trigger);
    soon.signal();
    vi.advanceTimersByTime(500);
    soon.signal();
    vi.advanceTimersByTime(500);
    soon.signal();
    vi.advanceTimersByTime(1_400);
    expect(trigger).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(trigger).toHaveBeenCalledTimes(1);
    expect(trigger).toHaveBeenCalledWith('push-soon');
    vi.advanceTimersByTime(60_000);
    expect(trigger).toHaveBeenCalledTimes(1);
  });

  it('does not let a steady stream of check-ins hold the push back', () => {
    vi.useFakeTimers();
    const trigger = vi.fn();
    const soon = pushSoon(trigger);
    for (let i = 0; i < 20; i++) {
      soon.signal();
      vi.advanceTimersByTime(1_000);
    }
    // 20 s of one check-in a second: a push at least every 4 x 1.5 s.
    expect(trigger.mock.calls.length).toBeGreaterThanOrEqual(3);
    soon.stop();
    soon.signal();
    vi.advanceTimersByTime(10_000);
    const calls = trigger.mock.calls.length;
    vi.advanceTimersByTime(10_000);
    expect(trigger.mock.calls.length).toBe(calls);
  });

  it('hears a recorded event after its transaction committed (the outbox already holds it)', async () => {
    const db = new GateDb(`push-soon-${Math.random()}`);
    const seen: number[] = [];
    const heard = new Promise<void>((resolve) =>
      watchOutbox(db, () => {
        void db.outbox.count().then((n) => {
          seen.push(n);
          resolve();
        });
      }),
    );
    const result = await recordDecision(
      db,
      { kind: 'recognized', childId: 'c-1' as ChildId, method: 'staff', score: null },
      Date.now(),
      'dev-local' as DeviceId,
    );
    expect(result.kind).toBe('recorded');
    await heard;
    expect(seen[0]).toBe(1);
    db.close();
  });
});
