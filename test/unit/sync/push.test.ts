// The kiosk's push path (fake-indexeddb) against the real district server on 127.0.0.1: outbox entries go only with
// an acknowledgement, a lost answer leads to a duplicate (never a loss), a restored server gets a re-push.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordDecision } from '../../../src/attendance/record-event';
import { dayKeyAt } from '../../../src/core/attendance-rules';
import type { ChildId } from '../../../src/core/types';
import { GateDb } from '../../../src/storage/db';
import type { Fetch } from '../../../src/sync/district-client';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { pruneAcknowledged } from '../../../src/sync/push';
import { syncOnce } from '../../../src/sync/sync-once';
import { readPairing, readSyncStatus } from '../../../src/sync/sync-state';
import { createSite, pairingCode, useTestDistrict } from '../server/district-fixture';
import { testDatabases } from '../../support/test-dbs';

const d = useTestDistrict();
let siteId: string;
beforeAll(async () => {
  siteId = await createSite(d);
});

const freshDb = testDatabases('sync-push');

const DAY = 86_400_000;
const realFetch: Fetch = (url, init) => globalThis.fetch(url, init as RequestInit);

async function pairedKiosk(fetchImpl: Fetch = realFetch) {
  const db = freshDb();
  const paired = await pairKiosk(db, { baseUrl: d.url, code: await pairingCode(d, siteId), deviceName: 'test', fetch: fetchImpl });
  if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
  return { db, pairing: paired.pairing };
}

async function record(db: GateDb, deviceId: string, count: number, startMs = Date.now()) {
  for (let i = 0; i < count; i++) {
    const r = await recordDecision(
      db,
      { kind: 'recognized', childId: `child_${i % 5}` as ChildId, method: 'bracelet', score: null },
      startMs + i * 16 * 60_000,
      deviceId as never,
      { dayKey: (ms) => dayKeyAt(ms, 300) },
    );
    if (r.kind !== 'recorded') throw new Error(JSON.stringify(r));
  }
}

function sync(db: GateDb, fetchImpl: Fetch = realFetch, now = () => Date.now(), keepAckedDays = 7) {
  return syncOnce({ db, clientFor: (p) => clientFor(p, { fetch: fetchImpl, now }), now, keepAckedDays });
}

async function serverCount(deviceId: string): Promise<number> {
  const rows = await d.db.query<{ n: number }>('select count(*)::int as n from events where device_id = $1', [deviceId]);
  return rows[0]!.n;
}

describe('push', () => {
  it('pairs, pushes every queued event, empties the outbox and keeps the events for local reports', async () => {
    const { db, pairing } = await pairedKiosk();
    expect((await readPairing(db))?.keyPair.privateKey.extractable).toBe(false);
    await record(db, pairing.deviceId, 30);
    expect(await db.outbox.count()).toBe(30);
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.events.count()).toBe(30);
    expect(await serverCount(pairing.deviceId)).toBe(30);
    // A push alone proves nothing about the site's consents: only a verified bundle answer counts as contact.
    expect(await readSyncStatus(db)).toMatchObject({ lastSuccessAtMs: null, problem: null });
  });

  it('keeps the outbox entry when the answer is lost after the commit, then gets a duplicate ack', async () => {
    const { db, pairing } = await pairedKiosk();
    await record(db, pairing.deviceId, 12);
    const dropAnswers: Fetch = async (url, init) => {
      const response = await realFetch(url, init);
      if (url.endsWith('/v1/events')) {
        await response.arrayBuffer();
        throw new Error('connection reset after the commit');
      }
      return response;
    };
    expect(await sync(db, dropAnswers)).toMatchObject({ kind: 'retry' });
    expect(await serverCount(pairing.deviceId)).toBe(12);
    expect(await db.outbox.count()).toBe(12);
    expect((await db.outbox.toArray()).every((e) => e.attempts === 1)).toBe(true);
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect(await db.outbox.count()).toBe(0);
    expect(await serverCount(pairing.deviceId)).toBe(12);
  });

  it('a 5xx leaves everything queued', async () => {
    const { db, pairing } = await pairedKiosk();
    await record(db, pairing.deviceId, 3);
    const failing: Fetch = async (url, init) => (url.endsWith('/v1/events') ? new Response('busy', { status: 503 }) : realFetch(url, init));
    expect(await sync(db, failing)).toEqual({ kind: 'retry', reason: 'server 503' });
    expect(await db.outbox.count()).toBe(3);
    expect(await serverCount(pairing.deviceId)).toBe(0);
  });

  it('re-pushes what it still holds when the server was restored from a backup (new epoch)', async () => {
    const { db, pairing } = await pairedKiosk();
    await record(db, pairing.deviceId, 20);
    expect(await sync(db)).toEqual({ kind: 'done' });
    // The "backup" held only the first 8 events of this device.
    const eighth = await d.db.query<{ hash: string }>('select hash from events where device_id = $1 and seq = 8', [pairing.deviceId]);
    await d.db.query('delete from events where device_id = $1 and seq > 8', [pairing.deviceId]);
    await d.db.query('update devices set head_seq = 8, head_hash = $2 where id = $1', [pairing.deviceId, eighth[0]!.hash]);
    await d.admin('POST', '/admin/v1/epoch/rotate');
    expect(await db.outbox.count()).toBe(0);
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect(await serverCount(pairing.deviceId)).toBe(20);
    const gaps = await d.db.query('select * from chain_gaps where device_id = $1', [pairing.deviceId]);
    expect(gaps).toEqual([]);
  });

  it('re-pushes when the server holds less than it acknowledged even without a new epoch', async () => {
    const { db, pairing } = await pairedKiosk();
    await record(db, pairing.deviceId, 6);
    await sync(db);
    const third = await d.db.query<{ hash: string }>('select hash from events where device_id = $1 and seq = 3', [pairing.deviceId]);
    await d.db.query('delete from events where device_id = $1 and seq > 3', [pairing.deviceId]);
    await d.db.query('update devices set head_seq = 3, head_hash = $2 where id = $1', [pairing.deviceId, third[0]!.hash]);
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect(await serverCount(pairing.deviceId)).toBe(6);
  });

  it('prunes acknowledged events older than the retention, never queued ones', async () => {
    const { db, pairing } = await pairedKiosk();
    const start = Date.now() - 10 * DAY;
    await record(db, pairing.deviceId, 4, start);
    await sync(db, realFetch, () => Date.now(), 30);
    expect(await db.events.count()).toBe(4);
    await record(db, pairing.deviceId, 1, start + DAY); // queued, old
    await record(db, pairing.deviceId, 1, Date.now()); // queued, new
    expect(await pruneAcknowledged(db, 7, Date.now())).toBe(4);
    expect(await db.events.count()).toBe(2);
    expect(await db.outbox.count()).toBe(2);
  });

  it('a tablet whose device was revoked stops with a problem for staff and keeps its outbox', async () => {
    const { db, pairing } = await pairedKiosk();
    await record(db, pairing.deviceId, 2);
    await d.admin('POST', `/admin/v1/devices/${pairing.deviceId}/revoke`);
    expect(await sync(db)).toEqual({ kind: 'blocked', reason: 'device-revoked' });
    expect(await db.outbox.count()).toBe(2);
    expect((await readSyncStatus(db)).problem?.code).toBe('device-revoked');
  });
});
