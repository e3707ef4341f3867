// Face templates on the tablet (Dexie `templates` + `childKeys`): sealed embeddings only, never images. Writes
// re-check the child's face consent inside the transaction; loading into the matcher decrypts with the child's key and
// skips (and reports) anything it must not use: no consent, another model, past its lifetime, unreadable. (Deleting
// what a consent's end leaves is src/consent's job.)
import { Gallery, GalleryError } from '../core/match';
import { sha256HexSync } from '../core/sha256-sync';
import type { ChildId } from '../core/types';
import type { AuditInput } from '../protocol/audit-chain';
import { appendAudit } from './audit.repo';
import type { ChildKeyRecord, GateDb, TemplateRecord } from './db';
import { getMeta, updateMeta } from './meta.repo';
import { keyStampOf, type TemplateVault } from './template-vault';
import { queueTemplateUploads } from './upload-queue.repo';

export type SaveTemplatesResult =
  | { kind: 'saved'; replaced: number }
  /** key-renewed: the district's key was renewed after these templates were sealed (TemplateVault.keyStamp). */
  | { kind: 'refused'; reason: 'unknown-child' | 'no-consent' | 'key-renewed' };

export interface SaveOptions {
  /** Audit entries written in the same transaction (enrolment, twin flag). */
  /** Written in the same transaction; a function gets how many templates of the child the save replaced. */
  audit?: AuditInput[] | ((replaced: number) => AuditInput[]);
  /** Children to flag as twins (local flags, kept across roster updates). */
  twins?: ChildId[];
  /** The vault's keyStamp when the records were sealed: refused if the tablet re-keyed meanwhile (they would never match). */
  keyStamp?: string;
  nowMs: number;
}

/**
 * Stores a child's sealed templates and their new wrapped key, replacing what they had (re-enrolment: the old key goes
 * too), queues them for upload to the district, and writes the audit entries, in ONE transaction that first re-reads
 * the child: a consent withdrawn a moment ago is honoured and nothing is kept.
 */
export async function saveChildTemplates(
  db: GateDb,
  childId: ChildId,
  key: ChildKeyRecord,
  records: readonly TemplateRecord[],
  options: SaveOptions,
): Promise<SaveTemplatesResult> {
  for (const r of records) {
    if (r.childId !== childId) throw new RangeError(`template ${r.id} belongs to ${r.childId}, not ${childId}`);
  }
  if (key.childId !== childId) throw new RangeError(`the key belongs to ${key.childId}, not ${childId}`);
  return db.transaction('rw', [db.children, db.templates, db.childKeys, db.meta, db.audit], async () => {
    const child = await db.children.get(childId);
    if (child === undefined) return { kind: 'refused', reason: 'unknown-child' } as const;
    if (!child.faceConsent) return { kind: 'refused', reason: 'no-consent' } as const;
    const districtKey = await getMeta(db, 'vault:district-key');
    if (options.keyStamp !== undefined && (districtKey === undefined || keyStampOf(districtKey) !== options.keyStamp))
      return { kind: 'refused', reason: 'key-renewed' } as const;
    const old = await db.templates.where('childId').equals(childId).primaryKeys();
    await db.templates.bulkDelete(old);
    await db.childKeys.put(key);
    await db.templates.bulkAdd(records.map((r) => ({ ...r })));
    // Only ids: at upload the template is sent under the district transport key (src/sync/template-upload.ts).
    await queueTemplateUploads(
      db,
      records.map((r) => ({ templateId: r.id, childId: r.childId, createdAtMs: r.createdAtMs, keyVersion: r.keyVersion })),
      old,
    );
    const twins = options.twins ?? [];
    if (twins.length > 0) await updateMeta(db, 'enrol:twins', (held = []) => [...new Set([...held, ...twins])]);
    const audit = typeof options.audit === 'function' ? options.audit(old.length) : (options.audit ?? []);
    for (const entry of audit) await appendAudit(db, entry, options.nowMs);
    return { kind: 'saved', replaced: old.length } as const;
  });
}

export async function readTwinFlags(db: GateDb): Promise<Set<ChildId>> {
  return new Set((await getMeta(db, 'enrol:twins')) ?? []);
}

