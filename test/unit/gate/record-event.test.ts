// Durable recording in IndexedDB (fake-indexeddb): the event and its outbox entry are written together or not at all,
// each with the next sequence number and the chained hash; a failed write is never reported as recorded.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayKeyAt } from '../../../src/core/attendance-rules';
import { decideBracelet, decideStaff, type RecognizedDecision } from '../../../src/core/decide';
import { GENESIS_HASH, hashEvent } from '../../../src/protocol/event-chain';
import { defaultGateConfig } from '../../../src/config';
import { pendingOutbox, readChainHead, verifyDeviceChain } from '../../../src/attendance/attendance.repo';
import { recordCorrection, recordDecision, type RecordOptions } from '../../../src/attendance/record-event';
import { bracelet, child, device } from './gate-fixtures';
import { testDatabases } from '../../support/test-dbs';
import { openGateDb } from '../../../src/storage/db';

const DEVICE = device('tablet-1');
const MORNING = Date.UTC(2025, 2, 10, 3, 0); // 08:00 in Almaty
const MIN = 60_000;
const options: RecordOptions = { dayKey: (ms) => dayKeyAt(ms, 300), checkOutMinIntervalMs: defaultGateConfig.checkOutMinIntervalMs };
const aliya = child('aliya');
const timur = child('timur');
const face = (childId = aliya): RecognizedDecision => ({ kind: 'recognized', childId, method: 'face', score: 0.71 });

const freshDb = testDatabases('gate-test');
afterEach(() => {
  vi.restoreAllMocks();
});

