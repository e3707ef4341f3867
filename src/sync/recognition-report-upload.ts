// The recognition self-test's figures on their way to the district (issue 17): at most once a day, or sooner when what
// the report is computed from changed (the gallery's templates, the site's threshold and margin, the models: a
// revision the runtime gives, kept on the tablet only). The runtime computes the figures with the staff panel's own
// code (src/runtime/recognition-report.ts) and hands over numbers and counts only: no child id, name or template
// leaves the tablet this way (the contract's RecognitionReportUpload admits nothing else). Only a verified
// acknowledgement marks them sent; a forged one leaves them pending (and is a problem for staff like any other). A
// refusal is kept so that the same figures are not sent again that day, and does not stop the sync run.
import type { components } from '../protocol/api-types.generated';
import type { GateDb } from '../storage/db';
import { getMeta, putMeta, type RecognitionReportSent } from '../storage/meta.repo';
import type { DistrictClient } from './district-client';
import { failureOutcome } from './pull';
import type { RunOutcome } from './runner';
import type { Pairing } from './sync-state';

export type RecognitionReportUpload = components['schemas']['RecognitionReportUpload'];

export const RECOGNITION_REPORT_KEY = 'sync:recognition-report';
/** The figures go at most this often while nothing they depend on changes. */
export const RECOGNITION_REPORT_EVERY_MS = 24 * 60 * 60 * 1000;

/** What the runtime gives the sync step: the revision cheaply, the figures (a gallery self-test) only when due. */
export interface RecognitionReportSource {
  /** A digest of what the report depends on; null while it cannot be made (the gate or the recognition worker not up). */
  revision(): Promise<string | null>;
  /** The self-test's figures, computed now. */
  figures(): Promise<RecognitionReportUpload>;
}

const nothingSent: RecognitionReportSent = { uploaded: null, refused: null };

export async function readRecognitionReportSent(db: GateDb): Promise<RecognitionReportSent> {
  return (await getMeta(db, RECOGNITION_REPORT_KEY)) ?? nothingSent;
}

/** Whether figures of `revision` are due at `nowMs`: not sent or refused for this revision within the last day. */
export function recognitionReportDue(sent: RecognitionReportSent, revision: string, nowMs: number): boolean {
  const recent = (entry: { revision: string; atMs: number } | null) =>
    entry !== null && entry.revision === revision && nowMs >= entry.atMs && nowMs - entry.atMs < RECOGNITION_REPORT_EVERY_MS;
  return !recent(sent.uploaded) && !recent(sent.refused);
}

export type RecognitionReportResult = 'sent' | 'not-due' | 'not-ready' | 'refused';

/** Sends the figures when due. Network, server and unverified answers come back as a RunOutcome that is not done. */
export async function uploadRecognitionReport(
  db: GateDb,
  client: DistrictClient,
  source: RecognitionReportSource,
  now: () => number,
): Promise<RecognitionReportResult | RunOutcome> {
  const revision = await source.revision();
  if (revision === null) return 'not-ready';
  const sent = await readRecognitionReportSent(db);
  if (!recognitionReportDue(sent, revision, now())) return 'not-due';
  const figures = await source.figures();
  const answer = await client.pushRecognitionReport(figures);
  if (!answer.ok) {
    if (answer.kind === 'refused' || answer.kind === 'bad-response') {
      const code = answer.kind === 'refused' ? answer.error.code : 'bad-response';
      await putMeta(db, RECOGNITION_REPORT_KEY, { ...sent, refused: { revision, code, atMs: now() } });
      return 'refused';
    }
    return failureOutcome(db, answer, now());
  }
  // The district may hold a report computed later (another run's): these figures are acknowledged either way.
  await putMeta(db, RECOGNITION_REPORT_KEY, {
    uploaded: { revision, computedAtMs: figures.computedAtMs, atMs: now() },
    refused: null,
  });
  return 'sent';
}

/**
 * Runs `step` (the pull step), then sends the recognition report's figures when due. A refused report does not stop
 * the run (the pull is what face matching depends on); a network failure or an unverified answer does, like any step.
 */
export function withRecognitionReport(
  db: GateDb,
  now: () => number,
  source: RecognitionReportSource,
  step: (client: DistrictClient, pairing: Pairing) => Promise<RunOutcome>,
): (client: DistrictClient, pairing: Pairing) => Promise<RunOutcome> {
  return async (client, pairing) => {
    const before = await step(client, pairing);
    if (before.kind !== 'done') return before;
    const result = await uploadRecognitionReport(db, client, source, now);
    return typeof result === 'string' ? { kind: 'done' } : result;
  };
}
