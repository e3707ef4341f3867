// The district side of the recognition self-test (issue 17), on the real server (PGlite): a paired tablet sends its
// figures and gets a signed acknowledgement; the admin lists the latest per site and tablet with a verdict against the
// target and its reasons; a report carrying a child id or a name is refused by the contract and stores nothing; a
// second report replaces the first and an older one does not; the arrival is in the audit log; the CLI prints the same.
import { describe, expect, it } from 'vitest';
import { runDistrictCommand, type AdminCall } from '../../../server/admin/cli-commands';
import { bestUpperBound, recognitionVerdict, DEFAULT_RECOGNITION_TARGET } from '../../../server/services/recognition-reports';
import { clopperPearson } from '../../../src/core/self-test';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];
type Upload = Schemas['RecognitionReportUpload'];

const d = useTestDistrict();

function rate(errors: number, trials: number): Schemas['RecognitionRate'] {
  if (trials === 0) return { errors, trials, upper95: null, lower95: null };
  const { lower, upper } = clopperPearson(errors, trials);
  return { errors, trials, upper95: upper, lower95: lower };
}

/** A site's figures: `children` children with 5 samples each, `fnirErrors` held-out misses. */
function figures(children: number, options: { fnirErrors?: number; fpirErrors?: number; computedAtMs?: number } = {}): Upload {
  return {
    computedAtMs: options.computedAtMs ?? Date.now() - 60_000,
    galleryChildren: children,
    samples: children * 5,
    threshold: 0.42,
    margin: 0.06,
    fpir: rate(options.fpirErrors ?? 0, children > 1 ? children * 5 : 0),
    fnir: rate(options.fnirErrors ?? 0, children * 5),
    twinCandidates: 1,
    weakEnrolments: 2,
    models: [{ file: 'arcface-r50.onnx', sha256Prefix: '0123456789ab' }],
    appVersion: '0.1.0',
  };
}

