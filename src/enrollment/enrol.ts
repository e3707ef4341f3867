// Enrols a child from analysed samples: consent first, then sample checks, a duplicate check against the whole gallery,
// then the templates (embeddings only) are stored durably and only then put into the live matcher. Results are values.
import type { Gallery } from '../core/match';
import type { ChildId, TemplateId } from '../core/types';
import { createUuidV7 } from '../core/uuidv7';
import { storageFailure, type StorageFailure } from '../attendance/record-event';
import type { GateDb, TemplateRecord } from '../storage/db';
import { saveChildTemplates } from '../storage/gallery.repo';
import { checkSamples, defaultEnrolmentRules, type EnrolSample, type EnrolmentRules } from './samples';

export type EnrolRefusal = 'unknown-child' | 'no-consent' | 'too-few-samples' | 'samples-disagree' | 'looks-like-other-child';

export type EnrolResult =
  | { kind: 'enrolled'; childId: ChildId; templates: number; replaced: number }
  | { kind: 'refused'; reason: EnrolRefusal; usable?: number; otherChildId?: ChildId }
  | StorageFailure;

export interface EnrolDeps {
  db: GateDb;
  /** The live matcher: updated only after the templates are on disk. */
  gallery: Gallery;
  /** KioskConfig.matchThreshold: a new child whose samples already match another child at this score is refused. */
  matchThreshold: number;
  /** The embedder that produced the samples (EMBEDDER_MODEL_ID). */
  modelId: string;
  rules?: EnrolmentRules;
  newTemplateId?: (nowMs: number) => TemplateId;
}

const uuid = createUuidV7();
const defaultTemplateId = (nowMs: number) => `tpl-${uuid(nowMs)}` as TemplateId;

/** Enrols (or re-enrols, replacing the old templates) one child from `samples`. */
export async function enrolChild(deps: EnrolDeps, childId: ChildId, samples: readonly EnrolSample[], nowMs: number): Promise<EnrolResult> {
  const { db, gallery } = deps;
  let child;
  try {
    child = await db.children.get(childId);
  } catch (error) {
    return storageFailure(error);
  }
  if (child === undefined) return { kind: 'refused', reason: 'unknown-child' };
  // Consent before anything is computed or kept from the samples.
  if (!child.faceConsent) return { kind: 'refused', reason: 'no-consent' };

  const check = checkSamples(samples, deps.rules ?? defaultEnrolmentRules, gallery.dim);
  if (check.kind !== 'ok') return { kind: 'refused', reason: check.kind, usable: check.usable };

  const centroid = meanOf(check.embeddings);
  const found = gallery.search(centroid);
  for (const other of [found.best, found.second]) {
    if (other !== null && other.childId !== childId && other.score >= deps.matchThreshold) {
      return { kind: 'refused', reason: 'looks-like-other-child', otherChildId: other.childId, usable: check.embeddings.length };
    }
  }

  const newId = deps.newTemplateId ?? defaultTemplateId;
  const records: TemplateRecord[] = check.embeddings.map((embedding) => ({ id: newId(nowMs), childId, embedding, modelId: deps.modelId, createdAtMs: nowMs }));
  let saved;
  try {
    saved = await saveChildTemplates(db, childId, records);
  } catch (error) {
    return storageFailure(error);
  }
  if (saved.kind === 'refused') return { kind: 'refused', reason: saved.reason };
  gallery.removeChild(childId);
  for (const r of records) gallery.add(childId, r.id, r.embedding);
  return { kind: 'enrolled', childId, templates: records.length, replaced: saved.replaced };
}

function meanOf(vectors: readonly Float32Array[]): Float32Array {
  const sum = new Float32Array(vectors[0]!.length);
  for (const v of vectors) for (let i = 0; i < sum.length; i++) sum[i]! += v[i]!;
  return sum;
}
