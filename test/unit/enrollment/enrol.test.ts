// Enrolment: no consent, no template; samples must be good and of one person; a face that already matches another
// child is stopped (a confirmed twin flag lets it through); templates are rotated and sealed on disk before the live
// gallery uses them, queued for upload and audited; re-enrolment replaces them and the child's key.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Gallery } from '../../../src/core/match';
import type { ChildId, TemplateId } from '../../../src/core/types';
import { enrolChild, type EnrolDeps } from '../../../src/enrollment/enrol';
import { defaultEnrolmentRules } from '../../../src/config';
import { checkSamples, type EnrolSample } from '../../../src/enrollment/samples';
import { GateDb } from '../../../src/storage/db';
import { loadGallery, readTwinFlags, templateSummaries } from '../../../src/storage/gallery.repo';
import { readQueuedUploads } from '../../../src/storage/upload-queue.repo';
import { TemplateVault } from '../../../src/storage/template-vault';
import { verifyStoredAudit } from '../../../src/storage/audit.repo';
import { parseRoster } from '../../../src/storage/roster-format';
import { replaceRoster } from '../../../src/storage/roster.repo';
import { noisy, randomUnit } from '../gate/gate-fixtures';
import { testDatabases } from '../../support/test-dbs';

const roster = parseRoster(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-roster.json'), 'utf8')));
if (roster.kind !== 'ok') throw new Error('fixture roster is invalid');
const aliya = 'child-001' as ChildId;
const timur = 'child-002' as ChildId;
const erlan = 'child-004' as ChildId; // no face consent
const MODEL = 'embedder-arcface';

/** Photos of one person: a random identity direction plus per-photo noise (cosine to it about 0.7). */
const person = (seed: number, count = 6, noise = 1): EnrolSample[] =>
  Array.from({ length: count }, (_, i) => ({ embedding: noisy(randomUnit(seed), noise, seed * 100 + i), issues: [] }));

const freshDb = testDatabases('enrol-test');
async function setup() {
  const db = freshDb();
  await replaceRoster(db, roster.kind === 'ok' ? roster.roster : (undefined as never), 1);
  const gallery = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
  const vault = await TemplateVault.open(db, 1);
  let k = 0;
  const twinFlags = new Set<ChildId>();
  const deps: EnrolDeps = {
    db,
    vault,
    gallery,
    matchThreshold: 0.36,
    modelId: MODEL,
    newTemplateId: () => `tpl-${++k}` as TemplateId,
    twinFlags,
    dayKey: () => '2025-10-01',
  };
  /** A camera probe as the gate matches it: rotated into the district's space. */
  const find = (probe: Float32Array, g: Gallery = gallery) => g.search(vault.rotation.apply(probe)).best?.childId;
  return { db, gallery, deps, vault, find, twinFlags };
}
afterEach(() => {
  vi.restoreAllMocks();
});

describe('checkSamples', () => {
  it('keeps good samples of one person, normalised copies', () => {
    const samples = person(1);
    const r = checkSamples(samples, defaultEnrolmentRules);
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') {
      expect(r.embeddings).toHaveLength(6);
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
    expect(checkSamples(person(2, 4), defaultEnrolmentRules)).toEqual({ kind: 'too-few-samples', usable: 4 });
  });
  it('refuses two people mixed into one enrolment', () => {
    const mixed = [...person(3, 3), ...person(4, 3)];
    const r = checkSamples(mixed, defaultEnrolmentRules);
    expect(r.kind).toBe('samples-disagree');
  });
  it('keeps at most maxSamples, dropping the one that agrees least', () => {
    const outlierFree = person(5, 5, 0.6);
    const odd = { embedding: noisy(randomUnit(5), 1.4, 999), issues: [] };
    const r = checkSamples([...outlierFree, odd], { ...defaultEnrolmentRules, maxSamples: 5 });
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') expect(r.embeddings.every((e) => !e.every((v, i) => Math.abs(v - odd.embedding[i]!) < 1e-6))).toBe(true);
  });
});

const lifetimeMs = 365 * 86_400_000;
const load = (db: GateDb, vault: TemplateVault, g: Gallery, consented: Set<ChildId>, nowMs = 20) =>
  loadGallery(db, vault, g, consented, { modelId: MODEL, nowMs, lifetimeMs });

/** Whether `bytes` contains the float32 bytes of any of `vectors` (a plaintext template would). */
function containsVector(bytes: Uint8Array, vectors: Float32Array[]): boolean {
  for (const v of vectors) {
    const needle = new Uint8Array(v.buffer, v.byteOffset, 16);
    outer: for (let i = 0; i + 16 <= bytes.length; i++) {
      for (let j = 0; j < 16; j++) if (bytes[i + j] !== needle[j]) continue outer;
      return true;
    }
  }
  return false;
}

describe('enrolChild', () => {
  it('refuses a child without face consent, stores nothing and logs the refusal', async () => {
    const { db, gallery, deps } = await setup();
    expect(await enrolChild(deps, erlan, person(6), 10)).toEqual({ kind: 'refused', reason: 'no-consent' });
    expect(await db.templates.count()).toBe(0);
    expect(await db.childKeys.count()).toBe(0);
    expect(gallery.childCount).toBe(0);
    expect((await db.audit.toArray()).map((e) => [e.kind, e.childId])).toEqual([['enrolment-refused', erlan]]);
  });

  it('refuses a child whose consent ran out yesterday', async () => {
    const { db, deps } = await setup();
    await db.children.update(aliya, { faceConsentExpiresOn: '2025-09-30' });
    expect(await enrolChild(deps, aliya, person(6), 10)).toEqual({ kind: 'refused', reason: 'no-consent' });
    expect(await db.templates.count()).toBe(0);
  });

  it('refuses a child who is not in the roster', async () => {
    const { deps } = await setup();
    expect(await enrolChild(deps, 'child-999' as ChildId, person(6), 10)).toEqual({ kind: 'refused', reason: 'unknown-child' });
  });

  it('stores sealed templates only (no plaintext embedding), queues them for upload, and makes the child findable at once', async () => {
    const { db, deps, vault, find } = await setup();
    const samples = person(7);
    const plain = samples.map((s) => Float32Array.from(s.embedding!));
    const result = await enrolChild(deps, aliya, samples, 10);
    expect(result).toEqual({ kind: 'enrolled', childId: aliya, templates: 6, replaced: 0 });
    const stored = await db.templates.toArray();
    expect(stored).toHaveLength(6);
    for (const t of stored) {
      expect(Object.keys(t).sort()).toEqual(['childId', 'ciphertext', 'createdAtMs', 'id', 'iv', 'keyVersion', 'modelId']);
      expect(t.ciphertext.byteLength).toBe(512 * 4 + 16);
      expect(containsVector(t.ciphertext, plain)).toBe(false);
      // Not even the rotated vector is readable without the child's key.
      expect(
        containsVector(
          t.ciphertext,
          plain.map((p) => vault.rotation.apply(p)),
        ),
      ).toBe(false);
    }
    expect((await db.childKeys.get(aliya))!.wrapped.byteLength).toBe(40);
    // The queue names the templates; what is sent is made under the district transport key at upload.
    const uploads = await readQueuedUploads(db);
    expect(uploads.map((u) => u.templateId).sort()).toEqual(stored.map((t) => t.id).sort());
    expect(uploads.every((u) => !('ciphertext' in u) && u.keyVersion === 1)).toBe(true);
    const probe = noisy(randomUnit(7), 1, 4242);
    expect(find(probe)).toBe(aliya);
    // The stored templates load into a fresh gallery at the next boot (decrypted with the child's key).
    const reloaded = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    expect(await load(db, vault, reloaded, new Set([aliya]))).toMatchObject({ loaded: 6, skippedInvalid: 0 });
    expect(find(probe, reloaded)).toBe(aliya);
    const audit = await db.audit.toArray();
    expect(audit.map((e) => e.kind)).toEqual(['enrolment']);
    expect(await verifyStoredAudit(db)).toEqual({ ok: true, count: 1 });
  });

  it('deleting the child key makes every template of the child unreadable', async () => {
    const { db, deps, vault, find } = await setup();
    await enrolChild(deps, aliya, person(12), 10);
    await db.childKeys.delete(aliya);
    const reloaded = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    expect(await load(db, vault, reloaded, new Set([aliya]))).toMatchObject({ loaded: 0, skippedInvalid: 6 });
    expect(find(noisy(randomUnit(12), 1, 1), reloaded)).toBeUndefined();
    // Another child's key does not open them either (the ciphertext is bound to its record and key).
    await enrolChild(deps, timur, person(13), 11);
    const key = await vault.childKey(timur);
    const one = (await db.templates.where('childId').equals(aliya).first())!;
    await expect(vault.unseal(key!, one)).rejects.toMatchObject({ code: 'unreadable' });
  });

  it('re-enrolment replaces the old templates and the key', async () => {
    const { db, gallery, deps, find } = await setup();
    await enrolChild(deps, aliya, person(8), 10);
    const oldKey = (await db.childKeys.get(aliya))!.wrapped;
    expect(await enrolChild(deps, aliya, person(9, 7), 20)).toEqual({ kind: 'enrolled', childId: aliya, templates: 7, replaced: 6 });
    expect(await db.templates.count()).toBe(7);
    expect((await db.childKeys.get(aliya))!.wrapped).not.toEqual(oldKey);
    expect(gallery.templateCount).toBe(7);
    expect(find(noisy(randomUnit(9), 1, 77))).toBe(aliya);
  });

  it('stops when one person is enrolled under a second child, and enrols with a confirmed twin flag', async () => {
    const { db, deps, twinFlags } = await setup();
    await enrolChild(deps, aliya, person(10), 10);
    const again = Array.from({ length: 6 }, (_, i) => ({ embedding: noisy(randomUnit(10), 1, 5000 + i), issues: [] }));
    expect(await enrolChild(deps, timur, again, 20)).toMatchObject({
      kind: 'refused',
      reason: 'looks-like-other-child',
      otherChildId: aliya,
    });
    expect((await db.templates.toArray()).every((t) => t.childId === aliya)).toBe(true);
    expect(await db.childKeys.get(timur)).toBeUndefined();
    // Staff confirm they are twins: both are flagged, so the gate asks them for their bracelet.
    expect(await enrolChild(deps, timur, again, 30, { confirmTwinOf: aliya })).toMatchObject({ kind: 'enrolled', twinOf: aliya });
    expect([...twinFlags].sort()).toEqual([aliya, timur]);
    expect([...(await readTwinFlags(db))].sort()).toEqual([aliya, timur]);
    expect((await db.audit.toArray()).map((e) => e.kind)).toEqual(['enrolment', 'enrolment', 'twin-flag']);
  });

  it('reports a storage failure as a value and leaves the live gallery unchanged', async () => {
    const { db, gallery, deps } = await setup();
    vi.spyOn(db.templates, 'bulkAdd').mockRejectedValue(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    const result = await enrolChild(deps, aliya, person(11), 10);
    expect(result).toMatchObject({ kind: 'failed', code: 'storage-full' });
    expect(gallery.childCount).toBe(0);
    expect(await db.templates.count()).toBe(0);
    expect(await db.childKeys.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
  });
});

describe("templateSummaries (the roster's template column)", () => {
  it('samples, enrolled on and valid until; past the lifetime it says re-enrol', async () => {
    const { db, deps } = await setup();
    await enrolChild(deps, aliya, person(30), 1_000);
    expect((await templateSummaries(db, lifetimeMs, 2_000)).get(aliya)).toEqual({
      samples: 6,
      enrolledAtMs: 1_000,
      expiresAtMs: 1_000 + lifetimeMs,
      expired: false,
    });
    expect((await templateSummaries(db, lifetimeMs, 1_000 + lifetimeMs)).get(aliya)?.expired).toBe(true);
    expect((await templateSummaries(db, lifetimeMs, 2_000)).has(timur)).toBe(false);
  });
});

describe('loadGallery', () => {
  it('loads consented children only and skips another model and expired templates, deleting nothing', async () => {
    const { db, deps, vault } = await setup();
    await enrolChild(deps, aliya, person(21), 10);
    await enrolChild(deps, timur, person(22), 10);
    // An old template of another model and one past its lifetime: kept on disk, never matched.
    const key = (await vault.childKey(aliya))!;
    await db.templates.add(
      await vault.seal(key, { id: 'old-model' as TemplateId, childId: aliya, modelId: 'old-model', createdAtMs: 10 }, randomUnit(1)),
    );
    await db.templates
      .where('childId')
      .equals(timur)
      .modify({ createdAtMs: 10 - lifetimeMs });
    const gallery = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    // Timur's templates are now past the lifetime; Aliya's consent is gone from this load.
    const report = await load(db, vault, gallery, new Set([timur]), 10);
    expect(report).toEqual({ loaded: 0, children: 0, skippedNoConsent: 7, skippedOtherModel: 0, skippedExpired: 6, skippedInvalid: 0 });
    // Deleting what a consent's end leaves is src/consent's (test/unit/consent); loading never deletes.
    expect(await db.templates.where('childId').equals(aliya).count()).toBe(7);
    expect(await db.childKeys.get(aliya)).toBeDefined();
    expect(await db.childKeys.get(timur)).toBeDefined();
  });
});
