// The planarity cue on simulated faces: a 3-D head (nose in front of the eye-mouth plane) turning before a pinhole
// camera, and a flat picture of a face moved as a plane, both with landmark noise drawn from what was measured on
// RetinaFace (bench:pad: per face, 0.0095 eye distances per coordinate at the median, 0.019 at the 90th percentile).
import { describe, expect, it } from 'vitest';
import { defaultPadConfig } from '../../../src/core/pad/pad-config';
import { planarityCue, type PlanarityKind } from '../../../src/core/pad/planarity';
import type { FivePoints } from '../../../src/core/types';
import { FOCAL_PX, faceShape, gauss, path, pictureShape, project, seeded, uniform, type Rng } from './face-motion';

const options = defaultPadConfig.planarity;
const FRAMES = 5;

/** Noise of one face (share of its eye distance per coordinate): log-normal through the measured median and 90th percentile. */
function measuredNoiseShare(rng: Rng): number {
  const median = 0.0095,
    q90 = 0.019;
  return median * Math.exp(gauss(rng) * (Math.log(q90 / median) / 1.2816));
}

function withNoise(points: FivePoints[], share: number, rng: Rng): FivePoints[] {
  return points.map((p) => {
    const sigma = share * Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
    return p.map((q) => ({ x: q.x + gauss(rng) * sigma, y: q.y + gauss(rng) * sigma })) as FivePoints;
  });
}

interface Trial {
  /** Out-of-plane rotation over the frames (degrees), in a random direction. */
  turnDeg: [number, number];
  iodPx: [number, number];
  /** Mouth corners widening by up to this share over the frames (a smile). */
  smile?: number;
}

/** A real head: nose 0.25-0.45 eye distances in front, turning about the neck, at 45-65 mm between the eyes. */
function head(rng: Rng, t: Trial): FivePoints[] {
  const iodPx = uniform(rng, ...t.iodPx),
    iodMm = uniform(rng, 45, 65);
  const z = (FOCAL_PX * iodMm) / iodPx;
  const turn = uniform(rng, ...t.turnDeg),
    dir = uniform(rng, 0, 2 * Math.PI);
  const yaw = uniform(rng, -15, 15),
    pitch = uniform(rng, -10, 10);
  const from = { yawDeg: yaw, pitchDeg: pitch, rollDeg: 0, x: uniform(rng, -40, 40), y: 0, z };
  const to = {
    ...from,
    yawDeg: yaw + turn * Math.cos(dir),
    pitchDeg: pitch + turn * Math.sin(dir),
    rollDeg: uniform(rng, -4, 4),
    z: z * uniform(rng, 0.9, 1),
  };
  const noseDepth = uniform(rng, 0.25, 0.45);
  const poses = path(from, to, FRAMES, rng);
  const points = poses.map((pose, i) => {
    const widen = 1 + ((t.smile ?? 0) * i) / (FRAMES - 1);
    const shape = faceShape(noseDepth, 0.12, 0.76 * widen).map((p, k) => (k >= 3 ? { ...p, y: p.y - (widen - 1) / 4 } : p));
    return project(shape, pose, iodMm, 1.4);
  });
  return withNoise(points, measuredNoiseShare(rng), rng);
}

/** A flat picture (a photo that may show a turned head) on a phone or paper 90-350 mm away, tilted as a plane. */
function picture(rng: Rng, t: Trial): FivePoints[] {
  const iodPx = uniform(rng, ...t.iodPx),
    iodMm = uniform(rng, 8, 25);
  const z = (FOCAL_PX * iodMm) / iodPx;
  const turn = uniform(rng, ...t.turnDeg),
    dir = uniform(rng, 0, 2 * Math.PI);
  const yaw = uniform(rng, -15, 15),
    pitch = uniform(rng, -15, 15);
  const from = { yawDeg: yaw, pitchDeg: pitch, rollDeg: uniform(rng, -8, 8), x: uniform(rng, -20, 20), y: 0, z };
  const to = {
    ...from,
    yawDeg: yaw + turn * Math.cos(dir),
    pitchDeg: pitch + turn * Math.sin(dir),
    x: uniform(rng, -20, 20),
    z: z * uniform(rng, 0.94, 1.06),
  };
  const shape = pictureShape(uniform(rng, -30, 30), uniform(rng, -10, 10), uniform(rng, 0.25, 0.45));
  return withNoise(
    path(from, to, FRAMES, rng).map((pose) => project(shape, pose, iodMm, 0)),
    measuredNoiseShare(rng),
    rng,
  );
}

