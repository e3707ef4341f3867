// The foundation pipeline in Debian Chromium with the real models on a handful of shared photos:
// same person matches, different people do not, non-faces give no face, bad input has a defined
// result, and a browser embedding equals the stored fixture.
import { readFileSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config';
import { judgeSearch } from '../../src/core/decide';
import { Gallery } from '../../src/core/match';
import type { ChildId, TemplateId } from '../../src/core/types';
import { launchChromium, type LaunchedBrowser } from '../support/browser';
import { listIdentities, listImages, requireFacesDir } from '../support/faces';
import { buildHarness, harnessDir, harnessPath, serveHarness } from '../support/harness-build';
import type { StaticServer } from '../support/static-server';

const faces = requireFacesDir();
const dev = join(faces, 'dev');
const identities = listIdentities(dev);
const byName = (name: string) => {
  const found = identities.find((i) => i.name === name);
  if (!found) throw new Error(`identity ${name} is missing from ${dev}`);
  return found;
};
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'embedding-fixture.json'), 'utf8')) as {
  identity: string;
  file: number;
  pad: number;
  embedding: number[];
};

let server: StaticServer;
let browser: LaunchedBrowser;
let page: Page;

const url = (file: string) => server.fileUrl(file);
async function embed(file: string): Promise<Float32Array> {
  const r = await page.evaluate(([u]) => window.harness.analyse(u!, { pad: 0.25 }), [url(file)]);
  expect(r.ok, r.error).toBe(true);
  const face = r.faces.find((f) => f.embedding);
  expect(face, `no face embedded in ${file}`).toBeDefined();
  return Float32Array.from(face!.embedding!);
}
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

