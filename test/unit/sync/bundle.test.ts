// Pull against the real district server (fake-indexeddb on the tablet side): the roster, consents and settings arrive
// in one transaction; bit-flipped, re-signed, replayed, rolled-back, foreign and expired answers are refused and change
// nothing; a revoked consent or a removed child purges the tablet's templates (through a delta) and the purge receipt
// reaches the server.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { dayKeyAt } from '../../../src/core/attendance-rules';
import type { ChildId, TemplateId } from '../../../src/core/types';
import { GateDb, type TemplateRecord } from '../../../src/storage/db';
import { saveChildTemplates } from '../../../src/storage/gallery.repo';
import { GALLERY_KEY, readHeldGallery, readSiteSettings } from '../../../src/sync/bundle';
import type { Fetch } from '../../../src/sync/district-client';
import { readPendingReceipts } from '../../../src/storage/purge-receipts.repo';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { pullBundle, pullStep, receiveBundle } from '../../../src/sync/pull';
import { syncOnce } from '../../../src/sync/sync-once';
import { currentFaceState } from '../../../src/sync/face-state';
import { appendAudit } from '../../../src/storage/audit.repo';
import { AUDIT_CURSOR_KEY } from '../../../src/sync/audit-upload';
import { readQueuedUploads } from '../../../src/storage/upload-queue.repo';
import { Gallery } from '../../../src/core/match';
import { enrolChild } from '../../../src/enrollment/enrol';
import { EMBEDDER_MODEL_ID } from '../../../src/pipeline/models/embedder.model';
import { TemplateVault } from '../../../src/storage/template-vault';
import { noisy, randomUnit } from '../gate/gate-fixtures';
import { BUNDLE_KEY, readAppliedBundle, readSyncStatus, type Pairing } from '../../../src/sync/sync-state';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairingCode, sealedTemplateStandIn, UNLIMITED, useTestDistrict } from '../server/district-fixture';
import { testDatabases } from '../../support/test-dbs';

type Schemas = components['schemas'];

// One tablet pulls hundreds of forged answers here: the per-tablet rate limit (test/unit/server/floods.test.ts) is off.
const d = useTestDistrict({ limits: { perDevice: UNLIMITED } });

const freshDb = testDatabases('sync-bundle');

const dayKey = (ms: number) => dayKeyAt(ms, 300); // Asia/Almaty, the test sites' zone
const today = () => dayKey(Date.now());
let braceletSeq = 0;
const inMonths = (n: number) => dayKey(Date.now() + n * 30 * 86_400_000);

async function siteWithChildren(consentedIdx: number[] = [0, 1]) {
  const siteId = await createSite(d);
  const bio = await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-TEST-1' });
  expect(bio.status).toBe(200);
  const children: string[] = [];
  for (let i = 0; i < 4; i++) {
    const c = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
      displayName: `Child${i} Test`,
      group: 'Stars',
      bracelets: [`mifare:${(0xa0b0c000 + braceletSeq++).toString(16).toUpperCase()}`],
    });
    expect(c.status).toBe(200);
    children.push(c.body.childId);
  }
  const consents: string[] = [];
  for (const i of consentedIdx) {
    const k = await d.admin<Schemas['Consent']>('POST', `/admin/v1/children/${children[i]}/consents`, {
      guardianName: 'Parent',
      grantedOn: today(),
      expiresOn: inMonths(11),
    });
    expect(k.status).toBe(200);
    consents.push(k.body.consentId);
  }
  return { siteId, children, consents };
}

async function kiosk(siteId: string) {
  const db = freshDb();
  const paired = await pairKiosk(db, { baseUrl: d.url, code: await pairingCode(d, siteId), deviceName: 'bundle test' });
  if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
  return { db, pairing: paired.pairing };
}

/** The bundle answers (`kind`) a tablet received through `fetch`. */
function answerKinds() {
  const kinds: string[] = [];
  const fetch: Fetch = async (url, init) => {
    const response = await globalThis.fetch(url, init as RequestInit);
    if (!new URL(url).pathname.endsWith('/v1/bundle') || response.status !== 200) return response;
    const bytes = await response.arrayBuffer();
    kinds.push((JSON.parse(new TextDecoder().decode(bytes)) as { kind: string }).kind);
    return { status: response.status, headers: response.headers, arrayBuffer: async () => bytes };
  };
  return { kinds, fetch };
}

