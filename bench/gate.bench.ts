// bench:gate: the whole gate as a person meets it. Enrols half of the first N identities of DIR (3 good photos each,
// through the kiosk's own enrolment code), plays held-out photos of enrolled and non-enrolled people to the real kiosk
// as a fake-camera video in headless Chromium, and scores the greetings and recorded events. Last line: one JSON object.
// --revoke K: after enrolment, K enrolled children lose their face consent through the roster change the district's
// bundle applies (templates and keys purged in one transaction, purge receipts queued) before the video plays;
// `revoked_face_checkins` (must be 0) counts their face check-ins and greetings.
// --attacks: before the genuine presentations, each enrolled child's held-out photo is also replayed as a presentation
// attack (the bench:pad species in turn: screen, phone in a hand, print; moved as a plane, seeded), with the site's PAD
// mode --pad-mode (default ask-bracelet with --attacks, else the kiosk's default); `attack_presentations` and
// `attack_face_checkins` (any greeting while an attack is in front of the camera) are added to the JSON.
// --fps: the fake camera's frame rate (default 10, which keeps the raw video small; a tablet's camera gives 30).
// --presentations P: only the first P people of the scrambled order walk past (the gallery stays the whole enrolled
// half of N; --attacks still replays every enrolled child): the greeting's time at a large gallery without the whole
// video.
//   npm run bench:gate -- --faces DIR [--identities N] [--present-seconds 1.5] [--gap-seconds 1] [--revoke K]
//                        [--attacks] [--pad-mode evidence|ask-bracelet|record-flagged] [--seed N] [--fps 10]
//                        [--presentations P]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listIdentities, requireFacesDir } from '../test/support/faces';
import { numberArg, readArgs } from './lib/cli-args';
import { defaultVideoSpec, type Presentation } from './lib/fake-camera';
import { buildGateApp, enrolPagePath } from './lib/gate-app';
import { attributeGreetings, rosterJson, startGateSession, type GateSession, type RunChild } from './lib/gate-run';
import { ATTACK_SPECIES } from './lib/pad/pad-plan';
import { attackFrames } from './lib/pad/replay-video';
import { isPadMode, PAD_MODES, type PadMode } from '../src/core/pad/evidence';

const args = readArgs();
const facesArg = args.get('faces');
if (typeof facesArg !== 'string') {
  console.error('usage: npm run bench:gate -- --faces DIR [--identities N]   (DIR/<identity>/*.jpg, e.g. ../shared/faces/dev)');
  process.exit(2);
}
const dir = requireFacesDir(resolve(facesArg));
const n = numberArg(args, 'identities', 20);
const spec = {
  ...defaultVideoSpec,
  presentSeconds: numberArg(args, 'present-seconds', defaultVideoSpec.presentSeconds),
  gapSeconds: numberArg(args, 'gap-seconds', defaultVideoSpec.gapSeconds),
  fps: numberArg(args, 'fps', defaultVideoSpec.fps),
};
const revokeCount = numberArg(args, 'revoke', 0);
const attacks = args.has('attacks');
const padModeArg = args.get('pad-mode');
if (padModeArg !== undefined && !isPadMode(padModeArg)) {
  console.error(`--pad-mode must be one of ${PAD_MODES.join(', ')}`);
  process.exit(2);
}
const padMode: PadMode | undefined = isPadMode(padModeArg) ? padModeArg : attacks ? 'ask-bracelet' : undefined;
const seed = numberArg(args, 'seed', 1);
const log = (line: string) => console.error(line);

/** Withdraws the face consent of `revoked` through the kiosk's own roster-change code (same origin, same database). */
async function revokeConsents(session: GateSession, all: readonly RunChild[], revoked: ReadonlySet<string>): Promise<void> {
  const { page, server } = session;
  await page.goto(server.url + enrolPagePath);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 60_000 });
  await page.evaluate(() => window.gateEnrol.init());
  const next = all.map((c) => (revoked.has(c.id) ? { ...c, enrolPhotos: [], faceConsent: false } : c));
  const applied = await page.evaluate((json) => window.gateEnrol.setRoster(json), { ...(rosterJson(next) as object), revision: 2 });
  await page.evaluate(() => window.gateEnrol.close());
  if (applied !== 'applied') throw new Error(`the consent withdrawal was not applied: ${applied}`);
}

