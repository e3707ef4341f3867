// The recognition report at the real kiosk (production build, Debian Chromium): behind the staff PIN, with no child
// enrolled it says so; with children enrolled through the kiosk's enrolment code (synthetic embeddings: two confirmed
// twins, one child with a poor sample, two others) it shows the figures with their intervals, the twins and the weak
// enrolment by first name, in Kazakh, Russian and English. Each state passes axe-core's WCAG 2.2 AA rules
// (test/support/axe.ts; meta-viewport left out: the door tablet disables zoom on purpose, see accessibility.test.ts), the
// print button prints, and the printed report (print stylesheet) fits one A4 page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_STAFF_PIN } from '../../src/demo/demo';
import { buildGateApp, enrolPagePath, serveGateApp } from '../../bench/lib/gate-app';
import { launchChromium, type LaunchedBrowser } from '../support/browser';
import type { StaticServer } from '../support/static-server';
import { wcagViolations } from '../support/axe';
import { noisy, randomUnit } from '../unit/gate/gate-fixtures';

const children = [
  { id: 'child-aigerim', firstName: 'Aigerim' },
  { id: 'child-aisulu', firstName: 'Aisulu' },
  { id: 'child-bolat', firstName: 'Bolat' },
  { id: 'child-dinara', firstName: 'Dinara' },
  { id: 'child-yerlan', firstName: 'Yerlan' },
];
const roster = {
  format: 'gate-kiosk.roster/1',
  siteId: 'report-test-site',
  revision: 1,
  generatedAt: new Date().toISOString(),
  children: children.map((c) => ({ ...c, lastName: 'T.', group: 'test', braceletUid: null, faceConsent: true })),
};
/** Five samples of identity `identity` (noise 0.5); the one numbered `poor` much noisier (cosine about 0.4). */
const samples = (identity: number, seed: number, poor = -1) =>
  Array.from({ length: 5 }, (_, i) => Array.from(noisy(randomUnit(identity), i === poor ? 2.3 : 0.5, seed + i)));

let server: StaticServer | null = null;
let browser: LaunchedBrowser | null = null;

beforeAll(async () => {
  await buildGateApp();
  server = await serveGateApp(process.cwd());
  browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function onEnrolPage<T>(page: Page, run: () => Promise<T>): Promise<T> {
  await page.goto(server!.url + enrolPagePath);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 60_000 });
  await page.evaluate(() => window.gateEnrol.init({ recognition: false }));
  await page.evaluate((json) => window.gateEnrol.setRoster(json), roster);
  const result = await run();
  await page.evaluate(() => window.gateEnrol.close());
  return result;
}

/** Opens the kiosk in `locale`, unlocks staff mode and opens the recognition report. */
async function openReport(page: Page, locale: 'kk' | 'ru' | 'en'): Promise<void> {
  await page.goto(server!.url + '/');
  await page.click(`[data-testid="lang-${locale}"]`);
  await page.click('[data-testid="staff-button"]');
  for (const d of DEMO_STAFF_PIN) await page.click(`[data-testid="pin-digit-${d}"]`);
  await page.click('[data-testid="pin-ok"]');
  await page.click('[data-testid="staff-report"]');
  await page.waitForSelector('[data-testid="report-body"]', { timeout: 30_000 });
}

describe('the recognition report screen', () => {
  it('says when no child is enrolled, then shows figures, twins and weak enrolments; accessible; prints on one page', async () => {
    const page = await browser!.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      const w = window as unknown as { __printed: number };
      w.__printed = 0;
      window.print = () => void w.__printed++;
    });
    await onEnrolPage(page, async () => undefined);

    // Nobody enrolled yet.
    await openReport(page, 'en');
    expect(await page.textContent('[data-testid="report-empty"]')).toContain('No enrolled children yet');
    expect(await page.$('[data-testid="report-figures"]')).toBeNull();
    const axeOptions = { include: '[data-testid="staff-panel"]', skipRules: ['meta-viewport'] };
    expect((await wcagViolations(page, axeOptions)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);

    // Aigerim and Aisulu are twins (staff confirmed at enrolment); Bolat has one poor sample.
    const enrolled = await onEnrolPage(page, async () => {
      const out: string[] = [];
      const enrol = (id: string, s: number[][], twinOf?: string) =>
        page.evaluate(([i, e, t]) => window.gateEnrol.enrolEmbeddings(i, e, t ?? undefined), [id, s, twinOf ?? null] as const);
      out.push((await enrol('child-aigerim', samples(31, 100))).kind);
      const twin = samples(31, 200);
      const refused = await enrol('child-aisulu', twin);
      out.push(refused.kind === 'refused' ? `${refused.reason}:${refused.otherChildId}` : refused.kind);
      out.push((await enrol('child-aisulu', twin, 'child-aigerim')).kind);
      out.push((await enrol('child-bolat', samples(32, 300, 2))).kind);
      out.push((await enrol('child-dinara', samples(33, 400))).kind);
      out.push((await enrol('child-yerlan', samples(34, 500))).kind);
      return out;
    });
    expect(enrolled).toEqual(['enrolled', 'looks-like-other-child:child-aigerim', 'enrolled', 'enrolled', 'enrolled', 'enrolled']);

    for (const locale of ['en', 'ru', 'kk'] as const) {
      await openReport(page, locale);
      const body = await page.waitForSelector('[data-testid="report-body"][data-children="5"]');
      const text = (await body.textContent()) ?? '';
      expect(text).not.toMatch(/report\.\w/);
      expect(await page.getAttribute('[data-testid="report-fpir"]', 'data-trials')).toBe('25');
      expect(await page.getAttribute('[data-testid="report-fpir"]', 'data-errors')).toBe('10');
      expect(await page.getAttribute('[data-testid="report-fnir"]', 'data-trials')).toBe('25');
      const twins = await page.$$eval('[data-testid="report-twin"]', (els) =>
        els.map((el) => [el.getAttribute('data-a'), el.getAttribute('data-b')]),
      );
      expect(twins).toEqual([['child-aigerim', 'child-aisulu']]);
      expect(await page.textContent('[data-testid="report-twin"]')).toMatch(/Aigerim.*Aisulu/);
      const weak = await page.$$eval('[data-testid="report-weak"]', (els) =>
        els.map((el) => [el.getAttribute('data-child-id'), el.getAttribute('data-reasons')]),
      );
      expect(weak).toEqual([
        ['child-aigerim', 'held-out-outranked'],
        ['child-aisulu', 'held-out-outranked'],
        ['child-bolat', 'held-out-below-threshold'],
      ]);
      expect(await page.textContent('[data-testid="report-weak"][data-child-id="child-bolat"]')).toContain('Bolat');
      expect(await page.textContent('[data-testid="report-thresholds"]')).toMatch(/0[.,]42/);
      expect(await page.textContent('[data-testid="report-models"]')).toContain('embedder-arcface');
      expect((await wcagViolations(page, axeOptions)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    }

    // The print button prints; the printed report is the report alone, on one A4 page.
    await page.click('[data-testid="report-print"]');
    expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    // GK_REPORT_PDF=/tmp/report.pdf keeps the printed report (and a screenshot beside it) to look at.
    if (process.env.GK_REPORT_PDF) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(process.env.GK_REPORT_PDF, pdf);
      await page.screenshot({ path: `${process.env.GK_REPORT_PDF}.png`, fullPage: true });
    }
    if (errors.length > 0) console.log('[recognition report] page errors:', errors);
  }, 240_000);
});
