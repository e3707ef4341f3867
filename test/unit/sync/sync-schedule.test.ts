// The nightly window (local HH:MM, may wrap midnight) and when face matching must stop: biometrics switched off by
// the site, or no completed sync for maxOfflineFaceDays. Bracelets never depend on either.
import { describe, expect, it } from 'vitest';
import { faceMatchingState, inNightlyWindow, minutesUntilWindow, nightlySyncDue } from '../../../src/core/sync-schedule';
import { pairCodeFromHash } from '../../../src/sync/pair-link';

const at = (hh: number, mm = 0) => hh * 60 + mm;

describe('nightly window', () => {
  it("runs the nightly sync in the site's night, once a site day, whatever zone the tablet's clock is set to", () => {
    const w = { start: '02:00', end: '04:00' };
    // 02:30 in Almaty (UTC+5) is 21:30 UTC the evening before: a tablet left on UTC would sync at 02:30 UTC, 07:30 at
    // the site, with the children arriving.
    const almostNight = Date.parse('2026-12-06T20:59:00Z');
    const night = Date.parse('2026-12-06T21:30:00Z');
    expect(nightlySyncDue(almostNight, w, 'Asia/Almaty', '')).toEqual({ due: false, day: '2026-12-07' });
    expect(nightlySyncDue(night, w, 'Asia/Almaty', '')).toEqual({ due: true, day: '2026-12-07' });
    expect(nightlySyncDue(night + 30 * 60_000, w, 'Asia/Almaty', '2026-12-07').due).toBe(false);
    const siteMorning = Date.parse('2026-12-07T02:30:00Z');
    expect(nightlySyncDue(siteMorning, w, 'Asia/Almaty', '2026-12-07').due).toBe(false);
    expect(nightlySyncDue(siteMorning, w, 'Asia/Almaty', '').due).toBe(false);
    // The next site night is a new day.
    expect(nightlySyncDue(night + 86_400_000, w, 'Asia/Almaty', '2026-12-07')).toEqual({ due: true, day: '2026-12-08' });
  });

  it('is open from start (inclusive) to end (exclusive), also across midnight', () => {
    const w = { start: '01:00', end: '04:00' };
    expect(inNightlyWindow(at(0, 59), w)).toBe(false);
    expect(inNightlyWindow(at(1), w)).toBe(true);
    expect(inNightlyWindow(at(3, 59), w)).toBe(true);
    expect(inNightlyWindow(at(4), w)).toBe(false);
    const wrap = { start: '23:30', end: '02:00' };
    expect(inNightlyWindow(at(23, 45), wrap)).toBe(true);
    expect(inNightlyWindow(at(1, 59), wrap)).toBe(true);
    expect(inNightlyWindow(at(12), wrap)).toBe(false);
    expect(inNightlyWindow(at(3), { start: '03:00', end: '03:00' })).toBe(false);
  });

  it('counts the minutes until it next opens', () => {
    expect(minutesUntilWindow(at(0, 30), { start: '01:00', end: '04:00' })).toBe(30);
    expect(minutesUntilWindow(at(5), { start: '01:00', end: '04:00' })).toBe(20 * 60);
    expect(minutesUntilWindow(at(2), { start: '01:00', end: '04:00' })).toBe(0);
    expect(() => minutesUntilWindow(0, { start: '1:00', end: '04:00' })).toThrow(RangeError);
  });
});

describe('face matching state', () => {
  const DAY = 86_400_000;
  const base = {
    nowMs: 100 * DAY,
    paired: true,
    lastSuccessAtMs: 99 * DAY,
    pairedAtMs: 10 * DAY,
    biometricsEnabled: true,
    maxOfflineFaceDays: 3,
  };

  it('stops after maxOfflineFaceDays without a completed sync, and resumes after one', () => {
    expect(faceMatchingState(base)).toEqual({ allowed: true });
    expect(faceMatchingState({ ...base, lastSuccessAtMs: 97 * DAY })).toEqual({ allowed: true });
    expect(faceMatchingState({ ...base, lastSuccessAtMs: 97 * DAY - 1 })).toEqual({
      allowed: false,
      reason: 'offline-too-long',
      sinceMs: 97 * DAY - 1,
    });
    expect(faceMatchingState({ ...base, lastSuccessAtMs: 90 * DAY, maxOfflineFaceDays: 14 })).toEqual({ allowed: true });
  });

  it('counts from pairing before the first sync; stops while the site has biometrics off; unpaired demo decides alone', () => {
    expect(faceMatchingState({ ...base, lastSuccessAtMs: null, pairedAtMs: 96 * DAY }).allowed).toBe(false);
    expect(faceMatchingState({ ...base, biometricsEnabled: false })).toEqual({ allowed: false, reason: 'biometrics-off' });
    expect(faceMatchingState({ ...base, paired: false, lastSuccessAtMs: null, biometricsEnabled: null })).toEqual({ allowed: true });
  });
});

describe('pairing link', () => {
  it('reads a pairing code from the address fragment', () => {
    expect(pairCodeFromHash('#pair=ABCD-EFGH-JKLM')).toBe('ABCD-EFGH-JKLM');
    expect(pairCodeFromHash('#live&pair=abcd-efgh-jklm')).toBe('ABCD-EFGH-JKLM');
    expect(pairCodeFromHash('#pair=ABC')).toBeNull();
    expect(pairCodeFromHash('#live')).toBeNull();
  });
});
