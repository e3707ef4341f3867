// Enrolment: no consent, no template; samples must be good and of one person; a face that already matches another
// child is refused; templates (embeddings only) are on disk before the live gallery uses them; re-enrolment replaces.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Gallery } from '../../../src/core/match';
import type { ChildId, TemplateId } from '../../../src/core/types';
import { enrolChild, type EnrolDeps } from '../../../src/enrollment/enrol';
import { checkSamples, defaultEnrolmentRules, type EnrolSample } from '../../../src/enrollment/samples';
import { GateDb } from '../../../src/storage/db';
import { loadGallery } from '../../../src/storage/gallery.repo';
import { parseRoster } from '../../../src/storage/roster-format';
import { replaceRoster } from '../../../src/storage/roster.repo';
import { noisy, randomUnit } from '../gate/gate-fixtures';

const roster = parseRoster(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-roster.json'), 'utf8')));
if (roster.kind !== 'ok') throw new Error('fixture roster is invalid');
const aliya = 'child-001' as ChildId;
const timur = 'child-002' as ChildId;
const erlan = 'child-004' as ChildId; // no face consent
const MODEL = 'embedder-arcface';

/** Photos of one person: a random identity direction plus per-photo noise (cosine to it about 0.7). */
const person = (seed: number, count = 3, noise = 1): EnrolSample[] =>
  Array.from({ length: count }, (_, i) => ({ embedding: noisy(randomUnit(seed), noise, seed * 100 + i), issues: [] }));

let dbs: GateDb[] = [];
let n = 0;
async function setup() {
  const db = new GateDb(`enrol-test-${++n}`);
  dbs.push(db);
  await replaceRoster(db, roster.kind === 'ok' ? roster.roster : (undefined as never), 1);
  const gallery = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
  let k = 0;
  const deps: EnrolDeps = { db, gallery, matchThreshold: 0.36, modelId: MODEL, newTemplateId: () => `tpl-${++k}` as TemplateId };
  return { db, gallery, deps };
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of dbs) {
    db.close();
    await db.delete();
  }
  dbs = [];
});

describe('checkSamples', () => {
  it('keeps good samples of one person, normalised copies', () => {
    const samples = person(1);
    const r = checkSamples(samples, defaultEnrolmentRules);
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') {
      expect(r.embeddings).toHaveLength(3);
      expect(r.embeddings[0]).not.toBe(samples[0]!.embedding);
    }
  });
  it('drops samples with quality issues, wrong length, NaN or zeros, then counts what is left', () => {
    const [a, b, c] = person(2);
    const bad: EnrolSample[] = [
      a!,
      { ...b!, issues: ['blurry'] },
      { embedding: new Float32Array(128), issues: [] },
      { embedding: new Float32Array(512), issues: [] },
      { embedding: Float32Array.from(c!.embedding!, (v, i) => (i === 3 ? Number.NaN : v)), issues: [] },
      { issues: [] },
    ];
    expect(checkSamples(bad, defaultEnrolmentRules)).toEqual({ kind: 'too-few-samples', usable: 1 });
  });
  it('refuses two people mixed into one enrolment', () => {
    const mixed = [...person(3, 2), ...person(4, 2)];
    const r = checkSamples(mixed, defaultEnrolmentRules);
    expect(r.kind).toBe('samples-disagree');
  });
  it('keeps at most maxSamples, dropping the one that agrees least', () => {
    const outlierFree = person(5, 4, 0.6);
    const odd = { embedding: noisy(randomUnit(5), 1.4, 999), issues: [] };
    const r = checkSamples([...outlierFree, odd], { ...defaultEnrolmentRules, maxSamples: 4 });
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') expect(r.embeddings.every((e) => !e.every((v, i) => Math.abs(v - odd.embedding[i]!) < 1e-6))).toBe(true);
  });
});

