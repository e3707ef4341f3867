// The recognition report through the kiosk's composition root in Node (fake ports, fake-indexeddb): children enrolled
// through the real guided enrolment and the real enrolment code (rotated, sealed, stored), then the staff command
// opens the templates as the gallery loads them and reports. The planted twins (confirmed by staff at enrolment) are
// listed with both first names, a weak enrolment is named with its reason, every decrypted vector is zero once the
// command has answered, and nothing in the database changed.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateAppConfig } from '../../../src/config';
import { Gallery } from '../../../src/core/match';
import type { AnalysedFace, ChildId } from '../../../src/core/types';
import { createKioskRuntime, type KioskRuntime } from '../../../src/runtime/kiosk-runtime';
import { recognitionReportFigures } from '../../../src/runtime/recognition-report';
import { GateDb } from '../../../src/storage/db';
import { TemplateVault } from '../../../src/storage/template-vault';
import { face, noisy, randomUnit } from '../gate/gate-fixtures';
import { fakeWorld, until, type FakeWorld } from './fake-ports';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-roster.json'), 'utf8')) as unknown;
const config = validateAppConfig({ gate: { greetingMs: 400, promptMs: 1000, unknownAfterMs: 500 } });

let running: { runtime: KioskRuntime; world: FakeWorld }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const { runtime, world } of running) {
    await runtime.stop();
    await new GateDb(world.dbName).delete();
  }
  running = [];
});

const aliya = 'child-001' as ChildId;
const timur = 'child-002' as ChildId;
const dana = 'child-003' as ChildId;
const saule = 'child-005' as ChildId;
const nurlan = 'child-006' as ChildId;

let frameMs = 10_000;
/**
 * Enrols `childId` through the guided capture: camera frames of identity `identity` (seeded noise, in the poses the
 * capture asks for). The sample numbered `poorSample` (0-based), if given, comes from a far noisier frame (a poor
 * enrolment). Confirms a twin if the duplicate check names one.
 */
async function enrol(runtime: KioskRuntime, world: FakeWorld, childId: ChildId, identity: number, seed: number, poorSample = -1) {
  const session = runtime.commands.startEnrolment(runtime.view.current.roster.get(childId)!);
  const detach = runtime.commands.attachCamera('enrolment', {});
  await until(() => world.camera.running, Boolean, 'the enrolment camera');
  const base = randomUnit(identity);
  for (let i = 0; session.view.current.phase.kind === 'capturing' && i < 40; i++) {
    const { step, count } = session.view.current.capture;
    const f: AnalysedFace = face({ embedding: noisy(base, count === poorSample ? 2.3 : 0.5, seed + i) });
    frameMs += 400;
    world.monotonic.ms = frameMs;
    world.camera.show([{ ...f, quality: { ...f.quality, yawDeg: step === 'left' ? -10 : step === 'right' ? 10 : 0 } }], frameMs);
  }
  let phase = await until(
    () => session.view.current.phase,
    (p) => p.kind === 'result',
    'the enrolment',
  );
  if (phase.kind === 'result' && phase.result.kind === 'refused' && phase.result.otherChildId !== undefined) {
    session.confirmTwin(phase.result.otherChildId);
    phase = await until(
      () => session.view.current.phase,
      (p) => p.kind === 'result',
      'the twin enrolment',
    );
  }
  session.close();
  detach();
  return phase.kind === 'result' ? phase.result : null;
}

/** Every row of every table, for "nothing was written". */
async function dump(dbName: string): Promise<string> {
  const db = new GateDb(dbName);
  await db.open();
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  db.close();
  return JSON.stringify(out, (_k, v: unknown) =>
    ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v instanceof CryptoKey ? 'key' : v,
  );
}

