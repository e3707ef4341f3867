// Devices of a site for the admin: list, revoke (its signatures are refused from then on).
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';

type Device = components['schemas']['Device'];

interface DeviceRow {
  id: string;
  site_id: string;
  name: string;
  paired_at_ms: number;
  revoked_at_ms: number | null;
  last_seen_at_ms: number | null;
  head_seq: number;
  head_hash: string;
}

const toDevice = (r: DeviceRow): Device => ({
  deviceId: r.id,
  siteId: r.site_id,
  name: r.name,
  pairedAtMs: r.paired_at_ms,
  revokedAtMs: r.revoked_at_ms,
  lastSeenAtMs: r.last_seen_at_ms,
  head: { seq: r.head_seq, hash: r.head_hash },
});

export async function listDevices(db: Queryable, siteId: string): Promise<Device[]> {
  return (await db.query<DeviceRow>('select * from devices where site_id = $1 order by paired_at_ms, id', [siteId])).map(toDevice);
}

export async function revokeDevice(db: Database, deviceId: string, actor: string, nowMs: number): Promise<Device> {
  const rows = await db.query<DeviceRow>('update devices set revoked_at_ms = coalesce(revoked_at_ms, $2) where id = $1 returning *', [
    deviceId,
    nowMs,
  ]);
  if (!rows[0]) throw new HttpError(404, 'device-not-found', `No device ${deviceId}.`);
  await db.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
    nowMs,
    actor,
    'device.revoked',
    JSON.stringify({ deviceId }),
  ]);
  return toDevice(rows[0]);
}
