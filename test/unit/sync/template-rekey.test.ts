// District re-key against the real district server (PGlite) and kiosk tablets on fake-indexeddb: the district rotates
// its template key, every tablet renews its templates at its next sync and still recognises the enrolled children,
// a template of the old key no longer matches a probe of the new one, a tablet that was offline catches up (its
// offline enrolment included), an old version is deleted only once every paired tablet renewed, a late upload of a
// retired version is refused loudly, and the admin CLI does it all.
import { secretForSite } from '../../../server/services/site-template-key';
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ChildId } from '../../../src/core/types';
import { enrolChild } from '../../../src/enrollment/enrol';
import { EMBEDDER_MODEL_ID } from '../../../src/pipeline/models/embedder.model';
import { fromBase64Url } from '../../../src/protocol/base64';
import { openTemplate, sealTemplate, templateKeyMaterial } from '../../../src/protocol/template-key-crypto';
import { readQueuedUploads } from '../../../src/storage/upload-queue.repo';
import type { components } from '../../../src/protocol/api-types.generated';
import { runDistrictCommand } from '../../../server/admin/cli-commands';
import { loadDistrict, templateKeyPurpose } from '../../../server/services/district';
import { noisy, randomUnit } from '../gate/gate-fixtures';
import { pairTestDevice, startTestDistrict, type TestDistrict, useTestDistrict } from '../server/district-fixture';
import { testDatabases } from '../../support/test-dbs';
import { camera, dayKey, pairTablet, siteWithChildren } from './district-tablets';

type Schemas = components['schemas'];

const d = useTestDistrict();

const openDb = testDatabases('rekey');

/** What a tablet that has not renewed sends: one template rotated and sealed under the district's key version 1. */
async function uploadUnderVersion1(
  device: Awaited<ReturnType<typeof pairTestDevice>>,
  childId: ChildId,
  templateId: string,
  createdAtMs: number,
  embedding: Float32Array,
) {
  const v1 = await templateKeyMaterial(fromBase64Url(device.pairing.templateKey.secret!)!, 1);
  const meta = { templateId, childId, modelId: EMBEDDER_MODEL_ID, keyVersion: 1, createdAtMs };
  const ciphertext = await sealTemplate(v1.transport, device.pairing.districtId, meta, v1.rotation.apply(embedding));
  return device.client.uploadTemplate({ templateId, childId, createdAtMs, keyVersion: 1, ciphertext });
}
const rotate = async (district: TestDistrict = d) => {
  const r = await district.admin<Schemas['TemplateKeyRotation']>('POST', '/admin/v1/template-keys/rotate');
  expect(r.status).toBe(200);
  return r.body;
};
const status = async (district: TestDistrict = d) =>
  (await district.admin<Schemas['TemplateKeyStatus']>('GET', '/admin/v1/template-keys')).body;
const versionOf = (st: Schemas['TemplateKeyStatus'], deviceId: string) => st.devices.find((x) => x.deviceId === deviceId)?.keyVersion;

/** The district's stored templates of a child, opened with the child's site's key of their version. */
async function storedTemplates(district: TestDistrict, childId: ChildId) {
  const rows = await district.db.query<{ id: string; key_version: number; created_at_ms: number; ciphertext: string; site_id: string }>(
    'select t.id, t.key_version, t.created_at_ms, t.ciphertext, c.site_id from templates t join children c on c.id = t.child_id where t.child_id = $1 order by t.id',
    [childId],
  );
  const districtId = (await loadDistrict(district.db)).id;
  const out = [];
  for (const r of rows) {
    const [key] = await district.db.query<{ secret: string | null; per_site: boolean }>(
      'select secret, per_site from template_keys where key_version = $1',
      [r.key_version],
    );
    const secret = await secretForSite(
      await district.db.secrets.open(templateKeyPurpose(r.key_version), key!.secret!),
      key!.per_site,
      r.site_id,
    );
    const material = await templateKeyMaterial(fromBase64Url(secret)!, r.key_version);
    const meta = { templateId: r.id, childId, modelId: EMBEDDER_MODEL_ID, keyVersion: r.key_version, createdAtMs: r.created_at_ms };
    out.push({
      id: r.id,
      keyVersion: r.key_version,
      opened: await openTemplate(material.transport, districtId, meta, r.ciphertext),
      material,
    });
  }
  return out;
}

