// Renders the frames of one bench:pad presentation (640x480 RGBA) from its plan and the photo's pixels: the genuine
// photo before the camera, or the photo on a screen, phone or print, moved as a plane, then the same camera for all
// (optics, sampling, processing blur, noise, 4:2:0 chroma). Fine periodic patterns (subpixels, halftone dots) are
// rendered analytically: their first harmonic, attenuated by the optics and the pixel's footprint, then sampled at
// the pixel centre, which is where moire comes from. Pure: runs in the harness page and in Node.
import type { Mat3 } from '../../../src/core/pad/homography';
import { mulberry32 } from '../../../test/support/seeded-random';
import {
  FOCAL_PX,
  FRAME_HEIGHT,
  FRAME_WIDTH,
  inverses,
  type AttackPlan,
  type BackgroundParams,
  type CameraParams,
  type GenuinePlan,
  type PrintParams,
  type ScreenParams,
} from './pad-plan';

export interface PhotoPixels {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

const W = FRAME_WIDTH,
  H = FRAME_HEIGHT;

const SRGB_TO_LINEAR = new Float32Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  SRGB_TO_LINEAR[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}
const NORMALS = (() => {
  const rng = mulberry32(12345);
  const t = new Float32Array(1 << 16);
  for (let i = 0; i < t.length; i++) t[i] = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return t;
})();
const ENCODE_STEPS = 4096;
const LINEAR_TO_SRGB = new Float32Array(ENCODE_STEPS + 1);
for (let i = 0; i <= ENCODE_STEPS; i++) {
  const c = i / ENCODE_STEPS;
  LINEAR_TO_SRGB[i] = 255 * (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055);
}
const encode = (v: number) => LINEAR_TO_SRGB[Math.round(Math.min(1, Math.max(0, v)) * ENCODE_STEPS)]!;

/** Fixed-focus front camera: aperture (mm) and focus distance (mm) for the defocus of near objects. */
const APERTURE_MM = 1.6;
const FOCUS_MM = 600;
export function defocusSigmaPx(distanceMm: number): number {
  const diameter = FOCAL_PX * APERTURE_MM * Math.abs(1 / distanceMm - 1 / FOCUS_MM);
  return 0.29 * diameter;
}

const mirror = (i: number, n: number) => {
  const period = 2 * n;
  let k = i % period;
  if (k < 0) k += period;
  return k < n ? k : period - 1 - k;
};

/** Bilinear sample of the photo's sRGB value (0..1) with mirrored edges, at continuous pixel coordinates. */
function sampleSrgb(photo: PhotoPixels, x: number, y: number, out: Float32Array): void {
  const fx = x - 0.5,
    fy = y - 0.5;
  const x0 = Math.floor(fx),
    y0 = Math.floor(fy);
  const ax = fx - x0,
    ay = fy - y0;
  const xa = mirror(x0, photo.width),
    xb = mirror(x0 + 1, photo.width),
    ya = mirror(y0, photo.height),
    yb = mirror(y0 + 1, photo.height);
  const d = photo.data,
    w = photo.width;
  const i00 = (ya * w + xa) * 4,
    i10 = (ya * w + xb) * 4,
    i01 = (yb * w + xa) * 4,
    i11 = (yb * w + xb) * 4;
  for (let c = 0; c < 3; c++) {
    const top = d[i00 + c]! * (1 - ax) + d[i10 + c]! * ax;
    const bottom = d[i01 + c]! * (1 - ax) + d[i11 + c]! * ax;
    out[c] = (top * (1 - ay) + bottom * ay) / 255;
  }
}

/** v ** exponent for v in 0..1 through a table (the renderer evaluates it millions of times a frame). */
function powTable(exponent: number): Float32Array {
  const t = new Float32Array(1025);
  for (let i = 0; i <= 1024; i++) t[i] = (i / 1024) ** exponent;
  return t;
}
const lookup = (t: Float32Array, v: number) => t[(Math.min(1, Math.max(0, v)) * 1024 + 0.5) | 0]!;

const sinc = (x: number) => (Math.abs(x) < 1e-6 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));

