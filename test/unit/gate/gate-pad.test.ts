// The presentation-attack check in the gate: under the site's PAD mode a photo or a screen that matches an enrolled
// child never checks that child in by face (attack always; unsure unless the site records it flagged), the refusal
// says only what an unknown face hears and goes to the audit log as numbers, a live face checks in with its PAD
// result on the event, and the bracelet and staff paths are untouched.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { GateDecider, type Decision, type MatchResult } from '../../../src/core/decide';
import { defaultGateConfig } from '../../../src/config';
import { defaultPadConfig } from '../../../src/core/pad/pad-config';
import type { PadMode } from '../../../src/core/pad/evidence';
import type { AnalysedFace, BraceletUid, ChildId } from '../../../src/core/types';
import { GateController, type Timers } from '../../../src/gate/gate-controller';
import { device, face, randomUnit } from './gate-fixtures';
import { testDatabases } from '../../support/test-dbs';

const aliya = 'child-001' as ChildId;
const BRACELET = 'mifare:04A1105C' as BraceletUid;
const FRAME_MS = 100;
const MODEL = 'fr-liveness.onnx:test';
const matchAliya = (): MatchResult => ({ best: { childId: aliya, score: 0.7 }, second: { childId: 'child-003' as ChildId, score: 0.1 } });

function decider(mode: PadMode): GateDecider {
  return new GateDecider({
    gate: defaultGateConfig,
    matchThreshold: 0.36,
    matchMargin: 0.06,
    search: matchAliya,
    lookupBracelet: (uid) => (uid === BRACELET ? aliya : undefined),
    pad: { config: defaultPadConfig, mode: () => mode, model: MODEL },
  });
}

/** A face standing still in front of the camera whose every frame the passive model scores `liveness`. */
const still = (liveness: number): AnalysedFace => ({ ...face({ embedding: randomUnit(7) }), pad: { liveness, cropScale: 2.7 } });

/** Frames until the decider settles (or `max` frames), FRAME_MS apart. */
function approach(d: GateDecider, liveness: number, max = 60): Decision[] {
  const out: Decision[] = [];
  for (let i = 0; i < max; i++) {
    const decision = d.onFrame([still(liveness)], i * FRAME_MS);
    out.push(decision);
    if (decision.kind === 'hold') break;
  }
  return out;
}

const settled = (decisions: Decision[]) => decisions.find((d) => d.kind !== 'retry' && d.kind !== 'hold');

describe('presentation-attack check in the gate decision', () => {
  it('a live face checks in by face, with its PAD result (numbers, model, rule) on the decision', () => {
    const decision = settled(approach(decider('ask-bracelet'), 0.93));
    expect(decision).toMatchObject({ kind: 'recognized', childId: aliya, method: 'face' });
    const pad = (decision as Extract<Decision, { kind: 'recognized' }>).pad!;
    expect(pad).toMatchObject({ result: 'live', model: MODEL, frames: 3, geometry: 'none' });
    expect(pad.liveness).toBeCloseTo(0.93, 4);
    expect(pad.rule).toMatch(/^pad-fusion-/);
  });

  it('ask-bracelet: a clear attack never checks in; the child hears what any unknown face hears; the match is kept only as a refusal', () => {
    const decisions = approach(decider('ask-bracelet'), 0.004);
    expect(decisions.some((d) => d.kind === 'recognized')).toBe(false);
    const decision = settled(decisions);
    expect(decision).toMatchObject({
      kind: 'ask-bracelet',
      reason: 'unknown-face',
      refused: { childId: aliya, pad: { result: 'attack' } },
    });
  });

  it('ask-bracelet: an unsure face waits for more frames, then is asked for the bracelet, never checked in', () => {
    const decisions = approach(decider('ask-bracelet'), 0.2);
    expect(decisions.some((d) => d.kind === 'recognized')).toBe(false);
    const decision = settled(decisions)!;
    expect(decision).toMatchObject({
      kind: 'ask-bracelet',
      reason: 'unknown-face',
      refused: { childId: aliya, pad: { result: 'unsure' } },
    });
    // It waited: the request came only when an unmatched face would have been asked too.
    const at = decisions.indexOf(decision) * FRAME_MS;
    expect(at).toBeGreaterThanOrEqual(defaultGateConfig.unknownAfterMs);
  });

  it('record-flagged: unsure is recorded (with its result for review), an attack still is not', () => {
    expect(settled(approach(decider('record-flagged'), 0.2))).toMatchObject({ kind: 'recognized', pad: { result: 'unsure' } });
    expect(settled(approach(decider('record-flagged'), 0.004))).toMatchObject({
      kind: 'ask-bracelet',
      refused: { pad: { result: 'attack' } },
    });
  });

  it('evidence (the default): nobody is refused, every face check-in carries its PAD result', () => {
    expect(settled(approach(decider('evidence'), 0.004))).toMatchObject({ kind: 'recognized', pad: { result: 'attack' } });
  });

  it('no liveness score at all (the model did not run) is unsure, never live', () => {
    const d = decider('ask-bracelet');
    const decisions: Decision[] = [];
    for (let i = 0; i < 60; i++) decisions.push(d.onFrame([face({ embedding: randomUnit(7) })], i * FRAME_MS));
    expect(decisions.some((x) => x.kind === 'recognized')).toBe(false);
    expect(settled(decisions)).toMatchObject({ refused: { pad: { result: 'unsure', reason: 'too-few-frames', liveness: null } } });
  });

  it('after a refusal the bracelet still checks the child in', () => {
    const d = decider('ask-bracelet');
    approach(d, 0.004);
    expect(d.onInput({ kind: 'bracelet', uid: BRACELET })).toMatchObject({ kind: 'recognized', childId: aliya, method: 'bracelet' });
  });
});

class NoTimers implements Timers {
  set() {
    return 0;
  }
  clear() {}
}

const freshDb = testDatabases('gate-pad-test');

describe('presentation-attack check at the gate controller', () => {
  async function present(mode: PadMode, liveness: number) {
    const db = freshDb();
    const controller = new GateController({
      db,
      deviceId: device('tablet-1'),
      decider: decider(mode),
      firstNameOf: () => 'Aliya',
      gate: defaultGateConfig,
      now: () => Date.UTC(2025, 2, 10, 3, 0),
      monotonic: () => 0,
      timers: new NoTimers(),
    });
    for (let i = 0; i < 60; i++) await controller.onFaces([still(liveness)], i * FRAME_MS);
    return { db, controller };
  }

  it('a replayed photo: no event, the bracelet request on screen, and a face-refused audit entry with numbers only', async () => {
    const { db, controller } = await present('ask-bracelet', 0.004);
    expect(await db.events.count()).toBe(0);
    expect(controller.view.screen).toEqual({ kind: 'ask-bracelet', reason: 'unknown-face' });
    const entries = (await db.audit.toArray()).filter((e) => e.kind === 'face-refused');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ childId: aliya, details: { padResult: 'attack', model: MODEL } });
    expect(Object.values(entries[0]!.details!).every((v) => typeof v !== 'object' || v === null)).toBe(true);
  });

  it('a live face: the event carries the PAD result and is in the chain', async () => {
    const { db } = await present('ask-bracelet', 0.93);
    const [event] = await db.events.toArray();
    expect(event).toMatchObject({ childId: aliya, method: 'face', pad: { result: 'live', model: MODEL } });
    expect((await db.audit.toArray()).some((e) => e.kind === 'face-refused')).toBe(false);
  });
});
