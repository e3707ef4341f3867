// The one config (src/config.ts) refuses values that would make the kiosk unsafe (a threshold that accepts strangers,
// a gate that records background children or checks children out at random) and names every bad value at once.
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  defaultAppConfig,
  defaultConfig,
  defaultGateConfig,
  updateIdleMsFromBuild,
  validateAppConfig,
  validateConfig,
  validateGateConfig,
  type AppConfigOverrides,
} from '../../../src/config';

describe('validateConfig (recognition and matching)', () => {
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
    expect(() => validateGateConfig(bad)).toThrow(ConfigError);
  });
});

describe('validateAppConfig (every section, at boot)', () => {
  it('the defaults are valid, complete and frozen to the last level', () => {
    expect(validateAppConfig()).toEqual(defaultAppConfig);
    expect(Object.keys(defaultAppConfig).sort()).toEqual(['enrolment', 'gate', 'pwa', 'recognition', 'staff', 'sync']);
    for (const section of Object.values(defaultAppConfig)) expect(Object.isFrozen(section)).toBe(true);
    expect(Object.isFrozen(defaultAppConfig.enrolment.capture)).toBe(true);
    expect(defaultAppConfig.enrolment.capture.samples).toBeGreaterThanOrEqual(defaultAppConfig.enrolment.samples.minSamples);
  });

  it('applies overrides section by section and keeps the other defaults', () => {
    const c = validateAppConfig({
      gate: { greetingMs: 500 },
      enrolment: { capture: { samples: 7 } },
      recognition: { matchThreshold: 0.5 },
    });
    expect(c.gate).toEqual({ ...defaultGateConfig, greetingMs: 500 });
    expect(c.enrolment.capture.samples).toBe(7);
    expect(c.enrolment.capture.turnDeg).toBe(defaultAppConfig.enrolment.capture.turnDeg);
    expect(c.recognition.matchThreshold).toBe(0.5);
    expect(c.sync).toEqual(defaultAppConfig.sync);
  });

  it.each<AppConfigOverrides>([
    { recognition: { matchThreshold: 0.05 } },
    { gate: { minStableFrames: 1 } },
    { enrolment: { templateLifetimeDays: 0 } },
    { enrolment: { capture: { samples: 3 } } },
    { sync: { syncRetryBaseMs: 60_000, syncRetryMaxMs: 10_000 } },
    { sync: { consentCheckMs: 0 } },
    { staff: { pinFreeAttempts: 0 } },
    { pwa: { nightlyWindowHours: [1, 25] } },
  ])('refuses %o', (bad) => {
    expect(() => validateAppConfig(bad)).toThrow(ConfigError);
  });

  it('names every bad value of every section in one error with a code', () => {
    try {
      validateAppConfig({ gate: { minStableFrames: 0, greetingMs: -1 }, recognition: { matchMargin: 0 }, staff: { idleCloseMs: 1 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).code).toBe('config-invalid');
      expect((e as Error).message).toMatch(/matchMargin.*gate\.minStableFrames.*gate\.greetingMs.*staff\.idleCloseMs/);
    }
  });

  it('takes the quiet time before an update from the build only when it is a whole number of ms from 1 s to 1 h', () => {
    expect(updateIdleMsFromBuild('60000')).toBe(60_000);
    expect(updateIdleMsFromBuild(undefined)).toBe(180_000);
    expect(updateIdleMsFromBuild('500')).toBe(180_000);
    expect(updateIdleMsFromBuild('abc')).toBe(180_000);
  });
});
