// Consent changes on the tablet (src/consent): the states staff see, the enrol button's reason, and revocation applied
// through the path the district uses: the child is not recognised on the next frame, the key is gone, a receipt is queued.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig, defaultGateConfig } from '../../../src/config';
import { consentState, enrolBlock } from '../../../src/core/consent';
import type { ChildId } from '../../../src/core/types';
import { enforceConsentAndLifetime, forgetUnconsented } from '../../../src/consent/live';
import { applyLocalRoster, expireConsents, purgeUnconsentedLeftovers } from '../../../src/consent/purge';
import { enrolChild } from '../../../src/enrollment/enrol';
import { bootGate } from '../../../src/gate/boot';
import { EMBEDDER_MODEL_ID } from '../../../src/pipeline/models/embedder.model';
import { GateDb } from '../../../src/storage/db';
import { parseRoster, type Roster } from '../../../src/storage/roster-format';
import { verifyStoredAudit } from '../../../src/storage/audit.repo';
import { readPendingReceipts } from '../../../src/storage/purge-receipts.repo';
import { readDrift, recordArrival } from '../../../src/storage/drift.repo';
import { face, noisy, randomUnit } from '../gate/gate-fixtures';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-roster.json'), 'utf8')) as Roster;
const aliya = 'child-001' as ChildId;

describe('consent state', () => {
  it('says active, none, revoked or expired, and why enrolment is blocked', () => {
    expect(consentState({ faceConsent: true }, '2025-10-01')).toBe('active');
    expect(consentState({ faceConsent: true, faceConsentExpiresOn: '2025-10-01' }, '2025-10-01')).toBe('active');
    expect(consentState({ faceConsent: true, faceConsentExpiresOn: '2025-09-30' }, '2025-10-01')).toBe('expired');
    expect(consentState({ faceConsent: false }, '2025-10-01')).toBe('none');
    expect(consentState({ faceConsent: false, faceConsentEnded: 'revoked' }, '2025-10-01')).toBe('revoked');
    expect(enrolBlock({ faceConsent: true }, '2025-10-01', true)).toBeNull();
    expect(enrolBlock({ faceConsent: true }, '2025-10-01', false)).toBe('biometrics-off');
    expect(enrolBlock({ faceConsent: false, faceConsentEnded: 'revoked' }, '2025-10-01', true)).toBe('consent-revoked');
    expect(enrolBlock({ faceConsent: false }, '2025-10-01', true)).toBe('consent-none');
  });
});

describe('revocation at the gate', () => {
  const dbs: GateDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) {
      db.close();
      await db.delete();
    }
  });

  async function enrolledGate() {
    const db = new GateDb(`consent-${Math.random()}`);
    dbs.push(db);
    const config = validateConfig({});
    const services = await bootGate({
      config,
      gate: defaultGateConfig,
      initialRoster: fixture,
      db,
      now: () => Date.parse('2025-10-01T08:00:00Z'),
    });
    const samples = Array.from({ length: 6 }, (_, i) => ({ embedding: noisy(randomUnit(40), 1, 400 + i), issues: [] }));
    const deps = {
      db,
      vault: services.vault,
      gallery: services.gallery,
      matchThreshold: config.matchThreshold,
      modelId: EMBEDDER_MODEL_ID,
      dayKey: () => '2025-10-01',
    };
    expect(await enrolChild(deps, aliya, samples, Date.parse('2025-10-01T08:00:00Z'))).toMatchObject({ kind: 'enrolled' });
    let t = 0;
    /** Frames of Aliya's face until the decider decides (the track needs a few frames). */
    const decide = () => {
      for (let i = 0; i < 30; i++) {
        t += 100;
        const d = services.decider.onFrame([face({ embedding: noisy(randomUnit(40), 0.8, 9000 + t) })], t);
        if (d.kind !== 'retry') return d;
      }
      return services.decider.onFrame([face({ embedding: noisy(randomUnit(40), 0.8, 1) })], (t += 100));
    };
    return { db, services, decide };
  }

  it('the child is not recognised on the next frame after a withdrawal, the key is gone and a receipt is queued', async () => {
    const { db, services, decide } = await enrolledGate();
    expect(decide()).toMatchObject({ kind: 'recognized', childId: aliya });
    const templateIds = (await db.templates.where('childId').equals(aliya).primaryKeys()).sort();

    const withdrawn: Roster = {
      ...fixture,
      revision: fixture.revision + 1,
      children: fixture.children.map((c) => (c.id === aliya ? { ...c, faceConsent: false, faceConsentEnded: 'revoked' } : c)),
    };
    const parsed = parseRoster(withdrawn);
    if (parsed.kind !== 'ok') throw new Error(parsed.problems.join());
    expect(await applyLocalRoster(db, parsed.roster, Date.parse('2025-10-01T09:00:00Z'))).toMatchObject({
      kind: 'applied',
      purgedTemplates: 6,
      receipts: 1,
    });
    expect(
      await forgetUnconsented(
        db,
        services.gallery,
        services.roster.children.map((c) => c.id),
      ),
    ).toBe(1);

    expect(services.decider.onFrame([face({ embedding: noisy(randomUnit(40), 0.8, 77) })], 1e6)).not.toMatchObject({ kind: 'recognized' });
    expect(decide()).not.toMatchObject({ kind: 'recognized' });
    expect(await db.childKeys.get(aliya)).toBeUndefined();
    expect(await db.templates.where('childId').equals(aliya).count()).toBe(0);
    const receipts = await readPendingReceipts(db);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ childId: aliya, reason: 'consent-revoked', purgedAtMs: Date.parse('2025-10-01T09:00:00Z') });
    expect([...receipts[0]!.templateIds].sort()).toEqual(templateIds);
    expect((await db.audit.toArray()).map((e) => e.kind)).toEqual(['enrolment', 'purge']);
    expect(await verifyStoredAudit(db)).toMatchObject({ ok: true });
  });

  it("a face check-in adds its score to the child's drift summary; a withdrawal deletes the summary with the templates", async () => {
    const { db, services } = await enrolledGate();
    for (let t = 100; t <= 3000; t += 100)
      await services.controller.onFaces([face({ embedding: noisy(randomUnit(40), 0.8, 5000 + t) })], t);
    const [event] = await db.events.toArray();
    expect(event).toMatchObject({ childId: aliya, method: 'face' });
    expect((await readDrift(db)).get(aliya)).toEqual({
      scores: [Math.round(event!.type === 'mark' ? event!.score! * 1000 : 0) / 1000],
      arrivals: [true],
    });

    const withdrawn: Roster = {
      ...fixture,
      revision: fixture.revision + 1,
      children: fixture.children.map((c) => (c.id === aliya ? { ...c, faceConsent: false, faceConsentEnded: 'revoked' } : c)),
    };
    const parsed = parseRoster(withdrawn);
    if (parsed.kind !== 'ok') throw new Error(parsed.problems.join());
    await applyLocalRoster(db, parsed.roster, Date.parse('2025-10-01T09:00:00Z'));
    expect((await readDrift(db)).has(aliya)).toBe(false);
    // A check-in that was being written while the purge ran records its score after it: nothing is kept of a child
    // whose consent has ended.
    await recordArrival(db, aliya, { method: 'face', score: 0.7 }, { window: 20 });
    expect((await readDrift(db)).has(aliya)).toBe(false);
  });

  it('a consent whose last day passed ends on the tablet without a sync: templates and key purged, receipt says expired', async () => {
    const { db } = await enrolledGate();
    await db.children.update(aliya, { faceConsentExpiresOn: '2025-10-01' });
    expect(await expireConsents(db, Date.parse('2025-10-01T20:00:00Z'), { dayKey: () => '2025-10-01' })).toEqual([]);
    expect(await expireConsents(db, Date.parse('2025-10-02T06:00:00Z'), { dayKey: () => '2025-10-02' })).toEqual([aliya]);
    expect(await db.childKeys.get(aliya)).toBeUndefined();
    expect(await db.templates.count()).toBe(0);
    expect(await db.children.get(aliya)).toMatchObject({ faceConsent: false, faceConsentEnded: 'expired' });
    expect((await readPendingReceipts(db)).map((r) => [r.childId, r.reason])).toEqual([[aliya, 'consent-expired']]);
  });
});

