// Enrolment templates on their way to the district: the enrolment module queues the template's id (in the same
// Dexie transaction that stores it, with `db.meta` in its scope) and each sync run uploads the queue before it pulls.
// At upload the stored (sealed) template is opened and sent encrypted under the district transport key, so every
// tablet of the district can match it (src/sync/template-transport.ts). An upload leaves the queue when the server
// stored it (or had it), when the tablet no longer holds the template (purged, re-enrolled), or when the server
// refused it for good: no consent, child not on the site, biometrics off; those templates are purged on the tablet by
// the bundle applied in the same run. Without the district's key (paired before keys were sent) uploads wait, and so
// does a template of a key version the district retired (it is renewed when the next bundle names the new version).
import type { TemplateId } from '../core/types';
import type { GateDb } from '../storage/db';
import { TemplateVault } from '../storage/template-vault';
import { dequeueUpload, readQueuedUploads, type QueuedTemplateUpload } from '../storage/upload-queue.repo';
import type { components } from '../protocol/api-types.generated';
import type { CallFailure, DistrictClient } from './district-client';
import { sealForTransport } from './template-transport';

export type TemplateUpload = components['schemas']['TemplateUpload'];
export type { QueuedTemplateUpload };

/** Server refusals that a retry cannot change. */
const FINAL_REFUSALS = new Set([
  'consent-required',
  'child-not-on-site',
  'biometrics-disabled',
  'template-id-taken',
  'template-unreadable',
  // The district keeps one enrolment a child (the newest, at most 10 templates), dated within the last 12 months.
  'template-limit',
  'template-superseded',
  'template-date-invalid',
]);
/** The district re-keyed and no longer takes this version: the template stays queued; the tablet renews it at its next bundle. */
const RENEW_FIRST = new Set(['template-key-retired', 'template-key-unknown']);

export interface UploadReport {
  stored: number;
  refused: { templateId: string; childId: string; code: string }[];
  /** Queued templates the tablet no longer holds (purged or re-enrolled before the upload). */
  gone: number;
  /** Left queued: the tablet has no district key yet, or the template is of an older key version. */
  waiting: number;
}

/** Uploads the queue in order; returns the first retryable failure (the rest waits for the next run), else null. */
export async function uploadQueuedTemplates(
  db: GateDb,
  client: DistrictClient,
  report: UploadReport = { stored: 0, refused: [], gone: 0, waiting: 0 },
  nowMs = Date.now(),
): Promise<CallFailure | null> {
  const queue = await readQueuedUploads(db);
  if (queue.length === 0) return null;
  const vault = await TemplateVault.open(db, nowMs);
  const transport = vault.transport;
  for (const queued of queue) {
    const record = await db.templates.get(queued.templateId as TemplateId);
    if (record === undefined || record.childId !== queued.childId) {
      report.gone++;
      await dequeueUpload(db, queued.templateId);
      continue;
    }
    const key = await vault.childKey(record.childId).catch(() => null);
    if (transport === null || record.keyVersion !== transport.keyVersion || key === null) {
      report.waiting++;
      continue;
    }
    let rotated: Float32Array;
    try {
      rotated = await vault.unseal(key, record);
    } catch {
      report.gone++;
      await dequeueUpload(db, queued.templateId);
      continue;
    }
    const meta = {
      templateId: record.id,
      childId: record.childId,
      modelId: record.modelId,
      keyVersion: record.keyVersion,
      createdAtMs: record.createdAtMs,
    };
    const ciphertext = await sealForTransport(transport, meta, rotated);
    rotated.fill(0);
    const upload: TemplateUpload = {
      templateId: record.id,
      childId: record.childId,
      createdAtMs: record.createdAtMs,
      keyVersion: record.keyVersion,
      ciphertext,
    };
    const answer = await client.uploadTemplate(upload);
    if (answer.ok) {
      report.stored++;
      await dequeueUpload(db, upload.templateId);
      continue;
    }
    if (answer.kind === 'refused' && RENEW_FIRST.has(answer.error.code)) {
      report.waiting++;
      continue;
    }
    if (answer.kind === 'refused' && FINAL_REFUSALS.has(answer.error.code)) {
      report.refused.push({ templateId: upload.templateId, childId: upload.childId, code: answer.error.code });
      await dequeueUpload(db, upload.templateId);
      continue;
    }
    return answer;
  }
  return null;
}
