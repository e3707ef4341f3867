// Camera lost and back, without a reload, in Debian Chromium: the production kiosk recognises an enrolled child from
// its (fake) camera; then the camera permission is revoked, which ends the live track as an unplugged camera or one
// taken by another app would. The gate says the camera stopped, keeps retrying (and says why it cannot open it), a
// bracelet on the keyboard-wedge reader is still recorded and greeted, and once the camera is allowed again the gate
// opens it by itself and recognises the child's face again, in the same document.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/ui/i18n/translate';
import { fakeCameraVideo, type BuiltApp } from '../support/app-build';
import type { LaunchedBrowser } from '../support/browser';
import { listIdentities, requireFacesDir } from '../support/faces';
import {
  buildKioskWithEnrolPage,
  enrolChildren,
  grantCamera,
  launchKioskBrowser,
  readEvents,
  startStaticServer,
  tapWedgeBracelet,
  watchPage,
} from '../support/kiosk-session';
import type { StaticServer } from '../support/static-server';

const dev = join(requireFacesDir(), 'dev');
const photos = listIdentities(dev).find((i) => i.name === 'lfw_vladimir_putin')!.files;
const FACE_CHILD = { id: 'child-face', firstName: 'Aruzhan', enrolPhotos: photos.slice(0, 3) };
const BRACELET_HEX = '04A1B2C3';
const BRACELET_CHILD = { id: 'child-bracelet', firstName: 'Bekzat', braceletUid: `mifare:${BRACELET_HEX}` };

let app: BuiltApp;
let server: StaticServer;
let browser: LaunchedBrowser;
let page: Page;
let watch: Awaited<ReturnType<typeof watchPage>>;

const advice = () => page.getByTestId('advice').textContent();
const cameraMessages = new Set(
  (['camera.lost', 'camera.failed', 'camera.denied', 'camera.busy', 'camera.missing'] as const).map((k) => translate('kk', k)),
);

beforeAll(async () => {
  app = await buildKioskWithEnrolPage();
  server = await startStaticServer(app.dir, dev);
  // The camera shows a photo of the child that was not among the enrolment photos.
  browser = await launchKioskBrowser(fakeCameraVideo(photos[4]!));
  page = await browser.context.newPage();
  watch = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  app?.remove();
});

describe('camera lost and back', () => {
  it('recognises the child, then with the camera gone says so, still records a bracelet, and recovers by itself', async () => {
    const wedge = { id: 'wedge-camera-test', transport: 'keyboard' as const, profile: 'wedge-hex' as const, addedAtMs: Date.now() };
    expect(await enrolChildren(page, server, [FACE_CHILD, BRACELET_CHILD], [wedge])).toEqual(['enrolled']);
    await grantCamera(browser.context, server.url);
    await page.goto(server.url + '/');
    await page.getByTestId('tap-to-start').click();
    await page.getByTestId('gate').waitFor();
    await expect
      .poll(() => watch.greetings(), { timeout: 90_000 })
      .toContainEqual(expect.objectContaining({ childId: FACE_CHILD.id, outcome: 'recorded' }));
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // The camera goes away: the live track ends.
    await browser.context.clearPermissions();
    await expect.poll(advice, { timeout: 15_000, interval: 100 }).toBe(translate('kk', 'camera.lost'));
    // It retries on its own and says why the camera cannot be opened now.
    await expect.poll(advice, { timeout: 20_000, interval: 200 }).toBe(translate('kk', 'camera.denied'));

    // The bracelet path does not need the camera.
    await page.waitForSelector('[data-testid="reader-status"][data-state="connected"]', { timeout: 30_000 });
    await tapWedgeBracelet(page, BRACELET_HEX);
    await expect
      .poll(() => watch.greetings(), { timeout: 20_000 })
      .toContainEqual(expect.objectContaining({ childId: BRACELET_CHILD.id, outcome: 'recorded', direction: 'in' }));
    expect((await readEvents(page)).map((e) => [e.childId, e.method])).toEqual(
      expect.arrayContaining([
        [FACE_CHILD.id, 'face'],
        [BRACELET_CHILD.id, 'bracelet'],
      ]),
    );
    expect(cameraMessages.has((await advice()) ?? '')).toBe(true);

    // The camera is allowed again: the next retry opens it and the face is recognised (already checked in) again.
    const backAt = Date.now();
    await grantCamera(browser.context, server.url);
    await expect.poll(async () => cameraMessages.has((await advice()) ?? ''), { timeout: 30_000, interval: 200 }).toBe(false);
    await expect
      .poll(async () => (await watch.greetings()).filter((g) => g.childId === FACE_CHILD.id && g.shownAtMs > backAt), { timeout: 90_000 })
      .toContainEqual(expect.objectContaining({ childId: FACE_CHILD.id, outcome: 'already' }));
    console.info(
      `[camera-lost] camera allowed again to the face greeted: ${(await watch.greetings()).find((g) => g.childId === FACE_CHILD.id && g.shownAtMs > backAt)!.shownAtMs - backAt} ms`,
    );
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect((await readEvents(page)).filter((e) => e.childId === FACE_CHILD.id)).toHaveLength(1);
    expect(watch.errors).toEqual([]);
  });
});
