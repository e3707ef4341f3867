// District re-key in Chromium: the kiosk (paired with the seeded demo district, served from its own origin) enrols a
// child from real photos and greets them; the district admin rotates the template key on the admin page; at its next
// sync the kiosk renews its stored templates in place (Chromium's WebCrypto, keys non-extractable in IndexedDB) and
// confirms the version, which the admin page then shows; after a reload the gate greets the same child under the new key.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import type { Database } from '../../server/db/database';
import { createPairingCode } from '../../server/device/pairing';
import { DEMO_SITE_ID, seedDemoDistrict } from '../../server/seed';
import { mountPages } from '../../server/pages';
import { templateKeyStatus } from '../../server/services/template-keys';
import { listen, openDistrictDatabase, type Listening } from '../../server/setup';
import { readKioskStores } from '../../bench/lib/kiosk-stores';
import { fakeCameraVideo, type BuiltApp } from '../support/app-build';
import type { LaunchedBrowser } from '../support/browser';
import { listIdentities, requireFacesDir } from '../support/faces';
import {
  buildKioskWithEnrolPage,
  enrolPagePath,
  grantCamera,
  launchKioskBrowser,
  startStaticServer,
  watchPage,
} from '../support/kiosk-session';
import type { StaticServer } from '../support/static-server';

const dev = join(requireFacesDir(), 'dev');
const photos = listIdentities(dev).find((i) => i.name === 'lfw_venus_williams')!.files;
// The seeded demo district gives every third child a face consent; the first one is Aisha.
const CHILD_ID = 'child_demo_01';
const TOKEN = 'rekey-browser-test-token';

let districtDb: Database;
let district: Listening;
let app: BuiltApp;
let kiosk: StaticServer;
let browser: LaunchedBrowser;
let page: Page;
let watch: Awaited<ReturnType<typeof watchPage>>;

/** The key versions of the kiosk's stored templates and of the district key it holds, read from its IndexedDB. */
async function kioskKeyVersions(p: Page): Promise<{ templates: number[]; held: number | null }> {
  const { templates, meta } = await readKioskStores(p, ['templates', 'meta']);
  const held =
    (meta as { key: string; value?: { keyVersion: number } }[]).find((m) => m.key === 'vault:district-key')?.value?.keyVersion ?? null;
  return { templates: (templates as { keyVersion: number }[]).map((t) => t.keyVersion), held };
}

/** How many children the kiosk's roster has (the district's arrives with the first sync after pairing). */
const rosterSize = async (p: Page) => (await readKioskStores(p, ['children'])).children!.length;

const greeted = async () => (await watch.greetings()).filter((g) => g.childId === CHILD_ID);

beforeAll(async () => {
  districtDb = await openDistrictDatabase({});
  await seedDemoDistrict(districtDb, Date.now());
  const districtApp = createApp({ db: districtDb, adminToken: TOKEN });
  mountPages(districtApp);
  district = await listen(districtApp, '127.0.0.1', 0);
  app = await buildKioskWithEnrolPage({ GK_DISTRICT_ORIGIN: district.url });
  kiosk = await startStaticServer(app.dir, dev);
  browser = await launchKioskBrowser(fakeCameraVideo(photos[4]!));
  page = await browser.context.newPage();
  watch = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close().catch(() => undefined);
  await district?.close().catch(() => undefined);
  await districtDb?.close().catch(() => undefined);
  app?.remove();
});

