// The synthetic presentation-attack set of bench:pad, as a seeded plan: which photo each presentation shows, on
// what medium (screen, phone in a hand, print), with which physical parameters, and how it moves over the frames
// (a rigid plane in front of a pinhole camera, so every frame is a homography of the medium). Pure and
// deterministic: the same faces, seed and set version give the same plan. Parameter ranges come from physical
// reasoning (screen pitches of phones and tablets, halftone rulings, paper reflectance), fixed before any result
// was looked at; settings 'B' widens them so that thresholds can be chosen on 'A' and checked on 'B'.
import { invert3, multiply3, type Mat3 } from '../../../src/core/pad/homography';
import type { Box } from '../../../src/core/types';
import { mulberry32 } from '../../../test/support/seeded-random';

export const PAD_SET_VERSION = 'pad-set-1';

export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;
/** Focal length of the simulated tablet camera (px): about 63 degrees horizontal field of view at 640x480. */
export const FOCAL_PX = 520;

export const ATTACK_SPECIES = ['screen-full', 'screen-edge', 'phone-hand', 'print-full', 'print-edge'] as const;
export type AttackSpecies = (typeof ATTACK_SPECIES)[number];
export type RendererSettings = 'A' | 'B';

/** What the camera does to every frame, genuine or attack (drawn from the same ranges for both). */
export interface CameraParams {
  exposure: number;
  whiteBalance: [number, number, number];
  /** Lens blur before the sensor samples (px): what is left of fine patterns such as a screen's subpixels. */
  opticsBlurPx: number;
  /** Smoothing of the camera's image processing after sampling (px). */
  blurPx: number;
  noiseLevels: number;
  /** Seed of this presentation's sensor noise. */
  noiseSeed: number;
}

/** The photo as a medium shows it: content pixel -> medium millimetres is a scale about the face centre. */
export interface ContentPlacement {
  /** Face centre in photo pixels (from the detector on the padded photo). */
  faceX: number;
  faceY: number;
  /** Millimetres on the medium per photo pixel. */
  mmPerPx: number;
}

export interface ScreenParams {
  kind: 'screen';
  /** Screen pixel pitch (mm). */
  pitchMm: number;
  /** Share of a pixel's width lit by its three subpixels together, and of its height (black matrix). */
  fillX: number;
  fillY: number;
  /** Subpixel stripes along the medium's x axis (false: along y, a rotated panel). */
  stripesAlongX: boolean;
  subpixelOrder: 'rgb' | 'bgr';
  gamma: number;
  /** Black level (linear, share of white), including ambient light reflected by the glass. */
  blackLevel: number;
  whitePoint: [number, number, number];
  /** Brightness of the screen's white against the lit room (linear). */
  brightness: number;
}

export interface PrintParams {
  kind: 'print';
  /** Halftone period (mm): 25.4 / lines per inch. */
  periodMm: number;
  /** Screen angles of the three inks (degrees). */
  anglesDeg: [number, number, number];
  paperWhite: [number, number, number];
  /** Reflectance of full ink coverage (share of the paper's). */
  inkBlack: number;
  /** Tone curve exponent of the print (dot gain darkens mid-tones). */
  dotGain: number;
  /** Light falls off across the sheet: linear gradient (share per 100 mm) in the medium's x and y. */
  lightGradient: [number, number];
  gloss: number;
}

/** The physical object: active area (screen) or image area (print) and what surrounds it, in mm, centred at 0. */
export interface MediumShape {
  /** Half width and half height of the area showing the photo. */
  halfWidth: number;
  halfHeight: number;
  /** Border around it: bezel (screen) or paper margin (print); 0 = none. */
  border: number;
  cornerRadius: number;
  borderColour: [number, number, number];
  /** Where the face centre sits on the medium (mm from its centre). */
  faceU: number;
  faceV: number;
}

export interface Finger {
  /** Centre (mm, medium coordinates), half axes (mm), angle (radians). */
  u: number;
  v: number;
  a: number;
  b: number;
  angle: number;
}

export interface Glare {
  /** A line on the medium (point and angle, mm / radians), its half width (mm) and strength (linear). */
  u: number;
  v: number;
  angle: number;
  width: number;
  strength: number;
}

