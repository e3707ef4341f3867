// The kiosk's recognition self-test on its way to the district (issue 17), against the real district server: after the
// pull, the figures go up once, not again the same day while the gallery stays the same, again when the gallery
// changes or a day has passed; only numbers and counts travel (no child id, no name); a forged acknowledgement leaves
// them pending and the district holds nothing new; a refusal does not stop the sync run.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { recognitionSelfTest } from '../../../src/core/self-test';
import type { ChildId } from '../../../src/core/types';
import { recognitionReportFigures, type RecognitionReport } from '../../../src/runtime/recognition-report';
import type { Fetch } from '../../../src/sync/district-client';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { pullStep } from '../../../src/sync/pull';
import {
  readRecognitionReportSent,
  RECOGNITION_REPORT_EVERY_MS,
  withRecognitionReport,
  type RecognitionReportSource,
} from '../../../src/sync/recognition-report-upload';
import { syncOnce } from '../../../src/sync/sync-once';
import { readSyncStatus } from '../../../src/sync/sync-state';
import type { components } from '../../../src/protocol/api-types.generated';
import { testDatabases } from '../../support/test-dbs';
import { noisy, randomUnit } from '../gate/gate-fixtures';
import { pairingCode, useTestDistrict } from '../server/district-fixture';
import { dayKey, siteWithChildren } from './district-tablets';

type Schemas = components['schemas'];

const d = useTestDistrict();
const freshDb = testDatabases('recognition-report');

const NAMES = ['Aisha', 'Nurlan', 'Dana', 'Timur'];

/** The staff panel's report over a synthetic gallery of these children (5 samples each), as the runtime builds it. */
function report(children: ChildId[], atMs: number): RecognitionReport {
  const statistics = recognitionSelfTest({
    children: children.map((childId, c) => ({
      childId,
      samples: Array.from({ length: 5 }, (_, i) => noisy(randomUnit(100 + c), 0.6, c * 10 + i)),
    })),
    matchThreshold: 0.42,
    matchMargin: 0.06,
    cohortWeight: 0.25,
    cohortSize: 3,
    minSamples: 5,
  });
  return {
    generatedAtMs: atMs,
    siteId: null,
    deviceId: 'dev_x',
    app: { version: '0.1.0 (test build)', build: 'test' },
    templateModelId: 'embedder-test',
    models: [{ file: 'arcface-r50.onnx', version: '1', sha256: 'ABCDEF0123456789'.repeat(4) }],
    statistics,
    firstNames: Object.fromEntries(children.map((id, i) => [id, NAMES[i % NAMES.length]!])),
    twinFlagged: [],
    leftOut: { expired: 0, otherModel: 0, unreadable: 0 },
    faceMatching: true,
  };
}

/** A tablet of a new site, its report source (revision and gallery set by the test), and what went to the district. */
async function tablet() {
  const { siteId, children } = await siteWithChildren(d, [0, 1, 2], 3);
  const db = freshDb();
  const paired = await pairKiosk(db, { baseUrl: d.url, code: await pairingCode(d, siteId), deviceName: 'report' });
  if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
  const state = {
    revision: 'r1' as string | null,
    gallery: children,
    computed: 0,
    offsetMs: 0,
    /** Changes the figures before they go (a tablet whose figures the district refuses). */
    tamper: (u: Schemas['RecognitionReportUpload']) => u,
  };
  const source: RecognitionReportSource = {
    revision: async () => state.revision,
    figures: async () => {
      state.computed++;
      return state.tamper(recognitionReportFigures(report(state.gallery, Date.now() + state.offsetMs)));
    },
  };
  const sent: string[] = [];
  /** What the proxy does to the report's request: pass it on, or answer it with a forged acknowledgement. */
  let forge = false;
  const fetch: Fetch = async (url, init) => {
    if (url.endsWith('/v1/recognition-report')) {
      sent.push(new TextDecoder().decode(init.body));
      if (forge) {
        const body = new TextEncoder().encode(JSON.stringify({ computedAtMs: 1, status: 'stored' }));
        return {
          status: 200,
          headers: { get: (n: string) => (n.toLowerCase() === 'gk-answer-signature' ? ':AAAA:' : null) },
          arrayBuffer: async () => body.buffer,
        };
      }
    }
    const r = await globalThis.fetch(url, init as RequestInit);
    return r;
  };
  const now = () => Date.now() + state.offsetMs;
  const sync = () =>
    syncOnce({
      db,
      clientFor: (p) => clientFor(p, { fetch }),
      now: Date.now,
      keepAckedDays: 7,
      steps: { afterPush: withRecognitionReport(db, now, source, pullStep(db, Date.now, undefined, { dayKey })) },
    });
  const listed = async () =>
    (await d.admin<Schemas['RecognitionReportList']>('GET', `/admin/v1/recognition-reports?siteId=${siteId}`)).body.reports;
  return {
    db,
    siteId,
    children,
    state,
    sent,
    sync,
    listed,
    forge: (on: boolean) => {
      forge = on;
    },
  };
}

