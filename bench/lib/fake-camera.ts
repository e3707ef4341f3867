// Fake-camera videos for the gate: photos (decoded and scaled by Debian's ffmpeg) padded into 640x480 frames, each
// person shown for a while with empty frames between, written as Y4M for Chromium's
// --use-file-for-fake-video-capture. Every frame carries its index in a black/white strip along the bottom edge, so
// the page can tell which frame it is showing (and when) without any help from the app.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';

export const VIDEO_WIDTH = 640;
export const VIDEO_HEIGHT = 480;
/** The strip with the frame index: the bottom rows of the frame. */
export const MARKER_ROWS = 16;
export const MARKER_BLOCKS = 20;
export const MARKER_BLOCK_PX = VIDEO_WIDTH / MARKER_BLOCKS;
/** Block 0 is always white, block 19 always black (a check that the strip was read), blocks 1..18 the index bits. */
export const MARKER_BITS = 18;

export interface Presentation {
  /** What the bench calls this person (identity name). */
  label: string;
  photo: string;
  /** How long this person is visible (s); default: the spec's `presentSeconds`. */
  seconds?: number;
  /**
   * Frames made elsewhere (yuv420p, 640x480; e.g. a presentation attack moved as a plane) shown one each instead of the
   * still photo; `photo` then names what they were made from.
   */
  frames?: () => Buffer[];
}

export interface VideoSpec {
  fps: number;
  /** Empty frames before the first person (s). */
  leadSeconds: number;
  /** How long each person is visible (s). */
  presentSeconds: number;
  /** Empty frames after each person (s); longer than the gate's track-lost time, so the next person is a new face. */
  gapSeconds: number;
  /** Height of the photo in the frame (px); it sits centred above the marker strip. */
  photoHeightPx: number;
}

export const defaultVideoSpec: Readonly<VideoSpec> = Object.freeze({
  fps: 10,
  leadSeconds: 1.5,
  presentSeconds: 1.5,
  gapSeconds: 1.0,
  photoHeightPx: 400,
});

export interface VideoSegment {
  label: string;
  photo: string;
  /** First and last frame (inclusive) that show the person. */
  firstFrame: number;
  lastFrame: number;
}

export interface FakeVideo {
  path: string;
  fps: number;
  frames: number;
  segments: VideoSegment[];
}

const FRAME_BYTES = (VIDEO_WIDTH * VIDEO_HEIGHT * 3) / 2;
const GREY_Y = 126;
const NEUTRAL_UV = 128;

/** One photo as a 640x480 yuv420p frame on grey, scaled to `photoHeightPx` tall and centred above the strip. */
export function photoFrame(photo: string, photoHeightPx: number): Buffer {
  const area = VIDEO_HEIGHT - MARKER_ROWS;
  const filter = [
    `scale=-2:${photoHeightPx}:flags=bicubic`,
    `pad=${VIDEO_WIDTH}:${area}:(ow-iw)/2:(oh-ih)/2:color=0x7e7e7e`,
    `pad=${VIDEO_WIDTH}:${VIDEO_HEIGHT}:0:0:color=0x7e7e7e`,
    'format=yuv420p',
  ].join(',');
  const out = execFileSync('ffmpeg', ['-v', 'error', '-i', photo, '-vf', filter, '-frames:v', '1', '-f', 'rawvideo', 'pipe:1'], {
    maxBuffer: FRAME_BYTES * 2,
  });
  if (out.length !== FRAME_BYTES) throw new Error(`ffmpeg gave ${out.length} bytes for ${photo}, expected ${FRAME_BYTES}`);
  return out;
}

function emptyFrame(): Buffer {
  const frame = Buffer.alloc(FRAME_BYTES, NEUTRAL_UV);
  frame.fill(GREY_Y, 0, VIDEO_WIDTH * VIDEO_HEIGHT);
  return frame;
}

/** Writes the frame index into the strip (luma only; chroma of the strip is neutral). */
export function stampIndex(frame: Buffer, index: number): void {
  const top = VIDEO_HEIGHT - MARKER_ROWS;
  for (let b = 0; b < MARKER_BLOCKS; b++) {
    const bit = b === 0 ? 1 : b === MARKER_BLOCKS - 1 ? 0 : (index >> (MARKER_BITS - b)) & 1;
    const y = bit ? 235 : 16;
    for (let r = top; r < VIDEO_HEIGHT; r++)
      frame.fill(y, r * VIDEO_WIDTH + b * MARKER_BLOCK_PX, r * VIDEO_WIDTH + (b + 1) * MARKER_BLOCK_PX);
  }
  const chromaW = VIDEO_WIDTH / 2;
  const uStart = VIDEO_WIDTH * VIDEO_HEIGHT;
  const vStart = uStart + (VIDEO_WIDTH * VIDEO_HEIGHT) / 4;
  for (let r = top / 2; r < VIDEO_HEIGHT / 2; r++) {
    frame.fill(NEUTRAL_UV, uStart + r * chromaW, uStart + (r + 1) * chromaW);
    frame.fill(NEUTRAL_UV, vStart + r * chromaW, vStart + (r + 1) * chromaW);
  }
}

/** Decodes a strip read back from the page (the luma of each block's centre); null when the guards do not hold. */
export function decodeIndex(blockLuma: readonly number[]): number | null {
  if (blockLuma.length !== MARKER_BLOCKS || !(blockLuma[0]! > 128) || !(blockLuma[MARKER_BLOCKS - 1]! < 128)) return null;
  let index = 0;
  for (let b = 1; b <= MARKER_BITS; b++) index = (index << 1) | (blockLuma[b]! > 128 ? 1 : 0);
  return index;
}

/** Writes the Y4M video: lead, then each person for `presentSeconds` followed by `gapSeconds` of empty frames. */
export function writeFakeCameraVideo(
  path: string,
  people: readonly Presentation[],
  spec: VideoSpec = defaultVideoSpec,
  tailSeconds = 2,
): FakeVideo {
  const frames = (s: number) => Math.max(0, Math.round(s * spec.fps));
  const fd = openSync(path, 'w');
  const segments: VideoSegment[] = [];
  let index = 0;
  const empty = emptyFrame();
  const header = Buffer.from('FRAME\n');
  const put = (frame: Buffer, count: number) => {
    for (let i = 0; i < count; i++) {
      if (index >= 2 ** MARKER_BITS) throw new Error('the video is too long for the frame index strip');
      stampIndex(frame, index++);
      writeSync(fd, header);
      writeSync(fd, frame);
    }
  };
  try {
    writeSync(fd, Buffer.from(`YUV4MPEG2 W${VIDEO_WIDTH} H${VIDEO_HEIGHT} F${spec.fps}:1 Ip A1:1 C420jpeg\n`));
    put(empty, frames(spec.leadSeconds));
    for (const person of people) {
      const first = index;
      if (person.frames) for (const frame of person.frames()) put(frame, 1);
      else put(photoFrame(person.photo, spec.photoHeightPx), frames(person.seconds ?? spec.presentSeconds));
      segments.push({ label: person.label, photo: person.photo, firstFrame: first, lastFrame: index - 1 });
      put(empty, frames(spec.gapSeconds));
    }
    put(empty, frames(tailSeconds));
  } finally {
    closeSync(fd);
  }
  return { path, fps: spec.fps, frames: index, segments };
}
