// The frame index strip of the gate's fake-camera videos round-trips, and its guards refuse a misread strip.
import { describe, expect, it } from 'vitest';
import {
  decodeIndex,
  MARKER_BLOCK_PX,
  MARKER_BLOCKS,
  MARKER_ROWS,
  stampIndex,
  VIDEO_HEIGHT,
  VIDEO_WIDTH,
} from '../../../bench/lib/fake-camera';

function readStrip(frame: Buffer): number[] {
  const row = VIDEO_HEIGHT - MARKER_ROWS / 2;
  return Array.from({ length: MARKER_BLOCKS }, (_, b) => frame[row * VIDEO_WIDTH + Math.floor((b + 0.5) * MARKER_BLOCK_PX)]!);
}

describe('fake camera frame index', () => {
  it.each([0, 1, 5, 1023, 2 ** 18 - 1])('writes and reads back %i', (index) => {
    const frame = Buffer.alloc((VIDEO_WIDTH * VIDEO_HEIGHT * 3) / 2, 128);
    stampIndex(frame, index);
    expect(decodeIndex(readStrip(frame))).toBe(index);
  });
  it('refuses a strip without its guards (no strip, a plain grey frame)', () => {
    expect(decodeIndex(new Array<number>(MARKER_BLOCKS).fill(126))).toBeNull();
    expect(decodeIndex([255, 0])).toBeNull();
  });
});
