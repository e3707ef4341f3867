// A man in the middle between the kiosk and the real district (test/unit/sync/mitm-proxy.ts): every district answer a
// tablet would act on is refused unless the district signed it for that very request. Forged acknowledgements of
// events, purge receipts, template uploads and the audit log delete nothing; a forged device state moves nothing; a
// forged template key is not installed; a substituted pairing answer pairs nothing; a bundle, an "unchanged" or a delta
// replayed or changed on the way is refused, no success is recorded and face matching pauses when it should; once
// the real district is reached, everything it acknowledged goes and a withdrawn consent is purged.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDecision } from '../../../src/attendance/record-event';
import type { ChildId } from '../../../src/core/types';
import type { GateDb } from '../../../src/storage/db';
import { TemplateVault } from '../../../src/storage/template-vault';
import { deleteMeta } from '../../../src/storage/meta.repo';
import { readPendingReceipts } from '../../../src/storage/purge-receipts.repo';
import { currentFaceState } from '../../../src/sync/face-state';
import type { Fetch } from '../../../src/sync/district-client';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { pullStep } from '../../../src/sync/pull';
import { syncOnce } from '../../../src/sync/sync-once';
import { readAppliedBundle, readServerView, readSyncStatus, readPairing } from '../../../src/sync/sync-state';
import { readQueuedUploads } from '../../../src/storage/upload-queue.repo';
import { AUDIT_CURSOR_KEY } from '../../../src/sync/audit-upload';
import { appendAudit } from '../../../src/storage/audit.repo';
import { keyFingerprint, signAnswer, digestOf } from '../../../src/protocol/answer-signature';
import { ECDSA_KEY } from '../../../src/protocol/http-signature';
import { toBase64Url } from '../../../src/protocol/base64';
import type { components } from '../../../src/protocol/api-types.generated';
import { pairingCode, useTestDistrict } from '../server/district-fixture';
import { testDatabases } from '../../support/test-dbs';
import { camera, dayKey, siteWithChildren } from './district-tablets';
import { forgedJson, startMitm, type Answer, type Mitm } from './mitm-proxy';
import { enrolChild } from '../../../src/enrollment/enrol';
import { Gallery } from '../../../src/core/match';
import { EMBEDDER_MODEL_ID } from '../../../src/pipeline/models/embedder.model';
import type { TemplateId } from '../../../src/core/types';

type Schemas = components['schemas'];

const d = useTestDistrict();
const freshDb = testDatabases('mitm');
let mitm: Mitm;
beforeAll(async () => {
  mitm = await startMitm(d.url);
});
afterAll(async () => {
  await mitm.close();
});

const DAY = 86_400_000;
const json = <T>(a: Answer) => JSON.parse(a.body.toString('utf8')) as T;
const path = (p: string) => p.split('?')[0];

/** A tablet paired with the district through the man in the middle (127.0.0.1: a link without a fingerprint pairs). */
async function tabletBehindMitm(siteId: string) {
  const db = freshDb();
  const paired = await pairKiosk(db, { baseUrl: mitm.url, code: await pairingCode(d, siteId), deviceName: 'mitm' });
  if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
  return { db, pairing: paired.pairing };
}

function sync(db: GateDb, now: () => number = Date.now) {
  return syncOnce({
    db,
    clientFor: (p) => clientFor(p, { now }),
    now,
    keepAckedDays: 7,
    steps: { afterPush: pullStep(db, now, undefined, { dayKey }) },
  });
}

/** `count` check-ins of the site's children in the past hours (16 minutes apart, so none is a repeat). */
async function record(db: GateDb, deviceId: string, children: readonly ChildId[], count: number) {
  const start = Date.now() - count * 16 * 60_000;
  for (let i = 0; i < count; i++) {
    const r = await recordDecision(
      db,
      { kind: 'recognized', childId: children[i % children.length]!, method: 'bracelet', score: null },
      start + i * 16 * 60_000,
      deviceId as never,
      { dayKey },
    );
    if (r.kind !== 'recorded') throw new Error(JSON.stringify(r));
  }
}

async function eventsOnServer(deviceId: string): Promise<number> {
  return (await d.db.query<{ n: number }>('select count(*)::int as n from events where device_id = $1', [deviceId]))[0]!.n;
}

