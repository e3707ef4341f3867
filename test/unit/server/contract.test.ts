// Contract tests: api/openapi.yaml is the one source of truth. The kiosk's generated types are current; every request
// the real kiosk client sends and every answer the real server gives in a full sync validate against the contract;
// and the tablet's hand-written bundle check (no eval under the kiosk CSP) refuses everything the contract refuses.
import 'fake-indexeddb/auto';
import { TemplateVault } from '../../../src/storage/template-vault';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../server/contract/contract';
import { recordDecision } from '../../../src/attendance/record-event';
import { parseBundleAnswer } from '../../../src/core/bundle-shape';
import type { ChildId } from '../../../src/core/types';
import { appendAudit } from '../../../src/storage/audit.repo';
import { GateDb } from '../../../src/storage/db';
import { appendPurgeReceipts, type PurgeReceipt } from '../../../src/storage/purge-receipts.repo';
import type { Fetch } from '../../../src/sync/district-client';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { pullStep } from '../../../src/sync/pull';
import { syncOnce } from '../../../src/sync/sync-once';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairingCode, sealedTemplateStandIn, useTestDistrict, usingPostgres } from './district-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();

const c = contract();
function operationOf(method: string, url: string) {
  const path = new URL(url).pathname;
  for (const op of c.operations.values()) {
    const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (op.method === method.toLowerCase() && pattern.test(path)) return op;
  }
  return null;
}

