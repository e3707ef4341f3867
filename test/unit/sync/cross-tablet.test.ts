// Two tablets of one district against the real district server (fake-indexeddb on each): a child enrolled on tablet A
// is recognised on tablet B after A and B sync, because the template travels under the district's key; a template of
// another district neither opens nor matches; a child whose consent was revoked never lands on B (or leaves it).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { dayKeyAt } from '../../../src/core/attendance-rules';
import { Gallery } from '../../../src/core/match';
import type { ChildId, TemplateId } from '../../../src/core/types';
import { enrolChild } from '../../../src/enrollment/enrol';
import { EMBEDDER_MODEL_ID } from '../../../src/pipeline/models/embedder.model';
import { loadGallery } from '../../../src/storage/gallery.repo';
import { deleteMeta } from '../../../src/storage/meta.repo';
import { TemplateVault } from '../../../src/storage/template-vault';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { pullStep } from '../../../src/sync/pull';
import { fromBase64Url } from '../../../src/protocol/base64';
import { syncOnce } from '../../../src/sync/sync-once';
import { openFromTransport } from '../../../src/sync/template-transport';
import { readQueuedUploads } from '../../../src/storage/upload-queue.repo';
import type { components } from '../../../src/protocol/api-types.generated';
import { cosine, noisy, randomUnit } from '../gate/gate-fixtures';
import { createSite, pairingCode, type TestDistrict, useTestDistrict } from '../server/district-fixture';
import { testDatabases } from '../../support/test-dbs';

type Schemas = components['schemas'];

const d = useTestDistrict();
const other = useTestDistrict();

const freshDb = testDatabases('cross');

const dayKey = (ms: number) => dayKeyAt(ms, 300); // Asia/Almaty, the test sites' zone
const today = () => dayKey(Date.now());
const inMonths = (n: number) => dayKey(Date.now() + n * 30 * 86_400_000);
let braceletSeq = 0;

async function siteWithChildren(district: TestDistrict, consented: number[]) {
  const siteId = await createSite(district);
  expect(
    (await district.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-TEST-1' })).status,
  ).toBe(200);
  const children: ChildId[] = [];
  const consents: string[] = [];
  for (let i = 0; i < 3; i++) {
    const c = await district.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
      displayName: `Child${i} Cross`,
      group: 'Moons',
      bracelets: [`mifare:${(0xc0d0e000 + braceletSeq++).toString(16).toUpperCase()}`],
    });
    children.push(c.body.childId as ChildId);
  }
  for (const i of consented) {
    const k = await district.admin<Schemas['Consent']>('POST', `/admin/v1/children/${children[i]}/consents`, {
      guardianName: 'Parent',
      grantedOn: today(),
      expiresOn: inMonths(11),
    });
    expect(k.status).toBe(200);
    consents.push(k.body.consentId);
  }
  return { siteId, children, consents };
}

async function tablet(district: TestDistrict, siteId: string, name: string) {
  const db = freshDb(`cross-${name}-${Math.random()}`);
  const paired = await pairKiosk(db, { baseUrl: district.url, code: await pairingCode(district, siteId), deviceName: name });
  if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
  const sync = () =>
    syncOnce({
      db,
      clientFor: (p) => clientFor(p),
      now: Date.now,
      keepAckedDays: 7,
      steps: { afterPush: pullStep(db, Date.now, undefined, { dayKey }) },
    });
  /** What the gate does at boot: a fresh vault and matcher from what is on disk. */
  const boot = async () => {
    const vault = await TemplateVault.open(db, Date.now());
    const gallery = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    const consented = new Set((await db.children.toArray()).filter((c) => c.faceConsent).map((c) => c.id));
    const report = await loadGallery(db, vault, gallery, consented, {
      modelId: EMBEDDER_MODEL_ID,
      nowMs: Date.now(),
      lifetimeMs: 365 * 86_400_000,
    });
    return { vault, gallery, report, recognise: (camera: Float32Array) => gallery.search(vault.rotation.apply(camera)).best };
  };
  let k = 0;
  const enrol = async (childId: ChildId, face: number) => {
    const { vault, gallery } = await boot();
    const samples = Array.from({ length: 6 }, (_, i) => ({ embedding: noisy(randomUnit(face), 1, face * 10 + i), issues: [] }));
    return enrolChild(
      { db, vault, gallery, matchThreshold: 0.36, modelId: EMBEDDER_MODEL_ID, newTemplateId: () => `${name}-${++k}` as TemplateId, dayKey },
      childId,
      samples,
      Date.now(),
    );
  };
  return { db, pairing: paired.pairing, sync, boot, enrol };
}

const camera = (face: number, seed: number) => noisy(randomUnit(face), 1, seed);