export interface BackgroundParams {
  seed: number;
  colourA: [number, number, number];
  colourB: [number, number, number];
  angle: number;
}

export interface GenuinePlan {
  kind: 'genuine';
  /** Photo pixel -> frame pixel, one per frame (similarities: the person standing still before the camera). */
  contentToFrame: Mat3[];
  /** Distance of the person from the camera (mm): sets the defocus blur like for the media. */
  distanceMm: number;
}

export interface AttackPlan {
  kind: 'attack';
  species: AttackSpecies;
  medium: ScreenParams | PrintParams;
  shape: MediumShape;
  content: ContentPlacement;
  /** Medium mm -> frame pixel, one per frame. */
  mediumToFrame: Mat3[];
  /** Mean distance of the medium from the camera (mm). */
  distanceMm: number;
  /** Total change of the plane's out-of-plane rotation over the frames (degrees): how visibly it moved as a plane. */
  tiltChangeDeg: number;
  fingers: Finger[];
  skin: [number, number, number];
  glare: Glare | null;
  illumination: [number, number, number];
  background: BackgroundParams;
}

export interface Presentation {
  id: string;
  identity: string;
  photo: string;
  label: 'genuine' | AttackSpecies;
  settings: RendererSettings;
  camera: CameraParams;
  plan: GenuinePlan | AttackPlan;
}

/** A photo with the detector's box of its face (photo pixels), the input of the plan. */
export interface SourcePhoto {
  identity: string;
  photo: string;
  faceBox: Box;
}

export interface PlanOptions {
  seed: number;
  frames: number;
  /** Attack presentations per identity (species drawn in turn, so species stay balanced). */
  attacksPerIdentity: number;
  /** Genuine presentations per identity (different photos where the identity has them). */
  genuinePerIdentity: number;
}

type Rng = () => number;
const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const gauss = (rng: Rng) => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const rad = (deg: number) => (deg * Math.PI) / 180;

/** The same camera ranges for every presentation: nothing about the camera tells an attack from a person. */
function cameraParams(rng: Rng): CameraParams {
  return {
    exposure: uniform(rng, 0.85, 1.2),
    whiteBalance: [uniform(rng, 0.92, 1.08), 1, uniform(rng, 0.92, 1.08)],
    opticsBlurPx: uniform(rng, 0.25, 0.6),
    blurPx: uniform(rng, 0.3, 0.8),
    noiseLevels: uniform(rng, 1.0, 3.0),
    noiseSeed: Math.floor(rng() * 2 ** 31),
  };
}

/** Where the face appears and how tall its box is in the frame: a child at the frame guide. */
function faceTarget(rng: Rng): { x: number; y: number; heightPx: number } {
  return { x: FRAME_WIDTH / 2 + uniform(rng, -40, 40), y: FRAME_HEIGHT / 2 - 10 + uniform(rng, -30, 30), heightPx: uniform(rng, 120, 210) };
}

/** A face's physical height (mm) for the genuine defocus: a child's face box is about 120-150 mm tall. */
const PERSON_FACE_MM = 135;

function genuinePlan(rng: Rng, source: SourcePhoto, frames: number): GenuinePlan {
  const target = faceTarget(rng);
  const scale0 = target.heightPx / source.faceBox.height;
  const fx = source.faceBox.x + source.faceBox.width / 2,
    fy = source.faceBox.y + source.faceBox.height / 2;
  // Standing still: sway of a few pixels, breathing-size scale changes, a little roll; no out-of-plane motion can be
  // made honestly from a photo, so none is pretended (see README: the planarity cue gets no genuine motion here).
  let tx = target.x,
    ty = target.y,
    scale = scale0,
    roll = rad(uniform(rng, -3, 3));
  const out: Mat3[] = [];
  for (let i = 0; i < frames; i++) {
    const c = Math.cos(roll) * scale,
      s = Math.sin(roll) * scale;
    out.push([c, -s, tx - (c * fx - s * fy), s, c, ty - (s * fx + c * fy), 0, 0, 1]);
    tx += gauss(rng) * 1.5;
    ty += gauss(rng) * 1.5;
    scale *= 1 + gauss(rng) * 0.008;
    roll += rad(gauss(rng) * 0.5);
  }
  return { kind: 'genuine', contentToFrame: out, distanceMm: (FOCAL_PX * PERSON_FACE_MM) / target.heightPx };
}