describe('contract', () => {
  it('runs on the database engine the environment asks for (PGlite, or PostgreSQL with DATABASE_URL)', () => {
    expect(d.db.kind).toBe(usingPostgres() ? 'postgres' : 'pglite');
  });

  it("the kiosk client's types are generated from the current api/openapi.yaml", () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gen-api-types.ts', '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  }, 60_000);

  it('every request of a full kiosk sync and every server answer conform to the contract', async () => {
    const siteId = await createSite(d);
    await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-C-1' });
    const child = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
      displayName: 'Amina S.',
      group: 'Stars',
      bracelets: ['mifare:04CC0001'],
    });
    // Granted today in UTC (never after the site's day in Almaty) and valid a month: active whatever the hour.
    const today = new Date().toISOString().slice(0, 10);
    await d.admin('POST', `/admin/v1/children/${child.body.childId}/consents`, {
      guardianName: 'Parent',
      grantedOn: today,
      expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });

    const seen: string[] = [];
    const problems: string[] = [];
    const checking: Fetch = async (url, init) => {
      const op = operationOf(init.method, url);
      if (op === null) throw new Error(`the client called ${init.method} ${url}, which is not in the contract`);
      if (op.requestSchemaRef !== null) {
        const p = c.check(op.requestSchemaRef, JSON.parse(new TextDecoder().decode(init.body)));
        if (p !== null) problems.push(`${op.operationId} request: ${p}`);
      }
      const res = await globalThis.fetch(url, init as RequestInit);
      const bytes = await res.arrayBuffer();
      const text = new TextDecoder().decode(bytes);
      const ref = op.responses.get(res.status);
      if (ref === undefined) problems.push(`${op.operationId} answered ${res.status}, not in the contract`);
      else if (ref !== null) {
        const p = c.check(ref, JSON.parse(text));
        if (p !== null) problems.push(`${op.operationId} ${res.status} response: ${p}`);
      }
      // Every device answer (and the pairing answer) is signed for its request.
      if (op.security !== 'admin' && res.status < 500 && res.headers.get('gk-answer-signature') === null)
        problems.push(`${op.operationId} ${res.status} answer carries no Gk-Answer-Signature`);
      seen.push(`${op.operationId} ${res.status}`);
      return { status: res.status, headers: res.headers, arrayBuffer: async () => bytes };
    };

    const db = new GateDb(`contract-${Math.random()}`);
    const paired = await pairKiosk(db, { baseUrl: d.url, code: await pairingCode(d, siteId), deviceName: 'contract', fetch: checking });
    if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
    for (let i = 0; i < 3; i++) {
      await recordDecision(
        db,
        { kind: 'recognized', childId: `child_c${i}` as ChildId, method: 'bracelet', score: null },
        Date.now() + i,
        paired.pairing.deviceId,
      );
    }
    const client = clientFor(paired.pairing, { fetch: checking });
    const key = await client.templateKey();
    // The signed endpoint gives the key the pairing answer installed.
    expect(key.ok && key.body.keyVersion).toBe((await TemplateVault.open(db, Date.now())).transport!.keyVersion);
    await client.uploadTemplate({
      templateId: 'tpl_c1',
      childId: child.body.childId,
      createdAtMs: Date.now(),
      keyVersion: 1,
      ciphertext: sealedTemplateStandIn(),
    });
    await client.uploadTemplate({
      templateId: 'tpl_c2',
      childId: 'child_nobody',
      createdAtMs: Date.now(),
      keyVersion: 1,
      ciphertext: sealedTemplateStandIn(),
    });
    const receipt: PurgeReceipt = {
      receiptId: 'rcpt_1',
      childId: child.body.childId,
      templateIds: ['tpl_old'],
      purgedAtMs: Date.now(),
      reason: 'consent-revoked',
    };
    await appendPurgeReceipts(db, [receipt]);
    await appendAudit(
      db,
      { kind: 'manual-check-in', childId: child.body.childId, details: { direction: 'in', eventIds: ['a', 'b'], note: null } },
      Date.now(),
    );
    const outcome = await syncOnce({
      db,
      clientFor: (p) => clientFor(p, { fetch: checking }),
      now: Date.now,
      keepAckedDays: 7,
      steps: { afterPush: pullStep(db, Date.now) },
    });
    await clientFor(paired.pairing, { fetch: checking, now: () => Date.now() - 3_600_000 }).state(); // a refused (stale) signature
    db.close();
    await db.delete();

    expect(outcome).toEqual({ kind: 'done' });
    expect(problems).toEqual([]);
    expect(seen).toEqual(
      expect.arrayContaining([
        'pairDevice 200',
        'uploadTemplate 200',
        'uploadTemplate 409',
        'getDeviceState 200',
        'pushEvents 200',
        'pushPurgeReceipts 200',
        'pushAudit 200',
        'getBundle 200',
        'getDeviceState 401',
        'getTemplateKey 200',
      ]),
    );
  });

  it('full, delta and unchanged answers of the real server conform to the contract; the tablet refuses every one the contract refuses (2,000 random mutations each)', async () => {
    const siteId = await createSite(d);
    await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-C-2' });
    const children: string[] = [];
    for (let i = 0; i < 3; i++) {
      const child = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
        displayName: `Child ${i}`,
        bracelets: [`mifare:04DD000${i}`],
      });
      children.push(child.body.childId);
    }
    const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10); // the sites' day (Asia/Almaty)
    await d.admin('POST', `/admin/v1/children/${children[0]}/consents`, { guardianName: 'Parent', grantedOn: today, expiresOn: today });
    // Pickups in the answers too (the kiosk's prose checks on them must refuse whatever the contract refuses).
    await d.admin('POST', `/admin/v1/children/${children[0]}/pickups`, {
      name: 'Mother',
      cards: ['mifare:04EE0000'],
      code: '2468',
      validFrom: today,
    });
    await d.admin('POST', `/admin/v1/children/${children[0]}/do-not-release`, {
      name: 'Someone',
      reason: 'court order',
      cards: ['mifare:04EE0001'],
    });
    const db = new GateDb(`contract-m-${Math.random()}`);
    const paired = await pairKiosk(db, { baseUrl: d.url, code: await pairingCode(d, siteId) });
    if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
    const client = clientFor(paired.pairing);
    const full = await client.bundle();
    if (!full.ok || full.body.kind !== 'full') throw new Error('no full bundle');
    const same = await client.bundle(full.body.version);
    await d.admin('POST', `/admin/v1/children/${children[1]}/consents`, { guardianName: 'Parent', grantedOn: today, expiresOn: today });
    await d.admin('POST', `/admin/v1/children/${children[1]}/pickups`, { name: 'Father', relation: 'father', code: '97531' });
    const delta = await client.bundle(full.body.version);
    db.close();
    await db.delete();
    if (!same.ok || !delta.ok) throw new Error('no answers');
    expect([same.body.kind, delta.body.kind]).toEqual(['unchanged', 'delta']);
    if (full.body.kind !== 'full' || delta.body.kind !== 'delta') throw new Error('kinds');
    expect([full.body.pickups.length, delta.body.pickups.map((p) => p.adults.length)]).toEqual([1, [1]]);
    for (const [answer, name] of [
      [full.body, 'BundlePayload'],
      [same.body, 'BundleUnchanged'],
      [delta.body, 'BundleDelta'],
    ] as const) {
      expect(c.check(c.schemaRef('BundleAnswer'), answer)).toBeNull();
      expect(c.check(c.schemaRef(name), answer)).toBeNull();
      expect(parseBundleAnswer(answer).ok).toBe(true);
    }

    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const junk: unknown[] = [null, -1, 0.5, 1e300, '', 'x', 'ZZ:01', '25:00', true, [], {}, [1], { a: 1 }, 'mifare:04aa', '2026-13-01'];
    const ref = c.schemaRef('BundleAnswer');
    for (const answer of [full.body, delta.body, same.body]) {
      let refusedByContract = 0;
      for (let i = 0; i < 2000; i++) {
        const copy = JSON.parse(JSON.stringify(answer)) as Record<string, unknown>;
        // Walk to a random object or array inside and replace, delete or add one member.
        let node: Record<string, unknown> | unknown[] = copy;
        for (let depth = 0; depth < 4; depth++) {
          const keys = Object.keys(node);
          if (keys.length === 0) break;
          const k = keys[rand(keys.length)]!;
          const child = (node as Record<string, unknown>)[k];
          if (typeof child !== 'object' || child === null || rand(3) === 0) {
            const action = rand(3);
            if (action === 0) (node as Record<string, unknown>)[k] = junk[rand(junk.length)];
            else if (action === 1 && !Array.isArray(node)) delete node[k];
            else if (!Array.isArray(node)) node[`extra${rand(3)}`] = junk[rand(junk.length)];
            else node.push(junk[rand(junk.length)]);
            break;
          }
          node = child as Record<string, unknown>;
        }
        if (c.check(ref, copy) !== null) {
          refusedByContract++;
          expect(parseBundleAnswer(copy).ok, JSON.stringify(copy).slice(0, 300)).toBe(false);
        }
      }
      expect(refusedByContract).toBeGreaterThan(answer.kind === 'unchanged' ? 1500 : 1000);
    }
  }, 60_000);
});
