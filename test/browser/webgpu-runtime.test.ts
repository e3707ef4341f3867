// The onnxruntime WebGPU build (~27 MB) is stored for offline use only where the browser has a WebGPU adapter (the
// offline test checks that a tablet without one does not store it). Here Chromium gets SwiftShader's software
// adapter: the first visit stores both files of the WebGPU build in the service worker's WebGPU runtime cache; an update
// whose WebGPU build has a new revision stores it while it installs (before it may take over), the old cache goes once
// it is active, and one the replaced worker brought back goes at the next start; with the network and the server gone
// the kiosk reloads and the files still come, byte for byte, from the cache, and the diagnostics say it is stored.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF_PIN } from '../../src/demo/demo';
import { WEBGPU_CACHE_PREFIX } from '../../src/pwa/webgpu-runtime';
import type { BuiltApp } from '../support/app-build';
import { baseChromiumArgs, chromiumPath } from '../support/browser';
import { buildKioskWithEnrolPage, enrolPagePath, startStaticServer } from '../support/kiosk-session';
import type { StaticServer } from '../support/static-server';

const FILES = ['/ort/ort-wasm-simd-threaded.asyncify.mjs', '/ort/ort-wasm-simd-threaded.asyncify.wasm'];

let app: BuiltApp;
let server: StaticServer;
let browser: Browser;
let page: Page;

/**
 * Cache name -> which of the runtime's files it holds, for the caches of the WebGPU runtime. Read with
 * `caches.match(…, { cacheName })`, never `caches.open`: opening creates a cache, so a look that lists a cache just
 * before the service worker deletes it would bring it back, empty, and the test would see its own doing (as CI did).
 */
const webgpuCaches = (p: Page) =>
  p.evaluate(
    async ({ prefix, files }) => {
      const out: Record<string, string[]> = {};
      for (const name of await caches.keys()) {
        if (!name.startsWith(prefix)) continue;
        const held = await Promise.all(files.map(async (f) => ((await caches.match(f, { cacheName: name })) ? f : null)));
        out[name] = held.filter((f): f is string => f !== null);
      }
      return out;
    },
    { prefix: WEBGPU_CACHE_PREFIX, files: FILES },
  );

beforeAll(async () => {
  app = await buildKioskWithEnrolPage();
  server = await startStaticServer(app.dir);
  const args = [...baseChromiumArgs.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...new Set(args)] });
  page = await (await browser.newContext()).newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close().catch(() => undefined);
  app?.remove();
});

describe('the WebGPU runtime on a tablet with WebGPU', () => {
  it('is stored on the first visit', async () => {
    await page.goto(server.url + '/');
    expect(
      await page.evaluate(
        async () => (await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()) != null,
      ),
    ).toBe(true);
    await expect.poll(() => webgpuCaches(page).then((c) => Object.values(c)), { timeout: 120_000 }).toEqual([FILES]);
  });

  it('an update with a new revision of the WebGPU build stores it while it installs; the old cache goes once it is active', async () => {
    const [before] = Object.keys(await webgpuCaches(page));
    // The same files under a new revision in the service worker's manifest (as a new onnxruntime release would be).
    const swPath = join(app.dir, 'sw.js');
    const sw = readFileSync(swPath, 'utf8');
    const updated = sw.replace(
      /("revision":")([0-9a-f]+)(","url":"ort\/ort-wasm-simd-threaded\.asyncify\.wasm")/,
      (_m, a: string, rev: string, b: string) => `${a}${rev.split('').reverse().join('')}${b}`,
    );
    expect(updated).not.toBe(sw);
    writeFileSync(swPath, updated);
    // From a page of the origin that is not the kiosk (nothing there asks for the WebGPU build or applies updates):
    // the new worker installs and waits; the new revision is stored by then.
    await page.goto(server.url + enrolPagePath);
    const waiting = await page.evaluate(async () => {
      const reg = (await navigator.serviceWorker.getRegistration())!;
      await reg.update();
      const worker = reg.installing ?? reg.waiting;
      if (worker && worker.state !== 'installed') {
        await new Promise<void>((resolve) =>
          worker.addEventListener('statechange', () => (worker.state === 'installed' || worker.state === 'redundant') && resolve()),
        );
      }
      return reg.waiting?.state ?? null;
    });
    expect(waiting).toBe('installed');
    const during = await webgpuCaches(page);
    expect(Object.keys(during)).toHaveLength(2);
    const [after] = Object.keys(during).filter((n) => n !== before);
    expect(during[after!]).toEqual(FILES);
    // The kiosk applies the update (the gate is idle) and reloads; the new worker deletes the old cache.
    await page.goto(server.url + '/');
    await expect.poll(() => webgpuCaches(page), { timeout: 60_000 }).toEqual({ [after!]: FILES });
    // The replaced worker may still be answering a request of the page it served when the new one deletes its cache;
    // were it to open that cache then, it would be back, empty. The kiosk's next start sweeps it away.
    await page.evaluate((name) => caches.open(name).then(() => undefined), before!);
    await page.reload();
    await expect.poll(() => webgpuCaches(page), { timeout: 60_000 }).toEqual({ [after!]: FILES });
  });

  it('is served from the cache with the network gone', async () => {
    const context = page.context();
    await context.setOffline(true);
    await server.close();
    await page.reload();
    await page.getByTestId('gate').waitFor({ timeout: 60_000 });
    const sizes = await page.evaluate(
      async (files) =>
        Promise.all(
          files.map(async (f) => {
            const r = await fetch(f);
            return [r.status, (await r.arrayBuffer()).byteLength];
          }),
        ),
      FILES,
    );
    expect(sizes).toEqual(FILES.map((f) => [200, statSync(join(app.dir, f)).size]));
    // Staff see it in the diagnostics.
    const tap = page.getByTestId('tap-to-start');
    if (await tap.count()) await tap.click();
    await page.getByTestId('staff-button').click();
    for (const d of DEMO_STAFF_PIN) await page.getByTestId(`pin-digit-${d}`).click();
    await page.getByTestId('pin-ok').click();
    await page.getByTestId('staff-diagnostics').click();
    await expect.poll(() => page.getByTestId('diag-webgpu-runtime').getAttribute('data-state'), { timeout: 30_000 }).toBe('stored');
  });
});
