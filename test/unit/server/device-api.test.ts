// The device API against a real server over HTTP: pairing, signatures (bad, unknown, replayed, stale refused),
// idempotent chained ingest with acknowledgements only for committed events, the database epoch, and purge receipts
// that carry the device's own signature.
import { beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../src/protocol/event-chain';
import { createDeviceKey, pairingProof, publicJwk } from '../../../src/sync/device-key';
import { DistrictClient } from '../../../src/sync/district-client';
import { newNonce, signRequest } from '../../../src/protocol/http-signature';
import { signPurgeReceipt, verifyPurgeReceipt } from '../../../src/protocol/purge-receipt-signature';
import { utf8 } from '../../../src/protocol/base64';
import { makeChain } from './chain-fixture';
import { createSite, pairingCode, pairTestDevice, useTestDistrict } from './district-fixture';

const d = useTestDistrict();
let siteId: string;
beforeAll(async () => {
  siteId = await createSite(d);
});

async function signedFetch(key: CryptoKey, keyid: string, path: string, body: unknown, params: { created?: number; nonce?: string } = {}) {
  const bytes = utf8(JSON.stringify(body));
  const headers = await signRequest(
    key,
    { method: 'POST', path, query: '?', body: bytes },
    {
      created: params.created ?? Math.floor(Date.now() / 1000),
      nonce: params.nonce ?? newNonce(),
      keyid,
    },
  );
  return {
    headers,
    bytes,
    send: (h = headers, b: Uint8Array = bytes) =>
      fetch(`${d.url}${path}`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: b as BufferSource }),
  };
}

describe('pairing', () => {
  it('binds a key to the site of a one-time code, and the code cannot be used twice', async () => {
    const keys = await createDeviceKey();
    const jwk = await publicJwk(keys.publicKey);
    const code = await pairingCode(d, siteId);
    const client = new DistrictClient({ baseUrl: d.url });
    const first = await client.pair({
      code,
      publicKeyJwk: jwk,
      proof: await pairingProof(keys.privateKey, code, jwk),
      deviceName: 'Front door',
    });
    expect(first).toMatchObject({ ok: true, body: { siteId, epoch: expect.any(String) } });
    const again = await client.pair({ code, publicKeyJwk: jwk, proof: await pairingProof(keys.privateKey, code, jwk) });
    expect(again).toMatchObject({ ok: false, kind: 'refused', status: 403, error: { code: 'pairing-code-invalid' } });
  });

  it('refuses a proof made with another key, and an unknown code', async () => {
    const keys = await createDeviceKey();
    const other = await createDeviceKey();
    const jwk = await publicJwk(keys.publicKey);
    const code = await pairingCode(d, siteId);
    const client = new DistrictClient({ baseUrl: d.url });
    expect(await client.pair({ code, publicKeyJwk: jwk, proof: await pairingProof(other.privateKey, code, jwk) })).toMatchObject({
      ok: false,
      status: 400,
      error: { code: 'bad-proof' },
    });
    expect(
      await client.pair({ code: 'AAAA-BBBB-CCCC', publicKeyJwk: jwk, proof: await pairingProof(keys.privateKey, 'AAAA-BBBB-CCCC', jwk) }),
    ).toMatchObject({ ok: false, status: 403, error: { code: 'pairing-code-invalid' } });
  });

  it('refuses an expired code', async () => {
    const code = await pairingCode(d, siteId);
    const keys = await createDeviceKey();
    const jwk = await publicJwk(keys.publicKey);
    d.clock.ms = Date.now() + 25 * 3_600_000;
    try {
      const r = await new DistrictClient({ baseUrl: d.url, now: d.now }).pair({
        code,
        publicKeyJwk: jwk,
        proof: await pairingProof(keys.privateKey, code, jwk),
      });
      expect(r).toMatchObject({ ok: false, status: 403, error: { code: 'pairing-code-invalid' } });
    } finally {
      d.clock.ms = null;
    }
  });
});