function sync(db: GateDb, fetch?: Fetch) {
  return syncOnce({
    db,
    clientFor: (p) => clientFor(p, fetch ? { fetch } : {}),
    now: Date.now,
    keepAckedDays: 7,
    steps: { afterPush: pullStep(db, Date.now, undefined, { dayKey }) },
  });
}

function template(childId: string, id: string): TemplateRecord {
  // Sealed bytes as the vault writes them (contents do not matter to the bundle: it purges by child).
  const ciphertext = new Uint8Array(2064).map((_, i) => (i * 31 + id.length) & 0xff);
  return {
    id: id as TemplateId,
    childId: childId as ChildId,
    modelId: 'test-model',
    createdAtMs: Date.now(),
    keyVersion: 1,
    iv: new Uint8Array(12),
    ciphertext,
  };
}

function saveTemplates(db: GateDb, childId: ChildId, records: TemplateRecord[]) {
  return saveChildTemplates(db, childId, { childId, wrapped: new Uint8Array(40), createdAtMs: Date.now() }, records, { nowMs: Date.now() });
}

async function snapshot(db: GateDb) {
  return JSON.stringify({
    children: await db.children.orderBy('id').toArray(),
    templates: (await db.templates.orderBy('id').toArray()).map((t) => ({
      ...t,
      iv: Array.from(t.iv),
      ciphertext: Array.from(t.ciphertext),
    })),
    keys: await db.childKeys.orderBy('childId').primaryKeys(),
    // The version held and its roster (its freshness moves with every verified answer).
    bundle: { ...(await readAppliedBundle(db)), expiresAtMs: undefined },
    gallery: await readHeldGallery(db),
    settings: await readSiteSettings(db),
  });
}

