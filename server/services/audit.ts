// Tablets' audit logs on the server: each upload must continue the device's chain (seq + 1, prevHash = the head's
// hash, and each entry's own hash recomputed here), all of an upload in one transaction; a retry of stored entries is
// acknowledged again. The first upload of a device may start past seq 1, as a tablet prunes old entries. A `twin-flag`
// entry also records the pair for the site (server/services/twins.ts), in the same transaction.
import { canonicalJson } from '../../src/protocol/event-chain';
import { sha256HexSync } from '../../src/core/sha256-sync';
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import type { DeviceIdentity } from '../device/auth';
import { HttpError } from '../errors';
import { keepHeadSignature, requireHeadSignature } from './signed-heads';
import { recordTwinFlag } from './twins';

type AuditEntry = components['schemas']['AuditEntry'];
type AuditAck = components['schemas']['AuditAck'];

const GENESIS = '0'.repeat(64);

/** `headSignature`: the tablet's signature over the head the upload ends at (AuditPush.headSignature). */
export async function storeAudit(
  db: Database,
  device: DeviceIdentity,
  entries: AuditEntry[],
  nowMs: number,
  headSignature?: string,
): Promise<AuditAck> {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  for (const e of sorted) {
    const { hash, ...body } = e;
    if (sha256HexSync(canonicalJson(body)) !== hash)
      throw new HttpError(400, 'audit-hash', `Audit entry ${e.seq} does not match its hash.`);
  }
  const newest = sorted[sorted.length - 1];
  const signedHead = newest === undefined || headSignature === undefined ? null : { seq: newest.seq, hash: newest.hash };
  if (signedHead !== null) await requireHeadSignature(device, 'audit', signedHead, headSignature!);
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ audit_seq: number; audit_hash: string | null }>(
      'select audit_seq, audit_hash from devices where id = $1 for update',
      [device.deviceId],
    );
    let headSeq = rows[0]!.audit_seq;
    let headHash = rows[0]!.audit_hash ?? GENESIS;
    let newestInChain = false;
    for (const e of sorted) {
      if (e.seq <= headSeq) {
        const stored = await tx.query<{ hash: string }>('select hash from device_audit where device_id = $1 and seq = $2', [
          device.deviceId,
          e.seq,
        ]);
        if (stored[0] !== undefined && stored[0].hash !== e.hash) {
          throw new HttpError(409, 'audit-chain', `Audit entry ${e.seq} differs from the one stored.`, { expectedSeq: headSeq + 1 });
        }
        if (stored[0] !== undefined && e === newest) newestInChain = true;
        continue;
      }
      const continues = e.seq === headSeq + 1 && e.prevHash === headHash;
      // A device's very first upload may start where its pruned log starts.
      if (!continues && headSeq !== 0) {
        throw new HttpError(409, 'audit-chain', `Audit entry ${e.seq} does not continue the chain at ${headSeq}.`, {
          expectedSeq: headSeq + 1,
        });
      }
      const { hash, ...rest } = e;
      await tx.query(
        `insert into device_audit (device_id, seq, at_ms, kind, child_id, body, prev_hash, hash, received_at_ms) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [device.deviceId, e.seq, e.atMs, e.kind, e.childId ?? null, JSON.stringify(rest), e.prevHash, hash, nowMs],
      );
      headSeq = e.seq;
      headHash = hash;
      if (e === newest) newestInChain = true;
      const twinOf = e.details?.twinOf;
      if (e.kind === 'twin-flag' && e.childId !== undefined && typeof twinOf === 'string') {
        await recordTwinFlag(
          tx,
          { deviceId: device.deviceId, siteId: device.siteId, childId: e.childId, twinOf, flaggedAtMs: e.atMs },
          nowMs,
        );
      }
    }
    // Kept once the signed entry is in the stored chain (stored now, or before with the same hash).
    if (signedHead !== null && newestInChain) await keepHeadSignature(tx, device.deviceId, 'audit', signedHead, headSignature!, nowMs);
    await tx.query('update devices set audit_seq = $2, audit_hash = $3 where id = $1', [
      device.deviceId,
      headSeq,
      headSeq === 0 ? null : headHash,
    ]);
    return { head: { seq: headSeq, hash: headHash } };
  });
}

export async function listDeviceAudit(db: Queryable, deviceId: string): Promise<AuditEntry[]> {
  const rows = await db.query<{ body: Omit<AuditEntry, 'hash'>; hash: string }>(
    'select body, hash from device_audit where device_id = $1 order by seq',
    [deviceId],
  );
  return rows.map((r) => ({ ...r.body, hash: r.hash }));
}