/**
 * Templates and keys still on the tablet for `ids`, and the purge receipts queued for them. A string, not a function:
 * tsx would add its `__name` helper to a function, which the page does not have.
 */
function leftovers(session: GateSession, ids: string[]): Promise<{ templates: number; keys: number; receipts: number }> {
  return session.page.evaluate(`(async (childIds) => {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('gate-kiosk'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const all = (store) => new Promise((ok, fail) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const wanted = new Set(childIds);
    const templates = (await all('templates')).filter((t) => wanted.has(t.childId)).length;
    const keys = (await all('childKeys')).filter((k) => wanted.has(k.childId)).length;
    const receipts = ((await all('meta')).find((m) => m.key === 'sync:purge-receipts')?.value ?? []).filter((r) => wanted.has(r.childId)).length;
    db.close();
    return { templates, keys, receipts };
  })(${JSON.stringify(ids)})`);
}

// Identities that have a photo to hold out besides 3 to enrol from.
const identities = listIdentities(dir)
  .filter((i) => i.files.length >= 4)
  .slice(0, n);
if (identities.length < 2) throw new Error(`need at least 2 identities with 4 or more photos in ${dir}`);
const children: RunChild[] = identities.map((identity, k) => ({
  id: `c${String(k).padStart(4, '0')}`,
  firstName: identity.name,
  // Every other identity is enrolled (so both kinds come from every source); the last photo is held out.
  ...(k % 2 === 0 ? { enrolPhotos: identity.files.slice(0, -1) } : { faceConsent: false }),
}));
// A fixed interleaving: enrolled and not enrolled people alternate, in a scrambled but repeatable order.
const order = identities.map((_, k) => k).sort((a, b) => ((a * 7919) % 101) - ((b * 7919) % 101));
const genuine: Presentation[] = order
  .slice(0, numberArg(args, 'presentations', order.length))
  .map((k) => ({ label: children[k]!.id, photo: identities[k]!.files.at(-1)! }));
const ATTACK_PREFIX = 'attack:';
// Replays of the enrolled children's held-out photos, first, as for a child who is absent that day.
const attackPresentations: Presentation[] = attacks
  ? order
      .filter((k) => children[k]!.enrolPhotos)
      .map((k, i) => {
        const photo = identities[k]!.files.at(-1)!;
        const species = ATTACK_SPECIES[i % ATTACK_SPECIES.length]!;
        const frames = Math.round(spec.fps * Math.max(2, spec.presentSeconds));
        return {
          label: `${ATTACK_PREFIX}${children[k]!.id}:${species}`,
          photo,
          frames: () => attackFrames(photo, species, seed * 1000 + k, frames, identities[k]!.name),
        };
      })
  : [];
const presentations = [...attackPresentations, ...genuine];

