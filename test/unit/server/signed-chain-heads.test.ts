// The tablets' own signatures over the heads of their chains, against a real server: each push carries one (the
// kiosk's DistrictClient signs with the device key), the district refuses a push whose signature is not the tablet's
// over the head the push ends at, and keeps the rest. The attack: someone with write access to the district's database
// rewrites a tablet's attendance or audit chain and recomputes every hash after the edit and the device's head, which
// the hash chain alone cannot catch (shown by deleting the kept signatures); the tablet's signature does.
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, hashEvent, sha256Hex } from '../../../src/protocol/event-chain';
import { chainAuditEntry, type AuditEntry, type AuditInput } from '../../../src/protocol/audit-chain';
import { signChainHead } from '../../../src/protocol/chain-head-signature';
import { newNonce, signRequest } from '../../../src/protocol/http-signature';
import { utf8 } from '../../../src/protocol/base64';
import { createDeviceKey } from '../../../src/sync/device-key';
import type { components } from '../../../src/protocol/api-types.generated';
import { runDistrictCommand } from '../../../server/admin/cli-commands';
import { migrations } from '../../../server/db/migrations';
import { makeChain } from './chain-fixture';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();
let siteId: string;
beforeAll(async () => {
  siteId = await createSite(d);
});

const chainsOf = async (deviceId: string, full = true) => {
  const r = await d.admin<Schemas['AuditChainStatus'][]>('GET', `/admin/v1/audit/chains?siteId=${siteId}${full ? '&full=true' : ''}`);
  const found = r.body.find((c) => c.deviceId === deviceId);
  if (found === undefined) throw new Error(`no chain status for ${deviceId}: ${JSON.stringify(r.body)}`);
  return found;
};

function auditChain(inputs: AuditInput[], atMs: number, before: AuditEntry | null = null): AuditEntry[] {
  const out: AuditEntry[] = [];
  inputs.forEach((input, i) => out.push(chainAuditEntry(out[i - 1] ?? before, input, atMs + i * 1000)));
  return out;
}