/** The signature header of the last genuine answer the proxy saw (what a forger would paste onto its own answer). */
const lastSignature = () => mitm.recorded[mitm.recorded.length - 1]?.answer.headers['gk-answer-signature'];

describe('forged acknowledgements delete nothing', () => {
  it('"stored" for every pushed event, never sent to the district: the 10 events stay queued and reach it later', async () => {
    const { siteId, children } = await siteWithChildren(d, [], 3);
    const { db, pairing } = await tabletBehindMitm(siteId);
    await record(db, pairing.deviceId, children, 10);
    let forged = 0;
    mitm.intercept(async (r, forward) => {
      if (r.method !== 'POST' || r.path !== '/v1/events') return forward();
      forged++;
      const events = (JSON.parse(r.body.toString()) as Schemas['PushRequest']).events;
      const epoch = (await readServerView(db))!.epoch;
      const ack: Schemas['PushResponse'] = {
        epoch,
        results: events.map((e) => ({ id: e.id, status: 'stored' })),
        head: { seq: events[events.length - 1]!.seq, hash: '0'.repeat(64) },
      };
      return forgedJson(200, ack, lastSignature());
    });
    try {
      expect(await sync(db)).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
    } finally {
      mitm.intercept(null);
    }
    expect(forged).toBe(1);
    expect(await db.outbox.count()).toBe(10);
    expect(await eventsOnServer(pairing.deviceId)).toBe(0);
    expect((await readServerView(db))!.headSeq).toBe(0);
    expect((await readSyncStatus(db)).problem?.code).toBe('answer-unverified');

    expect(await sync(db)).toEqual({ kind: 'done' });
    expect(await db.outbox.count()).toBe(0);
    expect(await eventsOnServer(pairing.deviceId)).toBe(10);
    expect((await readSyncStatus(db)).problem).toBeNull();
  });

  it('purge receipts, template uploads and audit entries stay queued under forged acknowledgements', async () => {
    const { siteId, children } = await siteWithChildren(d, [0, 1], 3);
    const { db } = await tabletBehindMitm(siteId);
    expect(await sync(db)).toEqual({ kind: 'done' });
    // An enrolment here (uploads queued), an audit entry, and a consent withdrawn at the district (a purge receipt).
    const vault = await TemplateVault.open(db, Date.now());
    let n = 0;
    const gallery = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    for (const [child, face] of [
      [children[0]!, 61],
      [children[1]!, 62],
    ] as const) {
      const enrolled = await enrolChild(
        { db, vault, gallery, matchThreshold: 0.36, modelId: EMBEDDER_MODEL_ID, newTemplateId: () => `mitm-${++n}` as TemplateId, dayKey },
        child,
        Array.from({ length: 5 }, (_, i) => ({ embedding: camera(face, i), issues: [] })),
        Date.now(),
      );
      expect(enrolled).toMatchObject({ kind: 'enrolled' });
    }
    await appendAudit(db, { kind: 'staff-sign-in' }, Date.now());
    const consent = (await d.admin<Schemas['ChildAdmin'][]>('GET', `/admin/v1/sites/${siteId}/children`)).body.find(
      (c) => c.childId === children[1],
    )!.consents[0]!;
    expect((await d.admin('POST', `/admin/v1/consents/${consent.consentId}/revoke`)).status).toBe(200);
    const uploads = (await readQueuedUploads(db)).length;
    expect(uploads).toBe(10);
    const auditCursor = (await db.meta.get(AUDIT_CURSOR_KEY))?.value;

    /** Forges the acknowledgement of one endpoint; everything else goes to the district. */
    const forge = (endpoint: '/v1/templates' | '/v1/audit' | '/v1/purge-receipts') =>
      mitm.intercept(async (r, forward) => {
        if (r.path !== endpoint) return forward();
        const body = JSON.parse(r.body.toString()) as Record<string, unknown>;
        if (endpoint === '/v1/templates')
          return forgedJson(200, { templateId: (body as Schemas['TemplateUpload']).templateId, status: 'stored' }, lastSignature());
        if (endpoint === '/v1/purge-receipts')
          return forgedJson(200, { acked: (body as Schemas['PurgeReceiptPush']).receipts.map((x) => x.receiptId) }, lastSignature());
        const last = (body as Schemas['AuditPush']).entries.at(-1)!;
        return forgedJson(200, { head: { seq: last.seq, hash: last.hash } }, lastSignature());
      });
    try {
      // The run uploads templates, then the audit log, then pulls (the withdrawal: a purge receipt) and sends receipts.
      forge('/v1/templates');
      expect(await sync(db)).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
      expect((await readQueuedUploads(db)).length).toBe(uploads);
      expect(await d.db.query('select id from templates where child_id = $1', [children[0]])).toEqual([]);
      forge('/v1/audit');
      expect(await sync(db)).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
      expect((await db.meta.get(AUDIT_CURSOR_KEY))?.value).toBe(auditCursor);
      forge('/v1/purge-receipts');
      expect(await sync(db)).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
      expect((await readPendingReceipts(db)).map((r) => r.childId)).toEqual([children[1]]);
    } finally {
      mitm.intercept(null);
    }

    expect(await sync(db)).toEqual({ kind: 'done' });
    expect(await readQueuedUploads(db)).toEqual([]);
    expect(await readPendingReceipts(db)).toEqual([]);
    const stored = await d.db.query<{ id: string }>('select id from templates where child_id = $1', [children[0]]);
    expect(stored).toHaveLength(5);
  });
});