describe('district re-key in the browser', () => {
  it('the kiosk renews its templates at the next sync and still greets the enrolled child', async () => {
    const { code } = await createPairingCode(districtDb, DEMO_SITE_ID, Date.now());
    await page.goto(`${kiosk.url}/#pair=${code}`);
    await page.getByTestId('gate').waitFor({ timeout: 60_000 });
    await expect.poll(() => kioskKeyVersions(page).then((k) => k.held), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => rosterSize(page), { timeout: 60_000 }).toBe(32);

    await page.goto(kiosk.url + enrolPagePath);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 60_000 });
    await page.evaluate(() => window.gateEnrol.init());
    // (A roster older than the district's is refused; the call loads the gallery from the district's roster.)
    const stale = {
      format: 'gate-kiosk.roster/1',
      siteId: DEMO_SITE_ID,
      revision: 0,
      generatedAt: new Date(0).toISOString(),
      children: [],
    };
    expect(await page.evaluate((json) => window.gateEnrol.setRoster(json), stale)).toBe('rejected');
    const urls = photos.slice(0, 3).map((p) => kiosk.fileUrl(p));
    expect((await page.evaluate(([id, u]) => window.gateEnrol.enrol(id, u), [CHILD_ID, urls] as [string, string[]])).kind).toBe('enrolled');
    await page.evaluate(() => window.gateEnrol.close());
    const enrolled = (await kioskKeyVersions(page)).templates;
    expect(enrolled.length).toBeGreaterThan(0);
    expect(enrolled.every((v) => v === 1)).toBe(true);

    await grantCamera(browser.context, kiosk.url);
    await page.goto(kiosk.url + '/');
    await expect.poll(async () => (await greeted()).length, { timeout: 90_000 }).toBeGreaterThan(0);
    // The enrolment reached the district before the re-key (so the district renews its copy too).
    await expect
      .poll(async () => (await districtDb.query('select id from templates where child_id = $1', [CHILD_ID])).length, { timeout: 60_000 })
      .toBe(enrolled.length);

    // The district admin rotates the key on the admin page.
    const admin = await browser.context.newPage();
    admin.on('dialog', (dialog) => void dialog.accept());
    await admin.goto(`${district.url}/admin`);
    await admin.fill('#token', TOKEN);
    await admin.click('#connect');
    await expect.poll(() => admin.textContent('#keyVersion'), { timeout: 30_000 }).toBe('1');
    expect(await admin.textContent('#keyTablets')).toBe('Every paired tablet holds the current version.');
    await admin.click('#rotateKey');
    await expect.poll(() => admin.textContent('#keyVersion'), { timeout: 30_000 }).toBe('2');
    expect(await admin.textContent('#msg')).toBe(
      `Key version 2: ${enrolled.length} stored template${enrolled.length === 1 ? '' : 's'} renewed. 1 tablet renews its templates at its next sync.`,
    );
    expect(await admin.textContent('#keyTablets')).toMatch(/^1 tablet still to renew .*\(version 1\)$/);
    expect(
      (await districtDb.query<{ key_version: number }>('select key_version from templates where child_id = $1', [CHILD_ID])).map(
        (t) => t.key_version,
      ),
    ).toEqual(enrolled.map(() => 2));
    // The kiosk syncs on start: it renews every template in place, under the new version.
    await page.reload();
    await expect.poll(() => kioskKeyVersions(page), { timeout: 60_000 }).toEqual({ templates: enrolled.map(() => 2), held: 2 });
    await expect
      .poll(async () => (await templateKeyStatus(districtDb, Date.now())).devices.map((d) => d.keyVersion), { timeout: 60_000 })
      .toEqual([2]);
    await expect
      .poll(async () => (await templateKeyStatus(districtDb, Date.now())).versions.find((v) => v.keyVersion === 1)?.retiredAtMs ?? null, {
        timeout: 60_000,
      })
      .not.toBeNull();
    await admin.reload();
    await expect.poll(() => admin.textContent('#keyTablets'), { timeout: 30_000 }).toBe('Every paired tablet holds the current version.');
    expect(await admin.textContent('#keys')).not.toMatch(/older versions kept/);
    await admin.close();

    // A fresh start from what is on disk (the new key): the camera's face is the enrolled child again.
    await page.reload();
    await expect.poll(async () => (await greeted()).length, { timeout: 90_000 }).toBeGreaterThan(0);
    expect(watch.errors).toEqual([]);
  });
});
