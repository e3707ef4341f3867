// No egress: the kiosk talks to its own origin and its district, nobody else. The reference district server runs on
// one origin (in memory, seeded demo district), the kiosk is built for it (GK_DISTRICT_ORIGIN) and served from a
// second origin. Every request of the browser (page, workers, service worker), every WebSocket and every CSP
// violation is recorded through boot with pairing and a sync, an enrolment through the kiosk's own enrolment code,
// a gate session (the camera's face recognised and recorded) and a sync after it (network lost and back), which
// delivers the gate's event to the district.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import type { Database } from '../../server/db/database';
import { createPairingCode } from '../../server/device/pairing';
import { DEMO_SITE_ID, seedDemoDistrict } from '../../server/seed';
import { secretForSite } from '../../server/services/site-template-key';
import { loadDistrict, templateKeyPurpose } from '../../server/services/district';
import { EMBEDDER_MODEL_ID } from '../../src/pipeline/models/embedder.model';
import { LIVENESS_MODEL_VERSION } from '../../src/pipeline/models/liveness.model';
import { deriveTransportKey } from '../../src/storage/template-vault';
import { fromBase64Url } from '../../src/protocol/base64';
import { openFromTransport } from '../../src/sync/template-transport';
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
  readEvents,
  recordRequests,
  startStaticServer,
  watchPage,
  type RecordedRequest,
} from '../support/kiosk-session';
import { foreignRequests } from '../support/origins';
import type { StaticServer } from '../support/static-server';

const dev = join(requireFacesDir(), 'dev');
const photos = listIdentities(dev).find((i) => i.name === 'lfw_venus_williams')!.files;
// The seeded demo district gives every third child a face consent; the first one is Aisha.
const CHILD_ID = 'child_demo_01';

let districtDb: Database;
let district: Listening;
let app: BuiltApp;
let kiosk: StaticServer;
let browser: LaunchedBrowser;
let page: Page;
let watch: Awaited<ReturnType<typeof watchPage>>;
let requests: RecordedRequest[];
const sockets: string[] = [];

/** How many rows one store of the kiosk's IndexedDB holds, from any page of its origin. */
const storeCount = async (p: Page, store: string) => (await readKioskStores(p, [store]))[store]!.length;

beforeAll(async () => {
  districtDb = await openDistrictDatabase({});
  await seedDemoDistrict(districtDb, Date.now());
  district = await listen(createApp({ db: districtDb, adminToken: 'no-egress-test-token' }), '127.0.0.1', 0);
  app = await buildKioskWithEnrolPage({ GK_DISTRICT_ORIGIN: district.url });
  kiosk = await startStaticServer(app.dir, dev);
  browser = await launchKioskBrowser(fakeCameraVideo(photos[4]!));
  requests = recordRequests(browser.context);
  page = await browser.context.newPage();
  page.on('websocket', (ws) => sockets.push(ws.url()));
  watch = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close().catch(() => undefined);
  await district?.close().catch(() => undefined);
  await districtDb?.close().catch(() => undefined);
  app?.remove();
});

