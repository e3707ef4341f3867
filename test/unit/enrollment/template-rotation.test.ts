// The district rotation: cosine scores unchanged, two districts' templates unrelated, re-keying renews the stored
// templates (old rotation no longer matches them, the child is still recognised under the new one).
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Gallery } from '../../../src/core/match';
import { TemplateRotation } from '../../../src/core/template-rotation';
import type { ChildId, TemplateId } from '../../../src/core/types';
import { enrolChild } from '../../../src/enrollment/enrol';
import { GateDb } from '../../../src/storage/db';
import { loadGallery } from '../../../src/storage/gallery.repo';
import { parseRoster } from '../../../src/storage/roster-format';
import { replaceRoster } from '../../../src/storage/roster.repo';
import { TemplateVault } from '../../../src/storage/template-vault';
import { cosine, noisy, randomUnit } from '../gate/gate-fixtures';

const seed = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + n * 101) & 0xff);

describe('TemplateRotation', () => {
  it('keeps lengths and cosine scores (within float rounding)', () => {
    const r = new TemplateRotation(seed(1), 512, 1);
    for (let i = 0; i < 20; i++) {
      const a = randomUnit(i);
      const b = noisy(a, 1, 100 + i);
      expect(cosine(r.apply(a), r.apply(a))).toBeCloseTo(1, 5);
      expect(cosine(r.apply(a), r.apply(b))).toBeCloseTo(cosine(a, b), 5);
    }
  });

  it('moves every vector far from where it was, and differently for two districts', () => {
    const one = new TemplateRotation(seed(1), 512, 1);
    const two = new TemplateRotation(seed(2), 512, 1);
    let worst = 0;
    for (let i = 0; i < 50; i++) {
      const v = randomUnit(1000 + i);
      worst = Math.max(worst, Math.abs(cosine(v, one.apply(v))), Math.abs(cosine(one.apply(v), two.apply(v))));
    }
    // Unrelated 512-d directions: |cosine| about 0.04, far below any match threshold (0.36).
    expect(worst).toBeLessThan(0.2);
  });

  it('is undone by invert, and the same seed gives the same rotation', () => {
    const r = new TemplateRotation(seed(3), 512, 1);
    const v = randomUnit(7);
    const back = r.invert(r.apply(v));
    for (let i = 0; i < 512; i++) expect(back[i]).toBeCloseTo(v[i]!, 5);
    expect(Array.from(new TemplateRotation(seed(3), 512, 1).apply(v))).toEqual(Array.from(r.apply(v)));
  });
});

describe('district keys', () => {
  const roster = parseRoster(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-roster.json'), 'utf8')));
  const dbs: GateDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  async function tablet(name: string) {
    const db = new GateDb(`rotation-${name}-${Math.random()}`);
    dbs.push(db);
    if (roster.kind !== 'ok') throw new Error('fixture');
    await replaceRoster(db, roster.roster, 1);
    const vault = await TemplateVault.open(db, 1);
    const gallery = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    let k = 0;
    const deps = {
      db,
      vault,
      gallery,
      matchThreshold: 0.36,
      modelId: 'm',
      newTemplateId: () => `${name}-${++k}` as TemplateId,
      dayKey: () => '2025-10-01',
    };
    return { db, vault, gallery, deps };
  }
  const aliya = 'child-001' as ChildId;
  const photos = (s: number) => Array.from({ length: 6 }, (_, i) => ({ embedding: noisy(randomUnit(s), 1, s * 10 + i), issues: [] }));

  it('templates of one child made under two district keys do not match each other', async () => {
    const a = await tablet('a');
    const b = await tablet('b');
    await enrolChild(a.deps, aliya, photos(5), 10);
    await enrolChild(b.deps, aliya, photos(5), 10);
    // B's camera probe, rotated for district B, searched in district A's gallery: no match.
    const probe = b.vault.rotation.apply(noisy(randomUnit(5), 1, 999));
    expect(a.gallery.search(probe).best!.score).toBeLessThan(0.2);
    expect(b.gallery.search(probe).best!.childId).toBe(aliya);
  });

  it('re-keying renews every stored template: new bytes, still recognised, unlinkable to the old ones', async () => {
    const { db, vault, deps } = await tablet('rekey');
    await enrolChild(deps, aliya, photos(6), 10);
    const before = await db.templates.toArray();
    const oldRotation = vault.rotation;
    expect(
      await vault.rekey(
        Uint8Array.from({ length: 32 }, (_, i) => i),
        2,
        'district',
        20,
      ),
    ).toEqual({ renewed: 6, dropped: 0, fromVersion: 1 });
    const after = await db.templates.toArray();
    expect(after.every((t) => t.keyVersion === 2)).toBe(true);
    expect(after.map((t) => Array.from(t.ciphertext))).not.toEqual(before.map((t) => Array.from(t.ciphertext)));
    const fresh = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    expect(await loadGallery(db, vault, fresh, new Set([aliya]), { modelId: 'm', nowMs: 20, lifetimeMs: 1e12 })).toMatchObject({
      loaded: 6,
    });
    const probe = noisy(randomUnit(6), 1, 31337);
    expect(fresh.search(vault.rotation.apply(probe)).best!.childId).toBe(aliya);
    expect(fresh.search(oldRotation.apply(probe)).best!.score).toBeLessThan(0.2);
    // The new key survives a restart: a vault opened again uses it.
    const again = await TemplateVault.open(db, 30);
    expect(again.rotation.keyVersion).toBe(2);
    expect(Array.from(again.rotation.apply(probe))).toEqual(Array.from(vault.rotation.apply(probe)));
  });
});
