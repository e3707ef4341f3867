// Face templates and purge receipts. A template is accepted only for a child of the tablet's site with an active
// face consent while the site's biometrics are on (the bundle, server/services/bundle.ts, carries only such templates).
import { verifyPurgeReceipt } from '../../src/protocol/purge-receipt-signature';
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import type { DeviceIdentity } from '../device/auth';
import { dayKeyIn } from '../ids';
import { currentVersionOf, lockTemplateKeysShared } from './template-keys';
import { activeConsentSql } from './roster';
import { getSite } from './sites';
import { checkTemplateUpload, makeRoomForTemplate } from './template-limits';

type TemplateUpload = components['schemas']['TemplateUpload'];
type TemplateAck = components['schemas']['TemplateAck'];
type PurgeReceipt = components['schemas']['PurgeReceipt'];

export async function storeTemplate(db: Database, device: DeviceIdentity, upload: TemplateUpload, nowMs: number): Promise<TemplateAck> {
  checkTemplateUpload(upload, nowMs);
  return db.transaction(async (tx) => {
    await lockTemplateKeysShared(tx);
    const site = await getSite(tx, device.siteId);
    if (!site.settings.biometricsEnabled) {
      throw new HttpError(409, 'biometrics-disabled', 'Face recognition is switched off for this site; templates are not accepted.');
    }
    const today = dayKeyIn(nowMs, site.timeZone);
    // Locks the child row: a revocation committing at the same time either sees this template or refuses it.
    const child = await tx.query<{ id: string; ok: boolean }>(
      `select ch.id, ${activeConsentSql('ch.id', '$3')} as ok from children ch
       where ch.id = $1 and ch.site_id = $2 and ch.removed_at_ms is null for update`,
      [upload.childId, device.siteId, today],
    );
    if (!child[0]) throw new HttpError(409, 'child-not-on-site', "This child is not on the roster of the tablet's site.");
    if (!child[0].ok) throw new HttpError(409, 'consent-required', 'This child has no active face consent; the template was refused.');
    const existing = await tx.query<{ child_id: string }>('select child_id from templates where id = $1', [upload.templateId]);
    if (existing[0]) {
      if (existing[0].child_id !== upload.childId)
        throw new HttpError(409, 'template-id-taken', 'This template id belongs to another child.');
      return { templateId: upload.templateId, status: 'duplicate' as const };
    }
    await makeRoomForTemplate(tx, upload.childId, upload.createdAtMs);
    // A template made before the tablet learned of a re-key is re-keyed here while its version is kept (else refused).
    const stored = await currentVersionOf(tx, { ...upload, siteId: device.siteId }, nowMs);
    await tx.query(
      `insert into templates (id, child_id, device_id, key_version, created_at_ms, ciphertext, uploaded_at_ms)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [upload.templateId, upload.childId, device.deviceId, stored.keyVersion, upload.createdAtMs, stored.ciphertext, nowMs],
    );
    await tx.query('update sites set revision = revision + 1 where id = $1', [device.siteId]);
    return { templateId: upload.templateId, status: 'stored' as const };
  });
}

/**
 * Stores purge receipts, each verified against the device's own signature first, and each about a child of the
 * device's own site (removed children included): one bad receipt refuses the batch.
 */
export async function storePurgeReceipts(db: Database, device: DeviceIdentity, receipts: PurgeReceipt[], nowMs: number) {
  for (const r of receipts) {
    if (!(await verifyPurgeReceipt(device.publicKey, device.deviceId, r))) {
      throw new HttpError(400, 'bad-receipt-signature', `Purge receipt ${r.receiptId} does not carry this device's valid signature.`);
    }
  }
  const childIds = [...new Set(receipts.map((r) => r.childId))];
  const onSite = new Set(
    (await db.query<{ id: string }>('select id from children where site_id = $1 and id = any($2::text[])', [device.siteId, childIds])).map(
      (c) => c.id,
    ),
  );
  const stranger = receipts.find((r) => !onSite.has(r.childId));
  if (stranger !== undefined) {
    throw new HttpError(
      409,
      'child-not-on-site',
      `Purge receipt ${stranger.receiptId} is about a child that was never on this tablet's site; none of the batch was stored.`,
    );
  }
  await db.transaction(async (tx) => {
    for (const r of receipts) {
      await tx.query(
        `insert into purge_receipts (id, device_id, child_id, template_ids, purged_at_ms, reason, bundle_version, received_at_ms, signature)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (id) do nothing`,
        [
          r.receiptId,
          device.deviceId,
          r.childId,
          JSON.stringify(r.templateIds),
          r.purgedAtMs,
          r.reason,
          r.bundleVersion ?? null,
          nowMs,
          r.signature,
        ],
      );
    }
  });
  return { acked: receipts.map((r) => r.receiptId) };
}

export async function listPurgeReceipts(db: Queryable, deviceId: string): Promise<PurgeReceipt[]> {
  const rows = await db.query<{
    id: string;
    child_id: string;
    template_ids: string[];
    purged_at_ms: number;
    reason: PurgeReceipt['reason'];
    bundle_version: number | null;
    signature: string | null;
  }>('select * from purge_receipts where device_id = $1 order by purged_at_ms, id', [deviceId]);
  return rows.map((r) => ({
    receiptId: r.id,
    childId: r.child_id,
    templateIds: r.template_ids,
    purgedAtMs: r.purged_at_ms,
    reason: r.reason,
    ...(r.bundle_version !== null ? { bundleVersion: r.bundle_version } : {}),
    ...(r.signature !== null ? { signature: r.signature } : {}),
  }));
}
