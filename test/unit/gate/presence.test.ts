// Presence evidence at bracelet taps (issue 14, a site setting off by default): the camera's frames say only how many
// faces the detector found; at a tap the mark records `person` (a face seen just before), `nobody` (frames arriving,
// no face) or nothing (the camera was not delivering: no evidence against anyone). Face and staff marks never carry it.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GateDecider, type MatchResult } from '../../../src/core/decide';
import { defaultGateConfig } from '../../../src/config';
import { PresenceWatch } from '../../../src/core/presence';
import type { BraceletUid, ChildId } from '../../../src/core/types';
import { GateController } from '../../../src/gate/gate-controller';
import { hashEvent } from '../../../src/protocol/event-chain';
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

describe('PresenceWatch', () => {
  it('says person for a face seen within the window before the tap, nobody for frames without one', () => {
    const watch = new PresenceWatch({ windowMs: 4_000, staleMs: 2_000 });
    watch.observe(1, 1_000);
    for (let t = 1_100; t <= 6_000; t += 100) watch.observe(0, t);
    expect(watch.at(4_900)).toBe('person');
    expect(watch.at(5_000)).toBe('person');
    expect(watch.at(5_100)).toBe('nobody');
    watch.observe(2, 6_100);
    expect(watch.at(6_150)).toBe('person');
  });

  it('says nothing when the camera has not delivered a frame lately, or ever (no evidence is not "nobody")', () => {
    const watch = new PresenceWatch({ windowMs: 4_000, staleMs: 2_000 });
    expect(watch.at(10_000)).toBeNull();
    watch.observe(0, 10_000);
    expect(watch.at(11_000)).toBe('nobody');
    expect(watch.at(12_001)).toBeNull();
  });

  it('ignores a frame that arrives out of order (an older frame cannot move time back)', () => {
    const watch = new PresenceWatch({ windowMs: 1_000, staleMs: 2_000 });
    watch.observe(1, 5_000);
    watch.observe(0, 3_000);
    expect(watch.at(5_500)).toBe('person');
  });
});

const freshDb = testDatabases('presence-test');
function setup(presence?: PresenceWatch, match?: MatchResult) {
  const db = freshDb();
  let monotonic = 0;
  const decider = new GateDecider({
    gate: defaultGateConfig,
    matchThreshold: 0.36,
    matchMargin: 0.06,
    search: scriptedSearch(match ? [match] : []),
    lookupBracelet: (uid) => roster.childOfBracelet(uid),
  });
  const controller = new GateController({
    db,
    deviceId: device('tablet-1'),
    decider,
    firstNameOf: (id) => roster.get(id)?.firstName,
    gate: defaultGateConfig,
    now: () => MORNING + monotonic,
    monotonic: () => monotonic,
    timers: { set: () => 0, clear: () => undefined },
    ...(presence ? { presence } : {}),
  });
  return { db, controller, at: (ms: number) => (monotonic = ms) };
}

const tap = (controller: GateController, childId: ChildId) => controller.presentBracelet(roster.get(childId)!.braceletUid as BraceletUid);

describe('presence evidence on bracelet marks', () => {
  it('records person or nobody on the mark, inside the hash chain', async () => {
    const watch = new PresenceWatch();
    const { db, controller, at } = setup(watch);
    at(1_000);
    watch.observe(1, 900);
    await tap(controller, aliya);
    at(60_000);
    watch.observe(0, 59_900);
    await tap(controller, timur);
    const events = (await db.events.toArray()).sort((a, b) => a.seq - b.seq);
    expect(events.map((e) => [e.childId, e.type === 'mark' ? e.method : null, e.type === 'mark' ? e.presence : null])).toEqual([
      [aliya, 'bracelet', 'person'],
      [timur, 'bracelet', 'nobody'],
    ]);
    // The word is part of the chained record: changing it breaks the next event's prevHash.
    const [first, second] = events;
    expect(second!.prevHash).toBe(await hashEvent(first!));
    expect(await hashEvent({ ...first!, presence: 'nobody' } as never)).not.toBe(second!.prevHash);
  });

  it('records nothing when the camera was not delivering frames, and nothing where the site has it off', async () => {
    const watch = new PresenceWatch();
    const on = setup(watch);
    on.at(50_000);
    watch.observe(1, 1_000);
    await tap(on.controller, aliya);
    const off = setup();
    off.at(1_000);
    await tap(off.controller, aliya);
    for (const db of [on.db, off.db]) {
      const [event] = await db.events.toArray();
      expect(event).toMatchObject({ childId: aliya, method: 'bracelet' });
      expect(event).not.toHaveProperty('presence');
    }
  });

  it('a face check-in never carries it (the face itself is the evidence)', async () => {
    const watch = new PresenceWatch();
    const { db, controller, at } = setup(watch, { best: { childId: aliya, score: 0.7 }, second: null });
    for (let i = 0; i < 5; i++) {
      at(i * 100);
      watch.observe(1, i * 100);
      await controller.onFaces([face({ embedding: randomUnit(1) })], i * 100);
    }
    const [event] = await db.events.toArray();
    expect(event).toMatchObject({ childId: aliya, method: 'face' });
    expect(event).not.toHaveProperty('presence');
  });
});
