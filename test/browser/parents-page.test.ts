// The parents' page in Debian Chromium with a virtual authenticator (Chrome DevTools Protocol, WebAuthn domain): a
// parent opens the invitation link, registers a passkey, sees their child's arrival this morning (time, gate, how),
// turns on e-mail notices and confirms them with the link mailed to the address (the page says it waits until then),
// withdraws face consent with one tap, and after the tablet's next sync the district's bundle no longer carries the
// consent and the tablet's deletion receipt shows on the page ("deleted on Gate 1 at …"). The page runs under its
// strict CSP without a violation or console error, is installable (manifest), and passes axe-core's WCAG 2.2 AA rules
// signed out (the sign-in page) and signed in, in Kazakh, Russian and English, and fits a phone's screen. The admin page's passkey sign-in: a site
// director signs in without the token and sees only their own site.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayKeyIn } from '../../server/ids';
import type { MarkEvent } from '../../src/core/attendance-rules';
import type { ChildId, DeviceId } from '../../src/core/types';
import { createUuidV7 } from '../../src/core/uuidv7';
import { GENESIS_HASH } from '../../src/protocol/event-chain';
import { signPurgeReceipt } from '../../src/protocol/purge-receipt-signature';
import type { components } from '../../src/protocol/api-types.generated';
import { wcagViolations } from '../support/axe';
import { launchChromium, type LaunchedBrowser } from '../support/browser';
import { SmtpSink } from '../support/smtp-sink';
import { createSite, pairTestDevice, startTestDistrict, type TestDistrict } from '../unit/server/district-fixture';
import { createAccount, invite } from '../unit/server/people-fixture';

type Schemas = components['schemas'];
type Device = Awaited<ReturnType<typeof pairTestDevice>>;

let d: TestDistrict;
let browser: LaunchedBrowser;
let siteId: string;
let otherSiteId: string;
let childId: string;
let device: Device;
/** The district as the browser sees it: passkeys need a host name (an IP address is no relying party), so localhost. */
let origin: string;
const arrivedAtMs = Date.now() - 60 * 60_000;
/** The district's mail server (a local SMTP sink): the confirmation e-mail lands here. */
const sink = new SmtpSink();

beforeAll(async () => {
  await sink.start();
  d = await startTestDistrict({ adminPage: true, notices: { mailer: sink.mailer(() => origin) } });
  origin = d.url.replace('127.0.0.1', 'localhost');
  siteId = await createSite(d, 'Sunflower kindergarten');
  otherSiteId = await createSite(d, 'Tulip kindergarten');
  const child = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
    displayName: 'Amina S.',
    group: 'Stars',
    bracelets: ['mifare:04AB0101'],
  });
  childId = child.body.childId;
  const today = dayKeyIn(Date.now(), 'Asia/Almaty');
  await d.admin('POST', `/admin/v1/children/${childId}/consents`, { guardianName: 'Aigerim S.', grantedOn: today, expiresOn: today });
  device = await pairTestDevice(d, siteId, 'Gate 1');
  // This morning's arrival at Gate 1, with the bracelet, as the tablet pushes it.
  const event: MarkEvent = {
    type: 'mark',
    id: createUuidV7()(arrivedAtMs),
    deviceId: device.pairing.deviceId as DeviceId,
    seq: 1,
    prevHash: GENESIS_HASH,
    childId: childId as ChildId,
    dayKey: dayKeyIn(arrivedAtMs, 'Asia/Almaty'),
    atMs: arrivedAtMs,
    direction: 'in',
    method: 'bracelet',
    score: null,
  };
  const pushed = await device.client.pushEvents({ events: [event] });
  if (!pushed.ok) throw new Error(JSON.stringify(pushed));
  browser = await launchChromium(['--host-resolver-rules=MAP localhost 127.0.0.1']);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await d?.close();
  await sink.close();
});

async function watch(page: Page): Promise<{ problems: string[]; violations: () => Promise<string[]> }> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(`window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`);
  return { problems, violations: () => page.evaluate('window.cspViolations') };
}

async function virtualAuthenticator(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return cdp;
}

const text = (page: Page, selector: string): Promise<string> =>
  page.evaluate(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);

const axeProblems = async (page: Page): Promise<string[]> =>
  (await wcagViolations(page)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);

