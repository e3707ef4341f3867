// Events recorded before pairing (under the tablet's local id), and by a gate that had not restarted after pairing,
// reach the district under the registered id in one intact chain; the gate records under the registered id after.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { recordDecision } from '../../../src/attendance/record-event';
import { verifyDeviceChain } from '../../../src/attendance/attendance.repo';
import { verifyChain, type ChainedRecord } from '../../../src/protocol/event-chain';
import type { ChildId } from '../../../src/core/types';
import { ensureDeviceId } from '../../../src/gate/device-id';
import { GateDb } from '../../../src/storage/db';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { syncOnce } from '../../../src/sync/sync-once';
import { createSite, pairingCode, useTestDistrict } from '../server/district-fixture';

const d = useTestDistrict();

const staffMark = (childId: string) => ({
  kind: 'recognized' as const,
  childId: childId as ChildId,
  method: 'staff' as const,
  score: null,
});

describe('taking the registered device id', () => {
  it('sends the events of before pairing and of a gate not yet restarted, in one chain under the registered id', async () => {
    const db = new GateDb(`adopt-${Math.random()}`);
    const t0 = Date.now();
    const localId = await ensureDeviceId(db, t0);
    for (const [i, child] of ['c-1', 'c-2', 'c-3'].entries()) {
      expect((await recordDecision(db, staffMark(child), t0 + i * 1000, localId)).kind).toBe('recorded');
    }
    const siteId = await createSite(d);
    const paired = await pairKiosk(db, { baseUrl: d.url, code: await pairingCode(d, siteId), deviceName: 'adopt' });
    if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
    const registeredId = paired.pairing.deviceId;
    expect(registeredId).not.toBe(localId);
    // The gate restarts after pairing and records under the registered id...
    expect(await ensureDeviceId(db, Date.now())).toBe(registeredId);
    expect((await recordDecision(db, staffMark('c-4'), t0 + 4000, registeredId)).kind).toBe('recorded');
    // ...but a gate that had not restarted yet still wrote one under the local id.
    expect((await recordDecision(db, staffMark('c-5'), t0 + 5000, localId)).kind).toBe('recorded');

    const outcome = await syncOnce({ db, clientFor: (p) => clientFor(p), now: Date.now, keepAckedDays: 7 });
    expect(outcome).toEqual({ kind: 'done' });
    expect(await db.outbox.count()).toBe(0);

    const rows = await d.db.query<{ body: ChainedRecord & { childId: string } }>(
      'select body from events where device_id = $1 order by seq',
      [registeredId],
    );
    expect(rows.map((r) => r.body.childId)).toEqual(['c-1', 'c-2', 'c-3', 'c-4', 'c-5']);
    expect((await verifyChain(rows.map((r) => r.body))).ok).toBe(true);
    expect((await verifyDeviceChain(db, registeredId)).ok).toBe(true);
    expect((await db.events.toArray()).filter((e) => e.deviceId !== registeredId)).toEqual([]);
    db.close();
    await db.delete();
  });
});