describe('district template key rotation', { timeout: 60_000 }, () => {
  it('every tablet renews at its next sync: the same child is still recognised with the same score, and a template of the old key does not match a probe of the new one', async () => {
    const { siteId, children } = await siteWithChildren(d, [0, 1]);
    const a = await pairTablet(d, siteId, 'a', openDb);
    const b = await pairTablet(d, siteId, 'b', openDb);
    await a.sync();
    await b.sync();
    expect(await a.enrol(children[0]!, 11)).toMatchObject({ kind: 'enrolled' });
    expect(await a.sync()).toEqual({ kind: 'done' });
    expect(await b.sync()).toEqual({ kind: 'done' });
    const before = await a.boot();
    const idsBefore = (await a.db.templates.toArray()).map((t) => t.id).sort();
    const probe = camera(11, 501);
    const scoreBefore = before.gallery.search(before.vault.rotation.apply(probe)).best!.score;
    expect(before.recognise(probe)).toMatchObject({ childId: children[0] });

    const rotation = await rotate();
    expect(rotation).toMatchObject({ keyVersion: 2, previousVersion: 1, renewedTemplates: idsBefore.length, droppedTemplates: [] });
    // The district's copies were renewed in the same step: version 2, they open under version 2's key and hold the
    // child's template in version 2's rotated space.
    for (const t of await storedTemplates(d, children[0]!)) {
      expect(t.keyVersion).toBe(2);
      expect(t.opened).not.toBeNull();
    }
    // Until a tablet syncs it keeps matching under version 1; version 1 is kept for them.
    expect(versionOf(await status(), a.deviceId)).toBe(1);
    expect((await status()).versions.find((v) => v.keyVersion === 1)?.retiredAtMs).toBeNull();

    expect(await a.sync()).toEqual({ kind: 'done' });
    const after = await a.boot();
    expect(after.vault.transport?.keyVersion).toBe(2);
    const renewed = await a.db.templates.toArray();
    expect(renewed.map((t) => t.id).sort()).toEqual(idsBefore);
    expect(renewed.every((t) => t.keyVersion === 2)).toBe(true);
    // Renewed in place: the gate recognises the child with the same score (the rotation keeps cosines).
    expect(after.recognise(probe)).toMatchObject({ childId: children[0] });
    expect(after.gallery.search(after.vault.rotation.apply(probe)).best!.score).toBeCloseTo(scoreBefore, 5);
    // Unlinkability across versions: the old gallery does not match the new key's probe, nor the new gallery the old one's.
    expect(before.gallery.search(after.vault.rotation.apply(probe)).best!.score).toBeLessThan(0.2);
    expect(after.gallery.search(before.vault.rotation.apply(probe)).best!.score).toBeLessThan(0.2);
    // The district's renewed copy equals the tablet's renewed template (same space, up to the half precision it is
    // kept in, twice: opened and sealed again at the renewal), not the old one.
    const server = (await storedTemplates(d, children[0]!))[0]!;
    const own = (await after.vault.unsealAll(renewed.filter((t) => t.id === server.id))).opened[0]!.embedding;
    expect(Math.max(...Array.from(own, (x, i) => Math.abs(x - server.opened![i]!)))).toBeLessThan(5e-4);
    expect(Array.from(own).reduce((sum, x, i) => sum + x * server.opened![i]!, 0)).toBeGreaterThan(0.9999);
    // Recorded: the tablet's audit log (uploaded) and the district's view of the tablet.
    const audit = await d.admin<Schemas['AuditEntry'][]>('GET', `/admin/v1/devices/${a.deviceId}/audit`);
    expect(audit.body.filter((e) => e.kind === 'rekey').map((e) => e.details)).toContainEqual(
      expect.objectContaining({ fromVersion: 1, toVersion: 2, renewed: idsBefore.length, dropped: 0 }),
    );
    expect(versionOf(await status(), a.deviceId)).toBe(2);
    expect((await status()).versions.find((v) => v.keyVersion === 1)?.retiredAtMs).toBeNull();

    // B renews too (its copy of the child came from A): it still recognises the child. Then version 1 is deleted.
    expect(await b.sync()).toEqual({ kind: 'done' });
    expect((await b.boot()).recognise(camera(11, 502))).toMatchObject({ childId: children[0] });
    expect((await b.db.templates.toArray()).every((t) => t.keyVersion === 2)).toBe(true);
    const st = await status();
    expect(versionOf(st, b.deviceId)).toBe(2);
    const v1 = st.versions.find((v) => v.keyVersion === 1)!;
    expect(v1.retiredAtMs).not.toBeNull();
    expect((await d.db.query<{ secret: string | null }>('select secret from template_keys where key_version = 1'))[0]!.secret).toBeNull();
  });

  it('a tablet offline during two rotations catches up at once: its offline enrolment reaches the district re-keyed, and it gains the newer enrolments', async () => {
    const { siteId, children } = await siteWithChildren(d, [0, 1]);
    const a = await pairTablet(d, siteId, 'on', openDb);
    const b = await pairTablet(d, siteId, 'off', openDb);
    await a.sync();
    await b.sync();
    const heldByB = (await b.boot()).vault.transport!.keyVersion;
    // B goes offline. The district re-keys; A renews and enrols child 0 under the new key; the district re-keys again.
    await rotate();
    expect(await a.sync()).toEqual({ kind: 'done' });
    expect(await a.enrol(children[0]!, 21)).toMatchObject({ kind: 'enrolled' });
    expect(await a.sync()).toEqual({ kind: 'done' });
    const second = await rotate();
    // Offline, B enrols child 1 under the key it still holds.
    expect(await b.enrol(children[1]!, 22)).toMatchObject({ kind: 'enrolled' });
    expect((await b.db.templates.toArray()).every((t) => t.keyVersion === heldByB)).toBe(true);
    expect((await status()).versions.find((v) => v.keyVersion === heldByB)?.retiredAtMs).toBeNull();

    // Back online: one sync uploads the offline enrolment (re-keyed by the district), renews, and imports child 0.
    expect(await b.sync()).toEqual({ kind: 'done' });
    expect(await readQueuedUploads(b.db)).toEqual([]);
    for (const t of await storedTemplates(d, children[1]!)) {
      expect(t.keyVersion).toBe(second.keyVersion);
      expect(t.opened).not.toBeNull();
    }
    const gateB = await b.boot();
    expect(gateB.vault.transport!.keyVersion).toBe(second.keyVersion);
    expect(gateB.recognise(camera(22, 1))).toMatchObject({ childId: children[1] });
    expect(gateB.recognise(camera(21, 2))).toMatchObject({ childId: children[0] });
    const rekeys = (await b.db.audit.toArray()).filter((e) => e.kind === 'rekey');
    expect(rekeys.at(-1)?.details).toMatchObject({ fromVersion: heldByB, toVersion: second.keyVersion });

    // A renews to the newest version and recognises B's offline enrolment.
    expect(await a.sync()).toEqual({ kind: 'done' });
    const gateA = await a.boot();
    expect(gateA.recognise(camera(22, 3))).toMatchObject({ childId: children[1] });
    expect(gateA.recognise(camera(21, 4))).toMatchObject({ childId: children[0] });
  });

  it('an upload of a version the district retired is refused loudly; one of a kept version is re-keyed on arrival', async () => {
    // A district with one tablet of its own, so that its confirmation alone retires the old version.
    const own = await startTestDistrict();
    try {
      const { siteId, children } = await siteWithChildren(own, [0]);
      const device = await pairTestDevice(own, siteId);
      const face = randomUnit(31);
      const upload = (templateId: string) => uploadUnderVersion1(device, children[0]!, templateId, Date.now(), face);
      await rotate(own);
      // Version 1 is kept (the tablet has not renewed): the late upload is stored under version 2, in its rotation.
      expect(await upload('late-1')).toMatchObject({ ok: true, body: { status: 'stored' } });
      const [stored] = await storedTemplates(own, children[0]!);
      expect(stored!.keyVersion).toBe(2);
      expect(Math.abs(cosineOf(stored!.opened!, stored!.material.rotation.apply(face)) - 1)).toBeLessThan(1e-5);
      // A garbled one is refused, not stored.
      const bad = await device.client.uploadTemplate({
        templateId: 'late-bad',
        childId: children[0]!,
        createdAtMs: Date.now(),
        keyVersion: 1,
        ciphertext: 'A'.repeat(2768),
      });
      expect(bad).toMatchObject({ ok: false, kind: 'refused', status: 400, error: { code: 'template-unreadable' } });

      // The tablet confirms version 2: version 1's secret is deleted, and a late upload of it is refused, saying what to do.
      expect(await device.client.confirmTemplateKeyRenewal({ keyVersion: 2, renewedTemplates: 0 })).toMatchObject({
        ok: true,
        body: { currentVersion: 2, retiredVersions: [1] },
      });
      const refused = await upload('late-2');
      expect(refused).toMatchObject({ ok: false, kind: 'refused', status: 409, error: { code: 'template-key-retired' } });
      expect(refused.ok ? '' : refused.kind === 'refused' ? refused.error.message : '').toMatch(
        /renews its templates to version 2 at its next sync/,
      );
      expect((await storedTemplates(own, children[0]!)).map((t) => t.id)).toEqual(['late-1']);
      // A version the district never made is refused too.
      expect(await device.client.confirmTemplateKeyRenewal({ keyVersion: 9 })).toMatchObject({
        ok: false,
        error: { code: 'template-key-unknown' },
      });
    } finally {
      await own.close();
    }
  });

  it('an enrolment under way while the tablet renewed is refused (staff start again), not kept under the old key', async () => {
    const { siteId, children } = await siteWithChildren(d, [0]);
    const a = await pairTablet(d, siteId, 'midway', openDb);
    await a.sync();
    const stale = await a.boot();
    await rotate();
    expect(await a.sync()).toEqual({ kind: 'done' });
    const samples = Array.from({ length: 6 }, (_, i) => ({ embedding: noisy(randomUnit(71), 1, 710 + i), issues: [] }));
    const result = await enrolChild(
      { db: a.db, vault: stale.vault, gallery: stale.gallery, matchThreshold: 0.36, modelId: EMBEDDER_MODEL_ID, dayKey },
      children[0]!,
      samples,
      Date.now(),
    );
    expect(result).toMatchObject({ kind: 'refused', reason: 'key-renewed' });
    expect(await a.db.templates.count()).toBe(0);
    expect(await readQueuedUploads(a.db)).toEqual([]);
    // Again on the re-booted gate: enrolled under the new key and recognised.
    expect(await a.enrol(children[0]!, 71)).toMatchObject({ kind: 'enrolled' });
    expect((await a.boot()).recognise(camera(71, 1))).toMatchObject({ childId: children[0] });
  });

  it('uploads racing a rotation all end up under the newest version (none left under the old one)', async () => {
    const own = await startTestDistrict();
    try {
      // Two children, one enrolment of 8 templates each (the district keeps at most 10 of one enrolment).
      const { siteId, children } = await siteWithChildren(own, [0, 1]);
      const device = await pairTestDevice(own, siteId);
      const enrolledAt = Date.now();
      const upload = (i: number) => uploadUnderVersion1(device, children[i % 2]!, `race-${i}`, enrolledAt, randomUnit(100 + i));
      const results = await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => upload(i)),
        rotate(own),
        ...Array.from({ length: 8 }, (_, i) => upload(8 + i)),
      ]);
      expect(results.filter((r) => 'ok' in r && r.ok)).toHaveLength(16);
      const stored = [...(await storedTemplates(own, children[0]!)), ...(await storedTemplates(own, children[1]!))];
      expect(stored).toHaveLength(16);
      expect(stored.every((t) => t.keyVersion === 2 && t.opened !== null)).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('a tablet that never comes back holds the old version until it is unpaired, and unpairing it rotates the key', async () => {
    const own = await startTestDistrict();
    try {
      const stat = async () => (await own.admin<Schemas['TemplateKeyStatus']>('GET', '/admin/v1/template-keys')).body;
      const retired = async () => (await stat()).versions.filter((v) => v.retiredAtMs !== null).map((v) => v.keyVersion);
      const { siteId } = await siteWithChildren(own, [0]);
      const a = await pairTablet(own, siteId, 'stays', openDb);
      const lost = await pairTablet(own, siteId, 'lost', openDb);
      await a.sync();
      expect(await rotate(own)).toMatchObject({ keyVersion: 2, previousVersion: 1 });
      expect(await a.sync()).toEqual({ kind: 'done' });
      expect(versionOf(await stat(), a.deviceId)).toBe(2);
      expect(await retired()).toEqual([]); // the lost tablet still holds version 1
      // Unpairing it: the key it held is rotated away (version 3), and version 1, which only it held, is deleted.
      expect((await own.admin('POST', `/admin/v1/devices/${lost.deviceId}/revoke`)).status).toBe(200);
      const st = await stat();
      expect(st.devices.some((x) => x.deviceId === lost.deviceId)).toBe(false);
      expect(st.currentVersion).toBe(3);
      expect(await retired()).toEqual([1]);
      // The tablet that stays renews to version 3 at its next sync; then version 2 goes too.
      expect(await a.sync()).toEqual({ kind: 'done' });
      expect(versionOf(await stat(), a.deviceId)).toBe(3);
      expect(await retired()).toEqual([1, 2]);
      // Unpairing it again changes nothing more.
      expect((await own.admin('POST', `/admin/v1/devices/${lost.deviceId}/revoke`)).status).toBe(200);
      expect((await stat()).currentVersion).toBe(3);
    } finally {
      await own.close();
    }
  });
});

