// Presence evidence (a site setting, off by default): when a bracelet is tapped, whether a person stood in front of
// the camera. Only the number of faces the detector found in each frame comes here (never a crop, an embedding or a
// match), and only a word leaves: `person`, `nobody`, or nothing when the camera was not delivering frames (a camera
// that is off or broken is no evidence against anyone).
export type PresenceEvidence = 'person' | 'nobody';

export interface PresenceRules {
  /** A face seen this long before the tap (or at it) counts: the child looks at the tablet, then taps. */
  windowMs: number;
  /** No analysed frame for this long before the tap: the camera was not delivering, nothing is said. */
  staleMs: number;
}

export const defaultPresenceRules: Readonly<PresenceRules> = Object.freeze({ windowMs: 4_000, staleMs: 2_000 });

/** The frames' face counts over time (monotonic ms), asked at each tap. Keeps two numbers. */
export class PresenceWatch {
  private lastFrameAtMs: number | null = null;
  private lastFaceAtMs: number | null = null;

  constructor(private readonly rules: PresenceRules = defaultPresenceRules) {}

  /** One analysed frame: how many faces the detector found in it. */
  observe(faceCount: number, atMs: number): void {
    this.lastFrameAtMs = Math.max(this.lastFrameAtMs ?? atMs, atMs);
    if (faceCount > 0) this.lastFaceAtMs = Math.max(this.lastFaceAtMs ?? atMs, atMs);
  }

  /** What the camera said about a tap at `tapAtMs`: null when it had not analysed a frame lately. */
  at(tapAtMs: number): PresenceEvidence | null {
    if (this.lastFrameAtMs === null || tapAtMs - this.lastFrameAtMs > this.rules.staleMs) return null;
    return this.lastFaceAtMs !== null && tapAtMs - this.lastFaceAtMs <= this.rules.windowMs ? 'person' : 'nobody';
  }
}