describe('signed requests', () => {
  it('accepts a good signature and refuses a replay of the same request', async () => {
    const { keys, pairing } = await pairTestDevice(d, siteId);
    const { events } = await makeChain(pairing.deviceId, 1);
    const req = await signedFetch(keys.privateKey, pairing.deviceId, '/v1/events', { events });
    expect((await req.send()).status).toBe(200);
    const replay = await req.send();
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: 'replay' });
  });

  it('refuses a changed body, a signature by another key, an unknown device and a stale timestamp', async () => {
    const { keys, pairing } = await pairTestDevice(d, siteId);
    const { events } = await makeChain(pairing.deviceId, 1);
    const tampered = await signedFetch(keys.privateKey, pairing.deviceId, '/v1/events', { events });
    const changed = utf8(JSON.stringify({ events: [{ ...events[0], direction: 'out' }] }));
    const r1 = await tampered.send(tampered.headers, changed);
    expect([r1.status, (await r1.json()).code]).toEqual([401, 'digest-mismatch']);

    const intruder = await createDeviceKey();
    const forged = await signedFetch(intruder.privateKey, pairing.deviceId, '/v1/events', { events });
    const r2 = await forged.send();
    expect([r2.status, (await r2.json()).code]).toEqual([401, 'signature-invalid']);

    const unknown = await signedFetch(keys.privateKey, 'dev_doesnotexist', '/v1/events', { events });
    const r3 = await unknown.send();
    expect([r3.status, (await r3.json()).code]).toEqual([401, 'device-unknown']);

    const stale = await signedFetch(
      keys.privateKey,
      pairing.deviceId,
      '/v1/events',
      { events },
      { created: Math.floor(Date.now() / 1000) - 600 },
    );
    const r4 = await stale.send();
    expect([r4.status, (await r4.json()).code]).toEqual([401, 'signature-expired']);

    // A signature moved onto another path does not verify.
    const moved = await signedFetch(keys.privateKey, pairing.deviceId, '/v1/purge-receipts', { events });
    const r5 = await fetch(`${d.url}/v1/events`, {
      method: 'POST',
      headers: { ...moved.headers, 'content-type': 'application/json' },
      body: moved.bytes as BufferSource,
    });
    expect([r5.status, (await r5.json()).code]).toEqual([401, 'signature-invalid']);

    // Nothing of it was stored.
    const state = await (await pairTestDevice(d, siteId)).client.state();
    expect(state.ok).toBe(true);
    const rows = await d.db.query('select count(*)::int as n from events where device_id = $1', [pairing.deviceId]);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('refuses a revoked device', async () => {
    const { client, pairing } = await pairTestDevice(d, siteId);
    expect((await client.state()).ok).toBe(true);
    expect((await d.admin('POST', `/admin/v1/devices/${pairing.deviceId}/revoke`)).status).toBe(200);
    expect(await client.state()).toMatchObject({ ok: false, status: 401, error: { code: 'device-revoked' } });
  });

  it('refuses a request body outside the contract with 400', async () => {
    const { client } = await pairTestDevice(d, siteId);
    const r = await client.pushEvents({ events: [{ type: 'mark' }] } as never);
    expect(r).toMatchObject({ ok: false, status: 400, error: { code: 'invalid-request' } });
  });
});

