// The face the kiosk serves: the person at the tablet (large, near the frame guide), never one behind.
import { describe, expect, it } from 'vitest';
import { orderByPresence, pickPrimaryFace } from '../../../src/core/face-select';

const face = (x: number, y: number, width: number, height = width * 1.2, embedding?: Float32Array) => ({
  box: { x, y, width, height },
  ...(embedding ? { embedding } : {}),
});

describe('orderByPresence', () => {
  it('puts the centred face first when two faces are about the same size (a photo with a neighbour)', () => {
    const neighbour = face(130, 40, 62); // at the edge, slightly larger
    const subject = face(85, 75, 58); // in the middle of a 375x375 frame
    expect(orderByPresence([neighbour, subject], 375, 375)[0]).toBe(subject);
  });

  it('never puts a small face in the background before a large one, however central', () => {
    const atTablet = face(400, 100, 220);
    const behind = face(270, 200, 100); // centred in 640x480 but a quarter of the area
    expect(orderByPresence([behind, atTablet], 640, 480)).toEqual([atTablet, behind]);
  });

  it('orders the smaller faces largest first after the comparable ones', () => {
    const big = face(300, 200, 200);
    const mid = face(0, 0, 120);
    const small = face(500, 0, 60);
    expect(orderByPresence([small, big, mid], 640, 480)).toEqual([big, mid, small]);
  });

  it('returns a copy and handles zero or one face', () => {
    const one = [face(0, 0, 10)];
    expect(orderByPresence(one, 100, 100)).not.toBe(one);
    expect(orderByPresence([], 100, 100)).toEqual([]);
  });
});

describe('pickPrimaryFace', () => {
  const e = new Float32Array([1, 0]);
  it('follows the face the pipeline embedded when it is comparable to the largest', () => {
    const largest = face(0, 0, 100);
    const embedded = face(200, 0, 90, 108, e);
    expect(pickPrimaryFace([largest, embedded], 80)).toBe(embedded);
  });

  it('ignores an embedded face much smaller than the largest (the background)', () => {
    const largest = face(0, 0, 200);
    const behind = face(300, 0, 90, 108, e);
    expect(pickPrimaryFace([behind, largest], 80)).toBe(largest);
  });

  it('ignores faces under the minimum width and returns null when none is left', () => {
    expect(pickPrimaryFace([face(0, 0, 79, 95, e)], 80)).toBeNull();
    expect(pickPrimaryFace([face(0, 0, 60), face(100, 0, 85)], 80)?.box.width).toBe(85);
  });
});
