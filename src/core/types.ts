// Shared value types of the recognition core: geometry, faces, quality, branded ids.
// Plain data only, so that they cross the worker boundary by structured clone.

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ChildId = Brand<string, 'ChildId'>;
export type TemplateId = Brand<string, 'TemplateId'>;
export type DeviceId = Brand<string, 'DeviceId'>;
export type SiteId = Brand<string, 'SiteId'>;
/** Canonical bracelet id, e.g. `mifare:901F2AA4` or `em4100:01000734E0` (see core/readers). */
export type BraceletUid = Brand<string, 'BraceletUid'>;

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Five ArcFace points in frame pixels: right eye, left eye (as seen in the image: left-most first), nose, mouth corners. */
export type FivePoints = [Point, Point, Point, Point, Point];

export interface FaceQuality {
  /** Distance between the eyes in frame pixels. */
  interOcularPx: number;
  /** Face box width in frame pixels. */
  faceWidthPx: number;
  /** Estimated head yaw in degrees (0 = facing the camera), from the 5 points. */
  yawDeg: number;
  /** Head roll in degrees (eye line against the horizontal). */
  rollDeg: number;
  /** Variance of the Laplacian of the aligned face's luma (higher = sharper). */
  sharpness: number;
  /** Mean luma of the aligned face, 0..255. */
  brightness: number;
  /** Detector score, 0..1. */
  detectorScore: number;
  /** L2 norm of the raw embedding before normalisation: low for poor crops. */
  embeddingNorm: number;
}

export type QualityIssue = 'too-small' | 'turned' | 'tilted' | 'too-dark' | 'too-bright' | 'blurry';

export interface AnalysedFace {
  box: Box;
  points: FivePoints;
  quality: FaceQuality;
  /** Quality problems against the config thresholds; empty when the face is good for matching. */
  issues: QualityIssue[];
  /** L2-normalised 512-d embedding; absent when the face was not embedded (too small, etc.). */
  embedding?: Float32Array;
  /** Presentation-attack evidence of this frame: only on the face the gate follows (see core/pad). */
  pad?: PadFrameEvidence;
}

/** What one frame says about a presentation attack on the followed face: numbers only, never pixels. */
export interface PadFrameEvidence {
  /** p(live) of the passive liveness model on the frame around the face, 0..1. */
  liveness: number;
  /** How many times the box the model saw was enlarged: the configured scale, or less for a face nearly filling the frame. */
  cropScale: number;
}
