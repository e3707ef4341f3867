// Every kiosk screen staff and children meet passes axe-core's WCAG 2.2 AA rules in Debian Chromium, in Kazakh,
// Russian and English: the gate, the bracelet request, the PIN pad, the staff panel with today's marks, the roster,
// the readers screen, the diagnostics, the site PAD test and the pairing form. One rule is left out on purpose: `meta-viewport`. The kiosk
// is a fixed fullscreen tablet at a door; it disables pinch zoom (index.html, src/kiosk/navigation-guard.ts) so that a
// child's hands cannot zoom the gate away, and it sizes its own text large instead. (The district admin page, which is
// used on ordinary computers, is checked with every rule in admin-page.test.ts.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { braceletBytes, canonicalEm4100, openBraceletKiosk, tap, type BraceletKiosk } from '../../bench/lib/bracelet-run';
import { buildGateApp } from '../../bench/lib/gate-app';
import { DEMO_STAFF_PIN } from '../../src/demo/demo';
import { wcagViolations, type AxeViolation } from '../support/axe';

const KIOSK_SKIPS = ['meta-viewport'];
const ABSENT = { kk: 'Бүгін келмейді: ауру', ru: 'Сегодня отсутствует: болезнь', en: 'Absent today: illness' };
/** Today in the kiosk's zone as the bench roster runs it (this machine's, no site time zone set). */
const siteToday = (): string => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
let kiosk: BraceletKiosk | null = null;

beforeAll(async () => {
  await buildGateApp();
});

afterAll(async () => {
  await kiosk?.close();
});

const describeViolations = (where: string, found: AxeViolation[]) =>
  found.map((v) => `${where}: ${v.id} (${v.impact ?? '?'}) ${v.help}: ${v.nodes.map((n) => `${n.target} -> ${n.summary}`).join(' | ')}`);

async function check(page: Page, where: string, problems: string[]): Promise<void> {
  problems.push(...describeViolations(where, await wcagViolations(page, { skipRules: KIOSK_SKIPS })));
}

async function openStaff(page: Page): Promise<void> {
  await page.click('[data-testid="staff-button"]');
  for (const d of DEMO_STAFF_PIN) await page.click(`[data-testid="pin-digit-${d}"]`);
  await page.click('[data-testid="pin-ok"]');
  await page.waitForSelector('[data-testid="staff-panel"]');
}

describe('kiosk accessibility (axe-core, WCAG 2.2 AA)', () => {
  it('the gate, the PIN pad and every staff screen pass in kk, ru and en', async () => {
    const bracelet = (n: number) => canonicalEm4100(braceletBytes(n));
    kiosk = await openBraceletKiosk([
      // Dana's parent reported her absent today (she taps in anyway: the roster still says what the parent said).
      {
        id: 'child-dana',
        firstName: 'Dana',
        braceletUid: bracelet(1),
        faceConsent: false,
        group: 'Balapan',
        absences: [{ day: siteToday(), reason: 'illness' }],
      },
      { id: 'child-erlan', firstName: 'Erlan', braceletUid: bracelet(2), faceConsent: true, group: 'Kunshuaq' },
    ]);
    const { page } = kiosk;
    const problems: string[] = [];
    expect(await tap(page, braceletBytes(1))).toMatchObject({ shown: 'recorded', childId: 'child-dana' });
    for (const lang of ['kk', 'ru', 'en'] as const) {
      await page.click(`[data-testid="lang-${lang}"]`);
      await check(page, `${lang} gate`, problems);

      await page.click('[data-testid="staff-button"]');
      await page.waitForSelector('[data-testid="pin-ok"]');
      await check(page, `${lang} PIN pad`, problems);
      for (const d of DEMO_STAFF_PIN) await page.click(`[data-testid="pin-digit-${d}"]`);
      await page.click('[data-testid="pin-ok"]');
      await page.waitForSelector('[data-testid="staff-panel"]');
      await check(page, `${lang} staff panel`, problems);

      await page.click('[data-testid="staff-roster"]');
      await page.waitForSelector('[data-testid="roster"]');
      await check(page, `${lang} roster`, problems);
      expect(await page.textContent('[data-child-id="child-dana"] [data-testid="roster-absent"]'), lang).toBe(ABSENT[lang]);
      await page.click('[data-testid="roster-back"]');

      await page.click('[data-testid="staff-readers"]');
      await page.waitForSelector('[data-testid="readers-screen"]');
      await check(page, `${lang} readers`, problems);
      await page.click('[data-testid="readers-back"]');

      await page.waitForSelector('[data-testid="staff-panel"]', { timeout: 3_000 }).catch(() => openStaff(page));
      await page.click('[data-testid="staff-diagnostics"]');
      await page.waitForSelector('[data-testid="diag-threads"]');
      await check(page, `${lang} diagnostics`, problems);
      await page.goto(page.url().split('#')[0]!);
      await page.waitForSelector('[data-testid="gate"]');
      const tapToStart = page.locator('[data-testid="tap-to-start"]');
      if (await tapToStart.count()) await tapToStart.click();
    }
    // The site PAD test: its start, and a trial the camera (Chromium's fake device: no face) cannot count.
    await openStaff(page);
    await page.click('[data-testid="staff-padtest"]');
    await page.waitForSelector('[data-testid="padtest"]');
    await check(page, 'en site PAD test', problems);
    await page.click('[data-testid="padtest-start-genuine"]');
    await page.waitForSelector('[data-testid="padtest-no-face"]', { timeout: 40_000 });
    await check(page, 'en site PAD test, no face', problems);
    expect(await page.getAttribute('[data-testid="padtest-row"][data-kind="genuine"]', 'data-trials')).toBe('0');
    await page.click('[data-testid="padtest-close"]');

    // The pairing form staff use on a fresh tablet.
    await page.goto(`${page.url().split('#')[0]!}#district`);
    await page.waitForSelector('[data-testid="pairing-panel"]', { timeout: 20_000 });
    await check(page, 'pairing form', problems);
    expect(problems).toEqual([]);
  });
});
