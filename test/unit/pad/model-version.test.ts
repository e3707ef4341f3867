// A PAD result names the liveness model it came from: the name must be the served file and its pinned sha256.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIVENESS_MODEL_ID, LIVENESS_MODEL_VERSION } from '../../../src/pipeline/models/liveness.model';

describe('liveness model version on PAD results', () => {
  it('is the manifest entry of the liveness model: its file and the start of its sha256', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../../public/models/manifest.json', import.meta.url), 'utf8')) as {
      models: { id: string; file: string; sha256: string }[];
    };
    const entry = manifest.models.find((m) => m.id === LIVENESS_MODEL_ID)!;
    expect(LIVENESS_MODEL_VERSION).toBe(`${entry.file}:${entry.sha256.slice(0, 12)}`);
  });
});
