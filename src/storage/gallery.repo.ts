// Face templates on the tablet (Dexie `templates`): 512-d embeddings only, never images. Writes check the child's
// face consent inside the transaction; loading into the matcher skips (and reports) anything it must not use.
import { Gallery, GalleryError } from '../core/match';
import type { ChildId, TemplateId } from '../core/types';
import type { GateDb, TemplateRecord } from './db';

export const TEMPLATE_DIM = 512;

export type SaveTemplatesResult =
  | { kind: 'saved'; replaced: number }
  | { kind: 'refused'; reason: 'unknown-child' | 'no-consent' };

/**
 * Stores a child's templates, replacing the ones they had (re-enrolment), in one transaction that first re-reads the
 * child: a consent withdrawn a moment ago is honoured.
 */
export async function saveChildTemplates(db: GateDb, childId: ChildId, records: readonly TemplateRecord[]): Promise<SaveTemplatesResult> {
  for (const r of records) {
    if (r.childId !== childId) throw new RangeError(`template ${r.id} belongs to ${r.childId}, not ${childId}`);
    if (r.embedding.length !== TEMPLATE_DIM) throw new RangeError(`template ${r.id} has ${r.embedding.length} values, expected ${TEMPLATE_DIM}`);
  }
  return db.transaction('rw', [db.children, db.templates], async () => {
    const child = await db.children.get(childId);
    if (child === undefined) return { kind: 'refused', reason: 'unknown-child' } as const;
    if (!child.faceConsent) return { kind: 'refused', reason: 'no-consent' } as const;
    const old = await db.templates.where('childId').equals(childId).primaryKeys();
    await db.templates.bulkDelete(old);
    await db.templates.bulkAdd(records.map((r) => ({ ...r, embedding: Float32Array.from(r.embedding) })));
    return { kind: 'saved', replaced: old.length } as const;
  });
}

/** Deletes every template of a child (consent withdrawn, child left); returns how many went. */
export async function deleteChildTemplates(db: GateDb, childId: ChildId): Promise<number> {
  return db.transaction('rw', [db.templates], async () => {
    const keys = await db.templates.where('childId').equals(childId).primaryKeys();
    await db.templates.bulkDelete(keys);
    return keys.length;
  });
}

export function childTemplates(db: GateDb, childId: ChildId): Promise<TemplateRecord[]> {
  return db.templates.where('childId').equals(childId).toArray();
}

export interface GalleryLoadReport {
  loaded: number;
  children: number;
  /** Templates of children without consent (or not in the roster): deleted from the tablet, never matched. */
  purgedNoConsent: number;
  /** Templates of another embedder model: kept (a re-enrolment replaces them) but not matched. */
  skippedOtherModel: number;
  /** Malformed embeddings (wrong length, NaN, all zeros). */
  skippedInvalid: number;
}

/** Fills the matcher from the stored templates of consented children; purges templates that should not exist. */
export async function loadGallery(db: GateDb, gallery: Gallery, consented: ReadonlySet<ChildId>, modelId: string): Promise<GalleryLoadReport> {
  const report: GalleryLoadReport = { loaded: 0, children: 0, purgedNoConsent: 0, skippedOtherModel: 0, skippedInvalid: 0 };
  const purge: TemplateId[] = [];
  await db.templates.each((t) => {
    if (!consented.has(t.childId)) {
      purge.push(t.id);
      return;
    }
    if (t.modelId !== modelId) {
      report.skippedOtherModel++;
      return;
    }
    try {
      gallery.add(t.childId, t.id, t.embedding);
      report.loaded++;
    } catch (error) {
      if (!(error instanceof GalleryError)) throw error;
      report.skippedInvalid++;
    }
  });
  if (purge.length > 0) await db.templates.bulkDelete(purge);
  report.purgedNoConsent = purge.length;
  report.children = gallery.childCount;
  return report;
}