describe('npm run district -- template-key', { timeout: 60_000 }, () => {
  it('shows the versions and the tablets still to renew, and rotates', async () => {
    const district = await startTestDistrict();
    try {
      const run = (...argv: string[]) => runDistrictCommand(argv, (method, path, body) => district.admin(method, path, body));
      const { siteId, children } = await siteWithChildren(district, [0]);
      const a = await pairTablet(district, siteId, 'cli', openDb);
      await a.sync();
      expect(await a.enrol(children[0]!, 41)).toMatchObject({ kind: 'enrolled' });
      await a.sync();
      expect(await run('template-key')).toMatch(/Current template key version 1\.[\s\S]*Every paired tablet holds the current version\./);
      const out = await run('template-key', 'rotate');
      expect(out).toMatch(/New district template key version 2 \(was 1\)\. 6 stored templates renewed to it\./);
      expect(out).toMatch(/1 paired tablets renew their templates at their next sync; version 1 is kept until all have/);
      expect(await run('template-key')).toMatch(/1\s+\S+ \S+\s+kept until every tablet has renewed[\s\S]*1 tablets still to renew/);
      await a.sync();
      const after = await run('template-key');
      expect(after).toMatch(/1\s+\S+ \S+\s+deleted /);
      expect(after).toMatch(/Every paired tablet holds the current version\./);
      expect((await a.boot()).recognise(camera(41, 9))).toMatchObject({ childId: children[0] });
      expect(JSON.parse(await run('template-key', '--json'))).toMatchObject({ currentVersion: 2 });
      await expect(run('template-key', 'spin')).rejects.toThrow(/Unknown: template-key spin/);
    } finally {
      await district.close();
    }
  });
});

function cosineOf(a: Float32Array, b: Float32Array): number {
  let s = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    s += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return s / Math.sqrt(na * nb);
}