describe('recordDecision', () => {
  it('writes the check-in and its outbox entry together, with seq 1 and the genesis link', async () => {
    const db = freshDb();
    const result = await recordDecision(db, face(), MORNING, DEVICE, options);
    expect(result).toMatchObject({
      kind: 'recorded',
      event: {
        type: 'mark',
        childId: aliya,
        direction: 'in',
        method: 'face',
        score: 0.71,
        seq: 1,
        prevHash: GENESIS_HASH,
        dayKey: '2025-03-10',
        atMs: MORNING,
        deviceId: DEVICE,
      },
    });
    if (result.kind !== 'recorded') throw new Error('not recorded');
    expect(await db.events.toArray()).toEqual([result.event]);
    expect(await pendingOutbox(db)).toEqual([{ eventId: result.event.id, queuedAtMs: MORNING, attempts: 0, lastAttemptAtMs: null }]);
    expect(await readChainHead(db, DEVICE)).toEqual({ seq: 1, lastHash: await hashEvent(result.event) });
  });

  it('answers "already" for a repeat within the interval and writes nothing', async () => {
    const db = freshDb();
    await recordDecision(db, face(), MORNING, DEVICE, options);
    expect(await recordDecision(db, face(), MORNING + 2 * MIN, DEVICE, options)).toEqual({
      kind: 'already',
      childId: aliya,
      direction: 'in',
      lastAtMs: MORNING,
    });
    expect(await db.events.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect((await readChainHead(db, DEVICE)).seq).toBe(1);
  });

  it('checks out after the interval; sequence numbers increment across children and the chain verifies', async () => {
    const db = freshDb();
    const r1 = await recordDecision(db, face(aliya), MORNING, DEVICE, options);
    const r2 = await recordDecision(
      db,
      decideBracelet(bracelet('mifare:01'), () => timur) as RecognizedDecision,
      MORNING + MIN,
      DEVICE,
      options,
    );
    const r3 = await recordDecision(db, face(aliya), MORNING + 8 * 60 * MIN, DEVICE, options);
    expect(
      [r1, r2, r3].map((r) => (r.kind === 'recorded' ? [r.event.seq, r.event.childId, r.event.direction, r.event.method] : r.kind)),
    ).toEqual([
      [1, aliya, 'in', 'face'],
      [2, timur, 'in', 'bracelet'],
      [3, aliya, 'out', 'face'],
    ]);
    if (r2.kind !== 'recorded' || r3.kind !== 'recorded') throw new Error('not recorded');
    expect(r3.event.prevHash).toBe(await hashEvent(r2.event));
    expect(await db.outbox.count()).toBe(3);
    expect(await verifyDeviceChain(db, DEVICE)).toMatchObject({ ok: true, count: 3 });
  });

  it('records a staff mark with its note and the direction the teacher chose', async () => {
    const db = freshDb();
    await recordDecision(db, face(), MORNING, DEVICE, options);
    const result = await recordDecision(
      db,
      decideStaff({ childId: aliya, staffNote: 'picked up early', direction: 'out' }),
      MORNING + 5 * MIN,
      DEVICE,
      options,
    );
    expect(result).toMatchObject({
      kind: 'recorded',
      event: { direction: 'out', method: 'staff', score: null, staffNote: 'picked up early', seq: 2 },
    });
  });

  it('gives each of two simultaneous taps its own sequence number; the same child twice is recorded once', async () => {
    const db = freshDb();
    const results = await Promise.all([
      recordDecision(db, face(aliya), MORNING, DEVICE, options),
      recordDecision(db, face(timur), MORNING, DEVICE, options),
      recordDecision(db, face(aliya), MORNING, DEVICE, options),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['already', 'recorded', 'recorded']);
    expect((await db.events.toArray()).map((e) => e.seq).sort()).toEqual([1, 2]);
    expect(await verifyDeviceChain(db, DEVICE)).toMatchObject({ ok: true, count: 2 });
  });

  it('keeps the chain whole when two tabs (two connections) write at once', async () => {
    const name = `gate-two-tabs-${Math.random()}`;
    const tabA = freshDb(name);
    const tabB = freshDb(name);
    const children = Array.from({ length: 6 }, (_, i) => child(`c${i}`));
    const results = await Promise.all(children.map((c, i) => recordDecision(i % 2 ? tabA : tabB, face(c), MORNING, DEVICE, options)));
    expect(results.every((r) => r.kind === 'recorded')).toBe(true);
    expect((await tabA.events.toArray()).map((e) => e.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await verifyDeviceChain(tabA, DEVICE)).toMatchObject({ ok: true, count: 6 });
  });

  it('opens its write transactions with strict durability', async () => {
    // Dexie binds the connection's transaction() when it opens, so the spy goes in first.
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const db = freshDb();
    await recordDecision(db, face(), MORNING, DEVICE, options);
    const writes = spy.mock.calls.filter((call) => call[1] === 'readwrite');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((call) => (call[2] as IDBTransactionOptions | undefined)?.durability === 'strict')).toBe(true);
  });

  it('on a full disk leaves neither the event nor the outbox entry, reports storage-full, and the next write continues the chain', async () => {
    const db = freshDb();
    await recordDecision(db, face(timur), MORNING, DEVICE, options);
    const spy = vi.spyOn(db.outbox, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const result = await recordDecision(db, face(aliya), MORNING + MIN, DEVICE, options);
    expect(spy).toHaveBeenCalled();
    expect(result).toMatchObject({ kind: 'failed', code: 'storage-full' });
    expect((await db.events.toArray()).some((e) => e.childId === aliya)).toBe(false);
    expect(await db.events.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect((await readChainHead(db, DEVICE)).seq).toBe(1);

    spy.mockRestore();
    const retry = await recordDecision(db, face(aliya), MORNING + 2 * MIN, DEVICE, options);
    expect(retry).toMatchObject({ kind: 'recorded', event: { seq: 2, direction: 'in' } });
    expect(await verifyDeviceChain(db, DEVICE)).toMatchObject({ ok: true, count: 2 });
  });

  it('reports any other failure of the write as storage-error, never as recorded', async () => {
    const db = freshDb();
    vi.spyOn(db.meta, 'put').mockImplementation(() => {
      throw new DOMException('disk went away', 'UnknownError');
    });
    expect(await recordDecision(db, face(), MORNING, DEVICE, options)).toMatchObject({ kind: 'failed', code: 'storage-error' });
    expect(await db.events.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses to continue from a corrupted chain head instead of forking the chain', async () => {
    const db = freshDb();
    await db.meta.put({ key: `chain:${DEVICE}`, value: { seq: 'three', lastHash: 'x' } });
    expect(await recordDecision(db, face(), MORNING, DEVICE, options)).toMatchObject({ kind: 'failed', code: 'storage-error' });
    expect(await db.events.count()).toBe(0);
  });

  it('lets verifyDeviceChain notice an event changed in the database', async () => {
    const db = freshDb();
    for (const [i, c] of [aliya, timur, child('dana')].entries()) await recordDecision(db, face(c), MORNING + i * MIN, DEVICE, options);
    const second = (await db.events.toArray()).find((e) => e.seq === 2)!;
    await db.events.put({ ...second, childId: child('mallory') });
    expect(await verifyDeviceChain(db, DEVICE)).toMatchObject({ ok: false, index: 2, seq: 3, reason: 'prev-hash' });
  });
});

describe('recordCorrection', () => {
  it('voids a wrong check-in with a new chained event (the original stays), and the child then checks in afresh', async () => {
    const db = freshDb();
    const wrong = await recordDecision(db, face(aliya), MORNING, DEVICE, options);
    if (wrong.kind !== 'recorded') throw new Error('not recorded');
    const corrected = await recordCorrection(
      db,
      { corrects: wrong.event.id, direction: null, staffNote: 'it was her sister' },
      MORNING + MIN,
      DEVICE,
      options,
    );
    expect(corrected).toMatchObject({
      kind: 'recorded',
      event: { type: 'correction', corrects: wrong.event.id, childId: aliya, dayKey: '2025-03-10', direction: null, seq: 2 },
    });
    expect(await db.events.get(wrong.event.id)).toEqual(wrong.event);
    expect(await recordDecision(db, face(aliya), MORNING + 2 * MIN, DEVICE, options)).toMatchObject({
      kind: 'recorded',
      event: { direction: 'in', seq: 3 },
    });
    expect(await db.outbox.count()).toBe(3);
    expect(await verifyDeviceChain(db, DEVICE)).toMatchObject({ ok: true, count: 3 });
  });

  it('rejects a correction of an event that does not exist and writes nothing', async () => {
    const db = freshDb();
    expect(await recordCorrection(db, { corrects: 'no-such-event', direction: null }, MORNING, DEVICE, options)).toEqual({
      kind: 'rejected',
      reason: 'event-not-found',
    });
    expect(await db.events.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe("other tablets' copies of the day", () => {
  /** A copy of another tablet's check-in of `childId`, as the site-events sync stores it. */
  const copy = (childId: string, k: number) => ({
    id: `copy-${childId}-${k}`,
    dayKey: '2025-03-10',
    deviceId: 'tablet-2',
    deviceName: 'Back door',
    event: {
      type: 'mark',
      id: `copy-${childId}-${k}`,
      childId,
      dayKey: '2025-03-10',
      atMs: MORNING - 30 * MIN,
      direction: 'in',
      method: 'bracelet',
      score: null,
      deviceId: 'tablet-2',
      seq: k + 1,
      prevHash: GENESIS_HASH,
    },
  });

  it("checks a child out who checked in at another door, reading only that child's copies of the day", async () => {
    const db = freshDb();
    // A morning at a site with a second door: 400 children checked in there.
    await db.siteEvents.bulkPut(Array.from({ length: 400 }, (_, k) => copy(k === 137 ? aliya : `other-${k}`, k)) as never);
    const read = vi.spyOn(db.siteEvents, 'where');
    const result = await recordDecision(db, face(), MORNING, DEVICE, options);
    expect(result).toMatchObject({ kind: 'recorded', event: { childId: aliya, direction: 'out' } });
    // Through the day-and-child index only (never the whole day's copies).
    expect(read.mock.calls.map((c) => c[0])).toEqual(['[dayKey+event.childId]', '[dayKey+event.childId]']);
  });

  it('a tablet upgraded from before the index keeps its copies and finds them by child', async () => {
    const name = `site-copies-upgrade-${Math.random()}`;
    const old = new Dexie(name);
    old.version(5).stores({
      events: 'id, &[deviceId+seq], [childId+dayKey], dayKey, atMs',
      outbox: 'eventId, queuedAtMs',
      meta: 'key',
      siteEvents: 'id, dayKey',
    });
    await old.open();
    await old.table('siteEvents').bulkPut([copy(aliya, 0), copy(timur, 1)]);
    old.close();
    const db = openGateDb(name);
    try {
      expect(await db.siteEvents.count()).toBe(2);
      expect(await recordDecision(db, face(timur), MORNING, DEVICE, options)).toMatchObject({
        kind: 'recorded',
        event: { direction: 'out' },
      });
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});
