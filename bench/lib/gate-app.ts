// Builds the real kiosk (vite build, the project's own config) into .tmp/gate-app together with the enrolment page
// of the gate tests and benchmark, serves it with COOP/COEP, and opens it in Chromium with a fake camera video.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, type LaunchedBrowser } from '../../test/support/browser';
import { buildOncePerTestRun } from '../../test/support/build-once';
import { repoRoot } from '../../test/support/faces';
import { startStaticServer, type StaticServer } from '../../test/support/static-server';
import { gateProbeScript, type ProbeData } from './gate-probe';

export const gateAppDir = join(repoRoot, '.tmp', 'gate-app');
const enrolEntryDir = join(repoRoot, '.tmp', 'gate-enrol');
export const enrolPagePath = '/.tmp/gate-enrol/index.html';

/** Builds the kiosk and the enrolment page (once per test run); returns the output folder. */
export async function buildGateApp(): Promise<string> {
  if (!existsSync(join(repoRoot, 'public', 'models', 'fr-feature.onnx'))) {
    throw new Error('The model files are missing from public/models: run `npm install` (or `npm run models`).');
  }
  mkdirSync(enrolEntryDir, { recursive: true });
  writeFileSync(
    join(enrolEntryDir, 'index.html'),
    '<!doctype html>\n<html><head><meta charset="utf-8" /><title>gate enrolment (tests)</title></head>\n' +
      '<body><p id="status">loading</p><script type="module" src="/bench/lib/gate-enrol.page.ts"></script></body></html>\n',
  );
  await buildOncePerTestRun(gateAppDir, async () => {
    await build({
      root: repoRoot,
      configFile: join(repoRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: {
        outDir: gateAppDir,
        emptyOutDir: true,
        rollupOptions: { input: { main: join(repoRoot, 'index.html'), gateEnrol: join(enrolEntryDir, 'index.html') } },
      },
    });
  });
  return gateAppDir;
}

export function serveGateApp(facesRoot: string): Promise<StaticServer> {
  return startStaticServer(gateAppDir, facesRoot);
}

export interface GateBrowser {
  browser: LaunchedBrowser;
  page: Page;
  close(): Promise<void>;
}

/** Chromium whose camera plays `video` (Y4M) from its first frame each time the page opens the camera. */
export async function openGateBrowser(video: string): Promise<GateBrowser> {
  const browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
    '--autoplay-policy=no-user-gesture-required',
  ]);
  const page = await browser.context.newPage();
  await page.addInitScript(gateProbeScript());
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return { browser, page, close: () => browser.close() };
}

export function readProbe(page: Page): Promise<ProbeData> {
  return page.evaluate(() => (window as unknown as { __gateProbe: ProbeData }).__gateProbe);
}

/** The wall time each frame of the video was shown, from the probe's readings (null before the first reading). */
export function frameClock(frames: readonly [number, number][], fps: number): (frame: number) => number | null {
  const sorted = [...frames].sort((a, b) => a[0] - b[0]);
  return (frame) => {
    // The first reading at or after the frame, moved back by the frames in between.
    const after = sorted.find(([i]) => i >= frame);
    if (after === undefined) return null;
    return after[1] - ((after[0] - frame) * 1000) / fps;
  };
}
