// The district admin page in Debian Chromium under its strict CSP: it connects with the token (which never appears in
// a URL), works without a single CSP violation or console error, and its audit log section shows a tablet's uploaded
// entries and the consent withdrawal the admin just made on the page, pages to older entries, filters by kind and site,
// and shows the tablet's hash chain as verified; the page passes axe-core's WCAG 2.2 AA rules. An inline script injected at the end is refused and reported, so the
// violation listener is known to work.
import { dayKeyIn } from '../../server/ids';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainAuditEntry, type AuditEntry } from '../../src/protocol/audit-chain';
import type { components } from '../../src/protocol/api-types.generated';
import { launchChromium, type LaunchedBrowser } from '../support/browser';
import { wcagViolations } from '../support/axe';
import { createSite, pairTestDevice, startTestDistrict, type TestDistrict } from '../unit/server/district-fixture';

type Schemas = components['schemas'];
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const TABLET_ENTRIES = 55;

let d: TestDistrict;
let browser: LaunchedBrowser;
let siteId: string;
let otherSiteId: string;
let deviceId: string;

beforeAll(async () => {
  d = await startTestDistrict({ adminPage: true });
  siteId = await createSite(d, 'Sunflower kindergarten');
  otherSiteId = await createSite(d, 'Other kindergarten');
  const child = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
    displayName: 'Amina S.',
    group: 'Stars',
    bracelets: ['mifare:04AB0001'],
  });
  const today = dayKeyIn(Date.now(), 'Asia/Almaty'); // the site's day (the test sites' zone)
  await d.admin('POST', `/admin/v1/children/${child.body.childId}/consents`, {
    guardianName: 'Parent',
    grantedOn: today,
    expiresOn: today,
  });
  const device = await pairTestDevice(d, siteId);
  deviceId = device.pairing.deviceId;
  // A morning on the tablet: staff sign in, then mark the child in and out by hand many times.
  const entries: AuditEntry[] = [];
  const start = Date.now() - 3_600_000;
  for (let i = 0; i < TABLET_ENTRIES; i++) {
    const input =
      i === 0
        ? { kind: 'staff-sign-in' as const }
        : { kind: 'manual-check-in' as const, childId: child.body.childId, details: { eventId: `e${i}`, direction: i % 2 ? 'in' : 'out' } };
    entries.push(chainAuditEntry(entries[i - 1] ?? null, input, start + i * 1000));
  }
  const pushed = await device.client.pushAudit({ entries });
  if (!pushed.ok) throw new Error(JSON.stringify(pushed));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await d?.close();
});

const rows = (page: Page): Promise<{ kind: string; text: string }[]> =>
  page.evaluate(`Array.from(document.querySelectorAll('#auditRows tr'), (r) => ({ kind: r.dataset.kind, text: r.textContent }))`);
const text = (page: Page, selector: string): Promise<string> =>
  page.evaluate(`document.querySelector(${JSON.stringify(selector)}).textContent`);

