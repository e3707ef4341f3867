// Page script for the gate's tests and benchmark, built beside the kiosk (same origin, so the same IndexedDB):
// applies a roster and enrols children from photos through the kiosk's own enrolment code (src/enrollment), with the
// kiosk's own recognition client. Photos come from ../shared/faces through the test server and stay in memory.
import { defaultCaptureRules, defaultEnrolmentRules, validateConfig, templateLifetimeMs } from '../../src/config';
import type { AttendanceEvent } from '../../src/core/attendance-rules';
import { Gallery } from '../../src/core/match';
import type { ChildId } from '../../src/core/types';
import { applyLocalRoster } from '../../src/consent/purge';
import { enrolChild, type EnrolResult } from '../../src/enrollment/enrol';
import { fitsPose, POSE_PLAN } from '../../src/enrollment/guided-capture';
import type { EnrolSample } from '../../src/enrollment/samples';
import { EMBEDDER_MODEL_ID } from '../../src/pipeline/models/embedder.model';
import { RecognitionClient } from '../../src/pipeline/recognition-client';
import { openGateDb, type GateDb } from '../../src/storage/db';
import { putMeta } from '../../src/storage/meta.repo';
import type { PadMode } from '../../src/core/pad/evidence';
import { loadGallery } from '../../src/storage/gallery.repo';
import { saveGateSiteSettings, saveReaders, type GateSiteSettings, type SavedReader } from '../../src/storage/readers.repo';
import { parseRoster } from '../../src/storage/roster-format';
import { loadChildren, RosterIndex } from '../../src/storage/roster.repo';
import { TemplateVault } from '../../src/storage/template-vault';

const config = validateConfig({});
let client: RecognitionClient | null = null;
let db: GateDb | null = null;
let gallery: Gallery | null = null;
let vault: TemplateVault | null = null;

/** The photo as the gate's camera would show it: scaled to `heightPx` tall, centred on grey in a 640x480 frame. */
async function cameraFrame(url: string, heightPx: number): Promise<ImageBitmap> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const photo = await createImageBitmap(await res.blob());
  const canvas = new OffscreenCanvas(640, 480);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#7e7e7e';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingQuality = 'high';
  const width = (photo.width / photo.height) * heightPx;
  ctx.drawImage(photo, (640 - width) / 2, (464 - heightPx) / 2, width, heightPx);
  photo.close();
  return canvas.transferToImageBitmap();
}