describe('leftovers', () => {
  it('templates and keys of a child without consent that are still on disk are deleted before the matcher is filled', async () => {
    const db = new GateDb(`leftovers-${Math.random()}`);
    const config = validateConfig({});
    const t0 = Date.parse('2025-10-01T08:00:00Z');
    const services = await bootGate({ config, gate: defaultGateConfig, initialRoster: fixture, db, now: () => t0 });
    const deps = {
      db,
      vault: services.vault,
      gallery: services.gallery,
      matchThreshold: config.matchThreshold,
      modelId: EMBEDDER_MODEL_ID,
    };
    const samples = Array.from({ length: 6 }, (_, i) => ({ embedding: noisy(randomUnit(60), 1, 600 + i), issues: [] }));
    expect(await enrolChild({ ...deps, dayKey: () => '2025-10-01' }, aliya, samples, t0)).toMatchObject({ kind: 'enrolled' });
    // A consent flag changed behind the purge's back (no such path exists; this is the safety net at boot).
    await db.children.update(aliya, { faceConsent: false });
    expect(await purgeUnconsentedLeftovers(db, new Set())).toBe(6);
    expect(await db.templates.count()).toBe(0);
    expect(await db.childKeys.get(aliya)).toBeUndefined();
    const again = await bootGate({ config, gate: defaultGateConfig, db, now: () => t0 });
    expect(again.gallery.hasChild(aliya)).toBe(false);
    db.close();
    await db.delete();
  });
});

describe('template lifetime while the kiosk runs', () => {
  it('templates past their lifetime stop matching without a restart; the rest keep matching', async () => {
    const db = new GateDb(`lifetime-${Math.random()}`);
    const config = validateConfig({});
    const t0 = Date.parse('2025-10-01T08:00:00Z');
    const services = await bootGate({ config, gate: defaultGateConfig, initialRoster: fixture, db, now: () => t0 });
    const deps = {
      db,
      vault: services.vault,
      gallery: services.gallery,
      matchThreshold: config.matchThreshold,
      modelId: EMBEDDER_MODEL_ID,
      dayKey: () => '2025-10-01',
    };
    const samples = (seed: number) =>
      Array.from({ length: 6 }, (_, i) => ({ embedding: noisy(randomUnit(seed), 1, seed * 10 + i), issues: [] }));
    await enrolChild(deps, aliya, samples(50), t0);
    await enrolChild(deps, 'child-002' as ChildId, samples(51), t0 + 40 * 86_400_000);
    const lifetimeMs = 365 * 86_400_000;
    const later = t0 + lifetimeMs + 1;
    expect(await enforceConsentAndLifetime(db, services.gallery, lifetimeMs, later, { dayKey: () => '2026-10-02' })).toEqual({
      endedConsents: 0,
      expiredTemplates: 6,
    });
    expect(services.gallery.hasChild(aliya)).toBe(false);
    expect(services.gallery.hasChild('child-002' as ChildId)).toBe(true);
    db.close();
    await db.delete();
  });
});