const list = async (query = '') => {
  const r = await d.admin<Schemas['RecognitionReportList']>('GET', `/admin/v1/recognition-reports${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const stored = async () => (await d.db.query<{ n: number }>('select count(*)::int as n from recognition_reports'))[0]!.n;

describe('recognition self-tests at the district', () => {
  it('takes a paired tablet’s figures with a signed acknowledgement and lists them with the verdict', async () => {
    const siteId = await createSite(d, 'Sunflower');
    const tablet = await pairTestDevice(d, siteId);
    // 400 children, 2,000 trials each: 0 FPIR errors and 10 FNIR errors are within the default target.
    const report = figures(400, { fnirErrors: 10 });
    const ack = await tablet.client.pushRecognitionReport(report);
    // The client verified the district's signature for this request before it returned ok.
    expect(ack).toMatchObject({ ok: true, body: { computedAtMs: report.computedAtMs, status: 'stored' } });

    const { target, reports } = await list(`?siteId=${siteId}`);
    expect(target).toEqual(DEFAULT_RECOGNITION_TARGET);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      siteId,
      siteName: 'Sunflower',
      deviceId: tablet.pairing.deviceId,
      report,
      verdict: 'within',
      reasons: [],
    });

    const audit = await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?siteId=${siteId}&kind=recognition-report.received`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]!.summary).toBe('Tablet sent its recognition self-test (gallery of 400 children)');
  });

  it('refuses a report that carries a child id or a name, and stores nothing of it', async () => {
    const siteId = await createSite(d, 'Refusals');
    const tablet = await pairTestDevice(d, siteId);
    const before = await stored();
    const withChild = { ...figures(10), childId: 'child_abc' } as Upload;
    const withName = {
      ...figures(10),
      models: [{ file: 'arcface-r50.onnx', sha256Prefix: '0123456789ab', name: 'Aisha' }],
    } as unknown as Upload;
    const withNames = { ...figures(10), firstNames: { child_abc: 'Aisha' } } as unknown as Upload;
    for (const bad of [withChild, withName, withNames]) {
      const answer = await tablet.client.pushRecognitionReport(bad);
      expect(answer).toMatchObject({ ok: false, kind: 'refused', status: 400, error: { code: 'invalid-request' } });
    }
    // Counts that do not add up are refused too.
    const impossible = { ...figures(10), fnir: { errors: 60, trials: 50, upper95: 1, lower95: 0.9 } };
    expect(await tablet.client.pushRecognitionReport(impossible)).toMatchObject({
      ok: false,
      error: { code: 'recognition-report-invalid' },
    });
    expect(await stored()).toBe(before);
    expect((await list(`?siteId=${siteId}`)).reports).toEqual([]);
  });

  it('lists a site whose FNIR upper bound is above the target as outside, with the reason; a small gallery cannot be judged', async () => {
    const outsideSite = await createSite(d, 'Outside');
    const outside = await pairTestDevice(d, outsideSite);
    // 20 misses in 400 held-out searches: FNIR 5%, its upper bound about 0.076.
    const report = figures(80, { fnirErrors: 20 });
    expect((await outside.client.pushRecognitionReport(report)).ok).toBe(true);
    const [listed] = (await list(`?siteId=${outsideSite}`)).reports;
    expect(listed!.verdict).toBe('outside');
    expect(listed!.reasons).toEqual([
      {
        code: 'above-target',
        rate: 'fnir',
        upper95: report.fnir.upper95,
        target: 0.05,
        galleryChildren: 80,
        trials: 400,
        text: `FNIR upper bound ${Math.round(report.fnir.upper95! * 1000) / 1000} above target 0.05`,
      },
    ]);
    expect(report.fnir.upper95!).toBeGreaterThan(0.05);

    const smallSite = await createSite(d, 'Small');
    const small = await pairTestDevice(d, smallSite);
    expect((await small.client.pushRecognitionReport(figures(3))).ok).toBe(true);
    const [tiny] = (await list(`?siteId=${smallSite}`)).reports;
    expect(tiny!.verdict).toBe('too-few');
    expect(tiny!.reasons.map((r) => r.text)).toEqual([
      'gallery of 3 children: FPIR interval too wide to say (15 trials)',
      'gallery of 3 children: FNIR interval too wide to say (15 trials)',
    ]);

    // The target is the admin's to change for a listing; a looser one puts the first site within it.
    expect((await list(`?siteId=${outsideSite}&maxFnirUpper95=0.1`)).reports[0]!.verdict).toBe('within');
    const bad = await d.admin<Schemas['Error']>('GET', '/admin/v1/recognition-reports?maxFpirUpper95=2');
    expect(bad).toMatchObject({ status: 400, body: { code: 'bad-recognition-target' } });

    // The CLI prints the same, in English.
    const call: AdminCall = (method, path, body) => d.admin(method, path, body);
    const text = await runDistrictCommand(['recognition-reports', '--site', outsideSite], call);
    expect(text).toMatch(/^Target: FPIR upper bound <= 0.01, FNIR upper bound <= 0.05\./);
    expect(text).toMatch(
      /Outside +Gate tablet \(dev_\w+\) +\S+ \S+ +80 +400 +0\/400 \(0-0\.0\d+\) +20\/400 \(0\.0\d+-0\.0\d+\) +1 +2 +OUTSIDE target: FNIR upper bound 0\.076 above target 0\.05$/,
    );
    expect(await runDistrictCommand(['recognition-reports', '--site', smallSite], call)).toMatch(
      /cannot say yet: gallery of 3 children: FPIR interval too wide to say \(15 trials\); gallery of 3 children: FNIR/,
    );
    const all = await runDistrictCommand(['recognition-reports', '--max-fnir', '0.1', '--json'], call);
    expect((JSON.parse(all) as Schemas['RecognitionReportList']).target.maxFnirUpper95).toBe(0.1);
  });

  it('keeps the latest report per tablet: a newer one replaces it, an older one is acknowledged and not kept', async () => {
    const siteId = await createSite(d, 'Replacements');
    const tablet = await pairTestDevice(d, siteId);
    const first = figures(50, { computedAtMs: Date.now() - 3 * 86_400_000 });
    const second = figures(52, { computedAtMs: Date.now() - 86_400_000, fnirErrors: 1 });
    expect(await tablet.client.pushRecognitionReport(first)).toMatchObject({ ok: true, body: { status: 'stored' } });
    expect(await tablet.client.pushRecognitionReport(second)).toMatchObject({ ok: true, body: { status: 'stored' } });
    let reports = (await list(`?siteId=${siteId}`)).reports;
    expect(reports).toHaveLength(1);
    expect(reports[0]!.report).toEqual(second);
    expect(await tablet.client.pushRecognitionReport(first)).toMatchObject({ ok: true, body: { status: 'older' } });
    reports = (await list(`?siteId=${siteId}`)).reports;
    expect(reports.map((r) => r.report)).toEqual([second]);

    // A second tablet of the site is listed beside the first; an unpaired one is left out.
    const other = await pairTestDevice(d, siteId);
    expect((await other.client.pushRecognitionReport(figures(50))).ok).toBe(true);
    expect((await list(`?siteId=${siteId}`)).reports).toHaveLength(2);
    expect((await d.admin('POST', `/admin/v1/devices/${other.pairing.deviceId}/revoke`)).status).toBe(200);
    expect((await list(`?siteId=${siteId}`)).reports.map((r) => r.deviceId)).toEqual([tablet.pairing.deviceId]);
  });
});

describe('the verdict', () => {
  it('needs enough trials for a rate to meet its target at all (0 errors in n gives 1 - 0.025^(1/n))', () => {
    expect(bestUpperBound(368)).toBeLessThanOrEqual(0.01);
    expect(bestUpperBound(367)).toBeGreaterThan(0.01);
    expect(bestUpperBound(0)).toBe(1);
    // A small gallery with many misses is outside all the same: its lower bound is above the target.
    const clearlyBad = recognitionVerdict(figures(3, { fnirErrors: 10 }), DEFAULT_RECOGNITION_TARGET);
    expect(clearlyBad.verdict).toBe('outside');
    expect(clearlyBad.reasons.map((r) => r.code)).toEqual(['too-wide', 'above-target']);
    // One child: no FPIR trials at all.
    expect(recognitionVerdict(figures(1), DEFAULT_RECOGNITION_TARGET).reasons[0]).toMatchObject({
      code: 'no-trials',
      text: 'gallery of 1 child: no FPIR trials, nothing to say',
    });
  });
});