describe('enrolChild', () => {
  it('refuses a child without face consent and stores nothing', async () => {
    const { db, gallery, deps } = await setup();
    expect(await enrolChild(deps, erlan, person(6), 10)).toEqual({ kind: 'refused', reason: 'no-consent' });
    expect(await db.templates.count()).toBe(0);
    expect(gallery.childCount).toBe(0);
  });

  it('refuses a child who is not in the roster', async () => {
    const { deps } = await setup();
    expect(await enrolChild(deps, 'child-999' as ChildId, person(6), 10)).toEqual({ kind: 'refused', reason: 'unknown-child' });
  });

  it('stores one template per sample (embeddings only) and then makes the child findable', async () => {
    const { db, gallery, deps } = await setup();
    const result = await enrolChild(deps, aliya, person(7), 10);
    expect(result).toEqual({ kind: 'enrolled', childId: aliya, templates: 3, replaced: 0 });
    const stored = await db.templates.toArray();
    expect(stored).toHaveLength(3);
    for (const t of stored) {
      expect(Object.keys(t).sort()).toEqual(['childId', 'createdAtMs', 'embedding', 'id', 'modelId']);
      expect(t.embedding).toBeInstanceOf(Float32Array);
      expect(t.embedding).toHaveLength(512);
      expect(t.modelId).toBe(MODEL);
    }
    const probe = noisy(randomUnit(7), 1, 4242);
    expect(gallery.search(probe).best?.childId).toBe(aliya);
    // The stored templates load into a fresh gallery at the next boot.
    const reloaded = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    await loadGallery(db, reloaded, new Set([aliya]), MODEL);
    expect(reloaded.search(probe).best?.childId).toBe(aliya);
  });

  it('re-enrolment replaces the old templates', async () => {
    const { db, gallery, deps } = await setup();
    await enrolChild(deps, aliya, person(8), 10);
    expect(await enrolChild(deps, aliya, person(9, 4), 20)).toEqual({ kind: 'enrolled', childId: aliya, templates: 4, replaced: 3 });
    expect(await db.templates.count()).toBe(4);
    expect(gallery.templateCount).toBe(4);
    expect(gallery.search(noisy(randomUnit(9), 1, 77)).best?.childId).toBe(aliya);
  });

  it('refuses samples that already match another child (the same person twice, or a sibling)', async () => {
    const { db, deps } = await setup();
    await enrolChild(deps, aliya, person(10), 10);
    const again = Array.from({ length: 3 }, (_, i) => ({ embedding: noisy(randomUnit(10), 1, 5000 + i), issues: [] }));
    expect(await enrolChild(deps, timur, again, 20)).toMatchObject({ kind: 'refused', reason: 'looks-like-other-child', otherChildId: aliya });
    expect((await db.templates.toArray()).every((t) => t.childId === aliya)).toBe(true);
  });

  it('reports a storage failure as a value and leaves the live gallery unchanged', async () => {
    const { db, gallery, deps } = await setup();
    vi.spyOn(db.templates, 'bulkAdd').mockRejectedValue(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    const result = await enrolChild(deps, aliya, person(11), 10);
    expect(result).toMatchObject({ kind: 'failed', code: 'storage-full' });
    expect(gallery.childCount).toBe(0);
    expect(await db.templates.count()).toBe(0);
  });
});

describe('loadGallery', () => {
  it('loads consented children only, purges the templates of the others, skips another model and bad vectors', async () => {
    const { db } = await setup();
    const t = (id: string, childId: ChildId, embedding: Float32Array, modelId = MODEL) => ({ id: id as TemplateId, childId, embedding, modelId, createdAtMs: 1 });
    await db.templates.bulkAdd([
      t('a1', aliya, randomUnit(1)),
      t('a2', aliya, randomUnit(2), 'old-model'),
      t('a3', aliya, new Float32Array(512)),
      t('e1', erlan, randomUnit(3)),
    ]);
    const gallery = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    const report = await loadGallery(db, gallery, new Set([aliya, timur]), MODEL);
    expect(report).toEqual({ loaded: 1, children: 1, purgedNoConsent: 1, skippedOtherModel: 1, skippedInvalid: 1 });
    expect(await db.templates.get('e1' as TemplateId)).toBeUndefined();
  });
});