/**
 * How much of a pattern of period `period` (medium units) along an axis survives into a camera pixel: the pixel
 * box (the derivatives of that axis coordinate per pixel) and the lens's Gaussian blur.
 */
function attenuation(dx: number, dy: number, period: number, sigmaPx: number): number {
  const fx = dx / period,
    fy = dy / period;
  return sinc(fx) * sinc(fy) * Math.exp(-2 * Math.PI * Math.PI * sigmaPx * sigmaPx * (fx * fx + fy * fy));
}

/** A seeded smooth room background (linear RGB, frame sized), the same for every frame of a presentation. */
function renderBackground(p: BackgroundParams): Float32Array {
  const rng = mulberry32(p.seed);
  const out = new Float32Array(W * H * 3);
  const gw = Math.ceil(W / 80) + 2,
    gh = Math.ceil(H / 80) + 2;
  const noise = Array.from({ length: gw * gh }, () => (rng() - 0.5) * 0.25);
  const rects = Array.from({ length: 3 }, () => ({
    x0: rng() * W,
    y0: rng() * H,
    w: 40 + rng() * 200,
    h: 60 + rng() * 300,
    k: 0.6 + rng() * 0.8,
  }));
  const ca = Math.cos(p.angle),
    sa = Math.sin(p.angle);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const t = Math.min(1, Math.max(0, ((x - W / 2) * ca + (y - H / 2) * sa) / 600 + 0.5));
      const gx = x / 80,
        gy = y / 80;
      const ix = Math.floor(gx),
        iy = Math.floor(gy);
      const fx = gx - ix,
        fy = gy - iy;
      const n =
        noise[iy * gw + ix]! * (1 - fx) * (1 - fy) +
        noise[iy * gw + ix + 1]! * fx * (1 - fy) +
        noise[(iy + 1) * gw + ix]! * (1 - fx) * fy +
        noise[(iy + 1) * gw + ix + 1]! * fx * fy;
      let k = 1 + n;
      for (const r of rects) if (x >= r.x0 && x < r.x0 + r.w && y >= r.y0 && y < r.y0 + r.h) k *= r.k;
      const o = (y * W + x) * 3;
      for (let c = 0; c < 3; c++) out[o + c] = (p.colourA[c]! * (1 - t) + p.colourB[c]! * t) * k;
    }
  }
  return out;
}

function insideRoundedRect(u: number, v: number, hw: number, hh: number, r: number): boolean {
  const ax = Math.abs(u),
    ay = Math.abs(v);
  if (ax > hw || ay > hh) return false;
  if (r <= 0) return true;
  const dx = ax - (hw - r),
    dy = ay - (hh - r);
  return dx <= 0 || dy <= 0 || dx * dx + dy * dy <= r * r;
}