/** Rotation matrix (row-major 3x3) from yaw (about y), pitch (about x), roll (about z), radians. */
function rotation(yaw: number, pitch: number, roll: number): number[] {
  const cy = Math.cos(yaw),
    sy = Math.sin(yaw),
    cp = Math.cos(pitch),
    sp = Math.sin(pitch),
    cr = Math.cos(roll),
    sr = Math.sin(roll);
  const ry = [cy, 0, sy, 0, 1, 0, -sy, 0, cy];
  const rx = [1, 0, 0, 0, cp, -sp, 0, sp, cp];
  const rz = [cr, -sr, 0, sr, cr, 0, 0, 0, 1];
  return multiply3(multiply3(rz as unknown as Mat3, rx as unknown as Mat3), ry as unknown as Mat3) as unknown as number[];
}

/** Medium mm (u, v, 0) -> frame pixel for a plane with rotation R and translation T (mm) before the camera. */
function planeHomography(r: number[], t: [number, number, number]): Mat3 {
  const f = FOCAL_PX,
    cx = FRAME_WIDTH / 2,
    cy = FRAME_HEIGHT / 2;
  // K [r1 r2 t], r1 and r2 the first two columns of R.
  const col = (j: number) => [r[j]!, r[3 + j]!, r[6 + j]!];
  const [r1, r2] = [col(0), col(1)];
  const k = (v: number[]) => [f * v[0]! + cx * v[2]!, f * v[1]! + cy * v[2]!, v[2]!];
  const a = k(r1),
    b = k(r2),
    c = k(t);
  return [a[0]!, b[0]!, c[0]!, a[1]!, b[1]!, c[1]!, a[2]!, b[2]!, c[2]!];
}

interface Motion {
  tiltStartDeg: number;
  tiltChangeDeg: [number, number];
}

const motionRanges: Record<RendererSettings, Motion> = {
  // A hand holding a phone or a print to a camera: a few to fifteen degrees of wobble over half a second.
  A: { tiltStartDeg: 10, tiltChangeDeg: [2, 15] },
  // Wider: from held almost still to a deliberate tilt.
  B: { tiltStartDeg: 15, tiltChangeDeg: [0, 25] },
};

/** The medium's poses over the frames: a smooth change of tilt plus hand tremor, drift in position and distance. */
function planePoses(
  rng: Rng,
  settings: RendererSettings,
  frames: number,
  facePoint: { u: number; v: number },
  target: { x: number; y: number },
  distanceMm: number,
): { homographies: Mat3[]; tiltChangeDeg: number } {
  const m = motionRanges[settings];
  const yaw0 = rad(uniform(rng, -m.tiltStartDeg, m.tiltStartDeg)),
    pitch0 = rad(uniform(rng, -m.tiltStartDeg, m.tiltStartDeg)),
    roll0 = rad(uniform(rng, -8, 8));
  const change = uniform(rng, m.tiltChangeDeg[0], m.tiltChangeDeg[1]);
  const direction = uniform(rng, 0, 2 * Math.PI);
  const dYaw = rad(change * Math.cos(direction)),
    dPitch = rad(change * Math.sin(direction)),
    dRoll = rad(uniform(rng, -4, 4));
  const dDist = distanceMm * uniform(rng, -0.06, 0.06);
  const dx = uniform(rng, -8, 8),
    dy = uniform(rng, -8, 8);
  const out: Mat3[] = [];
  let actualChange = 0;
  let first: [number, number] | null = null;
  for (let i = 0; i < frames; i++) {
    const s = frames > 1 ? i / (frames - 1) : 0;
    const tremor = () => rad(gauss(rng) * 0.4);
    const yaw = yaw0 + dYaw * s + tremor(),
      pitch = pitch0 + dPitch * s + tremor(),
      roll = roll0 + dRoll * s;
    const r = rotation(yaw, pitch, roll);
    const d = distanceMm + dDist * s;
    // Place the plane so the face point lies on the ray through the target pixel at depth d (plus drift).
    const ray = [(target.x - FRAME_WIDTH / 2) / FOCAL_PX, (target.y - FRAME_HEIGHT / 2) / FOCAL_PX, 1];
    const rf = [
      r[0]! * facePoint.u + r[1]! * facePoint.v,
      r[3]! * facePoint.u + r[4]! * facePoint.v,
      r[6]! * facePoint.u + r[7]! * facePoint.v,
    ];
    const t: [number, number, number] = [ray[0]! * d - rf[0]! + dx * s, ray[1]! * d - rf[1]! + dy * s, d - rf[2]!];
    out.push(planeHomography(r, t));
    if (!first) first = [yaw, pitch];
    else actualChange = Math.max(actualChange, Math.hypot(yaw - first[0], pitch - first[1]));
  }
  return { homographies: out, tiltChangeDeg: (actualChange * 180) / Math.PI };
}