describe('pull', () => {
  it('applies roster, bracelets, consents, settings and the consented gallery in one go', async () => {
    const { siteId, children } = await siteWithChildren([0, 1]);
    const { db, pairing } = await kiosk(siteId);
    // A template uploaded by a tablet for a consented child; one for a child without consent is refused.
    const up = await clientFor(pairing).uploadTemplate({
      templateId: 'tpl_a',
      childId: children[0]!,
      createdAtMs: Date.now(),
      keyVersion: 1,
      ciphertext: sealedTemplateStandIn(),
    });
    expect(up.ok && up.body.status).toBe('stored');
    const refused = await clientFor(pairing).uploadTemplate({
      templateId: 'tpl_x',
      childId: children[2]!,
      createdAtMs: Date.now(),
      keyVersion: 1,
      ciphertext: sealedTemplateStandIn(),
    });
    expect(!refused.ok && refused.kind === 'refused' && refused.error.code).toBe('consent-required');

    expect(await sync(db)).toEqual({ kind: 'done' });
    const local = await db.children.orderBy('id').toArray();
    expect(local.map((c) => c.id).sort()).toEqual([...children].sort());
    const first = local.find((c) => c.id === children[0])!;
    expect(first.firstName).toBe('Child0');
    expect(first.braceletUid).toMatch(/^mifare:/);
    expect(
      local
        .filter((c) => c.faceConsent)
        .map((c) => c.id)
        .sort(),
    ).toEqual([children[0], children[1]].sort());
    // The consented child's template travels in the bundle (one base64, no wrapping); the other child's never.
    const full = await clientFor(pairing).bundle();
    expect(full.ok && full.body.kind === 'full' && full.body.templates.map((t) => t.templateId)).toEqual(['tpl_a']);
    expect((await readHeldGallery(db))!.version).toBe((await readAppliedBundle(db))!.version);
    expect((await readSiteSettings(db))!.biometricsEnabled).toBe(true);
    // A second sync with nothing new changes nothing but the freshness: the district answers "unchanged".
    const before = await snapshot(db);
    const contact = (await readSyncStatus(db)).lastSuccessAtMs!;
    const seen = answerKinds();
    expect(await sync(db, seen.fetch)).toEqual({ kind: 'done' });
    expect(seen.kinds).toEqual(['unchanged']);
    expect(await snapshot(db)).toBe(before);
    expect((await readSyncStatus(db)).lastSuccessAtMs).toBeGreaterThanOrEqual(contact);
  });

  it('uploads queued enrolment templates before the pull; one of a child whose consent ended meanwhile is refused and leaves the queue', async () => {
    const { siteId, children, consents } = await siteWithChildren([0, 1]);
    const { db } = await kiosk(siteId);
    expect(await sync(db)).toEqual({ kind: 'done' });
    const vault = await TemplateVault.open(db, Date.now());
    const gallery = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    let n = 0;
    const deps = {
      db,
      vault,
      gallery,
      matchThreshold: 0.36,
      modelId: EMBEDDER_MODEL_ID,
      newTemplateId: () => `enr_${++n}` as TemplateId,
      dayKey,
    };
    const samples = (face: number) =>
      Array.from({ length: 5 }, (_, i) => ({ embedding: noisy(randomUnit(face), 1, face * 10 + i), issues: [] }));
    expect(await enrolChild(deps, children[0] as ChildId, samples(1), Date.now())).toMatchObject({ kind: 'enrolled' });
    expect(await enrolChild(deps, children[1] as ChildId, samples(2), Date.now())).toMatchObject({ kind: 'enrolled' });
    expect(await readQueuedUploads(db)).toHaveLength(10);
    expect((await d.admin('POST', `/admin/v1/consents/${consents[1]}/revoke`)).status).toBe(200);
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect(await readQueuedUploads(db)).toEqual([]);
    const mine = ['enr_1', 'enr_2', 'enr_3', 'enr_4', 'enr_5'];
    const onServer = await d.db.query<{ id: string }>('select id from templates where child_id = any($1) order by id', [children]);
    expect(onServer.map((r) => r.id)).toEqual(mine);
    // The tablet keeps its own templates of the consented child (not re-imported) and purged the other child's.
    expect(await db.templates.orderBy('id').primaryKeys()).toEqual(mine);
  });

  it('refuses 300 bit-flipped, re-signed or replayed answers and a rolled-back one, and keeps the old roster and gallery', async () => {
    const { siteId, children } = await siteWithChildren([0]);
    const { db, pairing } = await kiosk(siteId);
    const client = clientFor(pairing);
    await client.uploadTemplate({
      templateId: 'tpl_keep',
      childId: children[0]!,
      createdAtMs: Date.now(),
      keyVersion: 1,
      ciphertext: sealedTemplateStandIn(),
    });
    const old = await client.bundle();
    if (!old.ok) throw new Error('no bundle');
    expect((await receiveBundle(db, old.body, pairing, Date.now(), { dayKey })).kind).toBe('applied');
    await d.admin('POST', `/admin/v1/children/${children[1]}/consents`, {
      guardianName: 'Parent',
      grantedOn: today(),
      expiresOn: inMonths(6),
    });
    expect((await pullBundle(db, client, pairing, Date.now(), { dayKey })).kind).toBe('applied');
    expect(await saveTemplates(db, children[0] as ChildId, [template(children[0]!, 'local_1')])).toEqual({ kind: 'saved', replaced: 0 });
    const before = await snapshot(db);
    let captured: { bytes: ArrayBuffer; signature: string } | null = null;
    const capture: Fetch = async (url, init) => {
      const r = await globalThis.fetch(url, init as RequestInit);
      const bytes = await r.arrayBuffer();
      if (new URL(url).pathname === '/v1/bundle') captured = { bytes, signature: r.headers.get('gk-answer-signature')! };
      return { status: r.status, headers: r.headers, arrayBuffer: async () => bytes };
    };
    // A genuine full bundle of the version the tablet holds, captured to be replayed as if it answered a later request.
    const throwaway = await kiosk(siteId);
    await clientFor(throwaway.pairing, { fetch: capture }).bundle();
    const stale = captured!;

    // A still newer version, so that a mutation which kept an answer valid would be applied.
    await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { matchThreshold: 0.4 });
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let kind = 0;
    const mitm: Fetch = async (url, init) => {
      const r = await globalThis.fetch(url, init as RequestInit);
      const bytes = new Uint8Array(await r.arrayBuffer());
      const headers = new Headers(r.headers);
      headers.delete('content-encoding');
      if (new URL(url).pathname !== '/v1/bundle') return new Response(bytes, { status: r.status, headers });
      if (kind === 0) {
        const bit = rand(bytes.length * 8);
        bytes[bit >> 3]! ^= 1 << (bit & 7);
      } else if (kind === 1) {
        const sig = headers.get('gk-answer-signature')!;
        const i = 1 + rand(sig.length - 4);
        headers.set('gk-answer-signature', `${sig.slice(0, i)}${sig[i] === 'A' ? 'B' : 'A'}${sig.slice(i + 1)}`);
      } else {
        headers.set('gk-answer-signature', stale.signature);
        return new Response(stale.bytes, { status: 200, headers });
      }
      return new Response(bytes, { status: r.status, headers });
    };
    const codes = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      kind = i % 3;
      const outcome = await pullBundle(db, clientFor(pairing, { fetch: mitm }), pairing, Date.now(), { dayKey });
      const code = outcome.kind === 'failed' ? outcome.failure.kind : outcome.kind;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    expect(Object.fromEntries(codes)).toEqual({ unverified: 300 });
    // A genuine answer of an older version (that only a replay could deliver) is refused as a rollback.
    const rolledBack = await receiveBundle(db, old.body, pairing, Date.now(), { dayKey });
    expect(rolledBack.kind === 'refused' && rolledBack.code).toBe('bundle-rollback');
    expect(await snapshot(db)).toBe(before);
    // The genuine newer answer is still applied afterwards.
    expect((await pullBundle(db, client, pairing, Date.now(), { dayKey })).kind).toBe('applied');
    expect((await readSiteSettings(db))!.matchThreshold).toBe(0.4);
  }, 120_000);

  it('refuses a bundle of another site and an expired one, applying nothing', async () => {
    const a = await siteWithChildren([0]);
    const b = await siteWithChildren([0]);
    const { db, pairing } = await kiosk(a.siteId);
    const other = await kiosk(b.siteId);
    const foreign = await clientFor(other.pairing).bundle();
    if (!foreign.ok) throw new Error('no bundle');
    const r1 = await receiveBundle(db, foreign.body, pairing, Date.now(), { dayKey });
    expect(r1.kind === 'refused' && r1.code).toBe('bundle-site');
    const own = await clientFor(pairing).bundle();
    if (!own.ok) throw new Error('no bundle');
    const r2 = await receiveBundle(db, own.body, pairing, Date.now() + 30 * 86_400_000, { dayKey });
    expect(r2.kind === 'refused' && r2.code).toBe('bundle-expired');
    expect(await db.children.count()).toBe(0);
    expect(await db.meta.get(BUNDLE_KEY)).toBeUndefined();
    expect(await db.meta.get(GALLERY_KEY)).toBeUndefined();
  });

  it('checks expiry whatever the version: an expired answer for the version held records no contact with the district', async () => {
    const { siteId } = await siteWithChildren([0]);
    const { db, pairing } = await kiosk(siteId);
    const client = clientFor(pairing);
    const full = await client.bundle();
    if (!full.ok || full.body.kind !== 'full') throw new Error('no bundle');
    const appliedAt = Date.now();
    expect((await receiveBundle(db, full.body, pairing, appliedAt, { dayKey })).kind).toBe('applied');
    const same = await client.bundle(full.body.version);
    if (!same.ok) throw new Error('no answer');
    expect(same.body.kind).toBe('unchanged');
    const held = await readAppliedBundle(db);
    // Read after it ran out (the same version, and the same full bundle again): refused, nothing recorded.
    for (const answer of [same.body, full.body]) {
      const late = await receiveBundle(db, answer, pairing, answer.expiresAtMs + 1, { dayKey });
      expect(late.kind === 'refused' && late.code).toBe('bundle-expired');
    }
    expect(await readAppliedBundle(db)).toEqual(held);
    expect((await readSyncStatus(db)).lastSuccessAtMs).toBe(appliedAt);
    // In time, the same answer confirms the version held and records the contact.
    expect((await receiveBundle(db, same.body, pairing, same.body.issuedAtMs + 1, { dayKey })).kind).toBe('unchanged');
    expect((await readSyncStatus(db)).lastSuccessAtMs).toBe(same.body.issuedAtMs + 1);
  });

  it('answers signed by another key are refused: a problem for staff, and the runner is told a person is needed', async () => {
    const { siteId } = await siteWithChildren([0]);
    const { db } = await kiosk(siteId);
    const pinned: Pairing = { ...((await db.meta.get('sync:pairing'))!.value as Pairing) };
    // Pin another district key: every answer of this server now fails its signature check.
    const stranger = (await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const jwk = await globalThis.crypto.subtle.exportKey('jwk', stranger.publicKey);
    await db.meta.put({ key: 'sync:pairing', value: { ...pinned, bundleKeyJwk: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } } });
    expect(await sync(db)).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
    expect((await readSyncStatus(db)).problem?.code).toBe('answer-unverified');
    expect((await readSyncStatus(db)).lastSuccessAtMs).toBeNull();
    expect(await db.children.count()).toBe(0);
  });
});

