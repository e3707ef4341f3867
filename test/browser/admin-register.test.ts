// The admin page's register in Debian Chromium under its strict CSP: a site director signed in with their passkey
// (session cookie, no admin token) opens a day's register, sees each child present or absent with the reason and the
// hand-marks, approves a group and sees it approved with its version; the admin token's Approve is refused in words;
// the month downloads as XLSX; the section passes axe-core's WCAG 2.2 AA rules in English, Russian and Kazakh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../support/browser';
import { openAdminPage, textOf } from '../support/admin-page';
import { wcagViolations } from '../support/axe';
import { startTestDistrict, type TestDistrict } from '../unit/server/district-fixture';
import { at, registerWorld, type RegisterWorld } from '../unit/server/register-fixture';

let d: TestDistrict;
let w: RegisterWorld;
let browser: LaunchedBrowser;

beforeAll(async () => {
  d = await startTestDistrict({ adminPage: true });
  w = await registerWorld(d);
  await w.push(w.children.amina, at(w.day, '03:01:00'), 'face');
  await w.push(w.children.bota, at(w.day, '03:20:00'), 'staff', { staffNote: 'came with grandmother' });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await d?.close();
});

const text = textOf;
const openPage = (cookie: string | null) => openAdminPage(browser, d.url, cookie, { acceptDownloads: true });

describe('the register on the admin page', () => {
  it('a director signed in with a passkey reviews and approves a group; the page passes WCAG 2.2 AA', async () => {
    const { page, problems } = await openPage(w.directorA.cookie);
    // The token field left empty: the session cookie goes. (The page's district-wide sections, such as the template key,
    // are refused to a director with 403; the register is theirs.)
    await page.click('#connect');
    await expect.poll(() => page.evaluate(`document.querySelector('#site').value`), { timeout: 20_000 }).toBe(w.siteA);
    await page.fill('#registerDay', w.day);
    await page.click('#registerForm button');
    await page.waitForSelector('[data-register-state]');
    expect(await page.evaluate(`Array.from(document.querySelectorAll('.register-group h4'), (h) => h.textContent)`)).toEqual([
      'Group Moons · Not approved yet',
      'Group Stars · Not approved yet',
    ]);
    const stars = await text(page, '.register-group:nth-of-type(2)');
    expect(stars).toMatch(/Amina S\.present\d{2}:\d{2} \(face\)/);
    expect(stars).toMatch(/Daniyar M\.absent——no reason/);
    expect(stars).toMatch(/Bota K\.in.*came with grandmother/);

    const axe = await wcagViolations(page, { include: '#register' });
    expect(axe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);

    await page.click('[data-register-approve="1"] button');
    await expect.poll(() => text(page, '#msg'), { timeout: 20_000 }).toBe('Approved: version 1.');
    expect(await text(page, '.register-group:nth-of-type(2) h4')).toBe('Group Stars · Approved');
    expect(await text(page, '.register-group:nth-of-type(2)')).toMatch(/Version 1: Director A, /);
    // The approved version opens as it was approved.
    await page.click('[data-register-version]');
    await page.waitForSelector('.register-snapshot');
    expect(await text(page, '.register-snapshot')).toMatch(
      /^Version 1 as it was approved \(signed by the district, SHA-256 [0-9a-f]{64}\)/,
    );

    for (const lang of ['ru', 'kk'] as const) {
      await page.selectOption('#lang', lang);
      const words = await wcagViolations(page, { include: '#register' });
      expect(words.map((v) => v.id)).toEqual([]);
    }
    expect(await text(page, '#registerTitle')).toBe('Келу табелі');
    await page.selectOption('#lang', 'en');

    // The month as XLSX, through the same session.
    await page.fill('#registerMonth', w.day.slice(0, 7));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#registerDownload-xlsx')]);
    expect(download.suggestedFilename()).toBe(`register-${w.siteA}-${w.day.slice(0, 7)}.xlsx`);
    expect(problems.filter((p) => !p.includes('403'))).toEqual([]);
    await page.context().close();
  });

  it("the admin token's Approve is refused in the admin's words: a person signs", async () => {
    const { page } = await openPage(null);
    await page.fill('#token', d.adminToken);
    await page.click('#connect');
    await expect.poll(() => text(page, '#msg'), { timeout: 20_000 }).toBe('Connected.');
    await page.fill('#registerDay', w.day);
    await page.click('#registerForm button');
    await page.waitForSelector('[data-register-approve="0"]');
    await page.click('[data-register-approve="0"] button');
    await expect
      .poll(() => text(page, '#msg'), { timeout: 20_000 })
      .toMatch(/^A register is approved by a person: .*\(approval-needs-person\)$/);
    await page.context().close();
  });
});