const gateEnrol = {
  /** `recognition: false` opens the database only (roster and readers, no enrolment): no models to load. */
  async init(options: { recognition?: boolean } = {}): Promise<void> {
    if (options.recognition !== false) {
      client = new RecognitionClient({ config, modelBaseUrl: '/models/', wasmPaths: '/ort/' });
      await client.start();
    }
    db = openGateDb();
    await db.open();
    vault = await TemplateVault.open(db, Date.now());
  },

  async setRoster(json: unknown): Promise<string> {
    const parsed = parseRoster(json);
    if (parsed.kind !== 'ok') return `invalid: ${parsed.problems.join('; ')}`;
    const result = await applyLocalRoster(db!, parsed.roster, Date.now());
    const roster = new RosterIndex(await loadChildren(db!));
    gallery = new Gallery(512, { cohortWeight: config.cohortWeight, cohortSize: config.cohortSize });
    await loadGallery(db!, vault!, gallery, roster.consented(), {
      modelId: EMBEDDER_MODEL_ID,
      nowMs: Date.now(),
      lifetimeMs: templateLifetimeMs(),
    });
    return result.kind;
  },

  /**
   * Enrols a child from photos (camera frames) as the guided capture would with a cooperative child: its samples
   * follow the capture's pose plan (straight, left, right, ...; src/enrollment/guided-capture.ts), each one the first
   * good photo in that pose, or else the next good photo (the capture takes a straight face when the child does not
   * turn). At most `lookahead` photos are looked at. The guided capture itself is not used: it refuses frames with a
   * second face, which the data set's press photos often have behind the person. The data set has few photos per
   * person, so `needed` (default 3) replaces the guided capture's 5 samples. `used`: how many photos were analysed.
   */
  async enrol(
    childId: string,
    urls: string[],
    needed = 3,
    heightPx = 400,
    lookahead = 8,
  ): Promise<EnrolResult & { used: number; issues: string[][] }> {
    const good: { embedding: Float32Array; yaw: number }[] = [];
    const issues: string[][] = [];
    let used = 0;
    const samples: EnrolSample[] = [];
    const taken = new Set<number>();
    // Takes the first unused good photo in the pose the plan asks for next, or the first unused good photo.
    const takeNext = (fallback: boolean): boolean => {
      const step = POSE_PLAN[samples.length % POSE_PLAN.length]!;
      const k = good.findIndex((g, i) => !taken.has(i) && (fallback || fitsPose(g.yaw, step, defaultCaptureRules.turnDeg)));
      if (k < 0) return false;
      taken.add(k);
      samples.push({ embedding: good[k]!.embedding, issues: [] });
      return true;
    };
    for (const url of urls.slice(0, lookahead)) {
      if (samples.length >= needed) break;
      used++;
      const outcome = await client!.analyse(await cameraFrame(url, heightPx), { embed: 'largest' });
      const face = outcome.kind === 'analysed' ? outcome.analysis.faces.find((f) => f.embedding) : undefined;
      issues.push(face ? [...face.issues] : ['no-face']);
      if (face && face.issues.length === 0) good.push({ embedding: face.embedding!, yaw: face.quality.yawDeg });
      while (samples.length < needed && takeNext(false));
    }
    while (samples.length < needed && (takeNext(false) || takeNext(true)));
    const rules = { ...defaultEnrolmentRules, minSamples: needed };
    const result = await enrolChild(
      { db: db!, vault: vault!, gallery: gallery!, matchThreshold: config.matchThreshold, modelId: EMBEDDER_MODEL_ID, rules },
      childId as ChildId,
      samples,
      Date.now(),
    );
    for (const g of good) g.embedding.fill(0);
    return { ...result, used, issues };
  },

  /**
   * Enrols a child from embeddings given as numbers (synthetic faces: tests that need no models), through the kiosk's
   * enrolment code with its own rules; `confirmTwinOf` is staff confirming a twin the duplicate check named.
   */
  async enrolEmbeddings(childId: string, embeddings: number[][], confirmTwinOf?: string): Promise<EnrolResult> {
    return enrolChild(
      { db: db!, vault: vault!, gallery: gallery!, matchThreshold: config.matchThreshold, modelId: EMBEDDER_MODEL_ID },
      childId as ChildId,
      embeddings.map((e) => ({ embedding: Float32Array.from(e), issues: [] })),
      Date.now(),
      confirmTwinOf === undefined ? {} : { confirmTwinOf: confirmTwinOf as ChildId },
    );
  },

  /** Saves the bracelet readers the kiosk starts at boot (what staff do on the readers screen). */
  async saveReaders(readers: SavedReader[]): Promise<void> {
    await saveReaders(db!, readers);
  },

  /**
   * The district's PAD mode for this site, as a bundle would leave it (site settings with the kiosk's own thresholds;
   * this bench tablet is not paired, so nothing else reads them).
   */
  async setPadMode(padMode: PadMode): Promise<void> {
    await putMeta(db!, 'sync:settings', {
      biometricsEnabled: true,
      assessmentRef: 'bench',
      matchThreshold: config.matchThreshold,
      matchMargin: config.matchMargin,
      nightlyWindow: { start: '01:00', end: '04:00' },
      maxOfflineFaceDays: 3,
      padMode,
    });
  },

  /** The gate's site settings as staff set them on the readers screen (face and bracelet). */
  async saveGateSettings(settings: GateSiteSettings): Promise<void> {
    await saveGateSiteSettings(db!, settings);
  },

  async events(): Promise<AttendanceEvent[]> {
    return db!.events.toArray();
  },

  close(): void {
    client?.stop();
    db?.close();
  },
};

declare global {
  interface Window {
    gateEnrol: typeof gateEnrol;
  }
}
window.gateEnrol = gateEnrol;
document.getElementById('status')!.textContent = 'ready';
