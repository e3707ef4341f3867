// Face templates and the signed bundle. A template is accepted only for a child of the tablet's site with an active
// face consent while the site's biometrics are on; a bundle carries templates of such children only.
import { toBase64Url, utf8 } from '../../src/protocol/base64';
import { verifyPurgeReceipt } from '../../src/protocol/purge-receipt-signature';
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { importKey, type DeviceIdentity } from '../device/auth';
import { dayKeyIn } from '../ids';
import { bundleSigningKey, currentTemplateKey, loadDistrict, signBytes } from './district';
import { currentVersionOf, lockTemplateKeysShared } from './template-keys';
import { activeConsentSql } from './roster';
import { getSite } from './sites';
import { twinsOfSite } from './twins';
import { checkTemplateUpload, makeRoomForTemplate } from './template-limits';

type TemplateUpload = components['schemas']['TemplateUpload'];
type TemplateAck = components['schemas']['TemplateAck'];
type BundlePayload = components['schemas']['BundlePayload'];
type SignedBundle = components['schemas']['SignedBundle'];
type PurgeReceipt = components['schemas']['PurgeReceipt'];

export const BUNDLE_FORMAT = 'gate-kiosk-bundle/1';
const DAY_MS = 86_400_000;

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
    const stored = await currentVersionOf(tx, upload, nowMs);
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
  const [row] = await db.query<{ public_jwk: JsonWebKey }>('select public_jwk from devices where id = $1', [device.deviceId]);
  const publicKey = await importKey(row!.public_jwk);
  for (const r of receipts) {
    if (!(await verifyPurgeReceipt(publicKey, device.deviceId, r))) {
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

/** The site's bundle as of now (read in one transaction, so it is a consistent snapshot). */
export async function buildBundlePayload(db: Database, siteId: string, nowMs: number): Promise<BundlePayload> {
  return db.transaction(async (tx) => {
    const district = await loadDistrict(tx);
    const site = await getSite(tx, siteId);
    const today = dayKeyIn(nowMs, site.timeZone);
    const children = await tx.query<{ id: string; display_name: string; group_name: string; removed_at_ms: number | null }>(
      'select id, display_name, group_name, removed_at_ms from children where site_id = $1 order by id',
      [siteId],
    );
    const bracelets = await tx.query<{ uid: string; child_id: string }>(
      'select b.uid, b.child_id from bracelets b join children c on c.id = b.child_id where c.site_id = $1 order by b.uid',
      [siteId],
    );
    const consents = await tx.query<{
      id: string;
      child_id: string;
      guardian_name: string;
      granted_on: string;
      expires_on: string;
      revoked_on: string | null;
    }>(
      `select k.id, k.child_id, k.guardian_name, k.granted_on, k.expires_on, k.revoked_on from consents k
       join children c on c.id = k.child_id where c.site_id = $1 and c.removed_at_ms is null order by k.id`,
      [siteId],
    );
    const templateKeyVersion = (await currentTemplateKey(tx, nowMs)).keyVersion;
    const templates = site.settings.biometricsEnabled
      ? await tx.query<{ id: string; child_id: string; key_version: number; created_at_ms: number; ciphertext: string }>(
          `select t.id, t.child_id, t.key_version, t.created_at_ms, t.ciphertext from templates t
         join children ch on ch.id = t.child_id
         where ch.site_id = $1 and ch.removed_at_ms is null and t.key_version = $3 and ${activeConsentSql('ch.id', '$2')} order by t.id`,
          [siteId, today, templateKeyVersion],
        )
      : [];
    const twins = await twinsOfSite(tx, siteId);
    const braceletsOf = new Map<string, string[]>();
    for (const b of bracelets) braceletsOf.set(b.child_id, [...(braceletsOf.get(b.child_id) ?? []), b.uid]);
    return {
      format: BUNDLE_FORMAT,
      districtId: district.id,
      siteId,
      version: site.revision,
      issuedAtMs: nowMs,
      expiresAtMs: nowMs + site.settings.maxOfflineFaceDays * DAY_MS,
      children: children
        .filter((c) => c.removed_at_ms === null)
        .map((c) => ({
          childId: c.id,
          displayName: c.display_name,
          group: c.group_name,
          bracelets: braceletsOf.get(c.id) ?? [],
          ...(twins.has(c.id) ? { twin: true } : {}),
        })),
      removedChildIds: children.filter((c) => c.removed_at_ms !== null).map((c) => c.id),
      consents: consents.map((k) => ({
        consentId: k.id,
        childId: k.child_id,
        guardianName: k.guardian_name,
        scope: 'face' as const,
        grantedOn: k.granted_on,
        expiresOn: k.expires_on,
        revokedOn: k.revoked_on,
      })),
      settings: site.settings,
      templates: templates.map((t) => ({
        templateId: t.id,
        childId: t.child_id,
        keyVersion: t.key_version,
        createdAtMs: t.created_at_ms,
        ciphertext: t.ciphertext,
      })),
      templateKeyVersion,
    };
  });
}

/** Signs the exact bytes sent: the tablet verifies those bytes before it parses them. */
export async function signBundle(db: Database, payload: BundlePayload): Promise<SignedBundle> {
  const district = await loadDistrict(db);
  const bytes = utf8(JSON.stringify(payload));
  const signature = await signBytes(await bundleSigningKey(db, district.bundleKeyId), bytes);
  return { payload: toBase64Url(bytes), signature: toBase64Url(signature), keyId: district.bundleKeyId };
}
