// bench:accuracy: runs the kiosk's recognition pipeline in headless Chromium over DIR/<identity>/*.jpg
// (default ../shared/faces/dev), each photo padded by 25% as a camera frame would show it, then
// scores the 1:N protocol over 10 seeded splits, per photo and gate-like (each probe fuses 2 or 3 photos of one
// person, as the gate fuses frames). Last line: one JSON object.
//   npm run bench:accuracy -- [--faces DIR] [--identities N] [--splits 10] [--backend auto|wasm] [--flip off]
//                             [--detector onnx|mediapipe] [--embedder auto|float32|int8] [--holdout tune|unseen]
//                             [--save FILE | --load FILE] [--second-embedder mobilefacenet [--second-weight 0.5]]
// --save FILE keeps the per-photo results (embeddings, never photos) and --load FILE scores them again without the
// browser, so matching and enrolment can be compared on the same embeddings in seconds.
// --half: every embedding rounded to half precision, as templates travel between the district and its tablets (probes
// too, which is stricter than the gate: its probes stay float32), to show the smaller wire format costs nothing.
// --holdout: score only the identities of that part (bench/lib/accuracy-protocol.ts holdoutOf): `unseen` is the third
// never used to choose anything.
// --second-embedder mobilefacenet: a second embedder (bench/lib/second-embedder.ts) on the same aligned crops, its
// cosine fused with the kiosk embedder's as (cos1 + w cos2) / (1 + w); the JSON's figures are then the fused ones and
// `second_alone_*` the second embedder by itself. With --load, the saved file must come from --save (it has the points).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig, validateConfig } from '../src/config';
import { decodeHalves, encodeHalves } from '../src/core/half-float';
import { defaultFacesDir, listIdentities, requireFacesDir } from '../test/support/faces';
import { averageMetrics, evaluateSplit, holdoutOf, type EmbeddedIdentity } from './lib/accuracy-protocol';
import { analysePhotos, openBrowserPipeline, type PhotoResult } from './lib/browser-pipeline';
import { numberArg, readArgs } from './lib/cli-args';
import { decodePhoto, fuseEmbeddings, MOBILEFACENET, openMobileFaceNet, padPhoto } from './lib/second-embedder';
import type { FivePoints } from '../src/core/types';

const args = readArgs();
const facesDir = resolve(String(args.get('faces') ?? resolve(requireFacesDir(defaultFacesDir()), 'dev')));
const maxIdentities = numberArg(args, 'identities', Infinity);
const splits = numberArg(args, 'splits', 10);
const backend = args.get('backend') === 'wasm' ? 'wasm' : 'auto';
// --flip off measures the pipeline without mirror averaging (the README's comparison).
const flip = args.get('flip') !== 'off';
const holdout = args.get('holdout');
if (holdout !== undefined && holdout !== 'tune' && holdout !== 'unseen') throw new Error('--holdout expects tune or unseen');
const load = args.get('load');
// --config '{"refineRegionPx":256}': measure a variant of the pipeline's settings (validated like the kiosk's).
const configOverride = typeof args.get('config') === 'string' ? (JSON.parse(args.get('config') as string) as Record<string, unknown>) : {};
const detector = args.get('detector');
if (detector !== undefined) configOverride.detectorBackend = detector;
const embedder = args.get('embedder');
if (embedder !== undefined) configOverride.embedderPrecision = embedder;
const config = validateConfig({ ...defaultConfig, embedFlipAverage: flip, ...configOverride });