describe('a child enrolled on one tablet', { timeout: 30_000 }, () => {
  it("is recognised on the district's other tablet after both sync; the template travels under the district key, never in the clear", async () => {
    const { siteId, children } = await siteWithChildren(d, [0, 1]);
    const a = await tablet(d, siteId, 'a');
    const b = await tablet(d, siteId, 'b');
    expect(await a.sync()).toEqual({ kind: 'done' });
    expect(await b.sync()).toEqual({ kind: 'done' });
    // Both tablets use the district's rotation (same key from the pairing answer).
    const probe = camera(11, 1);
    expect(Array.from((await a.boot()).vault.rotation.apply(probe))).toEqual(Array.from((await b.boot()).vault.rotation.apply(probe)));
    expect((await b.boot()).recognise(camera(11, 2))).toBeNull();

    expect(await a.enrol(children[0]!, 11)).toMatchObject({ kind: 'enrolled' });
    expect(await a.sync()).toEqual({ kind: 'done' });
    expect(await readQueuedUploads(a.db)).toEqual([]);
    // On the server: 12 + 2,048 + 16 bytes of AES-GCM per template. What it hides is the rotated template (unrelated
    // to the face's embedding), and not even that is in the clear.
    const stored = await d.db.query<{ id: string; child_id: string; key_version: number; created_at_ms: number; ciphertext: string }>(
      'select id, child_id, key_version, created_at_ms, ciphertext from templates where child_id = $1',
      [children[0]],
    );
    expect(stored.length).toBeGreaterThanOrEqual(5);
    const vaultA = (await a.boot()).vault;
    const rotated = vaultA.rotation.apply(randomUnit(11));
    for (const t of stored) {
      const bytes = fromBase64Url(t.ciphertext)!;
      expect(bytes.length).toBe(12 + 1024 + 16);
      const plain = await openFromTransport(
        vaultA.transport!,
        {
          templateId: t.id,
          childId: t.child_id,
          keyVersion: t.key_version,
          createdAtMs: Number(t.created_at_ms),
          ciphertext: t.ciphertext,
        },
        EMBEDDER_MODEL_ID,
      );
      expect(cosine(plain!, rotated)).toBeGreaterThan(0.5);
      expect(Math.abs(cosine(plain!, randomUnit(11)))).toBeLessThan(0.2);
      const needle = new Uint8Array(plain!.buffer, 0, 16);
      expect(Buffer.from(bytes).includes(Buffer.from(needle))).toBe(false);
    }

    expect(await b.sync()).toEqual({ kind: 'done' });
    expect(await b.db.templates.where('childId').equals(children[0]!).count()).toBe(stored.length);
    expect(await b.db.childKeys.get(children[0]!)).toBeDefined();
    const gate = await b.boot();
    expect(gate.report).toMatchObject({ loaded: stored.length, skippedInvalid: 0 });
    expect(gate.recognise(camera(11, 777))).toMatchObject({ childId: children[0] });
    // Someone else is not taken for the child.
    expect(gate.recognise(camera(12, 778))!.score).toBeLessThan(0.36);

    // And the other way round: a child enrolled on B is recognised on A; A keeps its own enrolment of child 0.
    expect(await b.enrol(children[1]!, 13)).toMatchObject({ kind: 'enrolled' });
    expect(await b.sync()).toEqual({ kind: 'done' });
    expect(await a.sync()).toEqual({ kind: 'done' });
    const gateA = await a.boot();
    expect(gateA.recognise(camera(13, 901))).toMatchObject({ childId: children[1] });
    expect(gateA.recognise(camera(11, 902))).toMatchObject({ childId: children[0] });
  });

  it('a newer enrolment on another tablet replaces the older one; an older one does not come back', async () => {
    const { siteId, children } = await siteWithChildren(d, [0]);
    const a = await tablet(d, siteId, 'a2');
    const b = await tablet(d, siteId, 'b2');
    await a.sync();
    await b.sync();
    expect(await a.enrol(children[0]!, 21)).toMatchObject({ kind: 'enrolled' });
    await a.sync();
    await b.sync();
    const first = (await b.db.templates.toArray()).map((t) => t.id).sort();
    await new Promise((r) => setTimeout(r, 5));
    // Re-enrolled on B (the face changed): A takes B's templates, B keeps its own.
    expect(await b.enrol(children[0]!, 22)).toMatchObject({ kind: 'enrolled' });
    await b.sync();
    await a.sync();
    const onA = (await a.db.templates.toArray()).map((t) => t.id).sort();
    expect(onA).toEqual((await b.db.templates.toArray()).map((t) => t.id).sort());
    expect(onA.some((id) => first.includes(id))).toBe(false);
    expect((await a.boot()).recognise(camera(22, 5))).toMatchObject({ childId: children[0] });
    await b.sync();
    expect((await b.db.templates.toArray()).map((t) => t.id).sort()).toEqual(onA);
  });

  it("a tablet paired before the district sent its key fetches it at the next sync: its own enrolment moves to the district rotation and it gains the other tablet's", async () => {
    const { siteId, children } = await siteWithChildren(d, [0, 1]);
    const a = await tablet(d, siteId, 'old-a');
    const b = await tablet(d, siteId, 'old-b');
    await a.sync();
    await b.sync();
    expect(await a.enrol(children[0]!, 51)).toMatchObject({ kind: 'enrolled' });
    await a.sync();
    // B as a tablet of the previous release: a local key, the current bundle version held and nothing imported.
    await b.sync();
    await deleteMeta(b.db, 'vault:district-key');
    await b.db.templates.clear();
    await b.db.childKeys.clear();
    expect((await b.boot()).vault.transport).toBeNull();
    expect(await b.enrol(children[1]!, 52)).toMatchObject({ kind: 'enrolled' });

    expect(await b.sync()).toEqual({ kind: 'done' });
    const gateB = await b.boot();
    expect(gateB.vault.transport).not.toBeNull();
    const probe = camera(50, 1);
    expect(Array.from(gateB.vault.rotation.apply(probe))).toEqual(Array.from((await a.boot()).vault.rotation.apply(probe)));
    expect(gateB.recognise(camera(51, 2))).toMatchObject({ childId: children[0] });
    expect(gateB.recognise(camera(52, 3))).toMatchObject({ childId: children[1] });
    expect(await a.sync()).toEqual({ kind: 'done' });
    expect((await a.boot()).recognise(camera(52, 4))).toMatchObject({ childId: children[1] });
  });
});

