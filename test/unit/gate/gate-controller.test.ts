// The gate controller: a face, a bracelet and a staff mark all go decision -> durable event -> greeting; the greeting
// never shows before the event is on disk, a failed write raises the staff alert instead, repeats say "already",
// strangers and unknown bracelets get a request that times out back to the camera.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GateDecider, type MatchResult, type SearchFn } from '../../../src/core/decide';
import { defaultGateConfig } from '../../../src/config';
import type { AnalysedFace, BraceletUid, ChildId } from '../../../src/core/types';
import { GateController, type GateControllerDeps, type GateView, type Timers } from '../../../src/gate/gate-controller';
import { parseRoster } from '../../../src/storage/roster-format';
import { RosterIndex } from '../../../src/storage/roster.repo';
import { device, face, randomUnit, scriptedSearch } from './gate-fixtures';
import { testDatabases } from '../../support/test-dbs';

const parsed = parseRoster(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-roster.json'), 'utf8')));
if (parsed.kind !== 'ok') throw new Error('fixture roster is invalid');
const roster = new RosterIndex(parsed.roster.children);
const aliya = 'child-001' as ChildId;
const timur = 'child-002' as ChildId;
const MORNING = Date.UTC(2025, 2, 10, 3, 0);
const FRAME_MS = 100;

const match = (childId: ChildId, score = 0.7): MatchResult => ({
  best: { childId, score },
  second: { childId: 'child-003' as ChildId, score: 0.1 },
});
const low: MatchResult = { best: { childId: aliya, score: 0.1 }, second: null };

class FakeTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { run: () => void; ms: number }>();
  set(run: () => void, ms: number) {
    const id = this.next++;
    this.pending.set(id, { run, ms });
    return id;
  }
  clear(handle: unknown) {
    this.pending.delete(handle as number);
  }
  fireAll() {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const t of all) t.run();
  }
}

const freshDb = testDatabases('controller-test');
function setup(search: SearchFn, needsBoth?: (id: ChildId) => boolean, more: Partial<GateControllerDeps> = {}) {
  const db = freshDb();
  let now = MORNING;
  let monotonic = 0;
  const timers = new FakeTimers();
  const decider = new GateDecider({
    gate: defaultGateConfig,
    matchThreshold: 0.36,
    matchMargin: 0.06,
    search,
    lookupBracelet: (uid) => roster.childOfBracelet(uid),
    ...(needsBoth ? { needsBoth } : {}),
  });
  const views: GateView[] = [];
  const controller = new GateController({
    db,
    deviceId: device('tablet-1'),
    decider,
    firstNameOf: (id) => roster.get(id)?.firstName,
    gate: defaultGateConfig,
    now: () => now,
    monotonic: () => monotonic,
    timers,
    ...more,
  });
  controller.subscribe((v) => views.push(v));
  const frames = async (count: number, faces: () => AnalysedFace[], startMs = 0) => {
    for (let i = 0; i < count; i++) {
      monotonic = startMs + i * FRAME_MS;
      await controller.onFaces(faces(), monotonic);
    }
  };
  return { db, controller, views, timers, frames, advance: (ms: number) => (now += ms) };
}
afterEach(() => {
  vi.restoreAllMocks();
});

const seen = () => [face({ embedding: randomUnit(1) })];

/** Holds the completion of every transaction on `db` until `release()`: a check-in write stays in flight. */
function holdWrites(db: ReturnType<typeof freshDb>) {
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  const spy = vi.spyOn(db, 'transaction').mockImplementation((async (...args: unknown[]) => {
    const result = await transaction(...args);
    await held;
    return result;
  }) as never);
  return { spy, release };
}