/** What the roster screen shows of a child's templates. */
export interface TemplateSummary {
  samples: number;
  enrolledAtMs: number;
  expiresAtMs: number;
  expired: boolean;
}

export async function templateSummaries(db: GateDb, lifetimeMs: number, nowMs: number): Promise<Map<ChildId, TemplateSummary>> {
  const out = new Map<ChildId, TemplateSummary>();
  await db.templates.each((t) => {
    const s = out.get(t.childId);
    const enrolledAtMs = Math.min(s?.enrolledAtMs ?? t.createdAtMs, t.createdAtMs);
    const expiresAtMs = enrolledAtMs + lifetimeMs;
    out.set(t.childId, { samples: (s?.samples ?? 0) + 1, enrolledAtMs, expiresAtMs, expired: expiresAtMs <= nowMs });
  });
  return out;
}

/**
 * A digest of which templates the tablet holds (their ids, children and models; nothing of their contents): it changes
 * when a child is enrolled, re-enrolled or purged. Kept on the tablet only, to tell whether the gallery changed.
 */
export async function templateSetRevision(db: GateDb): Promise<string> {
  const rows: string[] = [];
  await db.templates.each((t) => void rows.push(`${t.id}\u0000${t.childId}\u0000${t.modelId}`));
  rows.sort();
  return sha256HexSync(rows.join('\n'));
}

export interface GalleryLoadReport {
  loaded: number;
  children: number;
  /** Templates of children without consent (or not in the roster): never matched (src/consent purges them). */
  skippedNoConsent: number;
  /** Templates of another embedder model: kept (a re-enrolment replaces them) but not matched. */
  skippedOtherModel: number;
  /** Older than the template lifetime: kept until re-enrolment, never matched (the roster says "re-enrol"). */
  skippedExpired: number;
  /** Malformed, or not readable (key deleted, bytes changed, another district key version). */
  skippedInvalid: number;
}

export interface LoadOptions {
  modelId: string;
  nowMs: number;
  lifetimeMs: number;
}

/** Templates opened for use: the (rotated) embedding of each, and what was left out and why. */
export interface OpenedTemplates {
  opened: { record: TemplateRecord; embedding: Float32Array }[];
  report: Omit<GalleryLoadReport, 'loaded' | 'children'>;
}

/**
 * Decrypts the templates the matcher may use: those of consented children, of this embedder model, within their
 * lifetime, readable with their child's key. The caller owns the embeddings and must zero them after use.
 */
export async function openUsableTemplates(
  db: GateDb,
  vault: TemplateVault,
  consented: ReadonlySet<ChildId>,
  options: LoadOptions,
): Promise<OpenedTemplates> {
  const report: OpenedTemplates['report'] = {
    skippedNoConsent: 0,
    skippedOtherModel: 0,
    skippedExpired: 0,
    skippedInvalid: 0,
  };
  const usable: TemplateRecord[] = [];
  await db.templates.each((t) => {
    if (!consented.has(t.childId)) report.skippedNoConsent++;
    else if (t.modelId !== options.modelId) report.skippedOtherModel++;
    else if (t.createdAtMs + options.lifetimeMs <= options.nowMs) report.skippedExpired++;
    else usable.push(t);
  });
  const { opened, unreadable } = await vault.unsealAll(usable);
  report.skippedInvalid += unreadable.length;
  return { opened, report };
}

/** Fills the matcher with the (rotated) templates of consented children. */
export async function loadGallery(
  db: GateDb,
  vault: TemplateVault,
  gallery: Gallery,
  consented: ReadonlySet<ChildId>,
  options: LoadOptions,
): Promise<GalleryLoadReport> {
  const { opened, report: opening } = await openUsableTemplates(db, vault, consented, options);
  const report: GalleryLoadReport = { loaded: 0, children: 0, ...opening };
  for (const { record, embedding } of opened) {
    try {
      gallery.add(record.childId, record.id, embedding);
      report.loaded++;
    } catch (error) {
      if (!(error instanceof GalleryError)) throw error;
      report.skippedInvalid++;
    }
    embedding.fill(0);
  }
  report.children = gallery.childCount;
  return report;
}
