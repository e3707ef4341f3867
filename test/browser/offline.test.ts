// Offline start in Debian Chromium. A child is enrolled through the kiosk's own enrolment code; the kiosk is loaded
// once (its service worker precaches the app shell, onnxruntime and the models; the camera is not yet allowed, so
// nobody is recognised online); then the network and the server are gone, the camera is allowed and the page is
// reloaded: the gate screen appears, cross-origin isolated (the cached responses keep COOP/COEP), the face is
// recognised and the event is on disk. No CSP violation, no request that reached for the network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF_PIN } from '../../src/demo/demo';
import { translate } from '../../src/ui/i18n/translate';
import type { BuiltApp } from '../support/app-build';
import { fakeCameraVideo } from '../support/app-build';
import type { LaunchedBrowser } from '../support/browser';
import { listIdentities, requireFacesDir } from '../support/faces';
import {
  buildKioskWithEnrolPage,
  cachedPaths,
  enrolChildren,
  grantCamera,
  launchKioskBrowser,
  readEvents,
  recordRequests,
  startStaticServer,
  watchPage,
  type RecordedRequest,
} from '../support/kiosk-session';
import type { StaticServer } from '../support/static-server';

const dev = join(requireFacesDir(), 'dev');
const photos = listIdentities(dev).find((i) => i.name === 'lfw_vladimir_putin')!.files;
const CHILD = { id: 'child-offline', firstName: 'Aruzhan', enrolPhotos: photos.slice(0, 3) };

let app: BuiltApp;
let server: StaticServer;
let browser: LaunchedBrowser;
let page: Page;
let watch: Awaited<ReturnType<typeof watchPage>>;
let requests: RecordedRequest[];
const failed: string[] = [];

beforeAll(async () => {
  app = await buildKioskWithEnrolPage();
  server = await startStaticServer(app.dir, dev);
  // The camera shows a photo of the child that was not among the enrolment photos.
  browser = await launchKioskBrowser(fakeCameraVideo(photos[4]!));
  requests = recordRequests(browser.context);
  page = await browser.context.newPage();
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  watch = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close().catch(() => undefined);
  app?.remove();
});

