// Builds the kiosk app as deployed (vite build, service worker and CSP meta tag included) into a
// temporary folder, makes a fake-camera video from a shared photo, and lists the Chromium flags
// that feed it to getUserMedia. Photos stay in ../shared/faces; only a temporary y4m is written.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { repoRoot } from './faces';

export interface BuiltApp {
  dir: string;
  remove(): void;
}

/**
 * `env` is applied to process.env for the build only (e.g. GK_DISTRICT_ORIGIN); NODE_ENV is production.
 * `input`: the pages to build (default: the kiosk's index.html only), e.g. a test page beside the kiosk.
 */
export async function buildApp(
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'gk-app-')),
  input?: Record<string, string>,
): Promise<BuiltApp> {
  if (!existsSync(join(repoRoot, 'public', 'models', 'fr-feature.onnx'))) {
    throw new Error('The model files are missing from public/models: run `npm install` (or `npm run models`).');
  }
  // Vitest sets NODE_ENV=test, which would make Vite build a development bundle (import.meta.env.DEV).
  const vars = { NODE_ENV: 'production', ...env };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    await build({
      root: repoRoot,
      logLevel: 'warn',
      configFile: join(repoRoot, 'vite.config.ts'),
      build: { outDir: dir, emptyOutDir: true, ...(input ? { rollupOptions: { input } } : {}) },
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A 640x480 y4m of one still photo (a few frames; Chromium loops it) for --use-file-for-fake-video-capture. */
export function fakeCameraVideo(photo: string, out = join(mkdtempSync(join(tmpdir(), 'gk-cam-')), 'camera.y4m')): string {
  const ffmpeg = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
  if (!existsSync(ffmpeg)) throw new Error('ffmpeg was not found: install it (`apt-get install -y ffmpeg`) or set FFMPEG_PATH.');
  execFileSync(ffmpeg, [
    '-y',
    '-loglevel',
    'error',
    '-loop',
    '1',
    '-i',
    photo,
    '-vf',
    'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=gray,format=yuv420p',
    '-r',
    '10',
    '-frames:v',
    '10',
    out,
  ]);
  return out;
}

export const fakeCameraArgs = (y4m: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${y4m}`,
];