/** Linear RGB of the scene for one frame of an attack. */
function renderAttackScene(
  photo: PhotoPixels,
  plan: AttackPlan,
  camera: CameraParams,
  frame: number,
  background: Float32Array,
): Float32Array {
  const out = new Float32Array(W * H * 3);
  const g = inverses([plan.mediumToFrame[frame]!])[0]!;
  const { shape, content } = plan;
  const sigma = camera.opticsBlurPx + defocusSigmaPx(plan.distanceMm);
  const srgb = new Float32Array(3);
  const channelOffset = [0, 0, 0];
  const screen = plan.medium.kind === 'screen' ? (plan.medium as ScreenParams) : null;
  const print = plan.medium.kind === 'print' ? (plan.medium as PrintParams) : null;
  if (screen) for (let c = 0; c < 3; c++) channelOffset[c] = (((screen.subpixelOrder === 'rgb' ? c : 2 - c) + 0.5) / 3) * screen.pitchMm;
  const dutyX = screen ? screen.fillX / 3 : 0;
  const ampX = screen ? (2 * Math.sin(Math.PI * dutyX)) / (Math.PI * dutyX) : 0;
  const ampY = screen ? (2 * Math.sin(Math.PI * screen.fillY)) / (Math.PI * screen.fillY) : 0;
  const angles = print ? print.anglesDeg.map((a) => (a * Math.PI) / 180) : [];
  const fingers = plan.fingers.map((f) => ({ ...f, c: Math.cos(f.angle), s: Math.sin(f.angle) }));
  const glare = plan.glare ? { ...plan.glare, c: Math.cos(plan.glare.angle), s: Math.sin(plan.glare.angle) } : null;
  const bodyHalfW = shape.halfWidth + shape.border,
    bodyHalfH = shape.halfHeight + shape.border;
  const gammaTable = powTable(screen ? screen.gamma : print ? print.dotGain : 1);
  // The pixel footprint changes slowly across the frame: the attenuation of each pattern is refreshed every STEP
  // pixels from the derivatives there (stripes and rows of the screen; two directions per ink of the print).
  const STEP = 8;
  const k = new Float32Array(6);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const px = x + 0.5,
        py = y + 0.5;
      const w = g[6] * px + g[7] * py + g[8];
      const u = (g[0] * px + g[1] * py + g[2]) / w,
        v = (g[3] * px + g[4] * py + g[5]) / w;
      const o = (y * W + x) * 3;
      if (x % STEP === 0) {
        // Derivatives of the medium coordinates per frame pixel: the pixel's footprint on the medium.
        const dudx = (g[0] - u * g[6]) / w,
          dudy = (g[1] - u * g[7]) / w,
          dvdx = (g[3] - v * g[6]) / w,
          dvdy = (g[4] - v * g[7]) / w;
        if (screen) {
          const along = screen.stripesAlongX;
          k[0] = ampX * attenuation(along ? dudx : dvdx, along ? dudy : dvdy, screen.pitchMm, sigma);
          k[1] = ampY * attenuation(along ? dvdx : dudx, along ? dvdy : dudy, screen.pitchMm, sigma);
        } else if (print) {
          for (let c = 0; c < 3; c++) {
            const ca = Math.cos(angles[c]!),
              sa = Math.sin(angles[c]!);
            k[2 * c] = attenuation(dudx * ca + dvdx * sa, dudy * ca + dvdy * sa, print.periodMm, sigma);
            k[2 * c + 1] = attenuation(-dudx * sa + dvdx * ca, -dudy * sa + dvdy * ca, print.periodMm, sigma);
          }
        }
      }
      // A finger in front of everything.
      let finger = -1;
      for (const f of fingers) {
        const du = u - f.u,
          dv = v - f.v;
        const a = (du * f.c + dv * f.s) / f.a,
          b = (-du * f.s + dv * f.c) / f.b;
        const r2 = a * a + b * b;
        if (r2 <= 1) {
          finger = r2;
          break;
        }
      }
      if (finger >= 0) {
        const shade = 1 - 0.45 * finger;
        for (let c = 0; c < 3; c++) out[o + c] = plan.skin[c]! * plan.illumination[c]! * shade;
        continue;
      }
      if (!insideRoundedRect(u, v, bodyHalfW, bodyHalfH, shape.cornerRadius)) {
        out[o] = background[o]!;
        out[o + 1] = background[o + 1]!;
        out[o + 2] = background[o + 2]!;
        continue;
      }
      const glareAdd = glare
        ? glare.strength * Math.exp(-(((u - glare.u) * -glare.s + (v - glare.v) * glare.c) ** 2) / (2 * glare.width * glare.width))
        : 0;
      if (Math.abs(u) > shape.halfWidth || Math.abs(v) > shape.halfHeight) {
        // Bezel or paper margin.
        const light = print ? 1 + print.lightGradient[0] * (u / 100) + print.lightGradient[1] * (v / 100) : 1;
        for (let c = 0; c < 3; c++) out[o + c] = shape.borderColour[c]! * plan.illumination[c]! * light + glareAdd;
        continue;
      }
      sampleSrgb(photo, content.faceX + (u - shape.faceU) / content.mmPerPx, content.faceY + (v - shape.faceV) / content.mmPerPx, srgb);
      if (screen) {
        const along = screen.stripesAlongX;
        const a = along ? u : v,
          b = along ? v : u;
        // Patterns the optics and the pixel leave under 0.2% are not worth a cosine.
        const rows = Math.abs(k[1]!) > 2e-3 ? 1 + k[1]! * Math.cos((2 * Math.PI * (b - screen.pitchMm / 2)) / screen.pitchMm) : 1;
        const stripesOn = Math.abs(k[0]!) > 2e-3;
        for (let c = 0; c < 3; c++) {
          const lit = screen.blackLevel + (1 - screen.blackLevel) * lookup(gammaTable, srgb[c]!);
          const stripes = stripesOn ? 1 + k[0]! * Math.cos((2 * Math.PI * (a - channelOffset[c]!)) / screen.pitchMm) : 1;
          out[o + c] = lit * screen.whitePoint[c]! * screen.brightness * Math.max(0, stripes * rows) + glareAdd;
        }
      } else if (print) {
        const light = 1 + print.lightGradient[0] * (u / 100) + print.lightGradient[1] * (v / 100);
        for (let c = 0; c < 3; c++) {
          // Ink coverage of this channel's ink (cyan for red, ...), a clustered-dot screen at its own angle.
          const coverage = 1 - lookup(gammaTable, srgb[c]!);
          const kS = k[2 * c]!,
            kT = k[2 * c + 1]!;
          let dots = coverage;
          if (Math.abs(kS) > 2e-3 || Math.abs(kT) > 2e-3) {
            const ca = Math.cos(angles[c]!),
              sa = Math.sin(angles[c]!);
            const s = u * ca + v * sa,
              t = -u * sa + v * ca;
            const amp = (2 * Math.sin(Math.PI * coverage)) / Math.PI;
            dots += 0.5 * amp * (kS * Math.cos((2 * Math.PI * s) / print.periodMm) + kT * Math.cos((2 * Math.PI * t) / print.periodMm));
          }
          const ink = Math.min(1, Math.max(0, dots));
          const reflectance = print.paperWhite[c]! * (1 - ink * (1 - print.inkBlack));
          out[o + c] = reflectance * plan.illumination[c]! * light + print.gloss * 0.15 * plan.illumination[c]! + glareAdd;
        }
      }
    }
  }
  return out;
}

