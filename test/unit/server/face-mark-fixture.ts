// Marks as a kiosk records them, for tests that push events: a face check-in's presentation-attack evidence
// (src/core/pad/evidence.ts) with plausible numbers (live scores high, others low), and a mark's draft before the
// tablet chains it (seq, prevHash and ids added by the test's pusher).
import { dayKeyIn } from '../../../server/ids';
import type { MarkEvent } from '../../../src/core/attendance-rules';
import type { PadEvidence } from '../../../src/core/pad/evidence';
import type { ChildId } from '../../../src/core/types';

export const padEvidence = (result: PadEvidence['result'], liveness = result === 'live' ? 0.93 : 0.31): PadEvidence => ({
  result,
  reason: `passive-${result}`,
  liveness,
  livenessMin: Math.max(0, liveness - 0.05),
  frames: 4,
  geometry: 'none',
  parallaxZ: 0.4,
  tiltDeg: 1.5,
  model: 'fr-liveness.onnx:afa783b7e902',
  rule: 'pad-fusion-1',
});

export type MarkDraft = Omit<MarkEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'>;

/** A check-in of `childId` at `atMs` (day in `zone`), a face one with a score; `extra` overrides (direction, pad, ...). */
export const markDraft = (
  childId: string,
  atMs: number,
  method: MarkEvent['method'],
  extra: Partial<MarkEvent> = {},
  zone = 'Asia/Almaty',
): MarkDraft => ({
  type: 'mark',
  childId: childId as ChildId,
  dayKey: dayKeyIn(atMs, zone),
  atMs,
  direction: 'in',
  method,
  score: method === 'face' ? 0.71 : null,
  ...extra,
});