describe('revocation end to end', () => {
  it('admin revokes a consent and removes a child: the tablet purges their templates and the receipts reach the server', async () => {
    const { siteId, children, consents } = await siteWithChildren([0, 1]);
    const { db, pairing } = await kiosk(siteId);
    expect(await sync(db)).toEqual({ kind: 'done' });
    await saveTemplates(db, children[0] as ChildId, [template(children[0]!, 't0a'), template(children[0]!, 't0b')]);
    await saveTemplates(db, children[1] as ChildId, [template(children[1]!, 't1a')]);
    expect(await db.templates.count()).toBe(3);

    expect((await d.admin('POST', `/admin/v1/consents/${consents[0]}/revoke`)).status).toBe(200);
    expect((await d.admin('POST', `/admin/v1/children/${children[1]}/remove`)).status).toBe(200);
    const seen = answerKinds();
    expect(await sync(db, seen.fetch)).toEqual({ kind: 'done' });
    // Only the two children changed: the tablet got a delta, and the purge went through it.
    expect(seen.kinds).toEqual(['delta']);

    expect(await db.templates.count()).toBe(0);
    expect(await db.childKeys.count()).toBe(0);
    const local = await db.children.toArray();
    expect(local.find((c) => c.id === children[0])!.faceConsent).toBe(false);
    expect(local.some((c) => c.id === children[1])).toBe(false);
    expect(await readPendingReceipts(db)).toEqual([]);
    const receipts = await d.admin<Schemas['PurgeReceipt'][]>('GET', `/admin/v1/devices/${pairing.deviceId}/purge-receipts`);
    const byChild = Object.fromEntries(receipts.body.map((r) => [r.childId, r]));
    expect(byChild[children[0]!]!.reason).toBe('consent-revoked');
    expect([...byChild[children[0]!]!.templateIds].sort()).toEqual(['t0a', 't0b']);
    expect(byChild[children[1]!]!.reason).toBe('child-removed');
    // The purges are in the tablet's audit log, which reached the district in the same run.
    const audit = await d.admin<Schemas['AuditEntry'][]>('GET', `/admin/v1/devices/${pairing.deviceId}/audit`);
    expect(
      audit.body
        .filter((e) => e.kind === 'purge')
        .map((e) => e.childId)
        .sort(),
    ).toEqual([children[0], children[1]].sort());
  });

  it('switching biometrics off empties the gallery on the tablet', async () => {
    const { siteId, children } = await siteWithChildren([0]);
    const { db } = await kiosk(siteId);
    await sync(db);
    await saveTemplates(db, children[0] as ChildId, [template(children[0]!, 'tb')]);
    await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: false });
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect(await db.templates.count()).toBe(0);
    expect((await db.children.toArray()).some((c) => c.faceConsent)).toBe(false);
    expect((await readSiteSettings(db))!.biometricsEnabled).toBe(false);
    // The district's change of the site settings is in the tablet's audit log.
    const changes = (await db.audit.where('kind').equals('settings-change').toArray()).map((e) => e.details?.biometricsEnabled);
    expect(changes).toEqual([true, false]);
  });

  it('face matching stops after maxOfflineFaceDays without a sync and resumes with the next one; bracelets are unaffected', async () => {
    const { siteId } = await siteWithChildren([0]);
    const { db } = await kiosk(siteId);
    await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { maxOfflineFaceDays: 2 });
    expect(await sync(db)).toEqual({ kind: 'done' });
    const synced = (await readSyncStatus(db)).lastSuccessAtMs!;
    const DAY = 86_400_000;
    expect(await currentFaceState(db, synced + 2 * DAY)).toEqual({ allowed: true });
    expect(await currentFaceState(db, synced + 2 * DAY + 1)).toEqual({ allowed: false, reason: 'offline-too-long', sinceMs: synced });
    // The roster (and with it every bracelet) stays as it was.
    expect((await db.children.toArray()).every((c) => c.braceletUid !== null)).toBe(true);
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect(await currentFaceState(db, (await readSyncStatus(db)).lastSuccessAtMs! + DAY)).toEqual({ allowed: true });
  });

  it("uploads the audit log once, in order, and resumes where a restored server's chain ends", async () => {
    const { siteId, children } = await siteWithChildren([0]);
    const { db, pairing } = await kiosk(siteId);
    for (let i = 0; i < 3; i++)
      await appendAudit(db, { kind: 'manual-check-in', childId: children[i]!, details: { direction: 'in' } }, Date.now() + i);
    expect(await sync(db)).toEqual({ kind: 'done' });
    const path = `/admin/v1/devices/${pairing.deviceId}/audit`;
    const first = await d.admin<Schemas['AuditEntry'][]>('GET', path);
    // Entry 4: the first bundle brought the site's settings (a settings change in the log).
    expect(first.body.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(first.body[3]!.kind).toBe('settings-change');
    expect(first.body).toEqual(await db.audit.orderBy('seq').toArray());
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect((await d.admin<unknown[]>('GET', path)).body).toHaveLength(4);

    // The district restores a backup that lacks entries 2 and 3: the tablet's next upload resumes at 2.
    await d.db.query('delete from device_audit where device_id = $1 and seq > 1', [pairing.deviceId]);
    await d.db.query('update devices set audit_seq = 1, audit_hash = $2 where id = $1', [pairing.deviceId, first.body[0]!.hash]);
    await appendAudit(db, { kind: 'staff-sign-in' }, Date.now() + 10);
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect((await d.admin<Schemas['AuditEntry'][]>('GET', path)).body.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await db.meta.get(AUDIT_CURSOR_KEY))!.value).toBe(5);
  });

  it('the server refuses an audit entry that does not match its hash or does not continue the chain', async () => {
    const { siteId } = await siteWithChildren([]);
    const { db, pairing } = await kiosk(siteId);
    const e1 = await appendAudit(db, { kind: 'staff-sign-in' }, Date.now());
    const e2 = await appendAudit(db, { kind: 'staff-sign-in' }, Date.now() + 1);
    const e3 = await appendAudit(db, { kind: 'staff-sign-in' }, Date.now() + 2);
    const client = clientFor(pairing);
    const forged = await client.pushAudit({ entries: [{ ...e1, kind: 'rekey' }] });
    expect(!forged.ok && forged.kind === 'refused' && forged.error.code).toBe('audit-hash');
    expect((await client.pushAudit({ entries: [e1] })).ok).toBe(true);
    const gap = await client.pushAudit({ entries: [e3] });
    expect(!gap.ok && gap.kind === 'refused' && [gap.error.code, (gap.error.details as { expectedSeq: number }).expectedSeq]).toEqual([
      'audit-chain',
      2,
    ]);
    const ok = await client.pushAudit({ entries: [e1, e2, e3] });
    expect(ok.ok && ok.body.head).toEqual({ seq: 3, hash: e3.hash });
  });
});
