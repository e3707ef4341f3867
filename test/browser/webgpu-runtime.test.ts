// The onnxruntime WebGPU build (~27 MB) is stored for offline use only where the browser has a WebGPU adapter (the
// offline test checks that a tablet without one does not store it). Here Chromium gets SwiftShader's software
// adapter: the first visit stores both files of the WebGPU build in the service worker's WebGPU runtime cache, and
// with the network and the server gone the kiosk reloads and the files still come, byte for byte, from the cache.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBGPU_CACHE_PREFIX } from '../../src/pwa/webgpu-runtime';
import type { BuiltApp } from '../support/app-build';
import { baseChromiumArgs, chromiumPath } from '../support/browser';
import { buildKioskWithEnrolPage, startStaticServer } from '../support/kiosk-session';
import type { StaticServer } from '../support/static-server';

const FILES = ['/ort/ort-wasm-simd-threaded.asyncify.mjs', '/ort/ort-wasm-simd-threaded.asyncify.wasm'];

let app: BuiltApp;
let server: StaticServer;
let browser: Browser;
let page: Page;

/** Cache name -> paths, for the caches of the WebGPU runtime. */
const webgpuCaches = (p: Page) => p.evaluate(async (prefix) => {
  const out: Record<string, string[]> = {};
  for (const name of await caches.keys()) {
    if (name.startsWith(prefix)) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname).sort();
  }
  return out;
}, WEBGPU_CACHE_PREFIX);

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
  it('is stored on the first visit and served from the cache with the network gone', async () => {
    await page.goto(server.url + '/');
    expect(await page.evaluate(async () => (await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()) != null)).toBe(true);
    await expect.poll(() => webgpuCaches(page).then((c) => Object.values(c)), { timeout: 120_000 }).toEqual([FILES]);

    const context = page.context();
    await context.setOffline(true);
    await server.close();
    await page.reload();
    await page.getByTestId('gate').waitFor({ timeout: 60_000 });
    const sizes = await page.evaluate(async (files) => Promise.all(files.map(async (f) => {
      const r = await fetch(f);
      return [r.status, (await r.arrayBuffer()).byteLength];
    })), FILES);
    expect(sizes).toEqual(FILES.map((f) => [200, statSync(join(app.dir, f)).size]));
  });
});