describe('the district admin page', () => {
  it('works under its CSP and shows the audit log with paging, filters and chain verification', async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    const urls: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => urls.push(r.url()));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.addInitScript(`window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`);
    const violations = (): Promise<string[]> => page.evaluate('window.cspViolations');

    const response = await page.goto(`${d.url}/admin`);
    expect(response!.headers()['content-security-policy']).toBe(CSP);
    await page.fill('#token', d.adminToken);
    await page.click('#connect');
    await expect.poll(() => text(page, '#msg'), { timeout: 20_000 }).toBe('Connected.');

    // The newest page holds 50 entries (the pairing and the consent, just now, first); "Older entries" brings the rest,
    // down to the tablet's first entry, the staff sign-in an hour ago.
    await expect.poll(async () => (await rows(page)).length, { timeout: 20_000 }).toBe(50);
    const total = TABLET_ENTRIES + 3; // and the consent recorded, the pairing code made and the tablet paired above
    expect(await page.isVisible('#auditOlder')).toBe(true);
    await page.click('#auditOlder');
    await expect.poll(async () => (await rows(page)).length).toBe(total);
    expect(await page.isVisible('#auditOlder')).toBe(false);
    const all = await rows(page);
    expect(all.slice(0, 3).map((r) => r.kind)).toEqual(['device.paired', 'pairing-code.created', 'consent.granted']);
    expect(all.at(-1)!.kind).toBe('staff-sign-in');
    expect(all.find((r) => r.kind === 'staff-sign-in')!.text).toMatch(
      /Sunflower kindergarten.*#1.*staff sign-in.*staff \(shared PIN\).*Staff signed in/,
    );
    // Both of the tablet's chains verify; the audit log up to the head the tablet signed when it uploaded it.
    expect(await text(page, `[data-chain="${deviceId}"]`)).toMatch(
      /verifies \(up to entry 55\); signed by the tablet up to entry 550 events: verifies \(nothing uploaded yet\)$/,
    );

    // The admin withdraws the consent on the page: the audit log shows it at the top.
    await page.selectOption('#site', siteId);
    await page.waitForSelector('[data-revoke-consent]');
    await page.click('[data-revoke-consent]');
    await expect.poll(async () => (await rows(page))[0]?.kind, { timeout: 20_000 }).toBe('consent.revoked');
    expect((await rows(page))[0]!.text).toMatch(
      /Sunflower kindergarten—consent withdrawndistrict adminFace consent withdrawn for Amina S\.; 0 stored templates deleted/,
    );

    // Every rule of WCAG 2.2 AA holds on the page as the admin uses it (the site, its children and the audit log shown).
    const axe = await wcagViolations(page);
    expect(axe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);

    // Filters: one kind; one kind at another site (nothing).
    await page.selectOption('#auditKind', 'staff-sign-in');
    await expect.poll(async () => (await rows(page)).map((r) => r.kind)).toEqual(['staff-sign-in']);
    await page.selectOption('#auditKind', 'consent.revoked');
    await expect.poll(async () => (await rows(page)).map((r) => r.kind)).toEqual(['consent.revoked']);
    await page.selectOption('#auditSite', otherSiteId);
    await expect.poll(async () => (await rows(page)).length).toBe(0);
    expect(await page.isVisible('#auditEmpty')).toBe(true);
    expect(await text(page, '#auditChains')).toBe('No tablets yet.');
    await page.selectOption('#auditSite', siteId);
    await expect.poll(async () => (await rows(page)).map((r) => r.kind)).toEqual(['consent.revoked']);

    // Russian: the page, the filtered log and its dates in Russian, with the token, the site and the filters kept.
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.selectOption('#lang', 'ru');
    expect(await page.evaluate('document.documentElement.lang')).toBe('ru');
    expect(await text(page, '#auditTitle')).toBe('Журнал аудита');
    expect(await text(page, '#childrenTitle')).toBe('Дети');
    expect(await page.title()).toBe('Gate Kiosk: администрирование района');
    expect(await text(page, '#msg')).toBe('Подключено.');
    expect(await page.inputValue('#token')).toBe(d.adminToken);
    expect(await page.inputValue('#site')).toBe(siteId);
    expect(await page.inputValue('#auditKind')).toBe('consent.revoked');
    const [ru] = await rows(page);
    expect(ru!.text).toMatch(/^\d{1,2} [а-я]+\.? \d{4} г\., \d{2}:\d{2}:\d{2}Sunflower kindergarten—согласие отозваноадминистратор района/);
    expect(ru!.text).toMatch(/Согласие на распознавание лица отозвано: Amina S\.; удалено 0 сохранённых шаблонов$/);
    expect(await text(page, `[data-chain="${deviceId}"]`)).toMatch(
      /проверена \(до записи 55\); подписана планшетом до записи 550 событий: проверена \(пока ничего не загружено\)$/,
    );
    expect(await page.getAttribute('[name="displayName"]', 'placeholder')).toBe('Имя');
    expect(await text(page, '#auditKind option[value="staff-sign-in"]')).toBe('вход сотрудника');

    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);

    // A wrong token is refused in Russian with where to find the right one; switched to Kazakh, so is the refusal.
    await page.fill('#token', 'not-the-token');
    await page.click('#connect');
    await expect
      .poll(() => text(page, '#msg'))
      .toBe(
        'Токен не принят. Вставьте токен администратора из файла .district/admin-token на сервере ' +
          '(сервер выводит его при первом запуске) и нажмите «Подключиться». (admin-token-required)',
      );
    await page.selectOption('#lang', 'kk');
    expect(await text(page, '#msg')).toMatch(
      /^Токен қабылданбады\. Сервердегі \.district\/admin-token файлынан әкімші токенін қойып .*\(admin-token-required\)$/,
    );
    expect(await text(page, '#auditTitle')).toBe('Аудит журналы');
    expect(await text(page, '#connect')).toBe('Қосылу');
    // The choice is kept: after a reload the page is in Kazakh, and with the right token the log speaks Kazakh.
    await page.reload();
    expect(await page.evaluate('document.documentElement.lang')).toBe('kk');
    expect(await text(page, '#tabletsTitle')).toBe('Планшеттер');
    await page.fill('#token', d.adminToken);
    await page.click('#connect');
    await expect.poll(() => text(page, '#msg'), { timeout: 20_000 }).toBe('Қосылды.');
    await expect
      .poll(async () => (await rows(page)).find((r) => r.kind === 'manual-check-in')?.text ?? '', { timeout: 20_000 })
      .toMatch(/#\d+қолмен белгілеуқызметкер \(ортақ PIN-код\)Amina S\.: (келуі|кетуі) қолмен белгіленді$/);
    // A Kazakh date: with the month's name where the browser has Kazakh data, else the numeric form used in Kazakhstan.
    expect((await rows(page))[0]!.text).toMatch(/^(\d{4} ж\. \d{1,2} [а-яәғқңөұүі]+\.?|\d{2}\.\d{2}\.\d{4}), \d{2}:\d{2}:\d{2}Sunflower/);
    expect(urls.filter((u) => u.includes(d.adminToken))).toEqual([]);
    expect(urls.every((u) => u.startsWith(d.url))).toBe(true);

    // The policy is enforced and the listener hears it: an injected inline script is refused and reported.
    await page.evaluate(
      `document.body.append(Object.assign(document.createElement('script'), { textContent: 'window.ranInline = true' }))`,
    );
    await expect.poll(violations).toEqual([expect.stringMatching(/^script-src(-elem)? inline$/)]);
    expect(await page.evaluate('window.ranInline === true')).toBe(false);
    await page.close();
  });
});
