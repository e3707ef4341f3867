// The site's recognition report (staff panel, issue 17): the self-test statistics of src/core/self-test.ts over this
// tablet's own gallery. The templates are opened exactly as the gallery loads them (consented children, this embedder
// model, within their lifetime, readable with the child's key), scored by the gate's rule with the site's thresholds,
// and every decrypted vector is zeroed before the answer goes back. Nothing is written to storage and nothing is sent:
// the answer holds numbers, child ids and first names, the thresholds and the model versions, no template and no image.
// What goes to the district is less (recognitionReportFigures): the numbers and counts alone, at most daily or when
// the gallery changed (src/sync/recognition-report-upload.ts).
import type { ChildId } from '../core/types';
import { recognitionSelfTest, type SelfTestReport } from '../core/self-test';
import type { GateServices } from '../gate/boot';
import { EMBEDDER_MODEL_ID } from '../pipeline/models/embedder.model';
import type { GateDb } from '../storage/db';
import { sha256HexSync } from '../core/sha256-sync';
import { openUsableTemplates, readTwinFlags, templateSetRevision } from '../storage/gallery.repo';
import type { RecognitionReportUpload } from '../sync/recognition-report-upload';
import { readPairing } from '../sync/sync-state';

/** A model file the recognition worker runs, as the report names it. */
export interface ReportModel {
  file: string;
  version: string;
  sha256: string;
}

export interface RecognitionReport {
  generatedAtMs: number;
  /** The site this tablet is paired with (null before pairing) and this tablet's id. */
  siteId: string | null;
  deviceId: string;
  app: { version: string; build: string };
  /** The embedder model the templates are bound to. */
  templateModelId: string;
  /** The model files the recognition worker loaded (empty while it has not started). */
  models: ReportModel[];
  /** The statistics: gallery size, samples, the site's threshold and margin, FPIR and FNIR with intervals, twins, weak enrolments. */
  statistics: SelfTestReport;
  /** First names of the children the report names, by child id. */
  firstNames: Record<string, string>;
  /** Children of the report already flagged as twins (the gate asks them for their bracelet too). */
  twinFlagged: ChildId[];
  /** Stored templates left out, as the gallery leaves them out. */
  leftOut: { expired: number; otherModel: number; unreadable: number };
  /** Whether the gate matches faces now (a report can be made while matching is paused). */
  faceMatching: boolean;
}

export interface RecognitionReportDeps {
  db: GateDb;
  services: GateServices;
  nowMs: number;
  templateLifetimeMs: number;
  /** The gate's cohort rule (KioskConfig). */
  cohortWeight: number;
  cohortSize: number;
  /** Enrolment's minimum number of samples. */
  minSamples: number;
  models: readonly ReportModel[];
  app: { version: string; build: string };
}

export async function buildRecognitionReport(deps: RecognitionReportDeps): Promise<RecognitionReport> {
  const { db, services, nowMs } = deps;
  const { opened, report: load } = await openUsableTemplates(db, services.vault, services.roster.consented(), {
    modelId: EMBEDDER_MODEL_ID,
    nowMs,
    lifetimeMs: deps.templateLifetimeMs,
  });
  let statistics: SelfTestReport;
  try {
    const byChild = new Map<ChildId, Float32Array[]>();
    for (const { record, embedding } of opened) {
      const list = byChild.get(record.childId);
      if (list === undefined) byChild.set(record.childId, [embedding]);
      else list.push(embedding);
    }
    statistics = recognitionSelfTest({
      children: [...byChild].map(([childId, samples]) => ({ childId, samples })),
      matchThreshold: services.matchThreshold,
      matchMargin: services.matchMargin,
      cohortWeight: deps.cohortWeight,
      cohortSize: deps.cohortSize,
      minSamples: deps.minSamples,
    });
  } finally {
    for (const { embedding } of opened) embedding.fill(0);
  }

  const named = new Set<ChildId>([
    ...statistics.nearestOther.flatMap((n) => [n.childId, n.otherChildId]),
    ...statistics.twinCandidates.flatMap((t) => [t.a, t.b]),
    ...statistics.weak.flatMap((w) => (w.outrankedBy === null ? [w.childId] : [w.childId, w.outrankedBy])),
  ]);
  const firstNames: Record<string, string> = {};
  for (const id of named) firstNames[id] = services.roster.get(id)?.firstName ?? '';
  const flags = new Set([...services.twinFlags, ...(await readTwinFlags(db))]);
  const pairing = await readPairing(db);
  return {
    generatedAtMs: nowMs,
    siteId: pairing?.siteId ?? null,
    deviceId: services.deviceId,
    app: { version: deps.app.version, build: deps.app.build },
    templateModelId: EMBEDDER_MODEL_ID,
    models: deps.models.map(({ file, version, sha256 }) => ({ file, version, sha256 })),
    statistics,
    firstNames,
    twinFlagged: [...named].filter((id) => flags.has(id)),
    leftOut: { expired: load.skippedExpired, otherModel: load.skippedOtherModel, unreadable: load.skippedInvalid },
    faceMatching: services.faceMatching,
  };
}

/** The contract's app version: the build's version, with anything the contract does not take replaced. */
function appVersion(version: string): string {
  const clean = version
    .replace(/[^0-9A-Za-z.+-]/g, '-')
    .replace(/^[^0-9A-Za-z]+/, '')
    .slice(0, 40);
  return clean === '' ? 'unknown' : clean;
}

/**
 * The report's figures for the district: numbers and counts only. The child ids and first names the staff panel shows
 * (twin candidates, weak enrolments, nearest others) become counts here; no id or name is copied.
 */
export function recognitionReportFigures(report: RecognitionReport): RecognitionReportUpload {
  const s = report.statistics;
  const rate = (r: SelfTestReport['fpir']) => ({
    errors: r.errors,
    trials: r.trials,
    upper95: r.interval?.upper ?? null,
    lower95: r.interval?.lower ?? null,
  });
  return {
    computedAtMs: report.generatedAtMs,
    galleryChildren: s.children,
    samples: s.samples,
    threshold: s.matchThreshold,
    margin: s.matchMargin,
    fpir: rate(s.fpir),
    fnir: rate(s.fnir),
    twinCandidates: s.twinCandidates.length,
    weakEnrolments: s.weak.length,
    models: report.models
      .filter((m) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(m.file) && /^[0-9a-f]{12}/i.test(m.sha256))
      .slice(0, 16)
      .map((m) => ({ file: m.file, sha256Prefix: m.sha256.slice(0, 12).toLowerCase() })),
    appVersion: appVersion(report.app.version),
  };
}

/**
 * What the report is computed from, as a digest kept on the tablet only: the templates held, the consented children,
 * the site's threshold and margin, and the models. The figures go to the district again when it changes.
 */
export async function recognitionReportRevision(
  db: GateDb,
  services: Pick<GateServices, 'roster' | 'matchThreshold' | 'matchMargin'>,
  models: readonly ReportModel[],
): Promise<string> {
  return sha256HexSync(
    JSON.stringify([
      await templateSetRevision(db),
      [...services.roster.consented()].sort(),
      services.matchThreshold,
      services.matchMargin,
      models.map((m) => `${m.file}:${m.sha256}`),
    ]),
  );
}
