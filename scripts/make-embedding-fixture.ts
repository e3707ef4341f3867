// Regenerates test/fixtures/embedding-fixture.json: the browser pipeline's embedding of one shared
// photo (a template, never the photo). Run after a deliberate pipeline change: npm run fixtures.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { embedPhotos, openBrowserPipeline } from '../bench/lib/browser-pipeline';
import { listIdentities, repoRoot, requireFacesDir } from '../test/support/faces';

const identity = 'lfw_tom_hanks';
const file = 2;
const faces = requireFacesDir();
const person = listIdentities(join(faces, 'dev')).find((i) => i.name === identity);
if (!person) throw new Error(`${identity} is not in ${faces}/dev`);
const p = await openBrowserPipeline(faces, { backend: 'wasm' });
try {
  const [embedding] = await embedPhotos(p, [person.files[file]!], 0.25);
  if (!embedding) throw new Error('no face found for the fixture photo');
  const out = join(repoRoot, 'test', 'fixtures', 'embedding-fixture.json');
  writeFileSync(out, `${JSON.stringify({ identity, file, pad: 0.25, embedding: Array.from(embedding, (v) => Number(v.toFixed(6))) })}\n`);
  console.log(`wrote ${out}`);
} finally {
  await p.close();
}