function screenParams(rng: Rng, settings: RendererSettings, large: boolean): ScreenParams {
  const wide = settings === 'B';
  // Phones 0.045-0.07 mm (360-560 ppi), tablets and laptop screens 0.09-0.2 mm (130-280 ppi).
  const pitch = large ? (wide ? [0.06, 0.28] : [0.09, 0.2]) : wide ? [0.04, 0.09] : [0.045, 0.07];
  const tint = uniform(rng, 0, wide ? 0.1 : 0.06);
  return {
    kind: 'screen',
    pitchMm: uniform(rng, pitch[0]!, pitch[1]!),
    fillX: uniform(rng, 0.6, 0.95),
    fillY: uniform(rng, 0.7, 0.97),
    stripesAlongX: rng() < 0.8,
    subpixelOrder: rng() < 0.85 ? 'rgb' : 'bgr',
    gamma: wide ? uniform(rng, 1.8, 2.6) : uniform(rng, 2.0, 2.4),
    blackLevel: wide ? uniform(rng, 0.001, 0.04) : uniform(rng, 0.003, 0.02),
    whitePoint: [1 - tint * uniform(rng, 0.3, 1), 1, 1 + tint],
    brightness: wide ? uniform(rng, 0.8, 2.0) : uniform(rng, 0.9, 1.5),
  };
}

function printParams(rng: Rng, settings: RendererSettings): PrintParams {
  const wide = settings === 'B';
  const lpi = wide ? uniform(rng, 60, 200) : uniform(rng, 100, 175);
  const base = uniform(rng, 0, 90);
  const yellow = uniform(rng, wide ? 0.82 : 0.86, 0.97);
  return {
    kind: 'print',
    periodMm: 25.4 / lpi,
    anglesDeg: [base + 15, base + 75, base],
    paperWhite: [uniform(rng, 0.78, 0.9), 0, 0].map((v, i, a) =>
      i === 0 ? v : i === 1 ? a[0]! * uniform(rng, 0.96, 1) : a[0]! * yellow,
    ) as [number, number, number],
    inkBlack: wide ? uniform(rng, 0.02, 0.15) : uniform(rng, 0.04, 0.1),
    dotGain: uniform(rng, 1.0, wide ? 1.4 : 1.3),
    lightGradient: [uniform(rng, -0.15, 0.15), uniform(rng, -0.15, 0.15)],
    gloss: uniform(rng, 0, wide ? 0.3 : 0.15),
  };
}

function background(rng: Rng): BackgroundParams {
  const colour = (): [number, number, number] => {
    const l = uniform(rng, 0.08, 0.6);
    return [l * uniform(rng, 0.8, 1.2), l * uniform(rng, 0.85, 1.1), l * uniform(rng, 0.7, 1.2)];
  };
  return { seed: Math.floor(rng() * 2 ** 31), colourA: colour(), colourB: colour(), angle: uniform(rng, 0, Math.PI) };
}

/** Skin albedo (linear RGB) over a range of tones. */
function skin(rng: Rng): [number, number, number] {
  const l = uniform(rng, 0.08, 0.55);
  return [l, l * uniform(rng, 0.62, 0.78), l * uniform(rng, 0.45, 0.65)];
}