describe('the recognition report command', () => {
  it('lists the planted twins and a weak enrolment, zeroes every decrypted vector, and writes nothing', async () => {
    const world = fakeWorld({ dbName: `runtime-report-${Math.random()}` });
    const runtime = createKioskRuntime(world.ports, config, { initialRoster: fixture, initialPin: '2468' });
    running.push({ runtime, world });
    await runtime.start();

    // Before anyone is enrolled: an empty report, no rates.
    const empty = await runtime.commands.recognitionReport();
    expect(empty.statistics).toMatchObject({ children: 0, samples: 0, twinCandidates: [], weak: [] });
    expect(empty.statistics.fpir.rate).toBeNull();

    // Aliya and Timur are twins (one identity, other frames): the duplicate check stops Timur, staff confirm the twin.
    expect(await enrol(runtime, world, aliya, 71, 1_000)).toMatchObject({ kind: 'enrolled', templates: 5 });
    expect(await enrol(runtime, world, timur, 71, 2_000)).toMatchObject({ kind: 'enrolled', templates: 5, twinOf: aliya });
    expect(await enrol(runtime, world, dana, 72, 3_000)).toMatchObject({ kind: 'enrolled' });
    expect(await enrol(runtime, world, saule, 73, 4_000)).toMatchObject({ kind: 'enrolled' });
    // One of Nurlan's samples came from a poor frame (far noisier): enrolment's agreement checks let it through (its
    // cosine to the others is about 0.39, above 0.3), the report flags it.
    expect(await enrol(runtime, world, nurlan, 74, 5_000, 2)).toMatchObject({ kind: 'enrolled' });

    const opened: Float32Array[] = [];
    const unsealAll = TemplateVault.prototype.unsealAll;
    vi.spyOn(TemplateVault.prototype, 'unsealAll').mockImplementation(async function (this: TemplateVault, templates) {
      const result = await unsealAll.call(this, templates);
      for (const o of result.opened) opened.push(o.embedding);
      return result;
    });
    const galleries: Gallery[] = [];
    const wipe = Gallery.prototype.wipe;
    vi.spyOn(Gallery.prototype, 'wipe').mockImplementation(function (this: Gallery) {
      galleries.push(this);
      wipe.call(this);
    });

    const before = await dump(world.dbName);
    const report = await runtime.commands.recognitionReport();
    expect(await dump(world.dbName)).toBe(before);

    const { statistics: s } = report;
    expect(s).toMatchObject({ children: 5, samples: 25, samplesPerChild: { min: 5, max: 5 }, matchThreshold: 0.42, matchMargin: 0.06 });
    expect(s.interval).toEqual({ method: 'clopper-pearson', level: 0.95 });
    // The twins, by id and first name, already flagged (the gate asks them for their bracelet).
    expect(s.twinCandidates.map((t) => [t.a, t.b])).toEqual([[aliya, timur]]);
    expect(s.twinCandidates[0]!.score).toBeGreaterThan(0.42);
    expect(report.firstNames).toMatchObject({ [aliya]: 'Aliya', [timur]: 'Timur' });
    expect(report.twinFlagged.sort()).toEqual([aliya, timur]);
    // Each twin's 5 samples, searched as a stranger, find the other twin: 10 false positives in 25 searches.
    expect(s.fpir).toMatchObject({ errors: 10, trials: 25 });
    expect(s.fnir.trials).toBe(25);
    // The twins' held-out samples find the other twin first (their faces are one identity here); Nurlan's poor
    // sample scores below the threshold against his other samples.
    expect(s.weak.map((w) => [w.childId, w.reasons, w.outrankedBy])).toEqual([
      [aliya, ['held-out-outranked'], timur],
      [timur, ['held-out-outranked'], aliya],
      [nurlan, ['held-out-below-threshold'], null],
    ]);
    expect(report.firstNames[nurlan]).toBe('Nurlan');
    expect(report).toMatchObject({ templateModelId: 'embedder-arcface', siteId: null, app: { version: 'test' }, faceMatching: true });
    expect(report.leftOut).toEqual({ expired: 0, otherModel: 0, unreadable: 0 });

    // What the sync step sends the district: the same figures as counts, without an id or a name.
    const figures = recognitionReportFigures(report);
    expect(figures).toMatchObject({
      computedAtMs: report.generatedAtMs,
      galleryChildren: 5,
      samples: 25,
      fpir: { errors: 10, trials: 25, upper95: s.fpir.interval!.upper, lower95: s.fpir.interval!.lower },
      fnir: { trials: 25 },
      twinCandidates: 1,
      weakEnrolments: 3,
      appVersion: 'test',
    });
    const sent = JSON.stringify(figures);
    for (const id of [aliya, timur, dana, saule, nurlan]) expect(sent).not.toContain(id);
    for (const name of Object.values(report.firstNames)) expect(sent).not.toContain(name);

    // Every vector the command decrypted is zero now, and so is every copy the report's gallery held.
    expect(opened).toHaveLength(25);
    for (const v of opened) expect(v.every((x) => x === 0)).toBe(true);
    expect(galleries).toHaveLength(1);
    expect(galleries[0]!.childCount).toBe(0);
    const matrix = (galleries[0] as unknown as { matrix: { f32: Float32Array } }).matrix;
    expect(matrix.f32.every((x) => x === 0)).toBe(true);
    // Only numbers, ids and names went back: no array of floats anywhere in the answer.
    expect(JSON.stringify(report)).not.toMatch(/\[(-?\d+\.\d+,){16}/);

    // The gate's own gallery was not touched: Dana is still recognised.
    runtime.commands.attachCamera('gate', {});
    await until(() => world.camera.running, Boolean, 'the gate camera');
    for (let i = 0; runtime.view.current.gate.screen.kind !== 'greeting' && i < 30; i++) {
      frameMs += 100;
      world.monotonic.ms = frameMs;
      world.camera.show([face({ embedding: noisy(randomUnit(72), 0.5, 9_000 + i) })], frameMs);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(runtime.view.current.gate.screen).toMatchObject({ kind: 'greeting', childId: dana, method: 'face' });
  }, 60_000);
});