/** Linear RGB of a genuine frame: the photo, as the person before the camera. */
function renderGenuineScene(photo: PhotoPixels, plan: GenuinePlan, frame: number): Float32Array {
  const out = new Float32Array(W * H * 3);
  const g = inverses([plan.contentToFrame[frame]!])[0]!;
  const srgb = new Float32Array(3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const px = x + 0.5,
        py = y + 0.5;
      sampleSrgb(photo, g[0] * px + g[1] * py + g[2], g[3] * px + g[4] * py + g[5], srgb);
      const o = (y * W + x) * 3;
      for (let c = 0; c < 3; c++) out[o + c] = SRGB_TO_LINEAR[Math.round(srgb[c]! * 255)]!;
    }
  }
  return out;
}

function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(sigma * 2.5));
  const k = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i]! /= sum;
  return k;
}

/** Blurs one line of `n` 3-channel pixels (`stride` floats apart), edges clamped; `line` is scratch space. */
function blurLine(
  src: Float32Array,
  dst: Float32Array,
  start: number,
  stride: number,
  n: number,
  k: Float32Array,
  line: Float32Array,
): void {
  const r = (k.length - 1) / 2;
  // The line with clamped margins, so the inner loop has no bounds checks.
  for (let i = -r; i < n + r; i++) {
    const j = start + Math.min(n - 1, Math.max(0, i)) * stride;
    const o = (i + r) * 3;
    line[o] = src[j]!;
    line[o + 1] = src[j + 1]!;
    line[o + 2] = src[j + 2]!;
  }
  for (let i = 0; i < n; i++) {
    let a = 0,
      b = 0,
      c = 0;
    for (let t = 0; t < k.length; t++) {
      const w = k[t]!,
        o = (i + t) * 3;
      a += w * line[o]!;
      b += w * line[o + 1]!;
      c += w * line[o + 2]!;
    }
    const j = start + i * stride;
    dst[j] = a;
    dst[j + 1] = b;
    dst[j + 2] = c;
  }
}