interface SavedPhoto {
  file: string;
  e: number[] | null;
  points?: [number, number][];
}
const secondEmbedder = args.get('second-embedder');
if (secondEmbedder !== undefined && secondEmbedder !== 'mobilefacenet') throw new Error('--second-embedder expects mobilefacenet');
const secondWeight = numberArg(args, 'second-weight', 0.5);
const started = Date.now();
let files: string[];
let embeddings: (Float32Array | null)[];
let info: Record<string, unknown>;
/** Each photo's five points in the padded frame (for the second embedder's crops). */
let points: ([number, number][] | undefined)[];
if (typeof load === 'string') {
  const saved = JSON.parse(readFileSync(load, 'utf8')) as SavedPhoto[];
  files = saved.map((s) => s.file);
  embeddings = saved.map((s) => (s.e ? Float32Array.from(s.e) : null));
  points = saved.map((s) => s.points);
  info = { backend: `saved (${load})`, detector: { backend: 'saved' } };
  console.error(`[accuracy] ${files.length} saved results from ${load}`);
} else {
  requireFacesDir(facesDir);
  const all = listIdentities(facesDir).slice(0, maxIdentities);
  files = all.flatMap((id) => id.files);
  console.error(`[accuracy] ${files.length} images of ${all.length} identities from ${facesDir}`);
  const pipeline = await openBrowserPipeline(facesDir, { backend, config });
  info = pipeline.info;
  console.error(`[accuracy] pipeline: ${JSON.stringify(pipeline.info)}`);
  let results: PhotoResult[];
  try {
    results = await analysePhotos(pipeline, files, 0.25, (done) => {
      if (done % 400 === 0 || done === files.length)
        console.error(`[accuracy] ${done}/${files.length} images (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    });
  } finally {
    await pipeline.close();
  }
  embeddings = results.map((r) => r.embedding);
  points = results.map((r) => r.points?.map((p): [number, number] => [p.x, p.y]));
  if (typeof args.get('save') === 'string') {
    const r2 = (v: number) => Number(v.toFixed(2));
    writeFileSync(
      args.get('save') as string,
      JSON.stringify(
        files.map((f, i) => {
          const r = results[i]!;
          return {
            file: f,
            faces: r.faces,
            box: r.box && { x: r2(r.box.x), y: r2(r.box.y), w: r2(r.box.width), h: r2(r.box.height) },
            points: r.points?.map((p) => [r2(p.x), r2(p.y)]),
            quality: r.quality,
            e: r.embedding ? Array.from(r.embedding, (v) => Number(v.toFixed(5))) : null,
          };
        }),
      ),
    );
  }
}

// The second embedder on the same crops: its own embeddings (scored alone below) and the fused ones scored as usual.
let secondAlone: (Float32Array | null)[] | null = null;
if (secondEmbedder !== undefined) {
  const second = await openMobileFaceNet(resolve('bench/out/models'));
  secondAlone = [];
  for (let i = 0; i < files.length; i++) {
    const p = points[i];
    const frame = embeddings[i] && p?.length === 5 ? padPhoto(decodePhoto(files[i]!), 0.25) : null;
    const pts = p?.map(([x, y]) => ({ x, y })) as FivePoints | undefined;
    secondAlone.push(frame && pts ? await second.embed(frame, pts, config.alignCropScale) : null);
    if ((i + 1) % 400 === 0)
      console.error(`[accuracy] second embedder ${i + 1}/${files.length} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  embeddings = embeddings.map((e, i) => (e && secondAlone![i] ? fuseEmbeddings(e, secondAlone![i]!, secondWeight) : null));
}

if (args.get('half') !== undefined) embeddings = embeddings.map((e) => e && decodeHalves(encodeHalves(e)));

// Identities in the order of the files (numeric file order within each), optionally one holdout part only.
function byIdentity(vectors: (Float32Array | null)[]): EmbeddedIdentity[] {
  const groups = new Map<string, (Float32Array | null)[]>();
  files.forEach((f, i) => {
    const name = f.split('/').at(-2)!;
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push(vectors[i]!);
  });
  return [...groups].filter(([name]) => holdout === undefined || holdoutOf(name) === holdout).map(([name, e]) => ({ name, embeddings: e }));
}
const embedded = byIdentity(embeddings);
const scored = embedded.flatMap((id) => id.embeddings);
const failures = scored.filter((e) => e === null).length;
const options = { cohortWeight: config.cohortWeight, cohortSize: config.cohortSize };
const perSplit = Array.from({ length: splits }, (_, i) => evaluateSplit(embedded, i + 1, options));
const fused = (n: number) => averageMetrics(Array.from({ length: splits }, (_, i) => evaluateSplit(embedded, i + 1, options, 3, n)));
const m = averageMetrics(perSplit);
const f2 = fused(2);
const f3 = fused(3);
const round = (v: number, d = 5) => Number(v.toFixed(d));
const alone =
  secondAlone && averageMetrics(Array.from({ length: splits }, (_, i) => evaluateSplit(byIdentity(secondAlone!), i + 1, options)));
const secondFigures = alone
  ? {
      second_embedder: `${MOBILEFACENET.package}@${MOBILEFACENET.version} MobileFaceNet`,
      second_weight: secondWeight,
      second_alone_fnir_at_fpir_1e2: round(alone.fnirAtFpir1e2),
      second_alone_fnir_at_fpir_3e3: round(alone.fnirAtFpir3e3),
      second_alone_eer: round(alone.eer),
    }
  : {};
console.error(`[accuracy] per split fnir@fpir1e-2: ${perSplit.map((s) => s.fnirAtFpir1e2.toFixed(4)).join(' ')}`);
console.error(`[accuracy] per split fnir@fpir3e-3: ${perSplit.map((s) => s.fnirAtFpir3e3.toFixed(4)).join(' ')}`);
console.log(
  JSON.stringify({
    images: scored.length,
    identities: embedded.length,
    holdout: holdout ?? 'all',
    templates: args.get('half') !== undefined ? 'half' : 'float32',
    detection_failure_rate: round(failures / scored.length),
    eer: round(m.eer),
    tar_at_far_1e3: round(m.tarAtFar1e3),
    tar_at_far_1e4: round(m.tarAtFar1e4),
    fnir_at_fpir_1e2: round(m.fnirAtFpir1e2),
    fnir_at_fpir_3e3: round(m.fnirAtFpir3e3),
    fnir_at_fpir_3e3_fused2: round(f2.fnirAtFpir3e3),
    fnir_at_fpir_3e3_fused3: round(f3.fnirAtFpir3e3),
    fnir_at_fpir_1e2_fused2: round(f2.fnirAtFpir1e2),
    fnir_at_fpir_1e2_fused3: round(f3.fnirAtFpir1e2),
    rank1: round(m.rank1),
    threshold_at_fpir_1e2: round(m.thresholdAtFpir1e2, 4),
    mated_probes_per_split: Math.round(m.matedProbes),
    non_mated_probes_per_split: Math.round(m.nonMatedProbes),
    mated_probes_per_split_fused2: Math.round(f2.matedProbes),
    mated_probes_per_split_fused3: Math.round(f3.matedProbes),
    backend: info.backend,
    detector: (info.detector as { backend?: string; delegate?: string } | undefined) ?? null,
    flip_average: flip,
    embedder:
      typeof load === 'string'
        ? 'saved'
        : ((info.models as { id: string }[] | undefined)?.some((m) => m.id === 'embedder-arcface-int8') ?? false)
          ? 'int8'
          : 'float32',
    ...secondFigures,
    seconds: Math.round((Date.now() - started) / 1000),
  }),
);