describe('offline start', () => {
  it('the first visit installs the service worker and precaches the app, onnxruntime, MediaPipe Tasks and the models', async () => {
    expect(await enrolChildren(page, server, [CHILD])).toEqual(['enrolled']);

    const started = Date.now();
    await page.goto(server.url + '/');
    // Headless Chromium refuses fullscreen without a gesture: the tap-to-start cover is shown.
    await page.getByTestId('tap-to-start').click();
    await page.getByTestId('gate').waitFor();
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state), { timeout: 60_000 })
      .toBe('activated');
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 10_000 }).toBe(true);
    const cached = await cachedPaths(page);
    console.info(
      `[offline] service worker active, precache complete ${Date.now() - started} ms after the first load: ${cached.length} files`,
    );
    for (const file of [
      '/index.html',
      '/manifest.webmanifest',
      '/models/manifest.json',
      '/models/blazeface-front-128.onnx',
      '/models/retinaface-mnet25.onnx',
      '/models/fr-feature.onnx',
      '/models/fr-feature-int8.onnx',
      '/models/fr-liveness.onnx',
      '/ort/ort-wasm-simd-threaded.wasm',
      '/ort/ort-wasm-simd-threaded.mjs',
      // The MediaPipe detector backend (config.detectorBackend) starts offline too.
      '/models/face-detection-short-range.tflite',
      '/mediapipe/vision_wasm_module_internal.js',
      '/mediapipe/vision_wasm_module_internal.wasm',
    ]) {
      expect(cached, file).toContain(file);
    }
    // No WebGPU adapter here: the ~27 MB WebGPU build of onnxruntime is not stored (webgpu-runtime.test.ts: it is where there is one).
    expect(cached.filter((p) => p.includes('asyncify'))).toEqual([]);
    // Without the camera permission the gate says so (staff can act on it) and nobody was recorded online.
    await expect.poll(() => page.getByTestId('advice').textContent(), { timeout: 60_000 }).toBe(translate('kk', 'camera.denied'));
    expect(await readEvents(page)).toEqual([]);
  });

  it('with the network and the server gone, a reload shows the gate, recognises the face and records the event', async () => {
    await browser.context.setOffline(true);
    await server.close();
    failed.length = 0;
    const requestsBefore = requests.length;
    const reloadedAt = Date.now();
    await page.reload();
    await grantCamera(browser.context, server.url);
    await page.getByTestId('gate').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect
      .poll(() => watch.greetings(), { timeout: 90_000 })
      .toContainEqual(expect.objectContaining({ childId: CHILD.id, outcome: 'recorded', direction: 'in' }));
    const [shown] = await watch.greetings();
    console.info(`[offline] offline reload to greeting: ${shown!.shownAtMs - reloadedAt} ms`);
    expect(shown!.text).toContain(CHILD.firstName);

    const events = await readEvents(page);
    expect(events.map((e) => [e.childId, e.type, e.method, e.direction])).toEqual([[CHILD.id, 'mark', 'face', 'in']]);
    expect(events[0]!.atMs).toBeGreaterThanOrEqual(reloadedAt);
    // Everything came from the service worker's cache: nothing reached for the (gone) network.
    expect(failed).toEqual([]);
    expect(requests.length).toBeGreaterThan(requestsBefore);
    expect(await watch.csp()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('offline, staff see the diagnostics (wasm, threads, isolation, models stored for offline use, outbox) and export them without personal data', async () => {
    // Chromium 150 forgets DevTools' offline emulation for navigator.onLine after a reload (requests stay blocked):
    // set it again so the page reads what a tablet with its network down reads.
    await browser.context.setOffline(false);
    await browser.context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    const tap = page.getByTestId('tap-to-start');
    if (await tap.count()) await tap.click();
    await page.getByTestId('staff-button').click();
    for (const d of DEMO_STAFF_PIN) await page.getByTestId(`pin-digit-${d}`).click();
    await page.getByTestId('pin-ok').click();
    await page.getByTestId('staff-diagnostics').click();
    const models = page.getByTestId('diag-model');
    await expect.poll(() => models.count(), { timeout: 20_000 }).toBe(4);
    expect(await models.evaluateAll((els) => els.map((e) => e.getAttribute('data-offline')))).toEqual(['true', 'true', 'true', 'true']);
    expect(await page.getByTestId('diag-backend').getAttribute('data-backend')).toBe('wasm');
    expect(Number(await page.getByTestId('diag-threads').textContent())).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('diag-isolated').textContent()).toBe(translate('kk', 'diag.yes'));
    expect(await page.getByTestId('diag-outbox').getAttribute('data-depth')).toBe('1');
    expect(await page.getByTestId('diag-sw').getAttribute('data-state')).toBe('active');
    expect(await page.getByTestId('diag-webgpu-runtime').getAttribute('data-state')).toBe('not-needed');
    expect(await page.getByTestId('diag-camera').getAttribute('data-state')).toBe('running');
    expect(Number(await page.getByTestId('diag-camera').getAttribute('data-fps'))).toBeGreaterThan(0);

    const download = page.waitForEvent('download');
    await page.getByTestId('diag-export').click();
    const file = readFileSync((await (await download).path())!, 'utf8');
    const report = JSON.parse(file) as {
      recognition: { models: { file: string; sha256: string }[]; threads: number };
      outbox: { depth: number };
      browser: { online: boolean };
    };
    expect(report.recognition.models.map((m) => m.file).sort()).toEqual([
      'blazeface-front-128.onnx',
      'fr-feature-int8.onnx',
      'fr-liveness.onnx',
      'retinaface-mnet25.onnx',
    ]);
    expect(report.recognition.models.every((m) => /^[0-9a-f]{64}$/.test(m.sha256))).toBe(true);
    expect(report.outbox.depth).toBe(1);
    expect(report.browser.online).toBe(false);
    for (const personal of [CHILD.id, CHILD.firstName]) expect(file).not.toContain(personal);
    await page.getByTestId('diag-exported').waitFor();
  });
});
