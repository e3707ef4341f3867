// The sync runner: one run at a time (and one more after a trigger during a run), Web Locks honoured,
// exponential back-off with full jitter after failures, back to the interval after a success.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, SyncRunner, type LockManagerLike, type RunOutcome } from '../../../src/sync/runner';

function fakeTimers() {
  const scheduled: { fn: () => void; ms: number; handle: number }[] = [];
  let next = 1;
  return {
    scheduled,
    setTimer: (fn: () => void, ms: number) => {
      const handle = next++;
      scheduled.push({ fn, ms, handle });
      return handle;
    },
    clearTimer: (h: unknown) => {
      const i = scheduled.findIndex((s) => s.handle === h);
      if (i >= 0) scheduled.splice(i, 1);
    },
  };
}

describe('backoffDelayMs', () => {
  it('grows exponentially up to the cap, with the jitter spanning the whole range', () => {
    expect(backoffDelayMs(1, 1000, 60_000, () => 0.999)).toBe(1998);
    expect(backoffDelayMs(3, 1000, 60_000, () => 0.5)).toBe(4000);
    expect(backoffDelayMs(20, 1000, 60_000, () => 0.999)).toBe(59_940);
    expect(backoffDelayMs(5, 1000, 60_000, () => 0)).toBe(0);
  });
});

describe('SyncRunner', () => {
  it('never runs twice at once; a trigger during a run causes exactly one more run', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release: () => void = () => {};
    const timers = fakeTimers();
    const runner = new SyncRunner({
      ...timers,
      run: async () => {
        runs++;
        active++;
        maxActive = Math.max(maxActive, active);
        if (runs === 1) await new Promise<void>((r) => (release = r));
        active--;
        return { kind: 'done' };
      },
    });
    const first = runner.trigger('start');
    await Promise.resolve();
    void runner.trigger('online');
    void runner.trigger('visible');
    release();
    await first;
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
  });

  it('backs off after failures with growing ceilings, and returns to the interval after a success', async () => {
    const outcomes: RunOutcome[] = [
      { kind: 'retry', reason: 'network' },
      { kind: 'retry', reason: 'network' },
      { kind: 'retry', reason: 'network' },
      { kind: 'done' },
    ];
    const timers = fakeTimers();
    const runner = new SyncRunner({
      ...timers,
      random: () => 0.999,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      intervalMs: 300_000,
      run: async () => outcomes.shift()!,
    });
    await runner.trigger('start');
    expect(timers.scheduled.map((s) => s.ms)).toEqual([1998]);
    timers.scheduled.shift()!.fn(); // the back-off timer fires
    await new Promise((r) => setTimeout(r, 0));
    expect(timers.scheduled.map((s) => s.ms)).toEqual([3996]);
    await runner.trigger('online');
    expect(timers.scheduled.map((s) => s.ms)).toEqual([7992]);
    expect(runner.failureCount).toBe(3);
    await runner.trigger('online');
    expect(runner.failureCount).toBe(0);
    expect(timers.scheduled.map((s) => s.ms)).toEqual([300_000]);
    runner.stop();
    expect(timers.scheduled).toEqual([]);
  });

  it('a blocked run (needs a person) is retried at the interval, not backed off', async () => {
    const timers = fakeTimers();
    const runner = new SyncRunner({ ...timers, intervalMs: 300_000, run: async () => ({ kind: 'blocked', reason: 'device-revoked' }) });
    await runner.trigger('start');
    expect(runner.failureCount).toBe(0);
    expect(timers.scheduled.map((s) => s.ms)).toEqual([300_000]);
  });

  it('skips the run while another tab holds the Web Lock', async () => {
    let held = true;
    const locks: LockManagerLike = {
      request: async (_name, _options, callback) => callback(held ? null : { name: 'gate-kiosk-sync' }),
    };
    let runs = 0;
    const seen: string[] = [];
    const runner = new SyncRunner({
      ...fakeTimers(),
      locks,
      run: async () => {
        runs++;
        return { kind: 'done' };
      },
      onOutcome: (o) => seen.push(o.kind),
    });
    await runner.trigger('start');
    held = false;
    await runner.trigger('online');
    expect(runs).toBe(1);
    expect(seen).toEqual(['busy', 'done']);
  });

  it('a run that throws counts as a failure to retry', async () => {
    const timers = fakeTimers();
    const runner = new SyncRunner({
      ...timers,
      random: () => 0.5,
      baseDelayMs: 1000,
      run: async () => {
        throw new Error('boom');
      },
    });
    await runner.trigger('start');
    expect(runner.failureCount).toBe(1);
    expect(timers.scheduled.map((s) => s.ms)).toEqual([1000]);
  });
});