/** Fingers holding a medium of the given half size: some over the left and right borders, a thumb at the bottom. */
function fingers(rng: Rng, halfWidth: number, halfHeight: number, border: number): Finger[] {
  const out: Finger[] = [];
  const side = rng() < 0.5 ? -1 : 1;
  const n = 2 + Math.floor(rng() * 3);
  for (let i = 0; i < n; i++) {
    out.push({
      u: side * (halfWidth + border + uniform(rng, -4, 6)),
      v: uniform(rng, -0.2, 0.9) * halfHeight,
      a: uniform(rng, 14, 22),
      b: uniform(rng, 7, 10),
      angle: rad(uniform(rng, -20, 20)),
    });
  }
  out.push({
    u: -side * (halfWidth + border + uniform(rng, -6, 3)),
    v: uniform(rng, 0.1, 0.8) * halfHeight,
    a: uniform(rng, 18, 26),
    b: uniform(rng, 9, 12),
    angle: rad(uniform(rng, 30, 60) * -side),
  });
  // The palm below the medium.
  out.push({
    u: uniform(rng, -0.3, 0.3) * halfWidth,
    v: halfHeight + border + uniform(rng, 20, 45),
    a: uniform(rng, 45, 60),
    b: 35,
    angle: 0,
  });
  return out;
}

function attackPlan(rng: Rng, species: AttackSpecies, settings: RendererSettings, source: SourcePhoto, frames: number): AttackPlan {
  const target = faceTarget(rng);
  const isPrint = species === 'print-full' || species === 'print-edge';
  const full = species === 'screen-full' || species === 'print-full';
  // Face height on the medium (mm): how far the attacker zoomed the photo or how large it was printed.
  const faceMm = full ? uniform(rng, 50, 130) : isPrint ? uniform(rng, 25, 60) : uniform(rng, 25, 65);
  const distanceMm = (FOCAL_PX * faceMm) / target.heightPx;
  const mmPerPx = faceMm / source.faceBox.height;
  let shape: MediumShape;
  if (full) {
    // Large enough to fill the view at this distance, whatever the tilt: no edge in view.
    const halfWidth = ((FRAME_WIDTH * distanceMm) / FOCAL_PX) * 1.2,
      halfHeight = ((FRAME_HEIGHT * distanceMm) / FOCAL_PX) * 1.2;
    shape = { halfWidth, halfHeight, border: 0, cornerRadius: 0, borderColour: [0, 0, 0], faceU: 0, faceV: 0 };
  } else if (isPrint) {
    const portrait = rng() < 0.7;
    const [w, h] = pick(rng, [
      [100, 150],
      [90, 130],
      [130, 180],
    ] as const);
    const halfWidth = (portrait ? w : h) / 2,
      halfHeight = (portrait ? h : w) / 2;
    const white = uniform(rng, 0.78, 0.9);
    shape = {
      halfWidth,
      halfHeight,
      border: uniform(rng, 0, 8),
      cornerRadius: 0,
      borderColour: [white, white * 0.98, white * 0.93],
      faceU: uniform(rng, -0.15, 0.15) * halfWidth,
      faceV: uniform(rng, -0.3, 0.05) * halfHeight,
    };
  } else {
    const grey = pick(rng, [0.01, 0.03, 0.25]);
    const halfWidth = uniform(rng, 31, 36),
      halfHeight = uniform(rng, 67, 80);
    shape = {
      halfWidth,
      halfHeight,
      border: uniform(rng, 2, 6),
      cornerRadius: uniform(rng, 4, 10),
      borderColour: [grey, grey, grey * 1.05],
      faceU: uniform(rng, -0.1, 0.1) * halfWidth,
      faceV: uniform(rng, -0.35, 0.1) * halfHeight,
    };
  }
  const medium = isPrint ? printParams(rng, settings) : screenParams(rng, settings, full);
  const poses = planePoses(rng, settings, frames, { u: shape.faceU, v: shape.faceV }, target, distanceMm);
  const inHand = species === 'phone-hand' || (species === 'print-edge' && rng() < 0.5);
  const glare: Glare | null =
    species === 'phone-hand' || (!isPrint && rng() < 0.3)
      ? {
          u: uniform(rng, -0.8, 0.8) * shape.halfWidth,
          v: uniform(rng, -0.8, 0.8) * shape.halfHeight,
          angle: uniform(rng, 0, Math.PI),
          width: uniform(rng, 3, 15),
          strength: species === 'phone-hand' ? uniform(rng, 0.15, settings === 'B' ? 0.9 : 0.6) : uniform(rng, 0.05, 0.25),
        }
      : null;
  const light = uniform(rng, 0.6, 1.1);
  return {
    kind: 'attack',
    species,
    medium,
    shape,
    content: { faceX: source.faceBox.x + source.faceBox.width / 2, faceY: source.faceBox.y + source.faceBox.height / 2, mmPerPx },
    mediumToFrame: poses.homographies,
    distanceMm,
    tiltChangeDeg: poses.tiltChangeDeg,
    fingers: inHand ? fingers(rng, shape.halfWidth, shape.halfHeight, shape.border) : [],
    skin: skin(rng),
    glare,
    illumination: [light * uniform(rng, 0.95, 1.08), light, light * uniform(rng, 0.85, 1.05)],
    background: background(rng),
  };
}