describe('attendance ingest', () => {
  it('stores a chain, answers a re-push as duplicate, and keeps one row per event', async () => {
    const { client, pairing } = await pairTestDevice(d, siteId);
    const { events, head } = await makeChain(pairing.deviceId, 50);
    const first = await client.pushEvents({ events });
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(first.body.results.every((r) => r.status === 'stored')).toBe(true);
    expect(first.body.head).toEqual(head);
    const again = await client.pushEvents({ events: [...events.slice(10, 20), ...events.slice(0, 5)] });
    if (!again.ok) throw new Error(JSON.stringify(again));
    expect(again.body.results.map((r) => r.status)).toEqual(Array(15).fill('duplicate'));
    const rows = await d.db.query<{ n: number }>('select count(*)::int as n from events where device_id = $1', [pairing.deviceId]);
    expect(rows[0]!.n).toBe(50);
  });

  it('accepts batches out of order only in chain order: a gap is refused with the expected seq', async () => {
    const { client, pairing } = await pairTestDevice(d, siteId);
    const { events } = await makeChain(pairing.deviceId, 20);
    const late = await client.pushEvents({ events: events.slice(10) });
    if (!late.ok) throw new Error('push failed');
    expect(late.body.results[0]).toEqual({ id: events[10]!.id, status: 'rejected', reason: 'seq-gap', expectedSeq: 1 });
    expect(late.body.head).toEqual({ seq: 0, hash: GENESIS_HASH });
    const early = await client.pushEvents({ events: events.slice(0, 10) });
    expect(early.ok && early.body.results.every((r) => r.status === 'stored')).toBe(true);
    const rest = await client.pushEvents({ events: events.slice(10) });
    expect(rest.ok && rest.body.results.every((r) => r.status === 'stored')).toBe(true);
  });

  it('refuses a broken hash chain and a different event reusing a sequence number', async () => {
    const { client, pairing } = await pairTestDevice(d, siteId);
    const { events } = await makeChain(pairing.deviceId, 3);
    const forged = { ...events[1]!, prevHash: 'f'.repeat(64) };
    const r = await client.pushEvents({ events: [events[0]!, forged, events[2]!] });
    if (!r.ok) throw new Error('push failed');
    expect(r.body.results.map((x) => [x.status, x.reason])).toEqual([
      ['stored', undefined],
      ['rejected', 'prev-hash'],
      ['rejected', 'seq-gap'],
    ]);
    const other = await makeChain(pairing.deviceId, 1);
    const clash = await client.pushEvents({ events: other.events });
    expect(clash.ok && clash.body.results[0]).toMatchObject({ status: 'rejected', reason: 'seq-conflict' });
    // Same id, changed content: not a duplicate.
    const changed = await client.pushEvents({ events: [{ ...events[0]!, direction: 'out' }] });
    expect(changed.ok && changed.body.results[0]).toMatchObject({ status: 'rejected', reason: 'seq-conflict' });
  });

  it('refuses events of another device', async () => {
    const a = await pairTestDevice(d, siteId);
    const b = await pairTestDevice(d, siteId);
    const { events } = await makeChain(b.pairing.deviceId, 1);
    const r = await a.client.pushEvents({ events });
    expect(r.ok && r.body.results[0]).toMatchObject({ status: 'rejected', reason: 'wrong-device' });
  });

  it('parallel pushes of the same batch store each event once', async () => {
    const { client, pairing } = await pairTestDevice(d, siteId);
    const { events } = await makeChain(pairing.deviceId, 100);
    const answers = await Promise.all([1, 2, 3, 4].map(() => client.pushEvents({ events })));
    for (const a of answers) expect(a.ok && a.body.results.every((r) => r.status === 'stored' || r.status === 'duplicate')).toBe(true);
    const rows = await d.db.query<{ n: number }>('select count(*)::int as n from events where device_id = $1', [pairing.deviceId]);
    expect(rows[0]!.n).toBe(100);
  });

  it('after an epoch rotation (restored backup) a chain may resume once past a gap, which is recorded', async () => {
    const { client, pairing } = await pairTestDevice(d, siteId);
    const { events } = await makeChain(pairing.deviceId, 30);
    await client.pushEvents({ events: events.slice(0, 10) });
    const before = await client.state();
    const rotated = await d.admin<{ epoch: string }>('POST', '/admin/v1/epoch/rotate');
    const after = await client.state();
    expect(after.ok && before.ok && after.body.epoch !== before.body.epoch && after.body.epoch === rotated.body.epoch).toBe(true);
    const r = await client.pushEvents({ events: events.slice(20) });
    expect(r.ok && r.body.results.every((x) => x.status === 'stored')).toBe(true);
    const gaps = await d.db.query('select from_seq, to_seq from chain_gaps where device_id = $1', [pairing.deviceId]);
    expect(gaps).toEqual([{ from_seq: 11, to_seq: 20 }]);
    // Only once: a later gap is refused again.
    const more = await makeChain(pairing.deviceId, 5, { seq: 35, hash: GENESIS_HASH });
    const r2 = await client.pushEvents({ events: more.events });
    expect(r2.ok && r2.body.results[0]).toMatchObject({ status: 'rejected', reason: 'seq-gap', expectedSeq: 31 });
  });
});

describe('purge receipts', () => {
  let childId: string;
  beforeAll(async () => {
    childId = (await d.admin<{ childId: string }>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Receipt child' })).body
      .childId;
  });
  const receipt = (n: number) => ({
    receiptId: `0192f0a0-0000-7000-8000-00000000000${n}`,
    childId,
    templateIds: ['t-1', 't-2'],
    purgedAtMs: 1_763_900_000_000,
    reason: 'consent-revoked' as const,
  });

  it('keeps a receipt the device signed, with its signature, and lists it for the district', async () => {
    const { client, keys, pairing } = await pairTestDevice(d, siteId);
    const signed = await signPurgeReceipt(keys.privateKey, pairing.deviceId, receipt(1));
    expect(await client.pushPurgeReceipts({ receipts: [signed] })).toMatchObject({ ok: true, body: { acked: [receipt(1).receiptId] } });
    const listed = (await d.admin<(typeof signed)[]>('GET', `/admin/v1/devices/${pairing.deviceId}/purge-receipts`)).body;
    expect(listed).toEqual([signed]);
    expect(await verifyPurgeReceipt(keys.publicKey, pairing.deviceId, listed[0]!)).toBe(true);
  });

  it("refuses unsigned, altered and other devices' receipts, and stores none of the batch", async () => {
    const { client, keys, pairing } = await pairTestDevice(d, siteId);
    const other = await pairTestDevice(d, siteId);
    const good = await signPurgeReceipt(keys.privateKey, pairing.deviceId, receipt(2));
    const unsigned = receipt(3);
    const altered = { ...(await signPurgeReceipt(keys.privateKey, pairing.deviceId, receipt(4))), templateIds: ['t-1'] };
    const foreign = await signPurgeReceipt(other.keys.privateKey, other.pairing.deviceId, receipt(5));
    for (const bad of [unsigned, altered, foreign]) {
      expect(await client.pushPurgeReceipts({ receipts: [good, bad] })).toMatchObject({
        ok: false,
        status: 400,
        error: { code: 'bad-receipt-signature' },
      });
    }
    const rows = await d.db.query('select count(*)::int as n from purge_receipts where device_id = $1', [pairing.deviceId]);
    expect(rows[0]).toEqual({ n: 0 });
  });
});
