// One run of the real kiosk at a fake camera, shared by the gate's end-to-end test and `bench:gate`: applies a roster,
// enrols children from photos through the kiosk's own enrolment code, plays a Y4M of people to the kiosk in headless
// Chromium, and returns what a person would have seen (greetings, with the frame on screen) and what was recorded.
import type { PadMode } from '../../src/core/pad/evidence';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AttendanceEvent } from '../../src/core/attendance-rules';
import type { EnrolResult } from '../../src/enrollment/enrol';
import { defaultVideoSpec, writeFakeCameraVideo, type FakeVideo, type Presentation, type VideoSpec } from './fake-camera';
import { enrolPagePath, frameClock, openGateBrowser, readProbe, serveGateApp, type GateBrowser } from './gate-app';
import type { ProbeData, ProbeGreeting } from './gate-probe';
import { readKioskStores } from './kiosk-stores';
import type { SavedReader } from '../../src/storage/readers.repo';
import type { StaticServer } from '../../test/support/static-server';

export interface RunChild {
  id: string;
  firstName: string;
  /** Photos to enrol from (in order, until 3 good samples); absent or empty: in the roster but not enrolled. */
  enrolPhotos?: string[];
  /** Parental consent to face recognition (default: true when enrolPhotos are given). */
  faceConsent?: boolean;
  braceletUid?: string | null;
  /** A twin is enrolled: face and bracelet must both name this child. */
  twin?: boolean;
  /** The child's group on the roster (default `bench`). */
  group?: string;
  /** Days a parent reported the child absent (the staff roster shows today's). */
  absences?: { day: string; reason: 'illness' | 'family' | 'holiday' | 'other'; note?: string }[];
}

export interface GateRunOptions {
  /** Served under /__files/ (the photos must be inside it). */
  facesRoot: string;
  /** Where the Y4M goes. */
  workDir: string;
  children: RunChild[];
  /** Who walks up to the camera, in order; `label` is a child id or any name for a person not in the gallery. */
  presentations: Presentation[];
  spec?: VideoSpec;
  /** Seconds of empty frames after the last person. */
  tailSeconds?: number;
  /** Bracelet readers saved on the tablet (as staff would add them) and the face-and-bracelet site setting. */
  readers?: SavedReader[];
  faceAndBracelet?: boolean;
  /** The site's PAD mode (default: none set, the kiosk's default). */
  padMode?: PadMode;
  /** Extra page scripts (e.g. a fake Web Serial) installed before the kiosk's own. */
  initScripts?: { content: string }[];
  log?: (line: string) => void;
}

export interface EnrolOutcome {
  childId: string;
  result: EnrolResult & { used: number };
}

export interface GateSession {
  server: StaticServer;
  gate: GateBrowser;
  page: Page;
  video: FakeVideo;
  enrolments: EnrolOutcome[];
  /** Plays the video once through the kiosk (page load to the last frame); returns what the probe saw. */
  playOnce(timeoutMs?: number): Promise<ProbeData>;
  /**
   * Loads the kiosk and lets the (looping) video play until `done` holds for what the probe saw, or `timeoutMs`
   * passes; returns the probe either way. For tests about what happens, not when: a loaded machine that warms up
   * late sees the same people again on the next loop.
   */
  playUntil(done: (probe: ProbeData) => boolean, timeoutMs: number): Promise<ProbeData>;
  /** The attendance events in the kiosk's IndexedDB (read from the kiosk page, as stored). */
  events(): Promise<AttendanceEvent[]>;
  close(): Promise<void>;
}

export const RUN_ROSTER_SITE = 'bench-site';

export function rosterJson(children: readonly RunChild[]): unknown {
  return {
    format: 'gate-kiosk.roster/1',
    siteId: RUN_ROSTER_SITE,
    revision: 1,
    generatedAt: new Date().toISOString(),
    children: children.map((c) => ({
      id: c.id,
      firstName: c.firstName,
      lastName: '',
      group: c.group ?? 'bench',
      braceletUid: c.braceletUid ?? null,
      ...(c.twin ? { twin: true } : {}),
      faceConsent: c.faceConsent ?? (c.enrolPhotos !== undefined && c.enrolPhotos.length > 0),
      ...(c.absences ? { absences: c.absences } : {}),
    })),
  };
}

