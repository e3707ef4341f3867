// This tablet's id for its attendance chain: made once (random, time-ordered) and kept in `meta` until pairing
// with the district gives the tablet its registered id.
import type { DeviceId } from '../core/types';
import { createUuidV7 } from '../core/uuidv7';
import type { GateDb } from '../storage/db';
import { getMeta, putMeta } from '../storage/meta.repo';

export async function ensureDeviceId(db: GateDb, nowMs: number): Promise<DeviceId> {
  return db.transaction('rw', [db.meta], async () => {
    const held = await getMeta(db, 'device-id');
    if (typeof held === 'string') return held;
    const id = `kiosk-${createUuidV7()(nowMs)}` as DeviceId;
    await putMeta(db, 'device-id', id);
    return id;
  });
}
