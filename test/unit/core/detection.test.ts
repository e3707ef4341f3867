// Detector decoding: anchors, box and point decoding, and suppression of duplicate boxes.
import { describe, expect, it } from 'vitest';
import { BLAZEFACE_ANCHORS, decodeBlazeFace, decodeRetinaFace, iou, nms } from '../../../src/core/detection';

describe('BlazeFace decoding', () => {
  it('has 896 anchors, 16x16x2 then 8x8x6', () => {
    expect(BLAZEFACE_ANCHORS).toHaveLength(896);
    expect(BLAZEFACE_ANCHORS[0]).toEqual({ x: 1 / 32, y: 1 / 32 });
    expect(BLAZEFACE_ANCHORS[512]).toEqual({ x: 1 / 16, y: 1 / 16 });
  });

  it('decodes one confident anchor into a box and keypoints around its centre; low scores are dropped', () => {
    const s16 = new Float32Array(512).fill(-10),
      s8 = new Float32Array(384).fill(-10);
    const b16 = new Float32Array(512 * 16),
      b8 = new Float32Array(384 * 16);
    const anchor = 512 + 6 * (8 * 3 + 4); // 8x8 grid, cell (x=4, y=3)
    s8[anchor - 512] = 5;
    const o = (anchor - 512) * 16;
    b8.set([2, -3, 40, 50, -10, -5, 10, -5, 0, 5, 0, 15, -20, 0, 20, 0], o);
    const dets = decodeBlazeFace(s16, s8, b16, b8, 0.5);
    expect(dets).toHaveLength(1);
    const cx = (4.5 / 8) * 128,
      cy = (3.5 / 8) * 128;
    expect(dets[0]!.box.x).toBeCloseTo(cx + 2 - 20, 5);
    expect(dets[0]!.box.y).toBeCloseTo(cy - 3 - 25, 5);
    expect(dets[0]!.box.width).toBeCloseTo(40, 5);
    expect(dets[0]!.points[0]).toEqual({ x: cx - 10, y: cy - 5 });
    expect(dets[0]!.score).toBeGreaterThan(0.99);
    expect(decodeBlazeFace(s16, s8, b16, b8, 0.999)).toHaveLength(0);
  });
});

describe('RetinaFace decoding', () => {
  it('decodes a face at stride 8 with points scaled by 0.2 anchor widths', () => {
    const H = 4,
      W = 4,
      plane = H * W,
      A = 2;
    const scores = new Float32Array(2 * A * plane);
    const boxes = new Float32Array(4 * A * plane);
    const landmarks = new Float32Array(10 * A * plane);
    const cell = 1 * W + 2; // x=2, y=1
    scores[(A + 1) * plane + cell] = 0.9; // anchor 1 (size 16)
    landmarks[(1 * 10 + 0) * plane + cell] = 1; // first point x delta = 1 -> +0.2*16
    const dets = decodeRetinaFace([{ stride: 8, scores, boxes, landmarks, height: H, width: W }], 0.5, 0.4);
    expect(dets).toHaveLength(1);
    const acx = 2 * 8 + 7.5,
      acy = 1 * 8 + 7.5;
    expect(dets[0]!.box.width).toBeCloseTo(15, 5);
    expect(dets[0]!.box.x + dets[0]!.box.width / 2).toBeCloseTo(acx, 5);
    expect(dets[0]!.points[0]!.x).toBeCloseTo(acx + 0.2 * 16, 5);
    expect(dets[0]!.points[1]).toEqual({ x: acx, y: acy });
  });
});

describe('suppression', () => {
  it('iou of identical boxes is 1, of disjoint 0', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { x: 20, y: 20, width: 5, height: 5 })).toBe(0);
  });
  it('nms keeps the best of overlapping boxes and separate faces', () => {
    const d = (x: number, score: number) => ({ box: { x, y: 0, width: 10, height: 10 }, score, points: [] });
    const kept = nms([d(0, 0.7), d(1, 0.9), d(50, 0.8)], 0.4);
    expect(kept.map((k) => k.score)).toEqual([0.9, 0.8]);
  });
});
