// Pairing gives the tablet its registered device id. From then on the gate records under it, and events recorded under
// the tablet's local id (before pairing, or by a gate that had not restarted yet) are re-chained onto the registered
// chain, in their order and with their ids, so they reach the district too. They never left the tablet before, so no
// receiver ever saw them under the old id; their outbox entries (keyed by event id) stay as they are.
import Dexie from 'dexie';
import { readChainHead } from '../attendance/attendance.repo';
import { hashEvent } from '../protocol/event-chain';
import type { AttendanceEvent } from '../core/attendance-rules';
import type { DeviceId } from '../core/types';
import type { GateDb } from '../storage/db';
import { chainHeadKey, deleteMeta, getMeta, putMeta } from '../storage/meta.repo';

const MAX_ATTEMPTS = 5;

/** Makes `registeredId` this tablet's id and adopts every event of its local id; returns how many were adopted. */
export async function adoptRegisteredDeviceId(db: GateDb, registeredId: DeviceId): Promise<number> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stray = await strayEvents(db, registeredId);
    // The usual case once adopted: nothing to move, nothing to write.
    if (stray.length === 0 && (await getMeta(db, 'device-id')) === registeredId) return 0;
    const head = await readChainHead(db, registeredId);
    // Hashing is Web Crypto (not an IndexedDB request): done before the transaction, which then checks nothing moved.
    let seq = head.seq;
    let lastHash = head.lastHash;
    const adopted: AttendanceEvent[] = [];
    for (const e of stray) {
      const event = { ...e, deviceId: registeredId, seq: ++seq, prevHash: lastHash } as AttendanceEvent;
      lastHash = await hashEvent(event);
      adopted.push(event);
    }
    const done = await db.transaction('rw', [db.events, db.meta], async () => {
      const now = await readChainHead(db, registeredId);
      const strayNow = (await strayEvents(db, registeredId)).map((e) => e.id).join();
      if (now.seq !== head.seq || now.lastHash !== head.lastHash || strayNow !== stray.map((e) => e.id).join()) return false;
      if (adopted.length > 0) {
        await db.events.bulkPut(adopted);
        await putMeta(db, chainHeadKey(registeredId), { seq, lastHash });
      }
      for (const id of new Set(stray.map((e) => e.deviceId))) await deleteMeta(db, chainHeadKey(id));
      await putMeta(db, 'device-id', registeredId);
      return true;
    });
    if (done) return adopted.length;
  }
  throw new Error('the attendance chain kept changing while the tablet took its registered id; the next sync tries again');
}

/**
 * Every event not under the registered id, oldest chain first (local ids are time-ordered UUIDv7s), each in sequence
 * order: the compound index holds them on both sides of the registered id's range.
 */
async function strayEvents(db: GateDb, registeredId: DeviceId): Promise<AttendanceEvent[]> {
  const index = db.events.where('[deviceId+seq]');
  const [before, after] = await Promise.all([
    index.below([registeredId, Dexie.minKey]).toArray(),
    index.above([registeredId, Dexie.maxKey]).toArray(),
  ]);
  return [...before, ...after];
}
