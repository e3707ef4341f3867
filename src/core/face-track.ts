// Follows the one face at the gate (the primary face above the minimum size, see face-select) across frames and fuses its good embeddings.
// Guarantees: two faces are never mixed into one probe; every embedding copy it held is zeroed when it lets go.
import { pickPrimaryFace } from './face-select';
import type { GateConfig } from '../config';
import type { AnalysedFace, Box } from './types';

export type TrackOptions = Pick<GateConfig, 'minFaceWidthPx' | 'fusionWindowFrames' | 'trackLostAfterMs' | 'trackMaxJumpRatio'>;

export type TrackStep =
  /** No followable face in this frame. `holding`: the last face is still followed (missed for a moment). */
  | { kind: 'none'; holding: boolean }
  | {
      kind: 'face';
      /** Changes whenever a different face starts being followed. */
      trackId: number;
      /** First frame of this track. */
      isNew: boolean;
      face: AnalysedFace;
      /** The frame had no quality issue and an embedding, and it went into the fused probe. */
      good: boolean;
      /** Time of the track's first good frame, or null when it had none yet. */
      firstGoodAtMs: number | null;
    };

/** The face to follow (see face-select): at least `minFaceWidthPx` wide, never one in the background. */
export function pickLargestFace(faces: readonly AnalysedFace[], minFaceWidthPx: number): AnalysedFace | null {
  return pickPrimaryFace(faces, minFaceWidthPx);
}

/** Whether `next` is plausibly the same face as `prev` one frame later (bounded movement and size change). */
export function isSameFace(prev: Box, next: Box, maxJumpRatio: number): boolean {
  const dx = next.x + next.width / 2 - (prev.x + prev.width / 2);
  const dy = next.y + next.height / 2 - (prev.y + prev.height / 2);
  if (Math.hypot(dx, dy) > maxJumpRatio * prev.width) return false;
  const growth = next.width / prev.width;
  return growth <= 1 + maxJumpRatio && growth >= 1 / (1 + maxJumpRatio);
}

/** Mean of L2-normalised vectors, renormalised; null when empty or degenerate (opposite vectors). */
export function fuseEmbeddings(embeddings: readonly Float32Array[]): Float32Array | null {
  const first = embeddings[0];
  if (first === undefined) return null;
  const sum = new Float32Array(first.length);
  for (const e of embeddings) {
    const norm = l2(e);
    if (e.length !== sum.length || norm === 0) continue;
    for (let i = 0; i < sum.length; i++) sum[i]! += e[i]! / norm;
  }
  const norm = l2(sum);
  if (!(norm > 1e-6)) return null;
  for (let i = 0; i < sum.length; i++) sum[i]! /= norm;
  return sum;
}

function l2(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

export class FaceTracker {
  private trackId = 0;
  private box: Box | null = null;
  private lastSeenMs = 0;
  private firstGoodAtMs: number | null = null;
  private fusing = true;
  /** Our own copies: the pipeline may reuse its buffers, and copies can be zeroed without touching its data. */
  private window: Float32Array[] = [];

  constructor(private readonly options: TrackOptions) {}

  /** Feeds one frame's faces; follows, switches or loses the face, and adds a good embedding to the fusion window. */
  update(faces: readonly AnalysedFace[], nowMs: number): TrackStep {
    const face = pickLargestFace(faces, this.options.minFaceWidthPx);
    const alive = this.box !== null && nowMs - this.lastSeenMs <= this.options.trackLostAfterMs;
    if (face === null) {
      if (!alive) this.reset();
      return { kind: 'none', holding: alive };
    }
    let isNew = false;
    if (!alive || this.box === null || !isSameFace(this.box, face.box, this.options.trackMaxJumpRatio)) {
      // A different face (or the same child after a long gap): nothing of the old one may carry over.
      this.reset();
      this.trackId += 1;
      isNew = true;
    }
    this.box = { ...face.box };
    this.lastSeenMs = nowMs;
    const good = this.fusing && face.issues.length === 0 && face.embedding !== undefined && face.embedding.length > 0;
    if (good && face.embedding) {
      if (this.window.length > 0 && this.window[0]!.length !== face.embedding.length) this.forgetEmbeddings();
      this.window.push(Float32Array.from(face.embedding));
      while (this.window.length > this.options.fusionWindowFrames) this.window.shift()!.fill(0);
      this.firstGoodAtMs ??= nowMs;
    }
    return { kind: 'face', trackId: this.trackId, isNew, face, good, firstGoodAtMs: this.firstGoodAtMs };
  }

  /** A fresh fused probe of the window (the caller owns it and should zero it after use), or null. */
  fusedProbe(): Float32Array | null {
    return fuseEmbeddings(this.window);
  }

  /** How many embedding copies are held right now (0 after a decision: nothing of the face is kept). */
  get heldEmbeddings(): number {
    return this.window.length;
  }

  /** Zeroes and drops every held embedding copy. */
  forgetEmbeddings(): void {
    for (const e of this.window) e.fill(0);
    this.window = [];
  }

  /** Keeps following the current face but stops collecting its embeddings (it has been decided). */
  stopFusing(): void {
    this.fusing = false;
    this.forgetEmbeddings();
  }

  /**
   * Starts a new track on the face being followed (same place, but judged to be someone else): its trackId changes,
   * nothing of the old track carries over, and fusing starts again with the next frame.
   */
  split(): void {
    this.forgetEmbeddings();
    this.firstGoodAtMs = null;
    this.fusing = true;
    this.trackId += 1;
  }

  /** Forgets the face entirely; the next face starts a new track. */
  reset(): void {
    this.forgetEmbeddings();
    this.box = null;
    this.firstGoodAtMs = null;
    this.fusing = true;
  }
}