beforeAll(async () => {
  await buildHarness();
  // Broken model folders: one with the embedder the wasm backend loads (int8) truncated, one with the detector missing.
  const models = join(harnessDir, 'models');
  for (const [name, broken] of [
    ['corrupt', 'fr-feature-int8.onnx'],
    ['missing', 'blazeface-front-128.onnx'],
  ] as const) {
    const dir = join(harnessDir, `${name}-models`);
    mkdirSync(dir, { recursive: true });
    for (const file of [
      'manifest.json',
      'blazeface-front-128.onnx',
      'retinaface-mnet25.onnx',
      'fr-feature.onnx',
      'fr-feature-int8.onnx',
      'fr-liveness.onnx',
    ]) {
      if (file === broken && name === 'missing') continue;
      if (file === broken) writeFileSync(join(dir, file), readFileSync(join(models, file)).subarray(0, 100_000));
      else copyFileSync(join(models, file), join(dir, file));
    }
  }
  server = await serveHarness(faces);
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(server.url + harnessPath);
  const info = await page.evaluate(() => window.harness.init({ backend: 'wasm' }));
  expect(info.crossOriginIsolated).toBe(true);
  expect(info.threads).toBe(2);
  expect(info.backend).toBe('wasm');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('recognition in Chromium with the real models', () => {
  it('recognises an enrolled person from a new photo and refuses a stranger', async () => {
    const people = ['lfw_vladimir_putin', 'lfw_venus_williams', 'lfw_tony_blair', 'faceapi_bbt_sheldon'].map(byName);
    const gallery = new Gallery(512, { cohortWeight: defaultConfig.cohortWeight, cohortSize: defaultConfig.cohortSize });
    for (const person of people.slice(0, 3)) {
      for (const [k, file] of person.files.slice(0, 3).entries())
        gallery.add(person.name as ChildId, `${person.name}-${k}` as TemplateId, await embed(file));
    }
    // The gate's rule over a search (src/core/decide.ts) at the kiosk's operating point.
    const rules = { matchThreshold: defaultConfig.matchThreshold, matchMargin: defaultConfig.matchMargin, twinFlagged: new Set<ChildId>() };
    for (const person of people.slice(0, 3)) {
      const decision = judgeSearch(gallery.search(await embed(person.files[3]!)), rules);
      expect(decision.kind, person.name).toBe('accept');
      if (decision.kind === 'accept') expect(decision.childId).toBe(person.name);
    }
    const stranger = judgeSearch(gallery.search(await embed(people[3]!.files[0]!)), rules);
    expect(stranger.kind).toBe('low');
  });

  it('two photos of one person are close, two people are far apart', async () => {
    const a = byName('lfw_tom_hanks');
    const b = byName('lfw_tony_blair');
    const same = cosine(await embed(a.files[0]!), await embed(a.files[1]!));
    const different = cosine(await embed(a.files[0]!), await embed(b.files[0]!));
    expect(same).toBeGreaterThan(defaultConfig.matchThreshold + 0.1);
    expect(different).toBeLessThan(defaultConfig.matchThreshold - 0.1);
  });

  it('finds no face in any of the non-face photos (the cat included)', async () => {
    for (const file of listImages(join(faces, 'nonface'))) {
      const r = await page.evaluate(([u]) => window.harness.analyse(u!, { pad: 0.25, embed: 'all' }), [url(file)]);
      expect(r.ok).toBe(true);
      expect(
        r.faces.filter((f) => f.embedding),
        file,
      ).toHaveLength(0);
    }
  });

  it('matches the stored embedding fixture (cosine > 0.999)', async () => {
    const e = await embed(byName(fixture.identity).files[fixture.file]!);
    expect(cosine(e, Float32Array.from(fixture.embedding))).toBeGreaterThan(0.999);
  });
});

describe('gate frames: the followed face is looked for where it was, the whole frame searched every fourth frame', () => {
  type Photo = { url: string; x: number; y: number; height: number };
  const frame = (photos: Photo[], track: boolean) =>
    page.evaluate((spec) => window.harness.compose(spec), { width: 640, height: 480, fill: '#808080', photos, track });

  it('follows a moving face without searching, with the same embedding and PAD evidence; searches again on schedule', async () => {
    await page.evaluate(() => window.harness.init({ backend: 'wasm', config: { trackFramesBetweenSearches: 3 } }));
    const hanks = url(byName('lfw_tom_hanks').files[0]!);
    const at = (i: number): Photo[] => [{ url: hanks, x: 150 + 8 * i, y: 90 - i, height: 260 + 4 * i }];
    const tracked: boolean[] = [];
    const embeddings: Float32Array[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await frame(at(i), true);
      tracked.push(r.tracked === true);
      const face = r.faces[0]!;
      expect(face.embedding, `frame ${i}`).not.toBeNull();
      expect(face.pad?.liveness).toBeGreaterThanOrEqual(0);
      embeddings.push(new Float32Array(face.embedding!));
    }
    // The same frames searched: the same face, the same embedding (the tracked region is the detector's size).
    for (let i = 0; i < 8; i++) {
      const searched = (await frame(at(i), false)).faces.find((f) => f.embedding)!;
      expect(cosine(embeddings[i]!, new Float32Array(searched.embedding!)), `frame ${i}`).toBeGreaterThan(0.98);
    }
    expect(tracked).toEqual([false, true, true, true, false, true, true, true]);
  });

  it('a face gone, or another in its place, is searched for in the whole frame at once', async () => {
    const hanks = url(byName('lfw_tom_hanks').files[0]!);
    const blair = url(byName('lfw_tony_blair').files[0]!);
    expect((await frame([{ url: hanks, x: 40, y: 80, height: 300 }], true)).tracked).toBe(false);
    expect((await frame([{ url: hanks, x: 46, y: 80, height: 300 }], true)).tracked).toBe(true);
    // He left and someone else stands at the other side: not tracked, found by the search.
    const other = await frame([{ url: blair, x: 380, y: 80, height: 300 }], true);
    expect(other.tracked).toBe(false);
    expect(other.faces.find((f) => f.embedding)!.box.x).toBeGreaterThan(320);
    // Nobody: nothing found, nothing followed; the next face is searched for.
    expect((await frame([], true)).faces).toHaveLength(0);
    expect((await frame([{ url: hanks, x: 40, y: 80, height: 300 }], true)).tracked).toBe(false);
    await page.evaluate(() => window.harness.init({ backend: 'wasm' }));
  });
});

describe('bad input has a defined result and never kills the worker', () => {
  it('a black frame gives no face', async () => {
    const r = await page.evaluate(() => window.harness.compose({ width: 640, height: 480, fill: '#000', photos: [] }));
    expect(r.ok).toBe(true);
    expect(r.faces).toHaveLength(0);
  });

  it('a tiny face far away is never embedded as good: reported too small or not found', async () => {
    const photo = url(byName('lfw_tom_hanks').files[0]!);
    const r = await page.evaluate(
      ([u]) => window.harness.compose({ width: 640, height: 480, fill: '#808080', photos: [{ url: u!, x: 300, y: 220, height: 40 }] }),
      [photo],
    );
    expect(r.ok).toBe(true);
    expect(r.faces.every((f) => f.issues.includes('too-small') || !f.embedding)).toBe(true);
  });

  it('several faces: all are reported, the largest one is embedded', async () => {
    const big = url(byName('lfw_tom_hanks').files[0]!);
    const small = url(byName('lfw_tony_blair').files[0]!);
    const r = await page.evaluate(
      ([b, s]) =>
        window.harness.compose({
          width: 640,
          height: 480,
          fill: '#808080',
          photos: [
            { url: b!, x: 20, y: 60, height: 360 },
            { url: s!, x: 420, y: 180, height: 200 },
          ],
        }),
      [big, small],
    );
    expect(r.ok).toBe(true);
    expect(r.faces.length).toBeGreaterThanOrEqual(2);
    const embedded = r.faces.filter((f) => f.embedding);
    expect(embedded).toHaveLength(1);
    expect(embedded[0]!.box.x).toBeLessThan(320);
    // Only the followed face carries presentation-attack evidence, and only as numbers.
    expect(r.faces.filter((f) => f.pad)).toEqual([embedded[0]]);
    expect(Object.keys(embedded[0]!.pad!).sort()).toEqual(['cropScale', 'liveness']);
    expect(embedded[0]!.pad!.liveness).toBeGreaterThanOrEqual(0);
    expect(embedded[0]!.pad!.liveness).toBeLessThanOrEqual(1);
    expect(r.timings!.padMs).toBeGreaterThan(0);
    // The worker is still alive after all of the above.
    const again = await page.evaluate(([b]) => window.harness.analyse(b!, { pad: 0.25 }), [big]);
    expect(again.faces.some((f) => f.embedding)).toBe(true);
    const withoutPad = await page.evaluate(([b]) => window.harness.analyse(b!, { pad: 0.25, padEvidence: false }), [big]);
    expect(withoutPad.faces.some((f) => f.embedding && !f.pad)).toBe(true);
  });

  it.each([
    ['corrupt', 'model-corrupt'],
    ['missing', 'model-missing'],
  ])('a %s model file stops loading with the code %s, which staff see explained', async (name, code) => {
    const other = await browser.context.newPage();
    await other.goto(server.url + harnessPath);
    const error = await other.evaluate(
      (base) =>
        window.harness.init({ backend: 'wasm', modelBaseUrl: base }).then(
          () => null,
          (e: { code: string }) => e.code,
        ),
      `/${name}-models/`,
    );
    expect(error).toBe(code);
    await other.close();
  });
});