describe('GateController', () => {
  it('greets the child by first name only after the event and its outbox entry are committed', async () => {
    const { db, controller, views, frames } = setup(scriptedSearch([match(aliya)]));
    // Hold every transaction's completion until released: while it is held, no greeting may show.
    const { spy, release } = holdWrites(db);
    const running = frames(5, seen);
    await vi.waitFor(() => expect(spy).toHaveBeenCalled());
    await new Promise((ok) => setTimeout(ok, 50));
    expect(views.some((v) => v.screen.kind === 'greeting')).toBe(false);
    release();
    await running;
    expect(controller.view.screen).toMatchObject({
      kind: 'greeting',
      childId: aliya,
      firstName: 'Aliya',
      direction: 'in',
      outcome: 'recorded',
      method: 'face',
      atMs: MORNING,
    });
    const [event] = await db.events.toArray();
    expect(event).toMatchObject({ childId: aliya, method: 'face', direction: 'in', score: 0.7 });
    expect(await db.outbox.count()).toBe(1);
  });

  it("greets as soon as the event is on disk, without waiting for the child's drift summary", async () => {
    const drift = { rules: { window: 20 }, enrolled: () => true };
    const { db, controller, frames } = setup(scriptedSearch([match(aliya)]), undefined, { drift });
    // Hold only the drift summary's transaction (the one over the templates): the greeting must not wait for it.
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const overTemplates = (tables: unknown) => Array.isArray(tables) && tables.includes(db.templates);
    const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
    const spy = vi.spyOn(db, 'transaction').mockImplementation((async (...args: unknown[]) => {
      const result = await transaction(...args);
      if (overTemplates(args[1])) await held;
      return result;
    }) as never);
    const running = frames(5, seen);
    await vi.waitFor(() => expect(spy.mock.calls.some((call) => overTemplates(call[1]))).toBe(true));
    expect(controller.view.screen).toMatchObject({ kind: 'greeting', childId: aliya, outcome: 'recorded' });
    expect(await db.events.count()).toBe(1);
    release();
    await running;
  });

  it('greets once per face: later frames of the same face record nothing more', async () => {
    const { db, views, frames } = setup(scriptedSearch([match(aliya)]));
    await frames(30, seen);
    expect(views.filter((v) => v.screen.kind === 'greeting')).toHaveLength(1);
    expect(await db.events.count()).toBe(1);
  });

  it('a failed write never greets as recorded: the staff alert goes up and stays until acknowledged', async () => {
    const { db, controller, views, frames, timers } = setup(scriptedSearch([match(aliya)]));
    vi.spyOn(db.events, 'add').mockRejectedValue(Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }));
    await frames(5, seen);
    expect(views.some((v) => v.screen.kind === 'greeting')).toBe(false);
    expect(controller.view.alert).toMatchObject({ kind: 'not-saved', code: 'storage-full', childId: aliya, method: 'face' });
    expect(await db.events.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    timers.fireAll();
    expect(controller.view.alert).not.toBeNull();
    controller.acknowledgeAlert();
    expect(controller.view.alert).toBeNull();
  });

  it('a repeat within the interval greets as "already" with the first time, and writes nothing', async () => {
    const { db, controller, views, frames, advance } = setup(scriptedSearch([match(aliya)]));
    await frames(5, seen);
    await frames(10, () => [], 600); // the child leaves
    advance(5 * 60_000);
    await frames(5, seen, 5000); // and comes back five minutes later
    const greetings = views.map((v) => v.screen).filter((s) => s.kind === 'greeting');
    expect(greetings.map((g) => g.kind === 'greeting' && g.outcome)).toEqual(['recorded', 'already']);
    expect(greetings[1]).toMatchObject({ direction: 'in', atMs: MORNING });
    expect(await db.events.count()).toBe(1);
    expect(controller.view.alert).toBeNull();
  });

  it('a re-boot waits until the check-in being written has been greeted and the greeting is over', async () => {
    const { db, controller, frames, timers } = setup(scriptedSearch([match(aliya)]));
    // Nobody in front of the camera: settled at once (no timer needed).
    await controller.whenSettled(10_000);
    expect(timers.pending.size).toBe(0);
    // Hold the write: the check-in is in flight, nothing is on screen yet, and the gate is not settled.
    const { spy, release } = holdWrites(db);
    const running = frames(5, seen);
    await vi.waitFor(() => expect(spy).toHaveBeenCalled());
    let settled = false;
    void controller.whenSettled(10_000).then(() => (settled = true));
    await new Promise((ok) => setTimeout(ok, 20));
    expect(controller.view.screen.kind).toBe('watching');
    expect(settled).toBe(false);
    release();
    await running;
    // Written and greeted: still not settled while the greeting is up.
    expect(controller.view.screen).toMatchObject({ kind: 'greeting', childId: aliya });
    await new Promise((ok) => setTimeout(ok, 20));
    expect(settled).toBe(false);
    // The greeting's time is over (the shorter timer): back to the camera, and the re-boot may go ahead.
    const greetingTimer = [...timers.pending.entries()].find(([, t]) => t.ms === defaultGateConfig.greetingMs)!;
    timers.pending.delete(greetingTimer[0]);
    greetingTimer[1].run();
    await vi.waitFor(() => expect(settled).toBe(true));
  });

  it('a re-boot does not wait longer than it was told to', async () => {
    const { controller, frames, timers } = setup(scriptedSearch([match(aliya)]));
    await frames(5, seen);
    expect(controller.view.screen.kind).toBe('greeting');
    let settled = false;
    void controller.whenSettled(700).then(() => (settled = true));
    const cap = [...timers.pending.entries()].find(([, t]) => t.ms === 700)!;
    timers.pending.delete(cap[0]);
    cap[1].run();
    await vi.waitFor(() => expect(settled).toBe(true));
    expect(controller.view.screen.kind).toBe('greeting');
  });

  it('a stranger is asked for the bracelet after a few seconds, and the request goes away again', async () => {
    const { db, controller, frames, timers } = setup(scriptedSearch([low]));
    await frames(Math.ceil(defaultGateConfig.unknownAfterMs / FRAME_MS) + 2, seen);
    expect(controller.view.screen).toEqual({ kind: 'ask-bracelet', reason: 'unknown-face' });
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([defaultGateConfig.promptMs]);
    timers.fireAll();
    expect(controller.view.screen.kind).toBe('watching');
    expect(await db.events.count()).toBe(0);
  });

  it('a stranger who stays keeps being asked for the bracelet (calmly, as advice), until they leave', async () => {
    const { db, controller, frames, timers } = setup(scriptedSearch([low]));
    const asked = Math.ceil(defaultGateConfig.unknownAfterMs / FRAME_MS) + 2;
    await frames(asked, seen);
    timers.fireAll(); // the full-screen request has had its time
    await frames(3, seen, asked * FRAME_MS);
    expect(controller.view.screen).toEqual({ kind: 'watching', advice: 'ask-bracelet' });
    await frames(10, () => [], (asked + 3) * FRAME_MS);
    expect(controller.view.screen).toEqual({ kind: 'watching', advice: 'no-face' });
    expect(await db.events.count()).toBe(0);
  });

  it('a greeted child who stays in view is not asked anything: the screen waits for the next child', async () => {
    const { controller, frames, timers } = setup(scriptedSearch([match(aliya)]));
    await frames(5, seen);
    timers.fireAll();
    await frames(3, seen, 5 * FRAME_MS);
    expect(controller.view.screen).toEqual({ kind: 'watching', advice: null });
  });

  it('shows live advice from the frame quality while nobody is greeted', async () => {
    const { controller } = setup(scriptedSearch([low]));
    await controller.onFaces([face({ issues: ['too-dark'] })], 0);
    expect(controller.view.screen).toEqual({ kind: 'watching', advice: 'too-dark' });
    await controller.onFaces([], 2000);
    expect(controller.view.screen).toEqual({ kind: 'watching', advice: 'no-face' });
  });

  it('a bracelet tap takes the same path: recorded, then greeted; an unknown bracelet asks for a teacher', async () => {
    const { db, controller, timers } = setup(scriptedSearch([low]));
    await controller.presentBracelet('mifare:04A2C3D4' as BraceletUid);
    expect(controller.view.screen).toMatchObject({
      kind: 'greeting',
      childId: timur,
      firstName: 'Timur',
      outcome: 'recorded',
      method: 'bracelet',
    });
    expect((await db.events.toArray())[0]).toMatchObject({ childId: timur, method: 'bracelet', score: null });
    timers.fireAll();
    await controller.presentBracelet('mifare:0BADBEEF' as BraceletUid);
    expect(controller.view.screen).toEqual({ kind: 'unknown-bracelet' });
    expect(await db.events.count()).toBe(1);
  });

  it('staff marks are recorded with method staff and the chosen direction; a correction adds an event', async () => {
    const { db, controller } = setup(scriptedSearch([low]));
    const marked = await controller.markByStaff(aliya, 'in');
    expect(marked).toMatchObject({ kind: 'recorded', event: { method: 'staff', direction: 'in', childId: aliya } });
    expect(await controller.markByStaff(aliya, 'in')).toMatchObject({ kind: 'already', direction: 'in' });
    if (marked.kind !== 'recorded') throw new Error('not recorded');
    const corrected = await controller.correct({ corrects: marked.event.id, direction: null });
    expect(corrected).toMatchObject({ kind: 'recorded', event: { type: 'correction', corrects: marked.event.id, direction: null } });
    const events = await db.events.toArray();
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.id === marked.event.id)).toEqual(marked.event);
    // With the wrong mark removed, the child can be checked in again at once.
    expect(await controller.markByStaff(aliya)).toMatchObject({ kind: 'recorded', event: { direction: 'in' } });
  });

  it("face and bracelet: the face asks for the bracelet, the matching bracelet records once and greets; another child's records nothing", async () => {
    const { db, controller, frames, timers } = setup(scriptedSearch([match(timur)]), () => true);
    await frames(5, seen);
    expect(controller.view.screen).toEqual({ kind: 'confirm', need: 'bracelet' });
    expect(await db.events.count()).toBe(0);
    await controller.presentBracelet('mifare:04A2C3D4' as BraceletUid);
    expect(controller.view.screen).toMatchObject({ kind: 'greeting', childId: timur, outcome: 'recorded' });
    expect((await db.events.toArray())[0]).toMatchObject({ childId: timur, method: 'bracelet', score: 0.7 });
    timers.fireAll();

    const other = setup(scriptedSearch([match(aliya)]), () => true);
    await other.frames(5, seen);
    await other.controller.presentBracelet('mifare:04A2C3D4' as BraceletUid);
    expect(other.controller.view.screen).toEqual({ kind: 'mismatch' });
    expect(await other.db.events.count()).toBe(0);
  });

  it('a controller that replaces another (the gate re-booted after a sync) keeps its unacknowledged "not saved" alert', async () => {
    const old = setup(scriptedSearch([match(aliya)]));
    vi.spyOn(old.db.events, 'add').mockRejectedValue(Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }));
    await old.frames(5, seen);
    const alert = old.controller.view.alert;
    expect(alert).toMatchObject({ code: 'storage-full', childId: aliya });
    const next = setup(scriptedSearch([low]));
    next.controller.carryAlert(alert);
    expect(next.controller.view.alert).toEqual(alert);
    next.controller.acknowledgeAlert();
    next.controller.carryAlert(null);
    expect(next.controller.view.alert).toBeNull();
  });
});
