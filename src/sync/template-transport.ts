// Templates between the district's tablets (api/openapi.yaml `TemplateKey`): the rotated template travels AES-GCM
// encrypted under the district transport key (derived from the key the district sends at pairing), bound to its
// template, child, model, key version and time. Uploads are made from the sealed copy at upload time; a bundle's
// templates of consented children that this tablet lacks are opened and re-sealed under this tablet's child keys
// BEFORE the bundle's transaction (WebCrypto cannot run inside an IndexedDB transaction), which then stores them.
import type { BundleBody, BundleTemplate } from '../core/bundle-shape';
import type { ChildId, TemplateId } from '../core/types';
import type { ChildKeyRecord, GateDb, TemplateRecord } from '../storage/db';
import { TemplateVault, type TransportKey } from '../storage/template-vault';
import { openTemplate, sealTemplate, type TransportMeta } from '../protocol/template-key-crypto';
import type { OpenedTemplateKey } from './template-key-open';
export type { TransportMeta };

/** base64url(iv ‖ AES-GCM(rotated float32 values)) under the district transport key. */
export async function sealForTransport(transport: TransportKey, meta: TransportMeta, rotated: Float32Array): Promise<string> {
  if (meta.keyVersion !== transport.keyVersion)
    throw new RangeError(`template ${meta.templateId} is of key version ${meta.keyVersion}, the transport key is ${transport.keyVersion}`);
  return sealTemplate(transport.key, transport.districtId, meta, rotated);
}

/** The rotated template, or null when it is not one of this district's key version and model, or was changed. */
export async function openFromTransport(transport: TransportKey, t: BundleTemplate, modelId: string): Promise<Float32Array | null> {
  if (t.keyVersion !== transport.keyVersion) return null;
  const meta: TransportMeta = {
    templateId: t.templateId,
    childId: t.childId,
    modelId,
    keyVersion: t.keyVersion,
    createdAtMs: t.createdAtMs,
  };
  return openTemplate(transport.key, transport.districtId, meta, t.ciphertext);
}

export type InstallKeyResult = 'installed' | 'held' | 'older' | 'malformed';

/**
 * Installs the district's template key (opened from the pairing answer or GET /v1/template-key; null: it did not open,
 * 'malformed'), zeroing the secret after: replaces a local key (every stored template moves to the
 * district's rotation) or an older district key; the same key again changes nothing.
 */
export async function installDistrictTemplateKey(
  db: GateDb,
  key: OpenedTemplateKey | null,
  districtId: string,
  nowMs: number,
): Promise<InstallKeyResult> {
  if (key === null) return 'malformed';
  const { raw } = key;
  try {
    const vault = await TemplateVault.open(db, nowMs);
    const held = vault.transport;
    if (held !== null && held.districtId === districtId) {
      if (held.keyVersion === key.keyVersion) return 'held';
      if (held.keyVersion > key.keyVersion) return 'older';
    }
    await vault.rekey(raw, key.keyVersion, 'district', nowMs, districtId);
    return 'installed';
  } finally {
    raw.fill(0);
  }
}

/** One child's templates from the bundle, re-sealed under a new child key, for applyBundle to store. */
export interface GalleryImport {
  childId: ChildId;
  key: ChildKeyRecord;
  records: TemplateRecord[];
  /** The enrolment time of these templates: stored only while the tablet holds nothing as new for the child. */
  enrolledAtMs: number;
}

export interface ImportPlan {
  imports: GalleryImport[];
  /** Bundle templates that did not open (another district or key version, another model, changed bytes). */
  unreadable: number;
}

/** Newest createdAtMs of the child's local templates, or -1. */
export async function newestLocalTemplate(db: GateDb, childId: ChildId): Promise<number> {
  let newest = -1;
  await db.templates
    .where('childId')
    .equals(childId)
    .each((t) => {
      newest = Math.max(newest, t.createdAtMs);
    });
  return newest;
}

/**
 * For each consented child, the bundle's newest enrolment (templates sharing the latest createdAtMs) when the tablet
 * holds nothing as new: opened with the transport key and sealed under a fresh child key. Children without consent
 * are never looked at. A tablet without the district's key imports nothing.
 */
export async function planGalleryImport(
  db: GateDb,
  p: Pick<BundleBody, 'districtId' | 'templates'>,
  consented: ReadonlySet<string>,
  options: { modelId: string; nowMs: number },
): Promise<ImportPlan> {
  const plan: ImportPlan = { imports: [], unreadable: 0 };
  const wanted = p.templates.filter((t) => consented.has(t.childId));
  if (wanted.length === 0) return plan;
  const vault = await TemplateVault.open(db, options.nowMs);
  const transport = vault.transport;
  if (transport === null || transport.districtId !== p.districtId) {
    plan.unreadable = wanted.length;
    return plan;
  }
  const byChild = new Map<string, BundleTemplate[]>();
  for (const t of wanted) byChild.set(t.childId, [...(byChild.get(t.childId) ?? []), t]);
  for (const [child, templates] of byChild) {
    const childId = child as ChildId;
    const usable = templates.filter((t) => t.keyVersion === transport.keyVersion);
    plan.unreadable += templates.length - usable.length;
    if (usable.length === 0) continue;
    const enrolledAtMs = Math.max(...usable.map((t) => t.createdAtMs));
    const latest = usable.filter((t) => t.createdAtMs === enrolledAtMs);
    plan.unreadable += usable.length - latest.length;
    if ((await newestLocalTemplate(db, childId)) >= enrolledAtMs) continue;
    const opened: { t: BundleTemplate; rotated: Float32Array }[] = [];
    for (const t of latest) {
      const rotated = await openFromTransport(transport, t, options.modelId);
      if (rotated === null) plan.unreadable++;
      else opened.push({ t, rotated });
    }
    if (opened.length === 0) continue;
    const { key, record } = await vault.newChildKey(childId, options.nowMs);
    const records: TemplateRecord[] = [];
    for (const { t, rotated } of opened) {
      records.push(
        await vault.seal(
          key,
          { id: t.templateId as TemplateId, childId, modelId: options.modelId, createdAtMs: t.createdAtMs },
          rotated,
          t.keyVersion,
        ),
      );
      rotated.fill(0);
    }
    plan.imports.push({ childId, key: record, records, enrolledAtMs });
  }
  return plan;
}

/** Stores planned imports in one transaction that re-reads each child's consent and newest local template. */
export async function storeGalleryImports(db: GateDb, imports: readonly GalleryImport[]): Promise<number> {
  return db.transaction('rw', [db.children, db.templates, db.childKeys], async () => {
    let stored = 0;
    for (const imp of imports) {
      if ((await db.children.get(imp.childId))?.faceConsent !== true || (await newestLocalTemplate(db, imp.childId)) >= imp.enrolledAtMs)
        continue;
      await db.templates.where('childId').equals(imp.childId).delete();
      await db.childKeys.put(imp.key);
      await db.templates.bulkPut(imp.records.map((r) => ({ ...r })));
      stored += imp.records.length;
    }
    return stored;
  });
}
