// Opens the harness page in headless Chromium and runs the kiosk's own recognition pipeline on
// photos: the shared plumbing of the accuracy and speed benchmarks.
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../../test/support/browser';
import { buildHarness, harnessPath, serveHarness } from '../../test/support/harness-build';
import type { StaticServer } from '../../test/support/static-server';
import type { KioskConfig } from '../../src/config';

export interface BrowserPipeline {
  page: Page;
  server: StaticServer;
  browser: LaunchedBrowser;
  info: Record<string, unknown>;
  close(): Promise<void>;
}

export async function openBrowserPipeline(
  facesRoot: string,
  options: { backend?: 'auto' | 'wasm'; config?: Partial<KioskConfig>; build?: boolean } = {},
): Promise<BrowserPipeline> {
  if (options.build !== false) await buildHarness();
  const server = await serveHarness(facesRoot);
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(server.url + harnessPath);
  const info = await page.evaluate((o) => window.harness.init(o), { backend: options.backend ?? 'auto', config: options.config ?? {} });
  return {
    page,
    server,
    browser,
    info: info as unknown as Record<string, unknown>,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** What the pipeline found in one photo: the embedding (null: no face) and where the face was. */
export interface PhotoResult {
  embedding: Float32Array | null;
  faces: number;
  box?: { x: number; y: number; width: number; height: number };
  points?: { x: number; y: number }[];
  quality?: Record<string, number>;
}

/** Embeddings of many photos (padded by `pad` of their size on each side), in the given order. */
export async function embedPhotos(
  p: BrowserPipeline,
  files: string[],
  pad: number,
  onProgress?: (done: number) => void,
): Promise<(Float32Array | null)[]> {
  return (await analysePhotos(p, files, pad, onProgress)).map((r) => r.embedding);
}

/** Like embedPhotos, with the face's box, points and quality (for the benchmark's --save). */
export async function analysePhotos(
  p: BrowserPipeline,
  files: string[],
  pad: number,
  onProgress?: (done: number) => void,
): Promise<PhotoResult[]> {
  const out: PhotoResult[] = [];
  const batch = 40;
  for (let i = 0; i < files.length; i += batch) {
    const urls = files.slice(i, i + batch).map((f) => p.server.fileUrl(f));
    const results = await p.page.evaluate(([u, padding]) => window.harness.embedMany(u as string[], { pad: padding as number }), [
      urls,
      pad,
    ] as const);
    for (const r of results) {
      out.push({
        embedding: r.embedding ? Float32Array.from(r.embedding) : null,
        faces: r.faces,
        ...(r.box ? { box: r.box } : {}),
        ...(r.points ? { points: [...r.points] } : {}),
        ...(r.quality ? { quality: { ...r.quality } } : {}),
      });
    }
    onProgress?.(out.length);
  }
  return out;
}
