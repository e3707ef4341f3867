// Update flow: build v1 is deployed and running; while a greeting is on screen build v2 is deployed and the kiosk
// looks for it (as its hourly check does). The new service worker downloads and waits: the page is not reloaded while
// the child is in front of the camera; once the camera has shown nobody for the quiet time (GK_UPDATE_IDLE_MS, 4 s
// in these builds) v2 takes over and the page reloads once, into v2.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../support/app-build';
import type { LaunchedBrowser } from '../support/browser';
import { listIdentities, requireFacesDir } from '../support/faces';
import {
  buildKioskWithEnrolPage,
  enrolChildren,
  grantCamera,
  launchKioskBrowser,
  startStaticServer,
  watchPage,
} from '../support/kiosk-session';
import type { StaticServer } from '../support/static-server';

const IDLE_MS = 4000;
const FACE_SECONDS = 8;
const dev = join(requireFacesDir(), 'dev');
const photos = listIdentities(dev).find((i) => i.name === 'lfw_vladimir_putin')!.files;
const CHILD = { id: 'child-update', firstName: 'Aruzhan', enrolPhotos: photos.slice(0, 3) };

let v1: BuiltApp;
let v2: BuiltApp;
let served: string;
let server: StaticServer;
let browser: LaunchedBrowser;
let page: Page;
let watch: Awaited<ReturnType<typeof watchPage>>;
const loads: { atMs: number; build: string }[] = [];

/** The child in front of the camera for FACE_SECONDS, then nobody for a minute (Chromium loops the file). */
function faceThenEmpty(photo: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'gk-cam-')), 'camera.y4m');
  execFileSync(process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg', [
    '-y',
    '-loglevel',
    'error',
    '-loop',
    '1',
    '-t',
    String(FACE_SECONDS),
    '-i',
    photo,
    '-f',
    'lavfi',
    '-i',
    'color=c=gray:s=640x480:d=60:r=10',
    '-filter_complex',
    '[0:v]scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=gray,fps=10,format=yuv420p[a];[1:v]format=yuv420p[b];[a][b]concat=n=2:v=1[v]',
    '-map',
    '[v]',
    '-r',
    '10',
    out,
  ]);
  return out;
}

const deploy = (app: BuiltApp) => {
  rmSync(served, { recursive: true, force: true });
  cpSync(app.dir, served, { recursive: true });
};

/** The build label of the page on screen (the main script's file name differs between builds). */
const mainScript = (p: Page) =>
  p.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"][src*="/assets/main-"]')?.src ?? '');

beforeAll(async () => {
  v1 = await buildKioskWithEnrolPage({ GK_APP_BUILD: 'update-test-v1', GK_UPDATE_IDLE_MS: String(IDLE_MS) });
  v2 = await buildKioskWithEnrolPage({ GK_APP_BUILD: 'update-test-v2', GK_UPDATE_IDLE_MS: String(IDLE_MS) });
  served = mkdtempSync(join(tmpdir(), 'gk-served-'));
  deploy(v1);
  server = await startStaticServer(served, dev);
  browser = await launchKioskBrowser(faceThenEmpty(photos[4]!));
  page = await browser.context.newPage();
  watch = await watchPage(page);
  page.on(
    'load',
    () =>
      void mainScript(page)
        .then((build) => loads.push({ atMs: Date.now(), build }))
        .catch(() => undefined),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close().catch(() => undefined);
  v1?.remove();
  v2?.remove();
  if (served) rmSync(served, { recursive: true, force: true });
});

describe('update flow', () => {
  it('a build deployed during a greeting is applied only after the gate has been idle', async () => {
    expect(await enrolChildren(page, server, [CHILD])).toEqual(['enrolled']);
    // The first visit without the camera installs v1's service worker.
    await page.goto(server.url + '/');
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state), { timeout: 60_000 })
      .toBe('activated');
    const v1Script = await mainScript(page);
    expect(v1Script).toMatch(/main-/);

    // The camera opens (from its first frame): the child is greeted.
    await grantCamera(browser.context, server.url);
    await page.reload();
    await expect
      .poll(() => watch.greetings(), { timeout: 60_000 })
      .toContainEqual(expect.objectContaining({ childId: CHILD.id, outcome: 'recorded' }));
    const loadsBefore = loads.length;

    // v2 is deployed while the greeting is on screen, and the kiosk looks for it.
    deploy(v2);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect
      .poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting), { timeout: 60_000 })
      .toBe(true);
    const waitingSince = Date.now();
    // The face is still there: v2 waits, the page is not reloaded.
    expect(loads.length).toBe(loadsBefore);
    expect(await mainScript(page)).toBe(v1Script);

    // The video turns empty after FACE_SECONDS; IDLE_MS later (+ the 5 s idle poll) v2 takes over with one reload.
    await expect.poll(() => loads.length, { timeout: 60_000 }).toBe(loadsBefore + 1);
    const reload = loads[loads.length - 1]!;
    await expect.poll(() => mainScript(page), { timeout: 10_000 }).not.toBe(v1Script);
    const [greeting] = await watch.greetings().catch(() => []);
    console.info(`[update] v2 waited ${reload.atMs - waitingSince} ms after it was ready; reloaded into ${reload.build}`);
    expect(reload.build).not.toBe(v1Script);
    // Never during the greeting: the reload came at least IDLE_MS after the moment v2 was ready during it.
    expect(reload.atMs - waitingSince).toBeGreaterThanOrEqual(IDLE_MS);
    expect(greeting === undefined || greeting.shownAtMs < waitingSince).toBe(true);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
  });
});