/** The seeded plan: genuine presentations of each identity's photos and attacks made from the same photos. */
export function planPresentations(sources: readonly SourcePhoto[], options: PlanOptions): Presentation[] {
  const byIdentity = new Map<string, SourcePhoto[]>();
  for (const s of sources) byIdentity.set(s.identity, [...(byIdentity.get(s.identity) ?? []), s]);
  const out: Presentation[] = [];
  let speciesTurn = 0;
  // Each species alternates between the two renderer settings on its own, so both settings cover every species.
  const settingsTurn = new Map<string, number>();
  const nextSettings = (label: string): RendererSettings => {
    const turn = settingsTurn.get(label) ?? 0;
    settingsTurn.set(label, turn + 1);
    return turn % 2 === 0 ? 'A' : 'B';
  };
  for (const [identity, photos] of [...byIdentity.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    // One generator per identity: adding identities never changes another identity's presentations.
    const rng = mulberry32(options.seed * 1_000_003 + hashString(identity));
    const order = [...photos].sort((a, b) => a.photo.localeCompare(b.photo, 'en', { numeric: true }));
    for (let g = 0; g < options.genuinePerIdentity; g++) {
      const source = order[g % order.length]!;
      const settings = nextSettings('genuine');
      out.push({
        id: `${identity}/genuine/${g}`,
        identity,
        photo: source.photo,
        label: 'genuine',
        settings,
        camera: cameraParams(rng),
        plan: genuinePlan(rng, source, options.frames),
      });
    }
    for (let a = 0; a < options.attacksPerIdentity; a++) {
      const source = order[(a + 1) % order.length]!;
      const species = ATTACK_SPECIES[speciesTurn++ % ATTACK_SPECIES.length]!;
      const settings = nextSettings(species);
      out.push({
        id: `${identity}/${species}/${a}`,
        identity,
        photo: source.photo,
        label: species,
        settings,
        camera: cameraParams(rng),
        plan: attackPlan(rng, species, settings, source, options.frames),
      });
    }
  }
  return out;
}

/** One attack presentation of a photo, outside a whole set (the fake-camera replay video of a browser test). */
export function planAttack(
  species: AttackSpecies,
  settings: RendererSettings,
  source: SourcePhoto,
  seed: number,
  frames: number,
): Presentation {
  const rng = mulberry32(seed * 1_000_003 + hashString(source.photo));
  return {
    id: `${source.identity}/${species}/asset`,
    identity: source.identity,
    photo: source.photo,
    label: species,
    settings,
    camera: cameraParams(rng),
    plan: attackPlan(rng, species, settings, source, frames),
  };
}

/** A still presentation of an image made by another renderer: scored exactly like a genuine photo. */
export function planStillImage(
  identity: string,
  photo: string,
  label: Presentation['label'],
  source: SourcePhoto,
  seed: number,
  frames: number,
): Presentation {
  const rng = mulberry32(seed * 1_000_003 + hashString(photo));
  return {
    id: `${identity}/${label}/${photo}`,
    identity,
    photo,
    label,
    settings: 'A',
    camera: cameraParams(rng),
    plan: genuinePlan(rng, source, frames),
  };
}

export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Frame pixel -> medium mm (or photo pixel) for each frame: what the renderer iterates with. */
export function inverses(hs: readonly Mat3[]): Mat3[] {
  return hs.map((h) => {
    const inv = invert3(h);
    if (!inv) throw new Error('a presentation has a degenerate frame transform');
    return inv;
  });
}
