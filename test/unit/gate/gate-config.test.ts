// The gate config refuses values that would record background children or check children out at random.
import { describe, expect, it } from 'vitest';
import { GateConfigError, defaultGateConfig, validateGateConfig } from '../../../src/core/gate-config';

describe('validateGateConfig', () => {
  it('accepts the defaults and freezes them', () => {
    const c = validateGateConfig({});
    expect(c).toEqual(defaultGateConfig);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(defaultGateConfig)).toBe(true);
  });
  it.each([
    { minStableFrames: 1 },
    { fusionWindowFrames: 2.5 },
    { checkOutMinIntervalMs: 0 },
    { minFaceWidthPx: 4 },
    { unknownAfterMs: Number.NaN },
    { trackMaxJumpRatio: 0 },
    { promptMs: 200 },
  ])('refuses %o', (bad) => {
    expect(() => validateGateConfig(bad)).toThrow(GateConfigError);
  });
  it('names every bad field in one error with a code', () => {
    try {
      validateGateConfig({ minStableFrames: 0, greetingMs: -1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GateConfigError);
      expect((e as GateConfigError).code).toBe('gate-config-invalid');
      expect((e as Error).message).toMatch(/minStableFrames.*greetingMs/);
    }
  });
});