describe('no egress', () => {
  it('boot with pairing and sync, enrolment, a gate session and a sync contact only the kiosk and the district', async () => {
    expect(kiosk.url).not.toBe(district.url);
    // Boot: the kiosk pairs from the link the district prints and pulls the roster.
    const { code } = await createPairingCode(districtDb, DEMO_SITE_ID, Date.now());
    await page.goto(`${kiosk.url}/#pair=${code}`);
    await page.getByTestId('gate').waitFor({ timeout: 60_000 });
    await expect.poll(() => storeCount(page, 'children'), { timeout: 60_000 }).toBe(32);
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state), { timeout: 60_000 })
      .toBe('activated');

    // Enrolment through the kiosk's enrolment code, against the roster the district sent (the enrolment page's
    // roster argument is an older revision, which the kiosk refuses: the district's roster stays).
    await page.goto(kiosk.url + enrolPagePath);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 60_000 });
    await page.evaluate(() => window.gateEnrol.init());
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

    // A gate session: the camera's face is recognised and recorded.
    await grantCamera(browser.context, kiosk.url);
    await page.goto(kiosk.url + '/');
    // (The greeting itself is the offline test's and the gate test's business; here the session must just happen.)
    await expect
      .poll(() => readEvents(page).then((events) => events.map((e) => `${e.childId}:${e.method}`)), { timeout: 90_000 })
      .toEqual([`${CHILD_ID}:face`]);
    const [recorded] = await readEvents(page);

    // The network drops and comes back: the kiosk runs a sync with its district.
    const calls = (path: string) => requests.filter((r) => r.url.startsWith(district.url + path)).length;
    const before = { state: calls('/v1/device/state'), bundle: calls('/v1/bundle') };
    await browser.context.setOffline(true);
    await page.waitForTimeout(500);
    await browser.context.setOffline(false);
    // A run may have been under way when `before` was read (its bundle call lands after); the runner follows it with
    // the online trigger's own run, which asks for the state again.
    await expect
      .poll(() => [calls('/v1/device/state') > before.state, calls('/v1/bundle') > before.bundle], { timeout: 60_000 })
      .toEqual([true, true]);

    // The gate's event itself reached the district (same id, child, time, method, direction), and the tablet let go of
    // its outbox entry only after that acknowledgement.
    const received = () =>
      districtDb.query<{
        id: string;
        child_id: string;
        type: string;
        at_ms: number | string;
        body: { method?: string; direction?: string; pad?: { result: string; liveness: number | null; frames: number; model: string } };
      }>('select id, child_id, type, at_ms, body from events where id = $1', [recorded!.id]);
    await expect.poll(async () => (await received()).length, { timeout: 60_000 }).toBe(1);
    const [row] = await received();
    expect([row!.child_id, row!.type, Number(row!.at_ms), row!.body.method, row!.body.direction]).toEqual([
      CHILD_ID,
      'mark',
      recorded!.atMs,
      'face',
      recorded!.direction,
    ]);
    // The face check-in carries its presentation-attack check: the real liveness model scored frames in the worker,
    // and only numbers travelled (the district stored them in the event as sent).
    expect(row!.body.pad).toMatchObject({ model: LIVENESS_MODEL_VERSION });
    expect(row!.body.pad!.frames).toBeGreaterThanOrEqual(1);
    expect(row!.body.pad!.liveness).toBeGreaterThanOrEqual(0);
    expect(row!.body.pad!.liveness).toBeLessThanOrEqual(1);
    await expect.poll(() => storeCount(page, 'outbox'), { timeout: 60_000 }).toBe(0);

    // The enrolment went up under the site's transport key (Chromium's HKDF and AES-GCM): a tablet that derives the
    // key from its site's secret (derived from the district's, sealed at rest under the master key) opens each template.
    const uploaded = () =>
      districtDb.query<{ id: string; child_id: string; key_version: number; created_at_ms: number; ciphertext: string }>(
        'select id, child_id, key_version, created_at_ms, ciphertext from templates where child_id = $1',
        [CHILD_ID],
      );
    await expect.poll(async () => (await uploaded()).length, { timeout: 60_000 }).toBeGreaterThan(0);
    const [secret] = await districtDb.query<{ key_version: number; secret: string; per_site: boolean }>(
      'select key_version, secret, per_site from template_keys',
    );
    // The site's own key of that version, as the district derives it (server/services/site-template-key.ts).
    const siteSecret = await secretForSite(
      await districtDb.secrets.open(templateKeyPurpose(secret!.key_version), secret!.secret),
      secret!.per_site,
      DEMO_SITE_ID,
    );
    const transport = {
      key: await deriveTransportKey(fromBase64Url(siteSecret)!),
      keyVersion: secret!.key_version,
      districtId: (await loadDistrict(districtDb)).id,
    };
    for (const t of await uploaded()) {
      const bundled = {
        templateId: t.id,
        childId: t.child_id,
        keyVersion: t.key_version,
        createdAtMs: Number(t.created_at_ms),
        ciphertext: t.ciphertext,
      };
      expect((await openFromTransport(transport, bundled, EMBEDDER_MODEL_ID))?.length).toBe(512);
    }

    const origins = new Set(requests.map((r) => new URL(r.url).origin));
    console.info(`[no-egress] ${requests.length} requests, origins: ${[...origins].join(', ')}`);
    expect(requests.some((r) => r.url.startsWith(district.url + '/v1/'))).toBe(true);
    expect(requests.some((r) => r.from === 'service-worker')).toBe(true);
    expect(
      foreignRequests(
        requests.map((r) => r.url),
        [kiosk.url, district.url],
      ),
    ).toEqual([]);
    expect(foreignRequests(sockets, [kiosk.url, district.url])).toEqual([]);
    expect(await watch.csp()).toEqual([]);
  });
});
