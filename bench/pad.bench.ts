// bench:pad: a seeded, versioned synthetic presentation-attack set made from the photos of DIR (each person's real
// photo as the genuine presentation; the same photos replayed on a screen, a phone in a hand and a print, moved as a
// plane over the frames) run through the kiosk's own pipeline in headless Chromium, then scored by the kiosk's own
// PAD fusion (src/core/pad). Last line: one JSON object (ISO/IEC 30107-3 terms: APCER per species, BPCER).
//   npm run bench:pad -- --faces DIR [--seed N] [--identities N] [--frames 5] [--attacks-per-identity 2]
//   npm run bench:pad -- --faces DIR --attack-images ADIR      (ADIR/<species>/<identity>/*.jpg, another renderer)
//   --save FILE keeps the per-frame evidence (numbers only); --from FILE scores saved evidence without a browser.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { defaultFacesDir, listIdentities, requireFacesDir } from '../test/support/faces';
import { mulberry32 } from '../test/support/seeded-random';
import { openBrowserPipeline } from './lib/browser-pipeline';
import { numberArg, readArgs } from './lib/cli-args';
import { PAD_SET_VERSION, planPresentations, planStillImage, type Presentation, type SourcePhoto } from './lib/pad/pad-plan';
import { findSourceFaces, runPresentation, type PresentationEvidence } from './lib/pad/pad-run';
import { padReport } from './lib/pad/pad-metrics';

const args = readArgs();
let seed = numberArg(args, 'seed', 1);
let frames = numberArg(args, 'frames', 5);
const attacksPerIdentity = numberArg(args, 'attacks-per-identity', 2);
const genuinePerIdentity = numberArg(args, 'genuine-per-identity', 1);
const maxIdentities = numberArg(args, 'identities', Infinity);
const configOverride = typeof args.get('config') === 'string' ? (JSON.parse(args.get('config') as string) as Record<string, unknown>) : {};
const attackImagesDir = typeof args.get('attack-images') === 'string' ? resolve(args.get('attack-images') as string) : null;

const log = (s: string) => console.error(`[pad] ${s}`);

/** The deepest folder holding both paths: the test server serves photos from under it. */
function commonRoot(a: string, b: string): string {
  const pa = a.split(sep),
    pb = b.split(sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(sep) || sep;
}

/** ADIR/<species>/<identity>/*.jpg: every image an attack presentation of that species. */
function listAttackImages(dir: string): { species: string; identity: string; photo: string }[] {
  const out: { species: string; identity: string; photo: string }[] = [];
  for (const species of readdirSync(dir).sort()) {
    if (!statSync(join(dir, species)).isDirectory()) continue;
    for (const id of listIdentities(join(dir, species))) for (const photo of id.files) out.push({ species, identity: id.name, photo });
  }
  if (out.length === 0) throw new Error(`No attack images found under ${dir}: expected ${dir}/<species>/<identity>/*.jpg`);
  return out;
}

async function collect(): Promise<{ evidence: PresentationEvidence[]; info: Record<string, unknown>; noFace: number }> {
  const facesDir = resolve(String(args.get('faces') ?? resolve(requireFacesDir(defaultFacesDir()), 'dev')));
  requireFacesDir(facesDir);
  let identities = listIdentities(facesDir);
  if (identities.length > maxIdentities) {
    // A seeded sample, so that a smaller run is still spread over every source of the folder.
    const rng = mulberry32(seed);
    const shuffled = [...identities];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    identities = shuffled.slice(0, maxIdentities).sort((a, b) => a.name.localeCompare(b.name));
  }
  const external = attackImagesDir ? listAttackImages(attackImagesDir) : [];
  const wanted = new Map<string, { identity: string; photo: string }>();
  const attacks = attackImagesDir ? 0 : attacksPerIdentity;
  for (const id of identities) {
    const n = id.files.length;
    for (let g = 0; g < genuinePerIdentity; g++) wanted.set(id.files[g % n]!, { identity: id.name, photo: id.files[g % n]! });
    for (let a = 0; a < attacks; a++) wanted.set(id.files[(a + 1) % n]!, { identity: id.name, photo: id.files[(a + 1) % n]! });
  }
  for (const e of external) wanted.set(e.photo, { identity: e.identity, photo: e.photo });
  const root = attackImagesDir ? commonRoot(facesDir, attackImagesDir) : facesDir;
  const pipeline = await openBrowserPipeline(root, { backend: 'wasm', config: configOverride });
  log(`pipeline ${JSON.stringify(pipeline.info)}`);
  try {
    const started = Date.now();
    const photos = [...wanted.values()];
    const found = await findSourceFaces(pipeline, photos, (done) => {
      if (done % 200 === 0 || done === photos.length) log(`faces of ${done}/${photos.length} source photos`);
    });
    const sources = new Map<string, SourcePhoto>();
    found.forEach((f) => f && sources.set(f.photo, f));
    const noFace = photos.length - sources.size;
    const own = planPresentations(
      [...sources.values()].filter((s) => !external.some((e) => e.photo === s.photo)),
      { seed, frames, attacksPerIdentity: attacks, genuinePerIdentity },
    );
    const presentations: Presentation[] = [...own];
    for (const e of external) {
      const source = sources.get(e.photo);
      if (source) presentations.push(planStillImage(e.identity, e.photo, e.species as Presentation['label'], source, seed, frames));
    }
    log(
      `${presentations.length} presentations (${PAD_SET_VERSION}, seed ${seed}, ${frames} frames each); ${noFace} source photos without a face`,
    );
    const evidence: PresentationEvidence[] = [];
    for (const p of presentations) {
      evidence.push(await runPresentation(pipeline, p));
      if (evidence.length % 50 === 0 || evidence.length === presentations.length)
        log(`${evidence.length}/${presentations.length} presentations (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    return { evidence, info: pipeline.info, noFace };
  } finally {
    await pipeline.close();
  }
}

let evidence: PresentationEvidence[];
let info: Record<string, unknown> = {};
let noFace = 0;
if (typeof args.get('from') === 'string') {
  const saved = JSON.parse(readFileSync(args.get('from') as string, 'utf8')) as {
    evidence: PresentationEvidence[];
    info: Record<string, unknown>;
    noFace: number;
    seed: number;
    frames: number;
  };
  ({ evidence, info, noFace, seed, frames } = saved);
} else {
  ({ evidence, info, noFace } = await collect());
  if (typeof args.get('save') === 'string')
    writeFileSync(args.get('save') as string, JSON.stringify({ version: PAD_SET_VERSION, seed, frames, info, noFace, evidence }));
}
const report = padReport(evidence, { externalAttacks: attackImagesDir !== null, seed });
console.log(
  JSON.stringify({
    set_version: PAD_SET_VERSION,
    seed,
    frames,
    source_photos_without_face: noFace,
    ...report,
    backend: info.backend,
    threads: info.threads,
  }),
);