describe('forged district state and keys change nothing', () => {
  it('a forged device state (another epoch, another head) neither re-queues nor moves what the tablet believes', async () => {
    const { siteId, children } = await siteWithChildren(d, [], 2);
    const { db, pairing } = await tabletBehindMitm(siteId);
    await record(db, pairing.deviceId, children, 5);
    expect(await sync(db)).toEqual({ kind: 'done' });
    const view = await readServerView(db);
    expect(view?.headSeq).toBe(5);
    mitm.intercept(async (r, forward) => {
      if (path(r.path) !== '/v1/device/state') return forward();
      const state: Schemas['DeviceState'] = {
        deviceId: pairing.deviceId,
        siteId,
        epoch: 'ep_forged',
        head: { seq: 0, hash: '0'.repeat(64) },
        serverTimeMs: Date.now(),
      };
      return forgedJson(200, state, lastSignature());
    });
    try {
      expect(await sync(db)).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
    } finally {
      mitm.intercept(null);
    }
    expect(await readServerView(db)).toEqual(view);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a forged template key is not installed; the district key from the real answer is', async () => {
    const { siteId } = await siteWithChildren(d, [0], 1);
    const { db } = await tabletBehindMitm(siteId);
    // A tablet of an earlier release: it has no district key and fetches it at its next sync.
    await deleteMeta(db, 'vault:district-key');
    mitm.intercept(async (r, forward) =>
      path(r.path) === '/v1/template-key'
        ? forgedJson(200, { keyVersion: 1, secret: toBase64Url(new Uint8Array(32).fill(7)) }, lastSignature())
        : forward(),
    );
    try {
      expect(await sync(db)).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
    } finally {
      mitm.intercept(null);
    }
    expect((await TemplateVault.open(db, Date.now())).transport).toBeNull();
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect((await TemplateVault.open(db, Date.now())).transport?.keyVersion).toBe(1);
  });
});