describe("the parents' page", () => {
  it("a parent registers a passkey from the invitation, sees the child, withdraws face consent and sees the tablet's receipt", async () => {
    const accountId = await createAccount(d, { displayName: 'Aigerim S.', role: 'parent', childIds: [childId] });
    const invitation = await invite(d, accountId);
    expect(invitation.link).toMatch(/\/parents\/#invite=/);
    const context = await browser.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const { problems, violations } = await watch(page);
    await virtualAuthenticator(page);

    // The sign-in page as a stranger sees it: accessible in each language, installable.
    const response = await page.goto(`${origin}/parents/`);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.waitForSelector('#signin:not([hidden])');
    for (const lang of ['kk', 'ru', 'en']) {
      await page.selectOption('#lang', lang);
      expect(await axeProblems(page), `sign-in page in ${lang}`).toEqual([]);
    }
    const manifest = (await (await page.request.get(`${origin}/parents/manifest.webmanifest`)).json()) as {
      start_url: string;
      icons: unknown[];
    };
    expect(manifest).toMatchObject({ start_url: '/parents/', display: 'standalone' });
    expect(manifest.icons.length).toBeGreaterThan(0);

    // The invitation link (opened afresh, as from a message): the code leaves the address bar, the page greets the
    // parent, a passkey is made.
    await page.goto('about:blank');
    await page.goto(`${origin}/parents/#invite=${invitation.code}`);
    await page.waitForSelector('#inviteNext:not([hidden])');
    expect(page.url()).not.toContain(invitation.code);
    expect(await text(page, '#inviteHello')).toContain('Aigerim S.');
    await page.click('#inviteCreate');
    await page.waitForSelector(`[data-child="${childId}"]`, { timeout: 20_000 });
    const section = await text(page, `[data-child="${childId}"]`);
    expect(section).toContain('Amina S.');
    expect(section).toMatch(/Arrived \d\d:\d\d/);
    expect(section).toContain('at Gate 1, with the bracelet');
    expect(section).toMatch(/Consent given on .*The kindergarten recorded it/);
    expect(section).toContain('the district education department is the data controller');

    // On a phone's screen (390 x 844 CSS px) nothing runs off the side, and the controls are at least 44 px high.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(
      await page.evaluate(
        `Math.min(...Array.from(document.querySelectorAll('main button, main input, main select'), (e) => e.getBoundingClientRect().height).filter((h) => h > 0))`,
      ),
    ).toBeGreaterThanOrEqual(44);

    // Signed in, in every language: still accessible.
    for (const lang of ['kk', 'ru', 'en']) {
      await page.selectOption('#lang', lang);
      expect(await axeProblems(page), `parents' page in ${lang}`).toEqual([]);
    }

    // E-mail notices: the page says the address waits for its owner; the link mailed there (no child named in it) asks,
    // and one tap turns notices on.
    const address = 'amina.mum@family.test';
    await page.fill('#noticesEmail', address);
    await page.click('#noticesEmailForm button');
    await expect
      .poll(() => text(page, '#msg'), { timeout: 20_000 })
      .toBe(`We sent a link to ${address}. Open it to confirm: notices go there only after that.`);
    expect(await text(page, '#noticesList li[data-waiting]')).toContain('waiting for you to confirm');
    expect(await axeProblems(page), "parents' page with an address waiting").toEqual([]);
    await expect.poll(() => sink.confirmLink(address), { timeout: 20_000 }).toBeDefined();
    expect(sink.mails.find((m) => m.to.includes(address))!.text).not.toContain('Amina');
    const mailbox = await context.newPage();
    await mailbox.goto(sink.confirmLink(address)!);
    expect(await text(mailbox, 'main')).toContain('Send arrival and departure notices to a…@family.test?');
    expect(await axeProblems(mailbox), 'the confirmation page').toEqual([]);
    await Promise.all([mailbox.waitForEvent('load'), mailbox.click('main button')]);
    expect(await text(mailbox, 'main')).toContain('Done: notices will be sent to this address.');
    await mailbox.close();
    await page.reload();
    await page.waitForSelector('#notices:not([hidden])');
    await expect.poll(() => text(page, '#noticesList')).toContain(`E-mail to ${address}`);
    expect(await page.$('#noticesList li[data-waiting]')).toBeNull();

    // One tap withdraws the consent; the district deletes its templates and the tablet's next bundle drops the consent.
    const before = await device.client.bundle();
    if (!before.ok || before.body.kind !== 'full') throw new Error('no full bundle');
    expect(before.body.consents.some((k) => k.childId === childId && k.revokedOn === null)).toBe(true);
    await page.click(`[data-withdraw="${childId}"]`);
    await expect.poll(() => text(page, '#msg'), { timeout: 20_000 }).toMatch(/^Withdrawn/);
    expect(await text(page, `[data-child="${childId}"] [data-consent-state]`)).toMatch(/Consent withdrawn on/);
    const after = await device.client.bundle(before.body.version);
    if (!after.ok || after.body.kind === 'unchanged') throw new Error('the withdrawal did not reach the bundle');
    expect(after.body.consents.filter((k) => k.childId === childId).every((k) => k.revokedOn !== null)).toBe(true);
    const [row] = await d.db.query<{ made_by: string; revoked_on: string | null }>(
      'select made_by, revoked_on from consents where child_id = $1',
      [childId],
    );
    expect(row!.revoked_on).not.toBeNull();

    // The tablet applies it at that sync and sends its signed purge receipt: the page shows it.
    const purgedAtMs = Date.now();
    const receipt = await signPurgeReceipt(device.keys.privateKey, device.pairing.deviceId, {
      receiptId: '0192f0a0-0000-7000-8000-0000000000aa',
      childId,
      templateIds: ['t-1'],
      purgedAtMs,
      reason: 'consent-revoked',
      bundleVersion: after.body.version,
    });
    expect((await device.client.pushPurgeReceipts({ receipts: [receipt] })).ok).toBe(true);
    await page.reload();
    await page.waitForSelector('.receipts li', { timeout: 20_000 });
    expect(await text(page, '.receipts')).toMatch(/Deleted on Gate 1 at \d\d:\d\d/);

    // The parent's consent again, marked as theirs.
    await page.click(`[data-grant="${childId}"]`);
    await expect
      .poll(() => text(page, `[data-child="${childId}"] [data-consent-state]`), { timeout: 20_000 })
      .toMatch(/You gave it on this page/);

    // Another family's child by id: 404, audited.
    const guessed = await page.evaluate(`fetch('/parent/v1/children/child_someoneelse').then((r) => r.status)`);
    expect(guessed).toBe(404);
    const refused = await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=parent.child-refused');
    expect(refused.body.entries.length).toBeGreaterThanOrEqual(1);

    expect(await violations()).toEqual([]);
    // The only failed load: the guessed child (404).
    expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    await context.close();
  });

  it('a site director signs in to the admin page with a passkey instead of the token and sees only their site', async () => {
    const accountId = await createAccount(d, { displayName: 'Director Sunflower', role: 'site-director', siteId });
    const invitation = await invite(d, accountId);
    expect(invitation.link).toMatch(/\/admin#invite=/);
    const context = await browser.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const { problems, violations } = await watch(page);
    await virtualAuthenticator(page);
    page.on('dialog', (dialog) => void dialog.accept());
    // Staff register at the admin page (the invitation's code in its address).
    await page.goto(`${origin}/admin#invite=${invitation.code}`);
    await page.waitForSelector('#inviteArea:not([hidden])');
    await page.click('#inviteCreate');
    await expect.poll(() => text(page, '#who'), { timeout: 20_000 }).toMatch(/Signed in as Director Sunflower \(site director\)/);
    await expect.poll(() => page.evaluate(`Array.from(document.querySelectorAll('#site option'), (o) => o.value)`)).toEqual([siteId]);
    expect(await page.inputValue('#token')).toBe('');
    expect(await page.isHidden('#people')).toBe(true);
    // Only the parts a director reaches: no district key, no people; no refusal on the status line.
    expect(await page.isHidden('#keysTitle')).toBe(true);
    expect(await page.isVisible('#childrenTitle')).toBe(true);
    expect(await text(page, '#msg')).toBe('Connected.');
    // The settings attendance funding relies on are the district's: shown disabled, with why; saving the form changes
    // the site's own (the closing time) and nothing else.
    await page.waitForSelector('#districtOnly');
    expect(await page.isDisabled('#padMode')).toBe(true);
    expect(await page.isDisabled('input[name="threshold"]')).toBe(true);
    expect(await page.isDisabled('#bioOn')).toBe(true);
    await page.fill('input[name="closingTime"]', '18:45');
    await page.click('#tuning button');
    await expect.poll(() => text(page, '#msg')).toBe('Settings saved; tablets get them at their next sync.');
    const saved = (await d.admin<Schemas['Site'][]>('GET', '/admin/v1/sites')).body.find((s) => s.siteId === siteId)!.settings;
    expect(saved.closingTime).toBe('18:45');
    expect(await violations()).toEqual([]);
    // Signed out and in again with the passkey alone.
    await Promise.all([page.waitForEvent('load'), page.click('#signOut')]);
    await page.waitForSelector('#passkeySignIn');
    await page.click('#passkeySignIn');
    await expect.poll(() => text(page, '#who'), { timeout: 20_000 }).toMatch(/Director Sunflower/);
    const otherSite = await page.evaluate(`fetch('/admin/v1/sites/${otherSiteId}/children').then((r) => r.status)`);
    expect(otherSite).toBe(403);
    expect(await violations()).toEqual([]);
    // The only failed loads: the district-wide parts a director may not read and the other site (403).
    expect(problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
    await context.close();
  });
});