/** Separable Gaussian blur of a 3-channel float image, edges clamped. */
function blur(img: Float32Array, sigma: number): Float32Array {
  if (sigma < 0.05) return img;
  const k = gaussianKernel(sigma);
  const line = new Float32Array((Math.max(W, H) + k.length) * 3);
  const tmp = new Float32Array(img.length),
    out = new Float32Array(img.length);
  for (let y = 0; y < H; y++) blurLine(img, tmp, y * W * 3, 3, W, k, line);
  for (let x = 0; x < W; x++) blurLine(tmp, out, x * 3, W * 3, H, k, line);
  return out;
}

/** The camera: exposure and white balance, optics and processing blur, gamma, sensor noise, 4:2:0 chroma, 8 bits. */
function capture(scene: Float32Array, camera: CameraParams, extraBlurPx: number, frame: number): Uint8ClampedArray {
  for (let i = 0; i < scene.length; i += 3)
    for (let c = 0; c < 3; c++) scene[i + c] = scene[i + c]! * camera.exposure * camera.whiteBalance[c]!;
  const sigma = Math.sqrt(camera.opticsBlurPx ** 2 + camera.blurPx ** 2 + extraBlurPx ** 2);
  const img = blur(scene, sigma);
  // Sensor noise: standard normal values from a table, picked by a seeded generator (exact Box-Muller per pixel
  // costs more than the rest of the frame).
  const rng = mulberry32(camera.noiseSeed + frame * 7919);
  let state = Math.floor(rng() * 2 ** 31) | 1;
  const gauss = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return NORMALS[state & (NORMALS.length - 1)]!;
  };
  const yPlane = new Float32Array(W * H),
    cb = new Float32Array((W / 2) * (H / 2)),
    cr = new Float32Array((W / 2) * (H / 2));
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 3;
      const r = encode(img[o]!) + gauss() * camera.noiseLevels * 0.5,
        g = encode(img[o + 1]!) + gauss() * camera.noiseLevels * 0.5,
        b = encode(img[o + 2]!) + gauss() * camera.noiseLevels * 0.5;
      const lum = 0.299 * r + 0.587 * g + 0.114 * b + gauss() * camera.noiseLevels * 0.85;
      yPlane[y * W + x] = lum;
      const ci = (y >> 1) * (W / 2) + (x >> 1);
      cb[ci]! += (b - lum) * 0.564 * 0.25;
      cr[ci]! += (r - lum) * 0.713 * 0.25;
    }
  const out = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const ci = (y >> 1) * (W / 2) + (x >> 1);
      const lum = yPlane[y * W + x]!,
        u = cb[ci]!,
        v = cr[ci]!;
      const o = (y * W + x) * 4;
      out[o] = lum + 1.402 * v;
      out[o + 1] = lum - 0.344136 * u - 0.714136 * v;
      out[o + 2] = lum + 1.772 * u;
      out[o + 3] = 255;
    }
  return out;
}

/** Renders every frame of a presentation (RGBA, 640x480). */
export function renderPresentation(
  photo: PhotoPixels,
  plan: GenuinePlan | AttackPlan,
  camera: CameraParams,
): { width: number; height: number; frames: Uint8ClampedArray[] } {
  const frames: Uint8ClampedArray[] = [];
  if (plan.kind === 'genuine') {
    for (let i = 0; i < plan.contentToFrame.length; i++)
      frames.push(capture(renderGenuineScene(photo, plan, i), camera, defocusSigmaPx(plan.distanceMm), i));
  } else {
    const background = renderBackground(plan.background);
    // The defocus of the medium is in its own rendering (its patterns) and, for everything, in the capture.
    for (let i = 0; i < plan.mediumToFrame.length; i++)
      frames.push(capture(renderAttackScene(photo, plan, camera, i, background), camera, defocusSigmaPx(plan.distanceMm), i));
  }
  return { width: W, height: H, frames };
}

/** Mean HSV saturation of an RGBA frame: the renderer check's trivial feature. */
export function meanSaturation(rgba: Uint8ClampedArray): number {
  let sum = 0;
  const n = rgba.length / 4;
  for (let i = 0; i < rgba.length; i += 4) {
    const r = rgba[i]!,
      g = rgba[i + 1]!,
      b = rgba[i + 2]!;
    const max = Math.max(r, g, b),
      min = Math.min(r, g, b);
    sum += max > 0 ? (max - min) / max : 0;
  }
  return sum / n;
}

export type { Mat3 };
