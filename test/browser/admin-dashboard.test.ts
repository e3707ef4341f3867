// The admin page's dashboard in Debian Chromium under its strict CSP: connected with the admin token, the page opens on
// a card per site with today's counts by group (present, absent with the reason, not arrived), the tablet with its
// last sync, the day's integrity flags and the 6-week chart (an SVG image with its title and description, and the
// numbers in a hidden table); a director signed in with a passkey sees only their site; the dashboard passes axe-core's
// WCAG 2.2 AA rules in English, Russian and Kazakh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayKeyIn } from '../../server/ids';
import { launchChromium, type LaunchedBrowser } from '../support/browser';
import { openAdminPage, textOf } from '../support/admin-page';
import { wcagViolations } from '../support/axe';
import { startTestDistrict, type TestDistrict } from '../unit/server/district-fixture';
import { registerWorld, ZONE, type RegisterWorld } from '../unit/server/register-fixture';

let d: TestDistrict;
let w: RegisterWorld;
let browser: LaunchedBrowser;

beforeAll(async () => {
  d = await startTestDistrict({ adminPage: true });
  w = await registerWorld(d);
  // Today at Sunflower: Amina came a minute ago, Daniyar is ill, Bota has not come; Erlan (Moons) came too.
  const now = Date.now() - 60_000;
  await w.push(w.children.amina, now, 'bracelet');
  await w.push(w.children.erlan, now + 1000, 'bracelet');
  // Then the tablet's clock set back to yesterday to check Bota in (a day filled in afterwards).
  await w.push(w.children.bota, now - 26 * 3_600_000, 'bracelet');
  const absence = await w.directorA.call('POST', `/admin/v1/sites/${w.siteA}/register/absences`, {
    childId: w.children.daniyar,
    day: dayKeyIn(Date.now(), ZONE),
    reason: 'illness',
  });
  if (absence.status !== 200) throw new Error(JSON.stringify(absence.body));
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await d?.close();
});

const text = textOf;
const openPage = (cookie: string | null) => openAdminPage(browser, d.url, cookie);

describe('the dashboard on the admin page', () => {
  it('shows each site at a glance: counts by group, tablets, flags and the chart; WCAG 2.2 AA in three languages', async () => {
    const { page, problems } = await openPage(null);
    await page.fill('#token', d.adminToken);
    await page.click('#connect');
    await page.waitForSelector('#dashboardOut[aria-busy="false"] .dash-site');
    // The dashboard is the first section after signing in.
    expect(await page.evaluate(`document.querySelector('#signin').nextElementSibling.id`)).toBe('dashboard');
    expect(await page.evaluate(`Array.from(document.querySelectorAll('.dash-site h4'), (h) => h.textContent.split(' · ')[0])`)).toEqual([
      'Sunflower',
      'Tulip',
    ]);
    const rows = (await page.evaluate(
      `Array.from(document.querySelectorAll('#dash-groups-0 tr'), (r) => Array.from(r.cells, (c) => c.textContent.trim()))`,
    )) as string[][];
    expect(rows).toEqual([
      ['Group', 'Present', 'Absent with a reason', 'Not arrived, no reason', 'On the roster'],
      ['Moons', '1', '0', '0', '1'],
      ['Stars', '1', '1 (illness 1)', '1', '3'],
      ['All groups', '2', '1 (illness 1)', '1', '4'],
    ]);
    expect(await text(page, '.dash-site:nth-of-type(1) .dash-tablets')).toMatch(
      /^Gate 1: last sync .+ · app version not reported · reader state not reported by the tablet$/,
    );
    expect(await text(page, '.dash-site:nth-of-type(1) [data-dash-integrity]')).toMatch(/^\d+ flags?$/);
    expect(await text(page, '.dash-site:nth-of-type(2)')).toContain('No tablet paired.');

    // The chart: one bar per school day, ending today with 2 present; titled and described, its numbers in a table.
    const bars = (await page.evaluate(
      `document.querySelectorAll('#dash-chart-0-title')[0].closest('svg').querySelectorAll('rect').length`,
    )) as number;
    expect(bars).toBeGreaterThanOrEqual(30);
    expect(await text(page, '#dash-chart-0-title')).toBe('Children present per school day, last 6 weeks');
    expect(await text(page, '#dash-chart-0-desc')).toMatch(
      /school days: at least 0 and at most 2 children present .*; 2 on the last day\.$/,
    );
    const lastRow = (await page.evaluate(
      `Array.from(document.querySelectorAll('.dash-site:nth-of-type(1) table.visually-hidden tbody tr')).pop().textContent`,
    )) as string;
    expect(lastRow).toMatch(/2$/);
    // Drawn in the page (the stylesheet applies under the CSP): the chart has a size.
    expect(await page.evaluate(`document.querySelector('#dash-chart-0-title').closest('svg').getBoundingClientRect().width > 200`)).toBe(
      true,
    );

    const axe = await wcagViolations(page, { include: '#dashboard' });
    expect(axe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    for (const lang of ['ru', 'kk'] as const) {
      await page.selectOption('#lang', lang);
      const words = await wcagViolations(page, { include: '#dashboard' });
      expect(words.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    }
    expect(await text(page, '#dashboardTitle')).toBe('Бүгін: қысқаша шолу');
    expect(await text(page, '#dash-groups-0 thead')).toContain('Келгендер');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("the integrity section lists yesterday's check-in recorded with the tablet's clock set back; WCAG 2.2 AA in three languages", async () => {
    const { page, problems } = await openPage(null);
    await page.fill('#token', d.adminToken);
    await page.click('#connect');
    await page.waitForSelector('#dashboardOut[aria-busy="false"] .dash-site');
    await page.selectOption('#site', w.siteA);
    await page.fill('#integrityDay', dayKeyIn(Date.now() - 26 * 3_600_000, ZONE));
    await page.click('#integrityForm button');
    await page.waitForSelector('[data-signal="backdated"] table');
    const row = (await page.evaluate(`Array.from(document.querySelectorAll('[data-signal="backdated"] tr'))[1].textContent`)) as string;
    expect(row).toMatch(/Gate 1bracelet26 h$/);
    expect(await text(page, '[data-signal="late"]')).toMatch(/Gate 1/);
    for (const lang of ['en', 'ru', 'kk'] as const) {
      await page.selectOption('#lang', lang);
      const found = await wcagViolations(page, { include: '#integrity' });
      expect(found.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a director signed in with a passkey sees only their own site', async () => {
    const { page } = await openPage(w.directorB.cookie);
    await page.click('#connect');
    await page.waitForSelector('#dashboardOut[aria-busy="false"] .dash-site');
    expect(await page.evaluate(`Array.from(document.querySelectorAll('.dash-site h4'), (h) => h.textContent.split(' · ')[0])`)).toEqual([
      'Tulip',
    ]);
    await page.context().close();
  });
});