describe('the recognition report sync step', () => {
  it('uploads the figures once, not again until the gallery changes or a day has passed; numbers only', async () => {
    const t = await tablet();
    expect(await t.sync()).toEqual({ kind: 'done' });
    expect(t.sent).toHaveLength(1);
    const first = JSON.parse(t.sent[0]!) as Schemas['RecognitionReportUpload'];
    expect(first).toMatchObject({ galleryChildren: 3, samples: 15, threshold: 0.42, margin: 0.06, appVersion: '0.1.0--test-build-' });
    expect(first.models).toEqual([{ file: 'arcface-r50.onnx', sha256Prefix: 'abcdef012345' }]);
    // No child id and no name left the tablet, though the staff panel's report holds both.
    for (const id of t.children) expect(t.sent[0]).not.toContain(id);
    for (const name of NAMES) expect(t.sent[0]).not.toContain(name);
    expect(Object.keys(first).sort()).toEqual(
      [
        'appVersion',
        'computedAtMs',
        'fnir',
        'fpir',
        'galleryChildren',
        'margin',
        'models',
        'samples',
        'threshold',
        'twinCandidates',
        'weakEnrolments',
      ].sort(),
    );
    const listed = await t.listed();
    expect(listed).toHaveLength(1);
    expect(listed[0]!.report).toEqual(first);
    const sentMeta = await readRecognitionReportSent(t.db);
    expect(sentMeta.uploaded).toMatchObject({ revision: 'r1', computedAtMs: first.computedAtMs });

    // The same gallery, the same day: nothing computed, nothing sent.
    expect(await t.sync()).toEqual({ kind: 'done' });
    expect(t.sent).toHaveLength(1);
    expect(t.state.computed).toBe(1);

    // The gallery changed (a child enrolled, re-enrolled or purged): sent again in the next run.
    t.state.revision = 'r2';
    t.state.gallery = t.children.slice(0, 2);
    expect(await t.sync()).toEqual({ kind: 'done' });
    expect(t.sent).toHaveLength(2);
    expect((await t.listed())[0]!.report.galleryChildren).toBe(2);
    expect(await t.sync()).toEqual({ kind: 'done' });
    expect(t.sent).toHaveLength(2);

    // A day later, the same gallery: sent again.
    t.state.offsetMs = RECOGNITION_REPORT_EVERY_MS + 60_000;
    expect(await t.sync()).toEqual({ kind: 'done' });
    expect(t.sent).toHaveLength(3);

    // Not ready (the gate or the recognition worker not up): nothing computed.
    t.state.revision = null;
    expect(await t.sync()).toEqual({ kind: 'done' });
    expect(t.state.computed).toBe(3);
  });

  it('a forged acknowledgement leaves the figures pending and the district holds nothing new', async () => {
    const t = await tablet();
    t.forge(true);
    const outcome = await t.sync();
    expect(outcome).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
    expect((await readSyncStatus(t.db)).problem?.code).toBe('answer-unverified');
    expect((await readRecognitionReportSent(t.db)).uploaded).toBeNull();
    expect(await t.listed()).toEqual([]);
    // Still pending: the next run sends it again, and the district's own answer marks it sent.
    t.forge(false);
    expect(await t.sync()).toEqual({ kind: 'done' });
    expect(t.sent).toHaveLength(2);
    expect((await readRecognitionReportSent(t.db)).uploaded?.revision).toBe('r1');
    expect(await t.listed()).toHaveLength(1);
    expect((await readSyncStatus(t.db)).problem).toBeNull();
  });

  it('a refused report does not stop the run and is not sent again the same day; an empty gallery is a report too', async () => {
    const t = await tablet();
    // Computed an hour in the future: the district refuses it as not adding up.
    t.state.tamper = (u) => ({ ...u, computedAtMs: Date.now() + 3_600_000 });
    expect(await t.sync()).toEqual({ kind: 'done' });
    expect(t.sent).toHaveLength(1);
    expect((await readRecognitionReportSent(t.db)).refused).toMatchObject({ revision: 'r1', code: 'recognition-report-invalid' });
    expect(await t.listed()).toEqual([]);
    expect(await t.sync()).toEqual({ kind: 'done' });
    expect(t.sent).toHaveLength(1);

    // A gallery without children (nothing enrolled yet) goes as a report the district cannot judge yet.
    t.state.tamper = (u) => u;
    t.state.gallery = [];
    t.state.revision = 'empty';
    expect(await t.sync()).toEqual({ kind: 'done' });
    expect(t.sent).toHaveLength(2);
    expect((await readRecognitionReportSent(t.db)).uploaded?.revision).toBe('empty');
    const [listed] = await t.listed();
    expect(listed).toMatchObject({ report: { galleryChildren: 0, samples: 0 }, verdict: 'too-few' });
  });
});
