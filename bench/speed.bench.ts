// bench:speed: medians after warm-up of the kiosk's pipeline in headless Chromium on a 640x480
// frame with one face (the gate's work: detect, points, embed, and the PAD evidence of the followed face), the 1:N
// matcher, cold start (page load to first embedding, and to the models being ready; also in a kept browser profile, as a
// tablet's) and JS heap.
// --detector onnx|mediapipe: which backend finds the face in the whole frame (config.detectorBackend); detect_ms is
// the whole-frame detection alone plus RetinaFace's points, whole_frame_detect_ms and refine_ms each part.
// approach_*: a face moving and growing over 40 frames, with a whole-frame search on every frame and with the gate's
// tracking (the face looked for around its last place); the cosine of the two embeddings of each frame.
// pad_added_ms: what the PAD evidence adds to a frame's round trip (each frame analysed with and without it, in
// alternating order; the median of the pairs' differences). empty_frame_ms: a frame with nobody in it.
// Last line: one JSON object.   npm run bench:speed -- [--frames 60] [--backend auto|wasm] [--detector onnx|mediapipe]
//                                                     [--track-frames 3] [--embedder auto|float32|int8]
// --embedder auto|float32|int8: the embedder file (config.embedderPrecision); default: the kiosk's ('auto': int8 on wasm).
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { baseChromiumArgs, chromiumPath, freshProfileDir } from '../test/support/browser';
import { defaultFacesDir, listIdentities, requireFacesDir } from '../test/support/faces';
import { harnessPath } from '../test/support/harness-build';
import { openBrowserPipeline } from './lib/browser-pipeline';
import { numberArg, readArgs } from './lib/cli-args';
import { defaultConfig } from '../src/config';

const args = readArgs();
const facesRoot = requireFacesDir(resolve(String(args.get('faces-root') ?? defaultFacesDir())));
const frames = numberArg(args, 'frames', 60);
const backend = args.get('backend') === 'wasm' ? 'wasm' : 'auto';
const detector = args.get('detector') === 'mediapipe' ? 'mediapipe' : 'onnx';
const embedderArg = args.get('embedder');
if (embedderArg !== undefined && embedderArg !== 'auto' && embedderArg !== 'float32' && embedderArg !== 'int8')
  throw new Error('--embedder is auto, float32 or int8');
const embedder = embedderArg ?? defaultConfig.embedderPrecision;
/** The approach's tracked play: frames in a row the face is followed without a search (the kiosk's default is 0: off). */
const trackFrames = numberArg(args, 'track-frames', 3);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (v: number) => Number(v.toFixed(2));