/** Starts the server and Chromium, writes the video, applies the roster and enrols (the kiosk app must be built). */
export async function startGateSession(options: GateRunOptions): Promise<GateSession> {
  const log = options.log ?? (() => undefined);
  const video = writeFakeCameraVideo(
    join(options.workDir, 'gate-camera.y4m'),
    options.presentations,
    options.spec ?? defaultVideoSpec,
    options.tailSeconds ?? 2,
  );
  const server = await serveGateApp(options.facesRoot);
  const gate = await openGateBrowser(video.path);
  const { page } = gate;
  const enrolments: EnrolOutcome[] = [];
  try {
    for (const script of options.initScripts ?? []) await page.addInitScript(script);
    await page.goto(server.url + enrolPagePath);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 60_000 });
    await page.evaluate(() => window.gateEnrol.init());
    const applied = await page.evaluate((json) => window.gateEnrol.setRoster(json), rosterJson(options.children));
    if (applied !== 'applied') throw new Error(`the roster was not applied: ${applied}`);
    for (const child of options.children) {
      if (!child.enrolPhotos || child.enrolPhotos.length === 0) continue;
      const urls = child.enrolPhotos.map((p) => server.fileUrl(p));
      const result = await page.evaluate(([id, u]) => window.gateEnrol.enrol(id as string, u as string[]), [child.id, urls] as const);
      enrolments.push({ childId: child.id, result });
      log(`[gate] enrol ${child.id}: ${result.kind}${result.kind === 'refused' ? ` (${result.reason})` : ''} from ${result.used} photos`);
    }
    if (options.readers) await page.evaluate((r) => window.gateEnrol.saveReaders(r), options.readers);
    if (options.padMode !== undefined) await page.evaluate((mode) => window.gateEnrol.setPadMode(mode), options.padMode);
    if (options.faceAndBracelet !== undefined)
      await page.evaluate(
        (on) => window.gateEnrol.saveGateSettings({ faceAndBracelet: on, rollCallWithoutPin: false }),
        options.faceAndBracelet,
      );
    await page.evaluate(() => window.gateEnrol.close());
  } catch (error) {
    await gate.close();
    await server.close();
    throw error;
  }

  const lastFrame = video.frames - 1;
  /** Loads the kiosk, then reads the probe every 250 ms until `done` holds (the probe) or the deadline passes (null). */
  const play = async (done: (probe: ProbeData) => boolean, timeoutMs: number): Promise<ProbeData | null> => {
    // A fresh load opens the camera again, and Chromium's file camera starts from the first frame.
    await page.goto(server.url + '/');
    await page.waitForSelector('[data-testid="gate"]', { timeout: 60_000 });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const probe = await readProbe(page);
      if (done(probe)) return probe;
      if (Date.now() > deadline) return null;
      await page.waitForTimeout(250);
    }
  };
  const session: GateSession = {
    server,
    gate,
    page,
    video,
    enrolments,
    async playOnce(timeoutMs = (video.frames / video.fps) * 4000 + 90_000) {
      let shown = 0;
      const probe = await play((p) => {
        const seen = p.frames.map(([i]) => i);
        shown = seen.length;
        // Done when the last frame was shown, or the file camera wrapped around to the start.
        return seen.includes(lastFrame) || seen.some((i, k) => k > 0 && i < seen[k - 1]! - 5);
      }, timeoutMs);
      if (probe === null)
        throw new Error(`the kiosk showed ${shown} of ${video.frames} video frames in ${timeoutMs} ms (is the recognition stuck?)`);
      return probe;
    },
    async playUntil(done, timeoutMs) {
      return (await play(done, timeoutMs)) ?? readProbe(page);
    },
    events: () => readKioskEvents(page),
    async close() {
      await gate.close();
      await server.close();
    },
  };
  return session;
}

/** The attendance events on the kiosk's disk. */
export async function readKioskEvents(page: Page): Promise<AttendanceEvent[]> {
  return (await readKioskStores(page, ['events'])).events as AttendanceEvent[];
}

export interface AttributedGreeting extends ProbeGreeting {
  /** The presentation on screen (or just left) when the greeting appeared; null before the first one. */
  segment: number | null;
  /** Greeting time minus the time the presentation's first frame was shown (ms); null when unknown. */
  msFromFirstFrame: number | null;
}

/** Ties each greeting to the person in front of the camera: the last presentation whose first frame had been shown. */
export function attributeGreetings(video: FakeVideo, probe: ProbeData): AttributedGreeting[] {
  const clock = frameClock(probe.frames, video.fps);
  const frameAt = (ms: number): number | null => {
    let best: number | null = null;
    for (const [index, at] of probe.frames) if (at <= ms && (best === null || index > best)) best = index;
    return best;
  };
  return probe.greetings.map((g) => {
    const frame = frameAt(g.shownAtMs);
    let segment: number | null = null;
    if (frame !== null) {
      video.segments.forEach((s, k) => {
        if (s.firstFrame <= frame) segment = k;
      });
    }
    const first = segment === null ? null : clock(video.segments[segment]!.firstFrame);
    return { ...g, segment, msFromFirstFrame: first === null ? null : g.shownAtMs - first };
  });
}