/** A push signed as the device (its HTTP signature verifies) with the body given as is. */
async function rawPush(keys: CryptoKeyPair, deviceId: string, path: '/v1/events' | '/v1/audit', body: unknown) {
  const bytes = utf8(JSON.stringify(body));
  const headers = await signRequest(
    keys.privateKey,
    { method: 'POST', path, query: '?', body: bytes },
    { created: Math.floor(Date.now() / 1000), nonce: newNonce(), keyid: deviceId },
  );
  const r = await fetch(`${d.url}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: bytes as BufferSource,
  });
  return { status: r.status, body: (await r.json()) as { code?: string; message?: string } };
}

/**
 * What a database insider does: rewrites the rows from `fromSeq` on (to `toSeq`) with `edit`, recomputing every hash and
 * link after it, and the device's head when the rewrite reaches it.
 */
async function rewriteEvents(
  deviceId: string,
  fromSeq: number,
  edit: (body: Record<string, unknown>) => void,
  toSeq = 2 ** 31 - 1,
): Promise<void> {
  const rows = await d.db.query<{ seq: number; body: Record<string, unknown> }>(
    'select seq, body from events where device_id = $1 and seq <= $2 order by seq',
    [deviceId, toSeq],
  );
  let prev: string | null = null;
  for (const row of rows) {
    const body = row.body;
    if (Number(row.seq) === fromSeq) edit(body);
    if (Number(row.seq) >= fromSeq) {
      if (prev !== null) body.prevHash = prev;
      const hash = await hashEvent(body);
      await d.db.query('update events set body = $3, hash = $4, prev_hash = $5, child_id = $6 where device_id = $1 and seq = $2', [
        deviceId,
        row.seq,
        JSON.stringify(body),
        hash,
        body.prevHash,
        body.childId,
      ]);
      prev = hash;
    } else prev = await hashEvent(body);
  }
  if (toSeq === 2 ** 31 - 1) await d.db.query('update devices set head_hash = $2 where id = $1', [deviceId, prev]);
}

async function rewriteAudit(deviceId: string, fromSeq: number, edit: (body: Record<string, unknown>) => void): Promise<void> {
  const rows = await d.db.query<{ seq: number; body: Record<string, unknown>; hash: string }>(
    'select seq, body, hash from device_audit where device_id = $1 order by seq',
    [deviceId],
  );
  let prev: string | null = null;
  for (const row of rows) {
    const body = row.body;
    if (Number(row.seq) < fromSeq) {
      prev = row.hash;
      continue;
    }
    if (Number(row.seq) === fromSeq) edit(body);
    if (prev !== null) body.prevHash = prev;
    const hash = await sha256Hex(canonicalJson(body));
    await d.db.query('update device_audit set body = $3, hash = $4, prev_hash = $5 where device_id = $1 and seq = $2', [
      deviceId,
      row.seq,
      JSON.stringify(body),
      hash,
      body.prevHash,
    ]);
    prev = hash;
  }
  await d.db.query('update devices set audit_hash = $2 where id = $1', [deviceId, prev]);
}

describe("the tablets' signatures over their chains", () => {
  it('keeps the head each push ends at; an attendance chain rewritten in the database, hashes and all, no longer verifies', async () => {
    const device = await pairTestDevice(d, siteId, 'Front door');
    const deviceId = device.pairing.deviceId;
    const first = await makeChain(deviceId, 3);
    expect((await device.client.pushEvents({ events: first.events })).ok).toBe(true);
    const second = await makeChain(deviceId, 2, first.head);
    expect((await device.client.pushEvents({ events: second.events })).ok).toBe(true);
    // The first quick check starts at the newest head the tablet signed (found in the chain); the full one rehashes all.
    expect((await chainsOf(deviceId, false)).attendance).toMatchObject({ events: 5, verified: true, signedSeq: 5, checked: 'new-entries' });
    expect((await chainsOf(deviceId)).attendance).toEqual({
      events: 5,
      headSeq: 5,
      signedSeq: 5,
      verified: true,
      brokenAtSeq: null,
      problemKind: null,
      checked: 'all',
    });
    const kept = await d.db.query<{ seq: number }>(
      "select seq from chain_head_signatures where device_id = $1 and chain = 'events' order by seq",
      [deviceId],
    );
    // Only the newest: it vouches for everything before it (a row per stretch of chain, not per push).
    expect(kept.map((k) => Number(k.seq))).toEqual([5]);

    // An edit that leaves the row's hash as it was breaks the chain's own check: the full one finds it.
    await d.db.query(`update events set body = jsonb_set(body, '{direction}', '"in"') where device_id = $1 and seq = 4`, [deviceId]);
    expect((await chainsOf(deviceId)).attendance).toMatchObject({ verified: false, problemKind: 'hash', brokenAtSeq: 4 });
    await d.db.query(`update events set body = jsonb_set(body, '{direction}', '"out"') where device_id = $1 and seq = 4`, [deviceId]);
    expect((await chainsOf(deviceId)).attendance).toMatchObject({ verified: true });

    // The insider makes event 2 a check-in of another child and rehashes the chain after it, the device's head too.
    await rewriteEvents(deviceId, 2, (body) => {
      body.childId = 'child_padded';
      body.direction = 'in';
    });
    const rewritten = await chainsOf(deviceId);
    expect(rewritten.attendance).toMatchObject({ verified: false, problemKind: 'signature', brokenAtSeq: 5, signedSeq: 5 });
    // The quick check (not `full`) sees it as well: the signed head is held against the chain every time.
    expect((await chainsOf(deviceId, false)).attendance).toMatchObject({ verified: false, problemKind: 'signature' });

    // The CLI says the same.
    const printed = await runDistrictCommand(['audit-chains', '--site', siteId, '--full'], (method, path, body) =>
      d.admin(method, path, body),
    );
    expect(printed).toMatch(/Front door.*DOES NOT VERIFY: the stored chain does not hold event 5 as the tablet signed it/);

    // Without the tablet's signatures the same rewrite passes every other check: that is what they are for.
    await d.db.query("delete from chain_head_signatures where device_id = $1 and chain = 'events'", [deviceId]);
    expect((await chainsOf(deviceId)).attendance).toMatchObject({ verified: true, signedSeq: null });
  });

  it('keeps the newest signed head before a gap a restore left: the stretch before it cannot be rewritten either', async () => {
    const device = await pairTestDevice(d, siteId, 'Restored');
    const deviceId = device.pairing.deviceId;
    const chain = await makeChain(deviceId, 8);
    for (const batch of [chain.events.slice(0, 2), chain.events.slice(2, 4)])
      expect((await device.client.pushEvents({ events: batch })).ok).toBe(true);
    // The district is restored from a backup (a new epoch): the tablet's next push resumes past events 5 and 6.
    await d.admin('POST', '/admin/v1/epoch/rotate');
    for (const batch of [chain.events.slice(6, 7), chain.events.slice(7, 8)])
      expect((await device.client.pushEvents({ events: batch })).ok).toBe(true);
    const kept = await d.db.query<{ seq: number }>(
      "select seq from chain_head_signatures where device_id = $1 and chain = 'events' order by seq",
      [deviceId],
    );
    expect(kept.map((k) => Number(k.seq))).toEqual([4, 8]);
    expect((await chainsOf(deviceId)).attendance).toMatchObject({ events: 6, verified: true, signedSeq: 8 });

    // The links do not cross the gap, so the stretch before it can be rewritten, hashes and all, without touching the
    // head: the head the tablet signed at event 4 is what catches it.
    await rewriteEvents(deviceId, 2, (body) => (body.childId = 'child_padded'), 4);
    expect((await chainsOf(deviceId)).attendance).toMatchObject({ verified: false, problemKind: 'signature', brokenAtSeq: 4 });
    expect((await chainsOf(deviceId, false)).attendance).toMatchObject({ verified: false, problemKind: 'signature', brokenAtSeq: 4 });
  });

  it('does the same for the audit log, and the admin page and CLI say so', async () => {
    const device = await pairTestDevice(d, siteId, 'Back door');
    const deviceId = device.pairing.deviceId;
    const entries = auditChain(
      [
        { kind: 'staff-sign-in' },
        { kind: 'manual-check-in', childId: 'child_1', details: { eventId: 'e1', direction: 'in' } },
        { kind: 'staff-sign-in' },
      ],
      Date.UTC(2026, 10, 2, 3, 0),
    );
    expect((await device.client.pushAudit({ entries })).ok).toBe(true);
    // The first quick check starts at the signed head too; the full one rehashes every entry.
    expect(await chainsOf(deviceId, false)).toMatchObject({ verified: true, signedSeq: 3, entries: 3, checked: 'new-entries' });
    expect(await chainsOf(deviceId)).toMatchObject({ verified: true, signedSeq: 3, headSeq: 3, entries: 3, checked: 'all' });

    // The hand mark becomes a check-out, every hash after it recomputed: only the signature tells.
    await rewriteAudit(deviceId, 2, (body) => {
      (body.details as Record<string, unknown>).direction = 'out';
    });
    const rewritten = await chainsOf(deviceId);
    expect(rewritten).toMatchObject({ verified: false, problemKind: 'signature', brokenAtSeq: 3 });
    expect(rewritten.problem).toMatch(/does not hold entry 3 as the tablet signed it/);
    expect(await chainsOf(deviceId, false)).toMatchObject({ verified: false, problemKind: 'signature', brokenAtSeq: 3 });
    await d.db.query("delete from chain_head_signatures where device_id = $1 and chain = 'audit'", [deviceId]);
    expect(await chainsOf(deviceId)).toMatchObject({ verified: true, signedSeq: null });
  });

  it("refuses a push whose head signature is not the tablet's over the head it ends at, and stores nothing of it", async () => {
    const device = await pairTestDevice(d, siteId, 'Side door');
    const deviceId = device.pairing.deviceId;
    const { events, head } = await makeChain(deviceId, 2);
    const stranger = await createDeviceKey();
    // Signed by another key; by the tablet's key over a head the push does not end at; not a signature at all.
    const forged = [
      await signChainHead(stranger.privateKey, 'events', deviceId, head),
      await signChainHead(device.keys.privateKey, 'events', deviceId, { seq: 1, hash: events[1]!.prevHash }),
      await signChainHead(device.keys.privateKey, 'audit', deviceId, head),
    ];
    for (const headSignature of forged) {
      const r = await rawPush(device.keys, deviceId, '/v1/events', { events, headSignature });
      expect(r).toMatchObject({ status: 400, body: { code: 'head-signature' } });
    }
    const malformed = await rawPush(device.keys, deviceId, '/v1/events', { events, headSignature: 'not-a-signature' });
    expect(malformed.status).toBe(400);
    const stored = await d.db.query<{ n: number }>('select count(*)::int as n from events where device_id = $1', [deviceId]);
    expect(stored[0]!.n).toBe(0);
    const state = await device.client.state();
    expect(state.ok && state.body.head.seq).toBe(0);

    const auditEntries = auditChain([{ kind: 'staff-sign-in' }], Date.UTC(2026, 10, 2, 3, 0));
    const auditForged = await rawPush(device.keys, deviceId, '/v1/audit', {
      entries: auditEntries,
      headSignature: await signChainHead(stranger.privateKey, 'audit', deviceId, { seq: 1, hash: auditEntries[0]!.hash }),
    });
    expect(auditForged).toMatchObject({ status: 400, body: { code: 'head-signature' } });
    expect((await chainsOf(deviceId)).entries).toBe(0);

    // A tablet whose software predates the signatures sends none: its push is stored, and the page says it is unsigned.
    const unsigned = await rawPush(device.keys, deviceId, '/v1/events', { events });
    expect(unsigned.status).toBe(200);
    expect((await chainsOf(deviceId)).attendance).toMatchObject({ events: 2, verified: true, signedSeq: null });
    // Its next push from signing software covers the whole chain, the unsigned part included.
    const more = await makeChain(deviceId, 1, head);
    expect((await device.client.pushEvents({ events: more.events })).ok).toBe(true);
    expect((await chainsOf(deviceId)).attendance).toMatchObject({ events: 3, verified: true, signedSeq: 3 });
  });

  it('keeps the signature of a resent push that the district already held', async () => {
    const device = await pairTestDevice(d, siteId, 'Resend');
    const deviceId = device.pairing.deviceId;
    const { events } = await makeChain(deviceId, 2);
    expect((await rawPush(device.keys, deviceId, '/v1/events', { events })).status).toBe(200);
    // The answer was lost; the tablet, updated meanwhile, sends the same events again, now signed.
    const again = await device.client.pushEvents({ events });
    expect(again.ok && again.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect((await chainsOf(deviceId)).attendance).toMatchObject({ verified: true, signedSeq: 2 });
  });
});

describe('migration 41', () => {
  it('drops the signed heads kept per push before it that a newer one vouches for, and keeps the newest before a gap', async () => {
    const deviceId = (await pairTestDevice(d, siteId, 'Upgraded')).pairing.deviceId;
    const sig = 'A'.repeat(86);
    for (const [chain, seq] of [
      ['events', 2],
      ['events', 5],
      ['events', 9],
      ['events', 12],
      ['audit', 3],
      ['audit', 7],
    ] as const) {
      await d.db.query(
        'insert into chain_head_signatures (device_id, chain, seq, hash, signature, received_at_ms) values ($1, $2, $3, $4, $5, 0)',
        [deviceId, chain, seq, `h${seq}`, sig],
      );
    }
    await d.db.query("insert into chain_gaps (device_id, from_seq, to_seq, epoch, recorded_at_ms) values ($1, 7, 8, 'e', 0)", [deviceId]);
    for (const statement of migrations.find((m) => m.id === 41)!.statements) await d.db.query(statement);
    const left = await d.db.query<{ chain: string; seq: number }>(
      'select chain, seq from chain_head_signatures where device_id = $1 order by chain, seq',
      [deviceId],
    );
    expect(left.map((r) => `${r.chain}:${Number(r.seq)}`)).toEqual(['audit:7', 'events:5', 'events:12']);
  });
});
