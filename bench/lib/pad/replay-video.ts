// A fake-camera video for browser tests of presentation attacks: an enrolled person's photo replayed on a phone held
// in a hand (bezel, glare) and moved as a plane, then the same person's genuine photos, each standing still, in the
// Y4M format and with the frame-index strip of bench/lib/fake-camera.ts. Made at test time into a temporary folder
// from ../shared/faces: never commit a photo or a video made from one.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Box } from '../../../src/core/types';
import { MARKER_BITS, stampIndex, VIDEO_HEIGHT, VIDEO_WIDTH, type VideoSegment } from '../fake-camera';
import { planAttack, planStillImage, type AttackSpecies, type Presentation } from './pad-plan';
import { renderPresentation, type PhotoPixels } from './pad-render';

export interface ReplayVideoSpec {
  /** The photo shown on the phone (the person's enrolled photo). */
  replayPhoto: string;
  /** The same person's genuine photos, shown after the replay, each standing still. */
  genuinePhotos: string[];
  /** The face box in each photo's pixels where known (e.g. from the pipeline); else the centre of a portrait crop. */
  faceBoxes?: Map<string, Box>;
  label: string;
  seed?: number;
  species?: AttackSpecies;
  fps?: number;
  replaySeconds?: number;
  genuineSeconds?: number;
  gapSeconds?: number;
}

export interface ReplayVideo {
  path: string;
  fps: number;
  frames: number;
  /** The replay first (label `<label>/replay`), then each genuine photo (label `<label>/genuine`). */
  segments: (VideoSegment & { kind: 'replay' | 'genuine' })[];
}

const FRAME_BYTES = (VIDEO_WIDTH * VIDEO_HEIGHT * 3) / 2;

/** Decodes a photo to RGBA with Debian's ffmpeg. */
export function decodePhoto(path: string): PhotoPixels {
  const size = execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height',
    '-of',
    'csv=p=0',
    path,
  ])
    .toString()
    .trim()
    .split(',')
    .map(Number);
  const [width, height] = size as [number, number];
  const data = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'], {
    maxBuffer: width * height * 4 + 1024,
  });
  if (data.length !== width * height * 4)
    throw new Error(`ffmpeg decoded ${data.length} bytes from ${path}, expected ${width * height * 4}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height };
}

/** RGBA frames to yuv420p with ffmpeg (the same conversion as the fake camera's photos). */
function toYuv(frames: Uint8ClampedArray[]): Buffer[] {
  const input = Buffer.concat(frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength)));
  const out = execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      '-s',
      `${VIDEO_WIDTH}x${VIDEO_HEIGHT}`,
      '-i',
      'pipe:0',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'yuv420p',
      'pipe:1',
    ],
    { input, maxBuffer: FRAME_BYTES * frames.length + 1024 },
  );
  return Array.from({ length: frames.length }, (_, i) => Buffer.from(out.subarray(i * FRAME_BYTES, (i + 1) * FRAME_BYTES)));
}

function defaultFaceBox(photo: PhotoPixels): Box {
  return { x: photo.width * 0.28, y: photo.height * 0.25, width: photo.width * 0.44, height: photo.height * 0.5 };
}

/**
 * One presentation attack of `photo` (species, renderer settings A, seeded) moved as a plane over `frameCount` frames,
 * as yuv420p frames for the fake camera (bench:gate --attacks).
 */
export function attackFrames(photo: string, species: AttackSpecies, seed: number, frameCount: number, identity: string): Buffer[] {
  const pixels = decodePhoto(photo);
  const presentation = planAttack(species, 'A', { identity, photo, faceBox: defaultFaceBox(pixels) }, seed, frameCount);
  return toYuv(renderPresentation(pixels, presentation.plan, presentation.camera).frames);
}

/** Writes the replay-then-genuine video; returns where each part is (frame indices, inclusive). */
export function writePadReplayVideo(path: string, spec: ReplayVideoSpec): ReplayVideo {
  const fps = spec.fps ?? 10;
  const seed = spec.seed ?? 1;
  const count = (s: number) => Math.max(1, Math.round(s * fps));
  const source = (photo: string, pixels: PhotoPixels) => ({
    identity: spec.label,
    photo,
    faceBox: spec.faceBoxes?.get(photo) ?? defaultFaceBox(pixels),
  });
  const parts: { kind: 'replay' | 'genuine'; photo: string; presentation: Presentation; pixels: PhotoPixels }[] = [];
  const replayPixels = decodePhoto(spec.replayPhoto);
  parts.push({
    kind: 'replay',
    photo: spec.replayPhoto,
    pixels: replayPixels,
    presentation: planAttack(
      spec.species ?? 'phone-hand',
      'A',
      source(spec.replayPhoto, replayPixels),
      seed,
      count(spec.replaySeconds ?? 3),
    ),
  });
  for (const photo of spec.genuinePhotos) {
    const pixels = decodePhoto(photo);
    parts.push({
      kind: 'genuine',
      photo,
      pixels,
      presentation: planStillImage(spec.label, photo, 'genuine', source(photo, pixels), seed, count(spec.genuineSeconds ?? 2)),
    });
  }
  const grey = Buffer.alloc(FRAME_BYTES, 128);
  grey.fill(126, 0, VIDEO_WIDTH * VIDEO_HEIGHT);
  const fd = openSync(path, 'w');
  let index = 0;
  const header = Buffer.from('FRAME\n');
  const put = (frame: Buffer) => {
    if (index >= 2 ** MARKER_BITS) throw new Error('the video is too long for the frame index strip');
    stampIndex(frame, index++);
    writeSync(fd, header);
    writeSync(fd, frame);
  };
  const segments: ReplayVideo['segments'] = [];
  try {
    writeSync(fd, Buffer.from(`YUV4MPEG2 W${VIDEO_WIDTH} H${VIDEO_HEIGHT} F${fps}:1 Ip A1:1 C420jpeg\n`));
    for (let i = 0; i < count(1.5); i++) put(Buffer.from(grey));
    for (const part of parts) {
      const rendered = renderPresentation(part.pixels, part.presentation.plan, part.presentation.camera);
      const first = index;
      for (const frame of toYuv(rendered.frames)) put(frame);
      segments.push({ kind: part.kind, label: `${spec.label}/${part.kind}`, photo: part.photo, firstFrame: first, lastFrame: index - 1 });
      for (let i = 0; i < count(spec.gapSeconds ?? 1); i++) put(Buffer.from(grey));
    }
    for (let i = 0; i < count(2); i++) put(Buffer.from(grey));
  } finally {
    closeSync(fd);
  }
  return { path, fps, frames: index, segments };
}
