// The queue of enrolment templates waiting for upload to the district (`meta` 'sync:template-uploads'): ids only, in
// the order they were enrolled. Enrolment adds to it in the transaction that stores the templates; sync takes an entry
// off once the district stored it, refused it for good, or the tablet no longer holds the template.
import type { TemplateId } from '../core/types';
import type { GateDb } from './db';
import { getMeta, updateMeta, type QueuedTemplateUpload } from './meta.repo';

export type { QueuedTemplateUpload };

export async function readQueuedUploads(db: GateDb): Promise<QueuedTemplateUpload[]> {
  return (await getMeta(db, 'sync:template-uploads')) ?? [];
}

/**
 * Appends uploads (idempotent by templateId) and drops the queued ones of `replaced` templates (a re-enrolment deleted
 * them). Call inside the transaction that stores the templates, with `db.meta` in its scope.
 */
export async function queueTemplateUploads(
  db: GateDb,
  uploads: readonly QueuedTemplateUpload[],
  replaced: readonly TemplateId[] = [],
): Promise<void> {
  const gone = new Set<string>([...replaced, ...uploads.map((u) => u.templateId)]);
  const added = uploads.map(({ templateId, childId, createdAtMs, keyVersion }) => ({ templateId, childId, createdAtMs, keyVersion }));
  await updateMeta(db, 'sync:template-uploads', (queued = []) => [...queued.filter((u) => !gone.has(u.templateId)), ...added]);
}

export async function dequeueUpload(db: GateDb, templateId: string): Promise<void> {
  await updateMeta(db, 'sync:template-uploads', (queued = []) => queued.filter((u) => u.templateId !== templateId));
}