const workDir = mkdtempSync(join(tmpdir(), 'gk-bench-gate-'));
log(`[gate] building the kiosk; ${identities.length} identities, ${children.filter((c) => c.enrolPhotos).length} to enrol`);
await buildGateApp();
const session = await startGateSession({
  facesRoot: dir,
  workDir,
  children,
  presentations,
  spec,
  log,
  ...(padMode !== undefined ? { padMode } : {}),
});
try {
  const enrolled = new Set(session.enrolments.filter((e) => e.result.kind === 'enrolled').map((e) => e.childId));
  const revoked = new Set([...enrolled].slice(0, revokeCount));
  if (revoked.size > 0) {
    await revokeConsents(session, children, revoked);
    for (const id of revoked) enrolled.delete(id);
    log(`[gate] withdrew the face consent of ${revoked.size}: ${[...revoked].join(', ')}`);
  }
  const left = await leftovers(session, [...revoked]);
  log(
    `[gate] enrolled ${enrolled.size}; playing ${session.video.frames} frames (${(session.video.frames / session.video.fps).toFixed(0)} s)`,
  );
  const probe = await session.playOnce();
  const greetings = attributeGreetings(session.video, probe);
  const events = await session.events();

  let correct = 0,
    wrong = 0,
    unknownPerson = 0,
    missed = 0,
    enrolledPresentations = 0,
    revokedFace = 0,
    attackPresentationCount = 0,
    attackCheckins = 0;
  const latencies: number[] = [];
  session.video.segments.forEach((segment, k) => {
    const mine = greetings.filter((g) => g.segment === k);
    if (segment.label.startsWith(ATTACK_PREFIX)) {
      attackPresentationCount++;
      attackCheckins += mine.length;
      for (const g of mine) log(`[gate] ATTACK ACCEPTED: ${segment.label} (${segment.photo}) was greeted as ${g.childId}`);
      return;
    }
    const isEnrolled = enrolled.has(segment.label);
    if (isEnrolled) enrolledPresentations++;
    const right = mine.find((g) => g.childId === segment.label);
    if (isEnrolled) {
      if (right) {
        correct++;
        if (right.msFromFirstFrame !== null) latencies.push(right.msFromFirstFrame);
      } else {
        missed++;
        log(
          `[gate] missed: ${segment.label} (${segment.photo})${mine.length > 0 ? `, greeted as ${mine.map((g) => g.childId).join(', ')}` : ''}`,
        );
      }
    }
    for (const g of mine) {
      if (revoked.has(g.childId)) {
        revokedFace++;
        log(`[gate] REVOKED: ${g.childId} was greeted by face after the withdrawal`);
      }
      if (g.childId === segment.label) continue;
      if (isEnrolled) wrong++;
      else unknownPerson++;
      log(`[gate] WRONG: ${segment.label} (${segment.photo}) was greeted as ${g.childId}`);
    }
  });
  // The recorded events must be exactly the greeted check-ins (nothing recorded without a greeting, or twice).
  const recordedGreetings = greetings.filter((g) => g.outcome === 'recorded').length;
  // Face events of revoked children that no greeting showed count too.
  const revokedEvents = events.filter((e) => revoked.has(e.childId) && e.type === 'mark' && e.method === 'face').length;
  if (events.length !== recordedGreetings)
    log(`[gate] note: ${events.length} events recorded, ${recordedGreetings} check-in greetings seen`);
  // The scores of genuine face check-ins (what the drift rule's level is chosen from: src/config.ts defaultDriftRules).
  const faceScores = events
    .flatMap((e) => (e.type === 'mark' && e.method === 'face' && e.score !== null && enrolled.has(e.childId) ? [e.score] : []))
    .sort((a, b) => a - b);
  const scoreAt = (p: number) =>
    faceScores.length === 0
      ? null
      : Math.round(faceScores[Math.min(faceScores.length - 1, Math.floor(p * faceScores.length))]! * 1000) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) =>
    sorted.length === 0 ? null : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
  console.log(
    JSON.stringify({
      presentations: session.video.segments.length,
      enrolled_presentations: enrolledPresentations,
      correct_checkins: correct,
      wrong_child_checkins: wrong,
      unknown_person_checkins: unknownPerson,
      missed,
      median_ms_to_greeting: pct(0.5),
      p95_ms_to_greeting: pct(0.95),
      identities: identities.length,
      enrol_refused: session.enrolments.filter((e) => e.result.kind !== 'enrolled').length,
      revoked: revoked.size,
      revoked_face_checkins: Math.max(revokedFace, revokedEvents),
      revoked_templates_left: left.templates,
      revoked_keys_left: left.keys,
      revoked_purge_receipts: left.receipts,
      events_recorded: events.length,
      pad_mode: padMode ?? 'default',
      face_score_p05: scoreAt(0.05),
      face_score_p10: scoreAt(0.1),
      face_score_median: scoreAt(0.5),
      ...(attacks ? { attack_presentations: attackPresentationCount, attack_face_checkins: attackCheckins } : {}),
      fps: spec.fps,
      frames_shown: probe.frames.length,
      video_frames: session.video.frames,
    }),
  );
} finally {
  await session.close();
  rmSync(workDir, { recursive: true, force: true });
}
