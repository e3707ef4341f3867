// bench:webgpu: runs the kiosk's pipeline on the WebGPU execution provider and on wasm over the same
// photos and compares them (backend that ran, cosine of each embedding pair, box agreement, time).
// Without a GPU, `GK_WEBGPU=swiftshader` gives headless Chromium a software adapter: that checks
// the WebGPU code path and its results, not a GPU's speed. Last line: one JSON object.
//   GK_WEBGPU=swiftshader npm run bench:webgpu -- [--identities 3] [--photos 2]
import { join, resolve } from 'node:path';
import { defaultFacesDir, listIdentities, requireFacesDir } from '../test/support/faces';
import { analysePhotos, openBrowserPipeline, type PhotoResult } from './lib/browser-pipeline';
import { numberArg, readArgs } from './lib/cli-args';

const args = readArgs();
const facesRoot = requireFacesDir(resolve(String(args.get('faces-root') ?? defaultFacesDir())));
const identities = listIdentities(join(facesRoot, 'dev')).slice(0, numberArg(args, 'identities', 3));
const files = identities.flatMap((i) => i.files.slice(0, numberArg(args, 'photos', 2)));
// A software adapter takes seconds a frame: the worker's limits are raised for this check only. Both backends run the
// float embedder, so the comparison is of the execution providers ('auto' would give wasm the int8 file).
const config = { workerFrameTimeoutMs: 60_000, workerLoadTimeoutMs: 300_000, embedderPrecision: 'float32' as const };

async function run(backend: 'auto' | 'wasm', build: boolean): Promise<{ backend: unknown; ms: number; results: PhotoResult[] }> {
  const p = await openBrowserPipeline(facesRoot, { backend, config, build });
  try {
    const started = Date.now();
    const results = await analysePhotos(p, files, 0.25);
    return { backend: p.info.backend, ms: Date.now() - started, results };
  } finally {
    await p.close();
  }
}

const gpu = await run('auto', true);
const cpu = await run('wasm', false);
let minCosine = Infinity;
let maxBoxShiftPx = 0;
let missing = 0;
for (let i = 0; i < files.length; i++) {
  const a = gpu.results[i]!,
    b = cpu.results[i]!;
  if (!a.embedding || !b.embedding || !a.box || !b.box) {
    missing++;
    continue;
  }
  let dot = 0;
  for (let k = 0; k < a.embedding.length; k++) dot += a.embedding[k]! * b.embedding[k]!;
  minCosine = Math.min(minCosine, dot);
  maxBoxShiftPx = Math.max(
    maxBoxShiftPx,
    Math.abs(a.box.x - b.box.x),
    Math.abs(a.box.y - b.box.y),
    Math.abs(a.box.width - b.box.width),
    Math.abs(a.box.height - b.box.height),
  );
  console.error(`[webgpu] ${files[i]!.split('/').slice(-2).join('/')}: cosine ${dot.toFixed(5)}`);
}
console.log(
  JSON.stringify({
    photos: files.length,
    backend_auto: gpu.backend,
    backend_wasm: cpu.backend,
    min_cosine_webgpu_vs_wasm: Number(minCosine.toFixed(5)),
    max_box_difference_px: Number(maxBoxShiftPx.toFixed(3)),
    faces_missing_on_either: missing,
    webgpu_ms_per_photo: Math.round(gpu.ms / files.length),
    wasm_ms_per_photo: Math.round(cpu.ms / files.length),
    adapter: process.env.GK_WEBGPU === 'swiftshader' ? 'swiftshader (software)' : "the machine's own",
  }),
);
process.exit(gpu.backend === 'webgpu' && missing === 0 && minCosine > 0.999 ? 0 : 1);
