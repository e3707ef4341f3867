// The admin page's pickups panel in Debian Chromium under its CSP: a director records a custody order (do-not-release)
// for a child and names the father's parents' page account from the child's guardian accounts; the panel then says
// that account sees nothing of the child, the father's page answers 404 for her; the panel passes axe-core's WCAG 2.2
// AA rules in English, Russian and Kazakh; the district sets a group's own operating point in the site's settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../src/protocol/api-types.generated';
import { openAdminPage, textOf } from '../support/admin-page';
import { wcagViolations } from '../support/axe';
import { launchChromium, type LaunchedBrowser } from '../support/browser';
import { createSite, startTestDistrict, type TestDistrict } from '../unit/server/district-fixture';
import { person, type PersonClient } from '../unit/server/people-fixture';

type Schemas = components['schemas'];

let d: TestDistrict;
let browser: LaunchedBrowser;
let siteId: string;
let childId: string;
let father: PersonClient;

beforeAll(async () => {
  d = await startTestDistrict({ adminPage: true });
  siteId = await createSite(d, 'Sunflower');
  childId = (
    await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Aliya B.', group: 'Stars' })
  ).body.childId;
  father = await person(d, { displayName: 'Bolat Sadykov', role: 'parent', childIds: [childId] });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await d?.close();
});

describe("the admin page's site settings", () => {
  it('the district sets a group its own operating point; a line not of the form changes nothing; WCAG 2.2 AA', async () => {
    const { page, problems } = await openAdminPage(browser, d.url, null);
    await page.fill('#token', d.adminToken);
    await page.click('#connect');
    await page.waitForSelector('textarea[name="groupPoints"]');
    const points = async () => (await d.admin<Schemas['Site'][]>('GET', '/admin/v1/sites')).body.find((s) => s.siteId === siteId)!.settings;
    await page.fill('textarea[name="groupPoints"]', 'Stars = 0.48 / oops');
    await page.click('#tuning button');
    await expect.poll(() => textOf(page, '#msg')).toContain('is not "group = threshold / margin"');
    expect((await points()).groupOperatingPoints).toEqual([]);
    await page.fill('textarea[name="groupPoints"]', 'Stars = 0.48 / 0.08');
    await page.click('#tuning button');
    await expect
      .poll(async () => (await points()).groupOperatingPoints)
      .toEqual([{ group: 'Stars', matchThreshold: 0.48, matchMargin: 0.08 }]);
    const found = await wcagViolations(page, { include: '#settings' });
    expect(found.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe("the admin page's pickups panel", () => {
  it("records a custody order naming the father's parents' page account; WCAG 2.2 AA in three languages", async () => {
    const { page, problems } = await openAdminPage(browser, d.url, null);
    await page.fill('#token', d.adminToken);
    await page.click('#connect');
    await page.waitForSelector(`[data-pickups="${childId}"]`);
    await page.click(`[data-pickups="${childId}"]`);
    await page.waitForSelector('#denyAdd select[name="accountId"]');
    expect(
      await page.evaluate(`Array.from(document.querySelectorAll('#denyAdd select[name="accountId"] option'), (o) => o.textContent)`),
    ).toEqual(['none', 'Bolat Sadykov']);
    await page.fill('#denyAdd input[name="name"]', 'Bolat Sadykov');
    await page.fill('#denyAdd input[name="reason"]', 'court order 12.03.2026');
    await page.selectOption('#denyAdd select[name="accountId"]', father.accountId);
    await page.click('#denyAdd button');
    await expect.poll(() => textOf(page, '#pickups')).toContain("Parents' page accounts that see nothing of this child");
    expect(await textOf(page, '#pickups')).toContain('Bolat Sadykov');
    expect((await father.call('GET', `/parent/v1/children/${childId}`)).status).toBe(404);
    for (const lang of ['en', 'ru', 'kk'] as const) {
      await page.selectOption('#lang', lang);
      const found = await wcagViolations(page, { include: '#pickups' });
      expect(found.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
