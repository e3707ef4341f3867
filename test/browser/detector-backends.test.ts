// Both whole-frame detector backends in Chromium with the real models on shared photos: BlazeFace on onnxruntime and
// MediaPipe Tasks' FaceDetector on the npm-shipped tflite with the metadata attached at install. Each finds the face
// in real photos and in a camera-like frame, none in non-face photos, recognises the same person and refuses another;
// both give the same faces (boxes, embeddings), and the MediaPipe run contacts no other origin.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config';
import type { HarnessResult } from '../harness/harness';
import { launchChromium, type LaunchedBrowser } from '../support/browser';
import { listIdentities, listImages, requireFacesDir } from '../support/faces';
import { buildHarness, harnessPath, serveHarness } from '../support/harness-build';
import type { StaticServer } from '../support/static-server';

const faces = requireFacesDir();
const identities = listIdentities(join(faces, 'dev'));
const byName = (name: string) => identities.find((i) => i.name === name)!.files;
const PEOPLE = ['lfw_tom_hanks', 'lfw_tony_blair', 'faceapi_bbt_sheldon', 'orl_s02', 'yaleb_01'];
const cosine = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

let server: StaticServer;
let browser: LaunchedBrowser;
const pages = new Map<'onnx' | 'mediapipe', Page>();
const foreign: string[] = [];
const results = new Map<string, HarnessResult>();

async function analyse(backend: 'onnx' | 'mediapipe', file: string, spec: Record<string, unknown> = { pad: 0.25 }): Promise<HarnessResult> {
  const key = `${backend}:${file}:${JSON.stringify(spec)}`;
  const cached = results.get(key);
  if (cached) return cached;
  const page = pages.get(backend)!;
  const r = await page.evaluate(([u, s]) => window.harness.analyse(u!, s as never), [server.fileUrl(file), spec] as const);
  expect(r.ok, r.error).toBe(true);
  results.set(key, r);
  return r;
}

beforeAll(async () => {
  await buildHarness();
  server = await serveHarness(faces);
  browser = await launchChromium();
  for (const backend of ['onnx', 'mediapipe'] as const) {
    const page = await browser.context.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url)) foreign.push(r.url());
    });
    await page.goto(server.url + harnessPath);
    const info = await page.evaluate((b) => window.harness.init({ backend: 'wasm', config: { detectorBackend: b } }), backend);
    expect(info.detector.backend).toBe(backend);
    expect(info.models.map((m) => m.file)).toContain(backend === 'onnx' ? 'blazeface-front-128.onnx' : 'face-detection-short-range.tflite');
    pages.set(backend, page);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(['onnx', 'mediapipe'] as const)('detector backend %s', (backend) => {
  it('finds and embeds the face in photos of five people from four sources, and in a camera frame', async () => {
    for (const person of PEOPLE) {
      for (const file of byName(person).slice(0, 2)) {
        const r = await analyse(backend, file);
        expect(
          r.faces.filter((f) => f.embedding),
          file,
        ).toHaveLength(1);
      }
    }
    const frame = await analyse(backend, byName('lfw_tom_hanks')[0]!, { frame: { width: 640, height: 480, photoHeightShare: 0.75 } });
    expect(frame.faces[0]?.embedding).toBeTruthy();
  });

  it('recognises the same person and refuses another', async () => {
    const [a1, a2] = byName('lfw_tom_hanks');
    const b1 = byName('lfw_tony_blair')[0]!;
    const e = async (f: string) => (await analyse(backend, f)).faces.find((x) => x.embedding)!.embedding!;
    expect(cosine(await e(a1!), await e(a2!))).toBeGreaterThan(defaultConfig.matchThreshold + 0.1);
    expect(cosine(await e(a1!), await e(b1))).toBeLessThan(defaultConfig.matchThreshold - 0.1);
  });

  it('finds no face in the non-face photos (the cat included)', async () => {
    for (const file of listImages(join(faces, 'nonface'))) {
      const r = await analyse(backend, file, { pad: 0.25, embed: 'all' });
      expect(
        r.faces.filter((f) => f.embedding),
        file,
      ).toHaveLength(0);
    }
  });
});

describe('the two backends side by side', () => {
  it('give the same face: boxes overlap and the embeddings agree', async () => {
    for (const person of PEOPLE) {
      const file = byName(person)[0]!;
      const [a, b] = [await analyse('onnx', file), await analyse('mediapipe', file)];
      const fa = a.faces.find((f) => f.embedding)!;
      const fb = b.faces.find((f) => f.embedding)!;
      const x1 = Math.max(fa.box.x, fb.box.x),
        y1 = Math.max(fa.box.y, fb.box.y);
      const x2 = Math.min(fa.box.x + fa.box.width, fb.box.x + fb.box.width),
        y2 = Math.min(fa.box.y + fa.box.height, fb.box.y + fb.box.height);
      const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
      const iou = inter / (fa.box.width * fa.box.height + fb.box.width * fb.box.height - inter);
      expect(iou, file).toBeGreaterThan(0.7);
      expect(cosine(fa.embedding!, fb.embedding!), file).toBeGreaterThan(0.95);
    }
  });

  it('MediaPipe Tasks contacted no other origin (its usage logging is refused in the worker)', () => {
    expect(foreign).toEqual([]);
  });
});
