// The PAD decision over an approach: only 'live' checks a child in by face; no motion is never an attack; a child
// standing still is judged by the passive model alone; geometry can only hold a face back or confirm a real head.
import { describe, expect, it } from 'vitest';
import { allowsFaceCheckIn, combineLiveness, decidePad, type PadObservation } from '../../../src/core/pad/fusion';
import { defaultPadConfig, validatePadConfig } from '../../../src/core/pad/pad-config';
import type { FivePoints } from '../../../src/core/types';
import { addNoise, FOCAL_PX, faceShape, path, pictureShape, project, seeded, uniform } from './face-motion';

const config = defaultPadConfig;
/** The median landmark noise measured on RetinaFace (bench:pad): 0.0095 eye distances per coordinate. */
const noise = { floorPx: 0, share: 0.0095 };

/** A child standing still before the camera: a real head, only tremor. */
function stillHead(seed: number, frames = 6): FivePoints[] {
  const rng = seeded(seed);
  const z = (FOCAL_PX * 55) / 60;
  const pose = { yawDeg: uniform(rng, -10, 10), pitchDeg: uniform(rng, -5, 5), rollDeg: 0, x: 0, y: 0, z };
  return path(pose, pose, frames, rng).map((p) => addNoise(project(faceShape(0.3), p, 55, 1.4), noise, rng));
}

/** A real head turning by `turnDeg` over the frames. */
function turningHead(seed: number, turnDeg: number, frames = 6): FivePoints[] {
  const rng = seeded(seed);
  const z = (FOCAL_PX * 55) / 70;
  const from = { yawDeg: -turnDeg / 2, pitchDeg: 0, rollDeg: 0, x: 0, y: 0, z };
  return path(from, { ...from, yawDeg: turnDeg / 2 }, frames, rng).map((p) => addNoise(project(faceShape(0.3), p, 55, 1.4), noise, rng));
}

/** A photo on a phone close to the camera (eye distance 100 px) tilted by `tiltDeg` in one direction over the frames. */
function tiltedPicture(seed: number, tiltDeg: number, frames = 6): FivePoints[] {
  const rng = seeded(seed);
  const z = (FOCAL_PX * 18) / 100;
  const from = { yawDeg: 0, pitchDeg: 0, rollDeg: 0, x: 0, y: 0, z };
  return path(from, { ...from, yawDeg: tiltDeg }, frames, rng).map((p) => addNoise(project(pictureShape(5, 0, 0.3), p, 18, 0), noise, rng));
}

const observe = (points: FivePoints[], liveness: number[]): PadObservation[] =>
  points.map((p, i) => ({ points: p, liveness: liveness[i % liveness.length]! }));

const between = (config.livenessAttackMax + config.livenessLiveMin) / 2;

describe('PAD fusion', () => {
  it('lets only a live verdict check a child in: unsure and attack always go to the bracelet', () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const tracks = [stillHead(seed), turningHead(seed, 30), tiltedPicture(seed, 35)];
      for (const track of tracks)
        for (const l of [0.001, config.livenessAttackMax, between, config.livenessLiveMin, 0.999]) {
          const d = decidePad(observe(track, [l]), config);
          kinds.add(d.kind);
          expect(allowsFaceCheckIn(d)).toBe(d.kind === 'live');
        }
    }
    expect([...kinds].sort()).toEqual(['attack', 'live', 'unsure']);
  });

  it('never calls a child standing still an attack unless the passive model itself says attack', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const track = stillHead(seed);
      for (const l of [config.livenessAttackMax + 1e-3, between, 0.9]) {
        const d = decidePad(observe(track, [l]), config);
        expect(d.kind).not.toBe('attack');
        expect(d.scores.geometry).toBe('none');
      }
    }
  });

  it('takes no motion as no evidence: a still picture with a passive score in between stays unsure, not attack', () => {
    const rng = seeded(5);
    const z = (FOCAL_PX * 18) / 70;
    const pose = { yawDeg: 0, pitchDeg: 0, rollDeg: 0, x: 0, y: 0, z };
    const still = path(pose, pose, 6, rng, 0).map((p) => addNoise(project(pictureShape(0, 0, 0.3), p, 18, 0), noise, rng));
    const d = decidePad(observe(still, [between]), config);
    expect(d).toMatchObject({ kind: 'unsure', reason: 'passive-unsure' });
    expect(d.scores.geometry).toBe('none');
  });

  it('judges a child standing still by the passive model alone: live above the live threshold', () => {
    const d = decidePad(observe(stillHead(3), [0.9, 0.95, 0.85]), config);
    expect(d).toMatchObject({ kind: 'live', reason: 'passive-live' });
  });

  it('holds back a picture moved as a plane even when the passive model is fooled', () => {
    const d = decidePad(observe(tiltedPicture(11, 50), [0.99]), config);
    expect(d.scores.geometry).toBe('plane');
    expect(d).toMatchObject({ kind: 'unsure', reason: 'moved-as-plane' });
    expect(allowsFaceCheckIn(d)).toBe(false);
  });

  it('lets a turning head confirm an unsure passive score, but never overrule a passive attack verdict', () => {
    const track = turningHead(7, 40);
    expect(decidePad(observe(track, [between]), config)).toMatchObject({ kind: 'live', reason: 'depth-confirms' });
    expect(decidePad(observe(track, [config.livenessAttackMax / 2]), config)).toMatchObject({
      kind: 'unsure',
      reason: 'depth-contradicts-passive',
    });
  });

  it('says attack only on the passive verdict, with no sign of a real head', () => {
    expect(decidePad(observe(stillHead(9), [0.001]), config)).toMatchObject({ kind: 'attack', reason: 'passive-attack' });
  });

  it('is unsure with too few scored frames, whatever they say', () => {
    const track = stillHead(2, 2);
    const d = decidePad(observe(track, [0.999]), config);
    expect(d).toMatchObject({ kind: 'unsure', reason: 'too-few-frames' });
    const none = decidePad(
      track.map((p) => ({ points: p, liveness: null })),
      config,
    );
    expect(none.scores.liveness).toBeNull();
  });

  it('combines frames so that one lucky frame cannot carry a replay and one bad frame cannot sink a child', () => {
    expect(combineLiveness([0.01, 0.01, 0.99])!).toBeLessThan(config.livenessLiveMin);
    expect(combineLiveness([0.99, 0.99, 0.01])!).toBeGreaterThan(config.livenessLiveMin);
    expect(combineLiveness([])).toBeNull();
  });

  it('refuses a policy with no unsure band or with noise read as depth', () => {
    expect(() => validatePadConfig({ livenessAttackMax: 0.6, livenessLiveMin: 0.5 })).toThrow(/livenessAttackMax/);
    expect(() => validatePadConfig({ planarity: { ...config.planarity, depthZ: 1 } })).toThrow(/depthZ/);
    expect(validatePadConfig({}).livenessLiveMin).toBe(config.livenessLiveMin);
  });
});
