// Page script for the gate's tests and benchmark, built beside the kiosk (same origin, so the same IndexedDB):
// applies a roster and enrols children from photos through the kiosk's own enrolment code (src/enrollment), with the
// kiosk's own recognition client. Photos come from ../shared/faces through the test server and stay in memory.
import { validateConfig } from '../../src/config';
import type { AttendanceEvent } from '../../src/core/attendance-rules';
import { Gallery } from '../../src/core/match';
import type { ChildId } from '../../src/core/types';
import { applyRosterChange } from '../../src/enrollment/consent-change';
import { enrolChild, type EnrolResult } from '../../src/enrollment/enrol';
import { templateLifetimeMs } from '../../src/enrollment/enrol-config';
import { defaultEnrolmentRules, type EnrolSample } from '../../src/enrollment/samples';
import { EMBEDDER_MODEL_ID } from '../../src/pipeline/models/embedder.model';
import { RecognitionClient } from '../../src/pipeline/recognition-client';
import { openGateDb, type GateDb } from '../../src/storage/db';
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
    const result = await applyRosterChange(db!, parsed.roster, Date.now());
    const roster = new RosterIndex(await loadChildren(db!));
    gallery = new Gallery(512, { cohortWeight: config.cohortWeight, cohortSize: config.cohortSize });
    await loadGallery(db!, vault!, gallery, roster.consented(), { modelId: EMBEDDER_MODEL_ID, nowMs: Date.now(), lifetimeMs: templateLifetimeMs() });
    return result.kind;
  },

  /**
   * Analyses photos in order, as camera frames, until `needed` of them are good samples (like a guided capture that
   * asks again after a bad shot), then enrols the child from those samples. `used`: how many photos were looked at.
   * The data set has few photos per person, so `needed` (default 3) replaces the guided capture's 5 samples here.
   */
  async enrol(childId: string, urls: string[], needed = 3, heightPx = 400): Promise<EnrolResult & { used: number; issues: string[][] }> {
    const samples: EnrolSample[] = [];
    const issues: string[][] = [];
    let used = 0;
    for (const url of urls) {
      if (samples.filter((x) => x.issues.length === 0).length >= needed) break;
      used++;
      const outcome = await client!.analyse(await cameraFrame(url, heightPx), { embed: 'largest' });
      if (outcome.kind !== 'analysed') continue;
      const face = outcome.analysis.faces.find((f) => f.embedding);
      if (face) samples.push({ embedding: face.embedding!, issues: [...face.issues] });
      issues.push(face ? [...face.issues] : ['no-face']);
    }
    const rules = { ...defaultEnrolmentRules, minSamples: needed };
    const result = await enrolChild({ db: db!, vault: vault!, gallery: gallery!, matchThreshold: config.matchThreshold, modelId: EMBEDDER_MODEL_ID, rules }, childId as ChildId, samples, Date.now());
    for (const s of samples) s.embedding?.fill(0);
    return { ...result, used, issues };
  },

  /** Saves the bracelet readers the kiosk starts at boot (what staff do on the readers screen). */
  async saveReaders(readers: SavedReader[]): Promise<void> {
    await saveReaders(db!, readers);
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