const identity = listIdentities(join(facesRoot, 'dev'))[0]!;
const photo = identity.files[0]!;
const p = await openBrowserPipeline(facesRoot, {
  backend,
  config: { detectorBackend: detector, trackFramesBetweenSearches: trackFrames, embedderPrecision: embedder },
});
try {
  const url = p.server.fileUrl(photo);
  // The gate embeds one orientation a frame and alternates (fusion averages them); still photos
  // (enrolment, bench:accuracy) embed both at once: reported separately as frame_flip_average_ms.
  const frameSpec = { frame: { width: 640, height: 480, photoHeightShare: 0.75 }, flip: 'original' };
  const averageSpec = { ...frameSpec, flip: 'average' };
  const detect: number[] = [],
    wholeFrame: number[] = [],
    refine: number[] = [],
    align: number[] = [],
    embed: number[] = [],
    pad: number[] = [],
    total: number[] = [],
    roundTrip: number[] = [];
  // Each frame is analysed twice, with and without the PAD evidence, in alternating order: what the liveness model
  // adds to a frame is the median of these pairs' differences (two separate runs one after the other also measured
  // the JIT and the machine warming up between them: 10-12.6 ms against a pad_ms of 6.6-7.6 on 2026-12-07).
  const withoutPad: number[] = [];
  const padAdded: number[] = [];
  /** One frame of the person's photo through the worker, as the harness composes it from `spec`. */
  const analyse = (spec: object) => p.page.evaluate(([u, s]) => window.harness.analyse(u as string, s as never), [url, spec] as const);
  const analyseFrame = (padEvidence: boolean) => analyse(padEvidence ? frameSpec : { ...frameSpec, padEvidence });
  for (let i = 0; i < 10 + frames; i++) {
    const padFirst = i % 2 === 0;
    const first = await analyseFrame(padFirst);
    const second = await analyseFrame(!padFirst);
    const [r, bare] = padFirst ? [first, second] : [second, first];
    if (!r.ok || !r.faces[0]?.embedding) throw new Error(`no face in the speed frame: ${r.error ?? 'none found'}`);
    if (bare.faces[0]?.pad) throw new Error('pad: false still computed the PAD evidence');
    if (i < 10) continue;
    const t = r.timings!;
    detect.push(t.detectMs! + t.refineMs!);
    wholeFrame.push(t.detectMs!);
    refine.push(t.refineMs!);
    align.push(t.alignMs!);
    embed.push(t.embedMs!);
    if (!r.faces[0].pad) throw new Error('the followed face came back without its PAD evidence');
    pad.push(t.padMs!);
    total.push(t.totalMs!);
    roundTrip.push(r.roundTripMs);
    withoutPad.push(bare.roundTripMs);
    padAdded.push(r.roundTripMs - bare.roundTripMs);
  }
  // An approach: the person's photo moves across a 640x480 grey frame and grows, 40 frames, mirror mode alternating as
  // at the gate; played with a whole-frame search on every frame and with tracking (AnalyseOptions.track: the followed
  // face looked for around its last place, a whole-frame search every config.trackFramesBetweenSearches + 1 frames).
  // The same frames both ways, so the embeddings can be compared (cosine of each frame's pair).
  const approach = (track: boolean) =>
    Array.from({ length: 40 }, (_, i) => ({
      width: 640,
      height: 480,
      fill: '#808080',
      photos: [{ url, x: 150 + 3 * i, y: 100 - i, height: 240 + 2 * i }],
      flip: i % 2 === 0 ? 'original' : 'mirrored',
      track,
    }));
  const approachTrip = { searched: [] as number[], tracked: [] as number[] };
  let trackedFrames = 0,
    approachFrames = 0;
  const cosines: number[] = [];
  for (let run = 0; run < 4; run++) {
    const searched: (number[] | null)[] = [];
    for (const [mode, specs] of [
      ['searched', approach(false)],
      ['tracked', approach(true)],
    ] as const) {
      for (const [i, spec] of specs.entries()) {
        const r = await p.page.evaluate((s) => window.harness.compose(s as never), spec);
        const embedding = r.faces[0]?.embedding ?? null;
        if (run === 0) continue;
        approachTrip[mode].push(r.roundTripMs);
        if (mode === 'searched') searched.push(embedding);
        else {
          approachFrames++;
          if (r.tracked) trackedFrames++;
          const other = searched[i];
          if (embedding && other) cosines.push(embedding.reduce((s, v, k) => s + v * other[k]!, 0));
        }
      }
    }
  }
  // Nobody at the door: a grey 640x480 frame. BlazeFace finds nothing, so the whole frame is searched again with
  // RetinaFace; a face that walks in waits for that frame to finish.
  const emptyTrip: number[] = [];
  for (let i = 0; i < 25; i++) {
    const r = await p.page.evaluate((s) => window.harness.compose(s as never), { width: 640, height: 480, fill: '#808080', photos: [] });
    if (r.faces.length > 0) throw new Error('a face was found in the empty frame');
    if (i >= 5) emptyTrip.push(r.roundTripMs);
  }
  const averageTrip: number[] = [];
  for (let i = 0; i < 25; i++) {
    const r = await analyse(averageSpec);
    if (i >= 5) averageTrip.push(r.roundTripMs);
  }
  // Heap after 100 frames in total.
  for (let i = 35 + 2 * frames + 10; i < 100; i++) await analyse(frameSpec);
  const cdp = await p.browser.context.newCDPSession(p.page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const m500 = await p.page.evaluate(() => window.harness.benchMatch(500, 200));
  const m10k = await p.page.evaluate(() => window.harness.benchMatch(10_000, 200));

  // Cold start: a page load to the first embedding, three times. Each in a new browser context (in memory and empty: every
  // file fetched, no HTTP cache, no wasm code cache), and in a persistent profile after one load, as a tablet's browser
  // keeps it (its wasm code cache and HTTP cache; the kiosk's service worker holds the files).
  /** Three loads, each in the context `contextFor` gives: when each had its first embedding and its models were ready. */
  const coldStarts = async (contextFor: () => Promise<BrowserContext>): Promise<{ times: number[]; ready: number[] }> => {
    const times: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await (await contextFor()).newPage();
      await page.goto(`${p.server.url}${harnessPath}?autostart=${encodeURIComponent(url)}&detector=${detector}&embedder=${embedder}`);
      await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'harness', undefined, { timeout: 60_000 });
      const status = await page.$eval('#status', (el) => ({
        text: el.textContent,
        at: (el as HTMLElement).dataset.firstEmbeddingMs,
        ready: (el as HTMLElement).dataset.modelsReadyMs,
        ok: (el as HTMLElement).dataset.ok,
      }));
      if (status.text !== 'done' || status.ok !== 'true') throw new Error(`cold start failed: ${status.text}`);
      times.push(Number(status.at));
      ready.push(Number(status.ready));
      await page.close();
    }
    return { times, ready };
  };
  const freshContexts: BrowserContext[] = [];
  const { times: cold, ready: coldReady } = await coldStarts(async () => {
    const context = await p.browser.browser.newContext();
    freshContexts.push(context);
    return context;
  });
  for (const context of freshContexts) await context.close();
  const profileDir = freshProfileDir();
  const profile = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: baseChromiumArgs,
  });
  let coldProfile: number[], coldProfileReady: number[];
  try {
    const kept = () => Promise.resolve(profile);
    await coldStarts(kept);
    ({ times: coldProfile, ready: coldProfileReady } = await coldStarts(kept));
  } finally {
    await profile.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  console.error(
    `[speed] worker total ${round(median(total))} ms, round trip ${round(median(roundTrip))} ms; cold starts ${cold.map((c) => c.toFixed(0)).join(', ')} ms (kept profile: ${coldProfile.map((c) => c.toFixed(0)).join(', ')}); match kernel ${m10k.kernel}`,
  );
  console.log(
    JSON.stringify({
      detect_ms: round(median(detect)),
      whole_frame_detect_ms: round(median(wholeFrame)),
      refine_ms: round(median(refine)),
      align_ms: round(median(align)),
      embed_ms: round(median(embed)),
      pad_ms: round(median(pad)),
      frame_ms: round(median(roundTrip)),
      frame_without_pad_ms: round(median(withoutPad)),
      pad_added_ms: round(median(padAdded)),
      frame_flip_average_ms: round(median(averageTrip)),
      empty_frame_ms: round(median(emptyTrip)),
      approach_frame_ms: round(median(approachTrip.searched)),
      approach_frame_tracked_ms: round(median(approachTrip.tracked)),
      approach_tracked_share: round(trackedFrames / approachFrames),
      track_frames_between_searches: trackFrames,
      approach_tracked_cosine_min: round(Math.min(...cosines)),
      match_500_ms: round(m500.medianMs),
      match_10000_ms: round(m10k.medianMs),
      cold_start_ms: Math.round(median(cold)),
      cold_start_kept_profile_ms: Math.round(median(coldProfile)),
      cold_start_models_ready_ms: Math.round(median(coldReady)),
      cold_start_kept_profile_models_ready_ms: Math.round(median(coldProfileReady)),
      heap_mb: round(heap.usedSize / 1024 / 1024),
      threads: p.info.threads,
      backend: p.info.backend,
      detector: p.info.detector,
      embedder: (p.info.models as { id: string }[]).some((m) => m.id === 'embedder-arcface-int8') ? 'int8' : 'float32',
      match_kernel: m10k.kernel,
    }),
  );
} finally {
  await p.close();
}
