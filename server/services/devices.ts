// Devices of a site for the admin: list, and unpair (its signatures are refused from then on, and the district template
// key it was given is rotated away, so that a lost or stolen tablet's copy of the key opens no template made after).
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { markPickupCodesExposed } from './pickups';
import { lockTemplateKeys, retireAfterUnpairing, rotateTemplateKeyIn, sitesKeyIsItsOwn } from './template-keys';

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
  /** The name of the person whose pairing code paired it (listDevices only). */
  paired_by?: string | null;
}

const toDevice = (r: DeviceRow): Device => ({
  deviceId: r.id,
  siteId: r.site_id,
  name: r.name,
  pairedAtMs: r.paired_at_ms,
  revokedAtMs: r.revoked_at_ms,
  lastSeenAtMs: r.last_seen_at_ms,
  head: { seq: r.head_seq, hash: r.head_hash },
  ...(r.paired_by !== undefined ? { pairedBy: r.paired_by } : {}),
});

export async function listDevices(db: Queryable, siteId: string): Promise<Device[]> {
  return (
    await db.query<DeviceRow>(
      `select d.*, (select a.display_name from accounts a where d.paired_via = a.role || ':' || a.id) as paired_by
       from devices d where d.site_id = $1 order by d.paired_at_ms, d.id`,
      [siteId],
    )
  ).map(toDevice);
}

export async function revokeDevice(db: Queryable, deviceId: string, actor: string, nowMs: number): Promise<Device> {
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

/**
 * Unpairs a tablet. The first time, its site's template key is rotated (the site's stored templates renewed to a new
 * version, its paired tablets renew at their next sync; other sites are untouched, as the tablet held its own site's
 * key only): the unpaired tablet holds the old secret, which then opens only what was made before. Unpairing it again
 * changes nothing. Either way, versions no site needs any more are retired.
 * The revocation and the rotation are one transaction: a rotation that fails (a restart, a timeout) leaves the tablet
 * paired, so the admin's retry rotates, instead of finding it revoked and the stolen key still current.
 */
export async function unpairDevice(db: Database, deviceId: string, actor: string, nowMs: number): Promise<Device> {
  return db.transaction(async (tx) => {
    // The keys' lock before the device's row: the order a renewal takes them in.
    await lockTemplateKeys(tx);
    const [before] = await tx.query<{ revoked_at_ms: number | null }>('select revoked_at_ms from devices where id = $1 for update', [
      deviceId,
    ]);
    const device = await revokeDevice(tx, deviceId, actor, nowMs);
    if (before !== undefined && before.revoked_at_ms === null) {
      // The tablet held its site's key of a per-site version: that site alone is re-keyed. A version from before
      // per-site keys gave every site the same secret: then every site is.
      const ownKeyOnly = await sitesKeyIsItsOwn(tx, device.siteId, nowMs);
      await rotateTemplateKeyIn(tx, actor, nowMs, ownKeyOnly ? device.siteId : undefined);
      // The site's pickup code hashes were on it too: the admin page lists them until new codes are set.
      await markPickupCodesExposed(tx, device.siteId, actor, nowMs);
    } else {
      await retireAfterUnpairing(tx, actor, nowMs);
    }
    return device;
  });
}
