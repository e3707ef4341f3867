// Hash chain over a device's events: any change, removal or insertion is found, and where.
import { describe, expect, it } from 'vitest';
import type { AttendanceEvent } from '../../../src/core/attendance-rules';
import { ChainError, GENESIS_HASH, canonicalJson, hashEvent, sha256Hex, verifyChain } from '../../../src/protocol/event-chain';
import { child, device } from './gate-fixtures';

async function buildChain(count: number): Promise<AttendanceEvent[]> {
  const events: AttendanceEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const event: AttendanceEvent = {
      type: 'mark',
      id: `id-${seq}`,
      deviceId: device('d1'),
      seq,
      prevHash,
      childId: child(`c${seq % 3}`),
      dayKey: '2025-03-10',
      atMs: 1_741_575_600_000 + seq * 60_000,
      direction: seq % 2 ? 'in' : 'out',
      method: 'face',
      score: 0.5,
    };
    events.push(event);
    prevHash = await hashEvent(event);
  }
  return events;
}

describe('canonicalJson', () => {
  it('gives the same text whatever the key order, at every level, and leaves out undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } }));
  });
  it('refuses values JSON would silently change', () => {
    expect(() => canonicalJson({ score: Number.NaN })).toThrow(ChainError);
    expect(() => canonicalJson({ e: new Float32Array(2) })).toThrow(ChainError);
    expect(() => canonicalJson({ t: new Date(0) })).toThrow(ChainError);
  });
});

describe('hashEvent', () => {
  it('is SHA-256 in hex (Web Crypto, as in the browser)', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await hashEvent({ b: 2, a: 1 })).toBe(await sha256Hex('{"a":1,"b":2}'));
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and returns the last hash', async () => {
    const events = await buildChain(5);
    expect(await verifyChain(events)).toEqual({ ok: true, count: 5, lastHash: await hashEvent(events[4]!) });
    expect(await verifyChain([])).toEqual({ ok: true, count: 0, lastHash: null });
  });

  it('finds a changed event at the link right after it', async () => {
    const events = await buildChain(5);
    events[2] = { ...events[2]!, childId: child('someone-else') };
    expect(await verifyChain(events)).toEqual({ ok: false, index: 3, eventId: 'id-4', seq: 4, reason: 'prev-hash' });
  });

  it('finds a removed event and an event inserted with a forged sequence', async () => {
    const events = await buildChain(5);
    expect(await verifyChain([...events.slice(0, 2), ...events.slice(3)])).toMatchObject({ ok: false, index: 2, reason: 'seq-gap' });
    const forged = { ...events[2]!, id: 'forged', seq: 3 };
    expect(await verifyChain([...events.slice(0, 3), forged])).toMatchObject({ ok: false, index: 3, reason: 'seq-gap' });
  });

  it('finds a change to the newest event only against the recorded head', async () => {
    const events = await buildChain(3);
    const head = await hashEvent(events[2]!);
    events[2] = { ...events[2]!, direction: 'out' };
    expect(await verifyChain(events)).toMatchObject({ ok: true });
    expect(await verifyChain(events, { expectedLastHash: head })).toMatchObject({ ok: false, index: 2, reason: 'head-mismatch' });
  });

  it('requires the first event to start from genesis, or from the given anchor', async () => {
    const events = await buildChain(4);
    expect(await verifyChain([{ ...events[0]!, prevHash: 'f'.repeat(64) }, ...events.slice(1)])).toMatchObject({ ok: false, index: 0 });
    const anchor = await hashEvent(events[1]!);
    expect(await verifyChain(events.slice(2), { anchorHash: anchor })).toMatchObject({ ok: true, count: 2 });
    expect(await verifyChain(events.slice(2), { anchorHash: GENESIS_HASH })).toMatchObject({ ok: false, index: 0 });
  });

  it('refuses events of another device in the middle of a chain', async () => {
    const events = await buildChain(3);
    events[1] = { ...events[1]!, deviceId: device('d2') };
    expect(await verifyChain(events)).toMatchObject({ ok: false, index: 1, reason: 'device-mismatch' });
  });
});
