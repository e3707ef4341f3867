// Renewal after the district re-keyed its templates (ISO/IEC 24745 renewability). A verified bundle that names a newer
// template key version than the tablet holds makes it fetch the key (signed GET /v1/template-key) and renew every
// template in place (TemplateVault.rekey: the old rotation undone, the new one applied, re-sealed under the same child
// key, in one transaction with a `rekey` audit entry) BEFORE the bundle's templates, already of the new version, are
// opened. A tablet that was offline during one or several rotations goes straight to the newest. It then tells the
// district which version it holds (POST /v1/template-key/renewed), so that the district can delete older secrets.
import type { GateDb } from '../storage/db';
import { getMeta, putMeta } from '../storage/meta.repo';
import { TemplateVault } from '../storage/template-vault';
import type { CallFailure, DistrictClient } from './district-client';
import type { Pairing } from './sync-state';
import { ensureWrapKey, openTemplateKey } from './template-key-open';

export type RenewalResult =
  { kind: 'current' } | { kind: 'renewed'; fromVersion: number; toVersion: number; renewed: number; dropped: number };

/** Renews when `announced` (the bundle's templateKeyVersion) is newer than the key held. Failures are returned. */
export async function renewTemplateKey(
  db: GateDb,
  client: DistrictClient,
  pairing: Pairing,
  announced: number | undefined,
  nowMs: number,
): Promise<RenewalResult | CallFailure> {
  if (announced === undefined) return { kind: 'current' };
  const vault = await TemplateVault.open(db, nowMs);
  const held = vault.transport;
  if (held !== null && held.districtId === pairing.districtId && held.keyVersion >= announced) return { kind: 'current' };
  const current = await ensureWrapKey(db, client, pairing);
  const answer = await client.templateKey();
  if (!answer.ok) return answer;
  const { keyVersion } = answer.body;
  if (keyVersion < announced) {
    return {
      ok: false,
      kind: 'bad-response',
      status: 200,
      message: `the district announced template key version ${announced} but sent version ${keyVersion}`,
    };
  }
  const opened = await openTemplateKey(answer.body, current);
  if (opened === null)
    return { ok: false, kind: 'bad-response', status: 200, message: 'the district sent a template key this tablet cannot open' };
  const { raw } = opened;
  try {
    // Another tab may have renewed meanwhile: the vault refuses a version that is not newer.
    const again = await TemplateVault.open(db, nowMs);
    if (again.transport !== null && again.transport.districtId === pairing.districtId && again.transport.keyVersion >= keyVersion)
      return { kind: 'current' };
    const r = await again.rekey(raw, keyVersion, 'district', nowMs, pairing.districtId);
    return { kind: 'renewed', fromVersion: r.fromVersion, toVersion: keyVersion, renewed: r.renewed, dropped: r.dropped };
  } finally {
    raw.fill(0);
  }
}

/** Tells the district the version held, once per version (again after a failure). Null when done or nothing to say. */
export async function confirmTemplateKey(db: GateDb, client: DistrictClient, pairing: Pairing, nowMs: number): Promise<CallFailure | null> {
  const held = (await TemplateVault.open(db, nowMs)).transport;
  if (held === null || held.districtId !== pairing.districtId) return null;
  const confirmed = (await getMeta(db, 'sync:template-key-confirmed')) ?? 0;
  if (confirmed >= held.keyVersion) return null;
  const templates = await db.templates.filter((t) => t.keyVersion === held.keyVersion).count();
  const answer = await client.confirmTemplateKeyRenewal({ keyVersion: held.keyVersion, renewedTemplates: templates });
  if (!answer.ok) return answer;
  await putMeta(db, 'sync:template-key-confirmed', held.keyVersion);
  return null;
}
