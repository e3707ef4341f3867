// bench:accuracy: runs the kiosk's recognition pipeline in headless Chromium over DIR/<identity>/*.jpg
// (default ../shared/faces/dev), each photo padded by 25% as a camera frame would show it, then
// scores the 1:N protocol over 10 seeded splits. Last line: one JSON object.
//   npm run bench:accuracy -- [--faces DIR] [--identities N] [--splits 10] [--backend auto|wasm] [--flip off]
import { resolve } from 'node:path';
import { defaultConfig } from '../src/config';
import { defaultFacesDir, listIdentities, requireFacesDir } from '../test/support/faces';
import { averageMetrics, evaluateSplit, type EmbeddedIdentity } from './lib/accuracy-protocol';
import { analysePhotos, openBrowserPipeline, type PhotoResult } from './lib/browser-pipeline';
import { numberArg, readArgs } from './lib/cli-args';

const args = readArgs();
const facesDir = resolve(String(args.get('faces') ?? resolve(requireFacesDir(defaultFacesDir()), 'dev')));
requireFacesDir(facesDir);
const maxIdentities = numberArg(args, 'identities', Infinity);
const splits = numberArg(args, 'splits', 10);
const backend = args.get('backend') === 'wasm' ? 'wasm' : 'auto';
// --flip off measures the pipeline without mirror averaging (the README's comparison).
const flip = args.get('flip') !== 'off';
// --config '{"refineRegionPx":256}': measure a variant of the pipeline's settings (validated like the kiosk's).
const configOverride = typeof args.get('config') === 'string' ? (JSON.parse(args.get('config') as string) as Record<string, unknown>) : {};

const identities = listIdentities(facesDir).slice(0, maxIdentities);
const files = identities.flatMap((id) => id.files);
console.error(`[accuracy] ${files.length} images of ${identities.length} identities from ${facesDir}`);

const started = Date.now();
const pipeline = await openBrowserPipeline(facesDir, { backend, config: { embedFlipAverage: flip, ...configOverride } });
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
const embeddings = results.map((r) => r.embedding);

// --save FILE: keep the embeddings (derived numbers, never the photos) for offline analysis.
if (typeof args.get('save') === 'string') {
  const { writeFileSync } = await import('node:fs');
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
const embedded: EmbeddedIdentity[] = [];
let k = 0;
for (const id of identities) {
  embedded.push({ name: id.name, embeddings: id.files.map(() => embeddings[k++]!) });
}
const failures = embeddings.filter((e) => e === null).length;
const perSplit = Array.from({ length: splits }, (_, i) =>
  evaluateSplit(embedded, i + 1, { cohortWeight: defaultConfig.cohortWeight, cohortSize: defaultConfig.cohortSize }),
);
const m = averageMetrics(perSplit);
const round = (v: number, d = 5) => Number(v.toFixed(d));
console.error(`[accuracy] per split fnir@fpir1e-2: ${perSplit.map((s) => s.fnirAtFpir1e2.toFixed(4)).join(' ')}`);
console.log(
  JSON.stringify({
    images: files.length,
    identities: identities.length,
    detection_failure_rate: round(failures / files.length),
    eer: round(m.eer),
    tar_at_far_1e3: round(m.tarAtFar1e3),
    tar_at_far_1e4: round(m.tarAtFar1e4),
    fnir_at_fpir_1e2: round(m.fnirAtFpir1e2),
    fnir_at_fpir_3e3: round(m.fnirAtFpir3e3),
    rank1: round(m.rank1),
    threshold_at_fpir_1e2: round(m.thresholdAtFpir1e2, 4),
    mated_probes_per_split: Math.round(m.matedProbes),
    non_mated_probes_per_split: Math.round(m.nonMatedProbes),
    backend: pipeline.info.backend,
    flip_average: flip,
    seconds: Math.round((Date.now() - started) / 1000),
  }),
);
