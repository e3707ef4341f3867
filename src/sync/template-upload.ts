// Enrolment templates on their way to the district: the enrolment module queues the encrypted template (in the same
// Dexie transaction that stores it, with `db.meta` in its scope) and each sync run uploads the queue before it pulls.
// An upload leaves the queue only when the server stored it (or had it), or refused it for good: no consent, child
// not on the site, biometrics off; those templates are purged on the tablet by the bundle applied in the same run.
import type { GateDb } from '../storage/db';
import type { components } from './api-types';
import type { CallFailure, DistrictClient } from './district-client';

export type TemplateUpload = components['schemas']['TemplateUpload'];

export const UPLOADS_KEY = 'sync:template-uploads';

/** Server refusals that a retry cannot change. */
const FINAL_REFUSALS = new Set(['consent-required', 'child-not-on-site', 'biometrics-disabled', 'template-id-taken']);

export async function readQueuedUploads(db: GateDb): Promise<TemplateUpload[]> {
  return ((await db.meta.get(UPLOADS_KEY))?.value as TemplateUpload[] | undefined) ?? [];
}

/** Queues an upload (idempotent by templateId). Call inside the transaction that stores the template. */
export async function queueTemplateUpload(db: GateDb, upload: TemplateUpload): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const queued = (await readQueuedUploads(db)).filter((u) => u.templateId !== upload.templateId);
    await db.meta.put({ key: UPLOADS_KEY, value: [...queued, upload] });
  });
}

async function dequeue(db: GateDb, templateId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: UPLOADS_KEY, value: (await readQueuedUploads(db)).filter((u) => u.templateId !== templateId) });
  });
}

export interface UploadReport {
  stored: number;
  refused: { templateId: string; childId: string; code: string }[];
}

/** Uploads the queue in order; returns the first retryable failure (the rest waits for the next run), else null. */
export async function uploadQueuedTemplates(db: GateDb, client: DistrictClient, report: UploadReport = { stored: 0, refused: [] }): Promise<CallFailure | null> {
  for (const upload of await readQueuedUploads(db)) {
    const answer = await client.uploadTemplate(upload);
    if (answer.ok) {
      report.stored++;
      await dequeue(db, upload.templateId);
      continue;
    }
    if (answer.kind === 'refused' && FINAL_REFUSALS.has(answer.error.code)) {
      report.refused.push({ templateId: upload.templateId, childId: upload.childId, code: answer.error.code });
      await dequeue(db, upload.templateId);
      continue;
    }
    return answer;
  }
  return null;
}