describe('pairing', () => {
  const district = (fetchLog: string[]): Fetch => {
    return async (url, init) => {
      fetchLog.push(url);
      // The tablet thinks it talks to https://district.example.kz; the test routes it to the real district.
      return globalThis.fetch(url.replace('https://district.example.kz', d.url), init as RequestInit);
    };
  };

  it('pairs over HTTPS only with the district whose key the link names', async () => {
    const { siteId } = await siteWithChildren(d, [], 1);
    const code = await d.admin<Schemas['PairingCode']>('POST', `/admin/v1/sites/${siteId}/pairing-codes`);
    const log: string[] = [];
    const db = freshDb();
    const paired = await pairKiosk(db, {
      baseUrl: 'https://district.example.kz',
      code: `https://kiosk.example.kz/#pair=${code.body.code}&k=${code.body.fingerprint}`,
      fetch: district(log),
    });
    expect(paired.kind).toBe('paired');
    expect(log).toEqual(['https://district.example.kz/v1/pair']);
  });

  it('refuses plain HTTP to another machine, and a link without the district key fingerprint, before asking anything', async () => {
    const { siteId } = await siteWithChildren(d, [], 1);
    const code = await d.admin<Schemas['PairingCode']>('POST', `/admin/v1/sites/${siteId}/pairing-codes`);
    const log: string[] = [];
    const db = freshDb();
    const plain = await pairKiosk(db, {
      baseUrl: 'http://district.example.kz',
      code: `#pair=${code.body.code}&k=${code.body.fingerprint}`,
      fetch: district(log),
    });
    expect(plain.kind === 'refused' && plain.error.code).toBe('district-not-https');
    const bare = await pairKiosk(db, { baseUrl: 'https://district.example.kz', code: code.body.code, fetch: district(log) });
    expect(bare.kind === 'refused' && bare.error.code).toBe('pairing-fingerprint-missing');
    expect(log).toEqual([]);
    expect(await readPairing(db)).toBeNull();
  });

  it('a pairing answer whose key a man in the middle replaced (and re-signed) is refused; nothing is stored', async () => {
    const { siteId } = await siteWithChildren(d, [], 1);
    const code = await d.admin<Schemas['PairingCode']>('POST', `/admin/v1/sites/${siteId}/pairing-codes`);
    const attacker = (await globalThis.crypto.subtle.generateKey(ECDSA_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
    const attackerJwk = await globalThis.crypto.subtle.exportKey('jwk', attacker.publicKey);
    mitm.intercept(async (r, forward) => {
      if (r.path !== '/v1/pair') return forward();
      const real = json<Schemas['PairResponse']>(await forward());
      const substituted: Schemas['PairResponse'] = {
        ...real,
        bundleKeyJwk: { kty: 'EC', crv: 'P-256', x: attackerJwk.x!, y: attackerJwk.y! },
        templateKey: { keyVersion: 1, secret: toBase64Url(new Uint8Array(32).fill(9)) },
      };
      const body = Buffer.from(JSON.stringify(substituted));
      // Signed for this very request, with the attacker's own key: only the fingerprint tells it from the district.
      const signature = await signAnswer(attacker.privateKey, {
        nonce: null,
        keyid: null,
        method: 'POST',
        path: '/v1/pair',
        query: '?',
        requestDigest: await digestOf(new Uint8Array(r.body)),
        status: 200,
        answerDigest: await digestOf(new Uint8Array(body)),
      });
      return { status: 200, headers: { 'content-type': 'application/json', 'gk-answer-signature': signature }, body };
    });
    const db = freshDb();
    try {
      const outcome = await pairKiosk(db, { baseUrl: mitm.url, code: `#pair=${code.body.code}&k=${code.body.fingerprint}` });
      expect(outcome.kind === 'refused' && outcome.error.code).toBe('pairing-key-mismatch');
    } finally {
      mitm.intercept(null);
    }
    expect(await readPairing(db)).toBeNull();
    expect((await TemplateVault.open(db, Date.now())).transport).toBeNull();
    expect(await keyFingerprint({ x: attackerJwk.x!, y: attackerJwk.y! })).not.toBe(code.body.fingerprint);
  });
});

describe('replayed and changed bundles', () => {
  it('a genuine bundle served again after it expired is refused: no success, face matching pauses, and the withdrawn consent is purged once the real district is reached', async () => {
    const { siteId, children } = await siteWithChildren(d, [0], 2);
    expect((await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { maxOfflineFaceDays: 1 })).status).toBe(200);
    const { db, pairing } = await tabletBehindMitm(siteId);
    const t0 = Date.now();
    const mark = mitm.recorded.length;
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect(await sync(db)).toEqual({ kind: 'done' }); // an "unchanged", recorded too
    const genuine = mitm.recorded
      .slice(mark)
      .filter((x) => path(x.request.path) === '/v1/bundle')
      .map((x) => x.answer);
    expect(genuine.map((a) => json<{ kind: string }>(a).kind)).toEqual(['full', 'unchanged']);
    const synced = (await readSyncStatus(db)).lastSuccessAtMs!;
    expect(synced).toBeGreaterThanOrEqual(t0);
    // The child is enrolled on this tablet; then the parent withdraws the face consent at the district.
    const vault = await TemplateVault.open(db, Date.now());
    let n = 0;
    expect(
      await enrolChild(
        {
          db,
          vault,
          gallery: new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 }),
          matchThreshold: 0.36,
          modelId: EMBEDDER_MODEL_ID,
          newTemplateId: () => `replay-${++n}` as TemplateId,
          dayKey,
        },
        children[0]!,
        Array.from({ length: 5 }, (_, i) => ({ embedding: camera(71, i), issues: [] })),
        Date.now(),
      ),
    ).toMatchObject({ kind: 'enrolled' });
    const consent = (await d.admin<Schemas['ChildAdmin'][]>('GET', `/admin/v1/sites/${siteId}/children`)).body.find(
      (c) => c.childId === children[0],
    )!.consents[0]!;
    expect((await d.admin('POST', `/admin/v1/consents/${consent.consentId}/revoke`)).status).toBe(200);

    // Two days later (past the bundle's expiry and maxOfflineFaceDays) the man in the middle serves the captured answers.
    const later = synced + 2 * DAY;
    d.clock.ms = later;
    try {
      for (const replayed of genuine) {
        mitm.intercept(async (r, forward) => (path(r.path) === '/v1/bundle' ? replayed : forward()));
        expect(await sync(db, () => later)).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
      }
      mitm.intercept(null);
      expect((await readSyncStatus(db)).lastSuccessAtMs).toBe(synced);
      expect(await currentFaceState(db, later)).toEqual({ allowed: false, reason: 'offline-too-long', sinceMs: synced });
      // Nothing of the replays was applied: the tablet still holds the child's templates (matching is paused instead).
      expect(await db.templates.where('childId').equals(children[0]!).count()).toBe(5);

      // The real district is reached: the withdrawal arrives (a delta), the templates go, the receipt reaches it.
      expect(await sync(db, () => later)).toEqual({ kind: 'done' });
    } finally {
      mitm.intercept(null);
      d.clock.ms = null;
    }
    expect(await db.templates.where('childId').equals(children[0]!).count()).toBe(0);
    expect(await db.childKeys.get(children[0]!)).toBeUndefined();
    expect((await readSyncStatus(db)).lastSuccessAtMs).toBe(later);
    expect(await currentFaceState(db, later)).toEqual({ allowed: true });
    const receipts = await d.admin<Schemas['PurgeReceipt'][]>('GET', `/admin/v1/devices/${pairing.deviceId}/purge-receipts`);
    expect(receipts.body.map((r) => [r.childId, r.reason])).toEqual([[children[0], 'consent-revoked']]);
  });

  it('a delta changed on its way (the withdrawal taken out) is refused whole; the genuine one purges', async () => {
    const { siteId, children } = await siteWithChildren(d, [0, 1], 3);
    const { db } = await tabletBehindMitm(siteId);
    expect(await sync(db)).toEqual({ kind: 'done' });
    const before = await readAppliedBundle(db);
    const consent = (await d.admin<Schemas['ChildAdmin'][]>('GET', `/admin/v1/sites/${siteId}/children`)).body.find(
      (c) => c.childId === children[0],
    )!.consents[0]!;
    expect((await d.admin('POST', `/admin/v1/consents/${consent.consentId}/revoke`)).status).toBe(200);
    const kinds: string[] = [];
    mitm.intercept(async (r, forward) => {
      const answer = await forward();
      if (path(r.path) !== '/v1/bundle') return answer;
      const body = json<Schemas['BundleDelta']>(answer);
      kinds.push(body.kind);
      const kept = { ...body, consents: body.consents.map((k) => ({ ...k, revokedOn: null })) };
      return { ...answer, body: Buffer.from(JSON.stringify(kept)) };
    });
    try {
      expect(await sync(db)).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
    } finally {
      mitm.intercept(null);
    }
    expect(kinds).toEqual(['delta']);
    expect(await readAppliedBundle(db)).toEqual(before);
    expect((await db.children.get(children[0]!))?.faceConsent).toBe(true);
    expect(await sync(db)).toEqual({ kind: 'done' });
    expect((await db.children.get(children[0]!))?.faceConsent).toBe(false);
    expect((await db.children.get(children[0]!))?.faceConsentEnded).toBe('revoked');
  });
});
