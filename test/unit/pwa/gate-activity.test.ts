import { describe, expect, it } from 'vitest';
import type { ChildId } from '../../../src/core/types';
import { ActivityBus } from '../../../src/pwa/activity';
import { activityOfScreen } from '../../../src/pwa/gate-activity';
import { defaultPwaConfig } from '../../../src/config';
import { updateVerdict } from '../../../src/pwa/update-policy';

describe('the gate screen as activity for the self-update', () => {
  it('a greeting, a bracelet request or a face is someone at the gate; the empty view is not', () => {
    expect(
      activityOfScreen({
        kind: 'greeting',
        childId: 'c1' as ChildId,
        firstName: 'A',
        direction: 'in',
        atMs: 1,
        outcome: 'recorded',
        method: 'face',
      }),
    ).toBe('greeting');
    expect(activityOfScreen({ kind: 'ask-bracelet', reason: 'unknown-face' } as never)).toBe('bracelet');
    expect(activityOfScreen({ kind: 'mismatch' })).toBe('bracelet');
    expect(activityOfScreen({ kind: 'watching', advice: 'hold' })).toBe('face');
    expect(activityOfScreen({ kind: 'watching', advice: 'no-face' })).toBeNull();
    expect(activityOfScreen({ kind: 'watching', advice: null })).toBeNull();
  });

  it('an update waits while a greeting is recent and applies once the gate was quiet for updateIdleMs (daytime)', () => {
    let now = 1_000_000;
    const bus = new ActivityBus(() => now);
    const noon = 12;
    expect(updateVerdict(bus.snapshot(), now, noon, defaultPwaConfig)).toEqual({ apply: true, reason: 'idle' });
    bus.record({
      kind: activityOfScreen({
        kind: 'greeting',
        childId: 'c1' as ChildId,
        firstName: 'A',
        direction: 'in',
        atMs: now,
        outcome: 'recorded',
        method: 'face',
      })!,
      phase: 'pulse',
    });
    expect(updateVerdict(bus.snapshot(), now, noon, defaultPwaConfig)).toEqual({ apply: false, reason: 'recent-activity' });
    now += defaultPwaConfig.updateIdleMs - 1;
    expect(updateVerdict(bus.snapshot(), now, noon, defaultPwaConfig).apply).toBe(false);
    now += 1;
    expect(updateVerdict(bus.snapshot(), now, noon, defaultPwaConfig)).toEqual({ apply: true, reason: 'idle' });
  });
});
