// Drives the harness page for bench:pad: finds each source photo's face (the plan places faces by it), then renders
// and analyses every presentation in the page and keeps what the pipeline returned for the followed face: numbers
// only (PAD scores, points, box), never a frame.
import type { BrowserPipeline } from '../browser-pipeline';
import type { PadFrameResult } from '../../../test/harness/harness';
import { applyHomography, invert3, type Mat3 } from '../../../src/core/pad/homography';
import type { AttackSpecies, Presentation, SourcePhoto } from './pad-plan';

/** What one frame contributes to the PAD decision, as the kiosk's pipeline computed it. */
export interface FrameEvidence {
  /** p(live) of the passive model; absent when no face was followed in this frame. */
  liveness?: number;
  cropScale?: number;
  /** The followed face's five points (frame pixels). */
  points?: [number, number][];
  interOcularPx?: number;
  saturation: number;
  padMs?: number;
}

export interface PresentationEvidence {
  id: string;
  identity: string;
  label: 'genuine' | AttackSpecies;
  settings: 'A' | 'B';
  /** How much the plane tilted over the frames (attacks made by this renderer only). */
  tiltChangeDeg?: number;
  /**
   * Genuine presentations: how much the pipeline's points move between frames beyond the known motion of the photo
   * (RetinaFace's jitter on a still face under camera noise), per coordinate (px), and the face's eye distance.
   */
  jitter?: { sigmaPx: number; interOcularPx: number };
  frames: FrameEvidence[];
}

/** The points' scatter about the photo's known motion: each frame's points taken back to the photo, averaged, sent out again. */
export function landmarkJitter(
  contentToFrame: readonly Mat3[],
  points: readonly ([number, number][] | undefined)[],
): { sigmaPx: number; interOcularPx: number } | undefined {
  const frames = points.flatMap((p, t) => (p ? [{ p, s: contentToFrame[t]!, inv: invert3(contentToFrame[t]!)! }] : []));
  if (frames.length < 2) return undefined;
  const mean = [0, 1, 2, 3, 4].map((k) => {
    let x = 0,
      y = 0;
    for (const f of frames) {
      const q = applyHomography(f.inv, { x: f.p[k]![0], y: f.p[k]![1] });
      x += q.x / frames.length;
      y += q.y / frames.length;
    }
    return { x, y };
  });
  let ss = 0,
    iod = 0;
  for (const f of frames) {
    for (let k = 0; k < 5; k++) {
      const e = applyHomography(f.s, mean[k]!);
      ss += (f.p[k]![0] - e.x) ** 2 + (f.p[k]![1] - e.y) ** 2;
    }
    iod += Math.hypot(f.p[0]![0] - f.p[1]![0], f.p[0]![1] - f.p[1]![1]) / frames.length;
  }
  return { sigmaPx: Math.sqrt(ss / (2 * 5 * (frames.length - 1))), interOcularPx: iod };
}

/** The face box of each photo in its own pixels (the face the pipeline follows), or null where none was found. */
export async function findSourceFaces(
  pipeline: BrowserPipeline,
  photos: { identity: string; photo: string }[],
  onProgress?: (done: number) => void,
): Promise<(SourcePhoto | null)[]> {
  const out: (SourcePhoto | null)[] = [];
  const batch = 40;
  for (let i = 0; i < photos.length; i += batch) {
    const slice = photos.slice(i, i + batch);
    const urls = slice.map((p) => pipeline.server.fileUrl(p.photo));
    const found = await pipeline.page.evaluate((u) => window.harness.photoFaces(u), urls);
    found.forEach((f, k) => out.push(f ? { identity: slice[k]!.identity, photo: slice[k]!.photo, faceBox: f.box } : null));
    onProgress?.(out.length);
  }
  return out;
}

const r2 = (v: number) => Number(v.toFixed(2));

export async function runPresentation(pipeline: BrowserPipeline, presentation: Presentation): Promise<PresentationEvidence> {
  const url = pipeline.server.fileUrl(presentation.photo);
  const frames = (await pipeline.page.evaluate(([u, p]) => window.harness.padPresentation(u as string, p as never), [
    url,
    presentation,
  ] as const)) as PadFrameResult[];
  const evidenceFrames = frames.map((f) => {
    const face = f.face;
    const e: FrameEvidence = { saturation: Number(f.saturation.toFixed(4)) };
    if (face?.pad) {
      e.liveness = Number(face.pad.liveness.toFixed(5));
      e.cropScale = r2(face.pad.cropScale);
      e.points = face.points.map((p) => [r2(p.x), r2(p.y)] as [number, number]);
      e.interOcularPx = r2(face.quality.interOcularPx);
    }
    if (f.timings?.padMs !== undefined) e.padMs = r2(f.timings.padMs);
    return e;
  });
  const jitter =
    presentation.plan.kind === 'genuine'
      ? landmarkJitter(
          presentation.plan.contentToFrame,
          evidenceFrames.map((f) => f.points),
        )
      : undefined;
  return {
    id: presentation.id,
    identity: presentation.identity,
    label: presentation.label,
    settings: presentation.settings,
    ...(presentation.plan.kind === 'attack' ? { tiltChangeDeg: r2(presentation.plan.tiltChangeDeg) } : {}),
    ...(jitter ? { jitter: { sigmaPx: Number(jitter.sigmaPx.toFixed(3)), interOcularPx: r2(jitter.interOcularPx) } } : {}),
    frames: evidenceFrames,
  };
}