describe('what must not cross', { timeout: 30_000 }, () => {
  it("a template of another district does not open with this district's key and does not match under its rotation", async () => {
    const one = await siteWithChildren(d, [0]);
    const two = await siteWithChildren(other, [0]);
    const a = await tablet(d, one.siteId, 'x-a');
    const c = await tablet(other, two.siteId, 'x-c');
    await a.sync();
    await c.sync();
    expect(await a.enrol(one.children[0]!, 31)).toMatchObject({ kind: 'enrolled' });
    await a.sync();
    const answer = await clientFor(a.pairing).bundle();
    const foreign = answer.ok && answer.body.kind === 'full' ? answer.body.templates : [];
    expect(foreign.length).toBeGreaterThanOrEqual(5);
    const cVault = (await c.boot()).vault;
    const aVault = (await a.boot()).vault;
    for (const t of foreign) {
      expect(await openFromTransport(aVault.transport!, t, EMBEDDER_MODEL_ID)).not.toBeNull();
      expect(await openFromTransport(cVault.transport!, { ...t, childId: two.children[0]! }, EMBEDDER_MODEL_ID)).toBeNull();
      expect(await openFromTransport(cVault.transport!, t, EMBEDDER_MODEL_ID)).toBeNull();
      // Another model, or the template moved to another child: it does not open either.
      expect(await openFromTransport(aVault.transport!, t, 'another-model')).toBeNull();
      expect(await openFromTransport(aVault.transport!, { ...t, childId: one.children[1]! }, EMBEDDER_MODEL_ID)).toBeNull();
    }
    // The same face enrolled in the other district is unrelated under this district's rotation.
    expect(await c.enrol(two.children[0]!, 31)).toMatchObject({ kind: 'enrolled' });
    const gateC = await c.boot();
    expect(gateC.gallery.search(aVault.rotation.apply(camera(31, 3))).best!.score).toBeLessThan(0.2);
    expect(gateC.recognise(camera(31, 3))).toMatchObject({ childId: two.children[0] });
  });

  it('a child whose consent was revoked never lands on the other tablet, and leaves it if it had landed', async () => {
    const { siteId, children, consents } = await siteWithChildren(d, [0, 1]);
    const a = await tablet(d, siteId, 'r-a');
    const b = await tablet(d, siteId, 'r-b');
    await a.sync();
    await b.sync();
    expect(await a.enrol(children[0]!, 41)).toMatchObject({ kind: 'enrolled' });
    expect(await a.enrol(children[1]!, 42)).toMatchObject({ kind: 'enrolled' });
    await a.sync();
    // Child 0's consent is revoked before B syncs: B never holds their templates or a key for them.
    expect((await d.admin('POST', `/admin/v1/consents/${consents[0]}/revoke`)).status).toBe(200);
    expect(await b.sync()).toEqual({ kind: 'done' });
    expect(await b.db.templates.where('childId').equals(children[0]!).count()).toBe(0);
    expect(await b.db.childKeys.get(children[0]!)).toBeUndefined();
    const sent = await clientFor(b.pairing).bundle();
    expect(sent.ok && sent.body.kind === 'full' && sent.body.templates.some((t) => t.childId === children[0])).toBe(false);
    const gate = await b.boot();
    expect(gate.recognise(camera(41, 7))?.childId).not.toBe(children[0]);
    expect(gate.recognise(camera(42, 7))).toMatchObject({ childId: children[1] });
    // Child 1 had landed on B; their consent is revoked now: B purges them and its receipt reaches the district.
    expect((await d.admin('POST', `/admin/v1/consents/${consents[1]}/revoke`)).status).toBe(200);
    expect(await b.sync()).toEqual({ kind: 'done' });
    expect(await b.db.templates.count()).toBe(0);
    expect(await b.db.childKeys.count()).toBe(0);
    expect((await b.boot()).recognise(camera(42, 8))).toBeNull();
    const receipts = await d.admin<Schemas['PurgeReceipt'][]>('GET', `/admin/v1/devices/${b.pairing.deviceId}/purge-receipts`);
    expect(receipts.body.map((r) => r.childId)).toEqual([children[1]]);
  });
});
