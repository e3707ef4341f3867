// The embedder's two files in Chromium with the real models on shared photos: float32 (fr-feature.onnx) and its int8
// variant derived at install (config embedderPrecision). Each page loads the file it was asked for; on photos of five
// people from four sources the two give the same embedding (cosine >= 0.99), and a float32 template recognises the
// int8 probe of the same person and refuses another person's, so templates enrolled with either keep matching.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config';
import type { HarnessResult } from '../harness/harness';
import { launchChromium, type LaunchedBrowser } from '../support/browser';
import { listIdentities, requireFacesDir } from '../support/faces';
import { buildHarness, harnessPath, serveHarness } from '../support/harness-build';
import type { StaticServer } from '../support/static-server';

const faces = requireFacesDir();
const identities = listIdentities(join(faces, 'dev'));
const byName = (name: string) => identities.find((i) => i.name === name)!.files;
const PEOPLE = ['lfw_tom_hanks', 'lfw_tony_blair', 'faceapi_bbt_sheldon', 'orl_s02', 'yaleb_01'];
const cosine = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
type Precision = 'float32' | 'int8';

let server: StaticServer;
let browser: LaunchedBrowser;
const pages = new Map<Precision, Page>();
const loaded = new Map<Precision, string[]>();

async function embedding(precision: Precision, file: string): Promise<number[]> {
  const page = pages.get(precision)!;
  const r: HarnessResult = await page.evaluate((u) => window.harness.analyse(u, { pad: 0.25 }), server.fileUrl(file));
  expect(r.ok, r.error).toBe(true);
  const faced = r.faces.filter((f) => f.embedding);
  expect(faced, file).toHaveLength(1);
  return faced[0]!.embedding!;
}

beforeAll(async () => {
  await buildHarness();
  server = await serveHarness(faces);
  browser = await launchChromium();
  for (const precision of ['float32', 'int8'] as const) {
    const page = await browser.context.newPage();
    await page.goto(server.url + harnessPath);
    const info = await page.evaluate((p) => window.harness.init({ backend: 'wasm', config: { embedderPrecision: p } }), precision);
    loaded.set(
      precision,
      info.models.map((m) => m.file),
    );
    pages.set(precision, page);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('embedder precision', () => {
  it('loads the file it is configured for', () => {
    expect(loaded.get('float32')).toContain('fr-feature.onnx');
    expect(loaded.get('float32')).not.toContain('fr-feature-int8.onnx');
    expect(loaded.get('int8')).toContain('fr-feature-int8.onnx');
    expect(loaded.get('int8')).not.toContain('fr-feature.onnx');
  });

  it('gives the same embedding of the same photo (cosine >= 0.99)', async () => {
    for (const person of PEOPLE) {
      const file = byName(person)[0]!;
      expect(cosine(await embedding('float32', file), await embedding('int8', file)), file).toBeGreaterThanOrEqual(0.99);
    }
  });

  it('a float32 template recognises the int8 probe of the same person and refuses another', async () => {
    const [a1, a2] = byName('lfw_tom_hanks');
    const b1 = byName('lfw_tony_blair')[0]!;
    const template = await embedding('float32', a1!);
    expect(cosine(template, await embedding('int8', a2!))).toBeGreaterThan(defaultConfig.matchThreshold + 0.1);
    expect(cosine(template, await embedding('int8', b1))).toBeLessThan(defaultConfig.matchThreshold - 0.1);
  });
});
