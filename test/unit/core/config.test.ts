// The config refuses values that would make the kiosk unsafe (e.g. a threshold that accepts strangers).
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, validateConfig } from '../../../src/config';

describe('validateConfig', () => {
  it('accepts the defaults and freezes them', () => {
    const c = validateConfig({});
    expect(c).toEqual(defaultConfig);
    expect(Object.isFrozen(c)).toBe(true);
  });
  it.each([
    { matchThreshold: 0.05 },
    { matchMargin: 0 },
    { refineRegionPx: 150 },
    { minBrightness: 200, maxBrightness: 100 },
    { workerFrameTimeoutMs: Number.NaN },
  ])('refuses %o', (bad) => {
    expect(() => validateConfig(bad)).toThrow(ConfigError);
  });
});
