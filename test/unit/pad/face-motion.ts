// Simulated landmark tracks for the PAD unit tests: the five points of a 3-D head (nose in front of the eye-mouth
// plane) turning before a pinhole camera, and of a flat picture of a face moved as a plane, with Gaussian landmark
// noise of the measured size. Heads and pictures share the camera, distances and noise, so only depth differs.
import type { FivePoints } from '../../../src/core/types';
import type { LandmarkNoise } from '../../../src/core/pad/planarity';
import { mulberry32 } from '../../support/seeded-random';

export const FOCAL_PX = 520;
const CX = 320,
  CY = 240;

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** A face in units of its eye distance: eyes, nose tip `noseDepth` in front of the eyes, mouth corners `mouthDepth` in front. */
export function faceShape(noseDepth: number, mouthDepth = 0.12, mouthWidth = 0.76): Vec3[] {
  return [
    { x: -0.5, y: 0, z: 0 },
    { x: 0.5, y: 0, z: 0 },
    { x: 0, y: 0.55, z: -noseDepth },
    { x: -mouthWidth / 2, y: 0.95, z: -mouthDepth },
    { x: mouthWidth / 2, y: 0.95, z: -mouthDepth },
  ];
}

export interface Pose {
  yawDeg: number;
  pitchDeg: number;
  rollDeg: number;
  /** Where the face centre is (mm, camera coordinates; z = distance). */
  x: number;
  y: number;
  z: number;
}

function rotate(p: Vec3, pose: Pose): Vec3 {
  const [a, b, c] = [pose.yawDeg, pose.pitchDeg, pose.rollDeg].map((d) => (d * Math.PI) / 180) as [number, number, number];
  // yaw about y, then pitch about x, then roll about z
  let x = p.x * Math.cos(a) + p.z * Math.sin(a),
    z = -p.x * Math.sin(a) + p.z * Math.cos(a),
    y = p.y;
  const y2 = y * Math.cos(b) - z * Math.sin(b),
    z2 = y * Math.sin(b) + z * Math.cos(b);
  y = y2;
  z = z2;
  const x3 = x * Math.cos(c) - y * Math.sin(c),
    y3 = x * Math.sin(c) + y * Math.cos(c);
  x = x3;
  return { x, y: y3, z };
}

/**
 * Projects a shape (eye-distance units scaled to `iodMm`) at a pose; image y grows downwards like the shape's y. A head
 * turns about a pivot `pivotDepth` eye distances behind the eyes (the neck), a picture about itself (0).
 */
export function project(shape: readonly Vec3[], pose: Pose, iodMm: number, pivotDepth = 0): FivePoints {
  return shape.map((p) => {
    const r = rotate({ x: p.x * iodMm, y: (p.y - 0.45) * iodMm, z: (p.z - pivotDepth) * iodMm }, pose);
    r.z += pivotDepth * iodMm;
    const z = pose.z + r.z;
    return { x: CX + (FOCAL_PX * (pose.x + r.x)) / z, y: CY + (FOCAL_PX * (pose.y + r.y)) / z };
  }) as FivePoints;
}

export type Rng = () => number;
export const seeded = (seed: number): Rng => mulberry32(seed);
export const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();
export const gauss = (rng: Rng) => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

export function addNoise(points: FivePoints, noise: LandmarkNoise, rng: Rng): FivePoints {
  const iod = Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y);
  const sigma = noise.floorPx + noise.share * iod;
  return points.map((p) => ({ x: p.x + gauss(rng) * sigma, y: p.y + gauss(rng) * sigma })) as FivePoints;
}

/** Poses of a smooth motion: from `from` to `to` over `frames`, with tremor (degrees) on the angles. */
export function path(from: Pose, to: Pose, frames: number, rng: Rng, tremorDeg = 0.3): Pose[] {
  return Array.from({ length: frames }, (_, i) => {
    const s = frames > 1 ? i / (frames - 1) : 0;
    const mix = (k: keyof Pose) => from[k] + (to[k] - from[k]) * s;
    return {
      yawDeg: mix('yawDeg') + gauss(rng) * tremorDeg,
      pitchDeg: mix('pitchDeg') + gauss(rng) * tremorDeg,
      rollDeg: mix('rollDeg') + gauss(rng) * tremorDeg,
      x: mix('x'),
      y: mix('y'),
      z: mix('z'),
    };
  });
}

/** The flat picture of a face: the head's five points as a photo shows them (a photo may show a turned head). */
export function pictureShape(photoYawDeg: number, photoPitchDeg: number, noseDepth: number): Vec3[] {
  const head = faceShape(noseDepth);
  const flat = head.map((p) => rotate(p, { yawDeg: photoYawDeg, pitchDeg: photoPitchDeg, rollDeg: 0, x: 0, y: 0, z: 0 }));
  return flat.map((p) => ({ x: p.x, y: p.y, z: 0 }));
}
