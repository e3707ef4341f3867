// This tablet's id for its attendance chain: made once (random, time-ordered) and kept in `meta` until pairing
// with the district gives the tablet its registered id.
import type { DeviceId } from '../core/types';
import { createUuidV7 } from '../core/uuidv7';
import type { GateDb } from '../storage/db';

export const DEVICE_ID_KEY = 'device-id';

export async function ensureDeviceId(db: GateDb, nowMs: number): Promise<DeviceId> {
  return db.transaction('rw', [db.meta], async () => {
    const entry = await db.meta.get(DEVICE_ID_KEY);
    if (entry !== undefined && typeof entry.value === 'string') return entry.value as DeviceId;
    const id = `kiosk-${createUuidV7()(nowMs)}` as DeviceId;
    await db.meta.put({ key: DEVICE_ID_KEY, value: id });
    return id;
  });
}