function rates(make: (rng: Rng, t: Trial) => FivePoints[], t: Trial, n = 1500, seed = 1): Record<PlanarityKind, number> {
  const rng = seeded(seed);
  const counts: Record<PlanarityKind, number> = { depth: 0, plane: 0, none: 0 };
  for (let i = 0; i < n; i++) counts[planarityCue(make(rng, t), options).kind]++;
  return { depth: counts.depth / n, plane: counts.plane / n, none: counts.none / n };
}

describe('planarity cue on simulated heads and pictures with measured landmark noise', () => {
  it('never reads depth into a picture moved as a plane, however far it tilts', () => {
    expect(rates(picture, { turnDeg: [0, 35], iodPx: [25, 100] }, 3000).depth).toBe(0);
  });

  it('sees depth in a good share of real heads that turn by 20-35 degrees over five frames (about a third: it is careful)', () => {
    const r = rates(head, { turnDeg: [20, 35], iodPx: [45, 100] });
    expect(r.depth).toBeGreaterThan(0.25);
    expect(r.plane).toBe(0);
    // A small turn is rarely enough: depth needs parallax well above a jittery face's noise.
    expect(rates(head, { turnDeg: [0, 5], iodPx: [45, 100] }).depth).toBeLessThan(0.05);
  });

  it('never takes a head for a plane, whether it turns a little, a lot or not at all', () => {
    for (const turnDeg of [
      [0, 0],
      [0, 8],
      [8, 20],
      [20, 35],
    ] as [number, number][])
      expect(rates(head, { turnDeg, iodPx: [25, 100] }, 1500, turnDeg[1]).plane, `turn ${turnDeg.join('-')}`).toBeLessThanOrEqual(0.002);
  });

  it('takes no motion as no evidence: a head or a picture held still gives neither depth nor plane', () => {
    const still = { turnDeg: [0, 0] as [number, number], iodPx: [25, 100] as [number, number] };
    const h = rates(head, still);
    const p = rates(picture, still);
    expect(h.plane).toBe(0);
    expect(p.depth).toBe(0);
    expect(h.none).toBeGreaterThan(0.99);
    expect(p.none).toBeGreaterThan(0.99);
  });

  it('does not take a smile (the mouth widening while the eyes stay) for a picture moved as a plane', () => {
    expect(rates(head, { turnDeg: [0, 15], iodPx: [25, 100], smile: 0.2 }).plane).toBeLessThanOrEqual(0.005);
  });

  it('sees a few pictures tilted by 25-35 degrees in one direction as planes (a tilt shows only in second order), none that hardly moved', () => {
    const tilted = rates(picture, { turnDeg: [25, 35], iodPx: [45, 100] });
    expect(tilted.plane).toBeGreaterThan(0.005);
    expect(rates(picture, { turnDeg: [0, 3], iodPx: [45, 100] }).plane).toBeLessThanOrEqual(0.002);
  });

  it('is not fooled by one bad detection: a picture whose nose jumps in one frame still shows no depth', () => {
    const rng = seeded(3);
    for (let i = 0; i < 300; i++) {
      const points = picture(rng, { turnDeg: [0, 20], iodPx: [40, 90] });
      const k = Math.floor(uniform(rng, 0, FRAMES));
      const iod = Math.hypot(points[k]![0].x - points[k]![1].x, points[k]![0].y - points[k]![1].y);
      points[k]![2] = { x: points[k]![2].x + 0.25 * iod, y: points[k]![2].y };
      expect(planarityCue(points, options).kind).not.toBe('depth');
    }
  });

  it('needs three frames with points before it says anything', () => {
    const rng = seeded(4);
    const points = head(rng, { turnDeg: [30, 30], iodPx: [80, 80] });
    expect(planarityCue([points[0]!, null, points[4]!], options)).toMatchObject({ kind: 'none', reason: 'too-few-frames', frames: 2 });
  });
});
