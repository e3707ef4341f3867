// Floods and bad input against a real server over HTTP: a huge chunked body is cut off while it streams in (before
// any authentication) and closed so that a sender still writing reads the 413, a declared over-large body is refused
// unread, a body nested 1.9 million levels deep is refused before it is parsed, a malformed address gets 400 (never a
// 500 with a stack trace), every API answer is no-store, pairing and each tablet are rate-limited with Retry-After,
// and refused logins end up summarised in the audit log.
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { jsonDepth } from '../../../server/http/json-body';
import { MAX_BODY_BYTES } from '../../../server/http/body-limit';
import { SecurityLog, MAX_SOURCES } from '../../../server/services/security-events';
import { listen } from '../../../server/setup';
import { serveStatic } from '../../../server/static';
import { newNonce, signRequest } from '../../../src/protocol/http-signature';
import { utf8 } from '../../../src/protocol/base64';
import { createDeviceKey, pairingProof, publicJwk } from '../../../src/sync/device-key';
import { DistrictClient, type Fetch } from '../../../src/sync/district-client';
import type { components } from '../../../src/protocol/api-types.generated';
import { SmtpSink } from '../../support/smtp-sink';
import { createSite, pairTestDevice, startTestDistrict, useTestDistrict, type TestDistrict } from './district-fixture';
import { person, type PersonClient } from './people-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();
let siteId: string;
beforeAll(async () => {
  siteId = await createSite(d);
});

interface StreamResult {
  status: number | null;
  body: string;
  /** Bytes the client managed to hand to the socket before the server answered (or cut it off). */
  sentBeforeAnswer: number;
  /** Whether the whole body went out. */
  finished: boolean;
}

/** POSTs `totalBytes` of JSON-ish filler with chunked transfer encoding, as fast as the socket takes it. */
function streamChunked(base: string, path: string, totalBytes: number, headers: Record<string, string> = {}): Promise<StreamResult> {
  const url = new URL(path, base);
  return new Promise((resolve) => {
    let sent = 0;
    let sentBeforeAnswer: number | null = null;
    let status: number | null = null;
    let body = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve({ status, body, sentBeforeAnswer: sentBeforeAnswer ?? sent, finished: sent >= totalBytes });
    };
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        sentBeforeAnswer = sent;
        status = res.statusCode ?? null;
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', finish);
        res.on('error', finish);
      },
    );
    req.on('error', finish);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sent < totalBytes && !req.destroyed && sentBeforeAnswer === null) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (sent >= totalBytes) req.end();
    };
    pump();
  });
}

/**
 * A sender that writes `totalBytes` of chunked body in one go, reading nothing meanwhile (a loaded tablet, a big push
 * in flight when the server refused it), then reads: the status line, or the socket error when it got none.
 */
function uploadThenRead(base: string, path: string, totalBytes: number): Promise<string> {
  const url = new URL(path, base);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let read = '';
    socket.pause();
    socket.on('error', (e) => resolve(read || `error ${(e as NodeJS.ErrnoException).code}`));
    socket.on('data', (b: Buffer) => (read += b.toString('latin1')));
    socket.on('end', () => resolve(read.split('\r\n')[0]!));
    socket.write(
      `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const data = Buffer.alloc(64 * 1024, 0x20);
    const chunk = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes && !socket.destroyed) {
        sent += data.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
      socket.resume();
    };
    pump();
  });
}

describe('request bodies', () => {
  it('cuts off a 50 MB chunked body at the 4 MB limit while it streams in, before any authentication', async () => {
    const total = 50 * 1024 * 1024;
    const r = await streamChunked(d.url, '/v1/events', total);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'body-too-large' });
    // The answer came once the limit was passed, not after the whole body: the server never read the rest.
    expect(r.sentBeforeAnswer).toBeLessThan(MAX_BODY_BYTES + 8 * 1024 * 1024);
    expect(r.finished).toBe(false);
    // The admin API too.
    const admin = await streamChunked(d.url, '/admin/v1/sites', total, { authorization: `Bearer ${d.adminToken}` });
    expect(admin.status).toBe(413);
    expect(admin.finished).toBe(false);
  }, 60_000);

  it('lets a sender still writing when it is refused read the 413 rather than a connection reset', async () => {
    // Closed at once with the rest of the body unread, the connection was reset and the answer lost (EPIPE here, "the
    // connection was reset" at a tablet, which then sends the same again); the server now closes in stages.
    const inFlight = MAX_BODY_BYTES + 4 * 1024 * 1024;
    for (let i = 0; i < 3; i++) expect(await uploadThenRead(d.url, '/v1/events', inFlight)).toBe('HTTP/1.1 413 Payload Too Large');
  }, 60_000);

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL('/v1/pair', d.url);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(1024 * 1024 * 1024) },
        },
        (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.write('{"code":"');
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'body-too-large' });
  });

  it('refuses a 3.8 MB body nested 1.9 million levels deep before parsing it, signed or not', async () => {
    const depth = 1_900_000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    expect(deep.length).toBeLessThan(MAX_BODY_BYTES);
    const pair = await fetch(`${d.url}/v1/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
    expect([pair.status, (await pair.json()).code]).toEqual([400, 'json-too-deep']);
    const { keys, pairing } = await pairTestDevice(d, siteId);
    const bytes = utf8(deep);
    const headers = await signRequest(
      keys.privateKey,
      { method: 'POST', path: '/v1/events', query: '?', body: bytes },
      { created: Math.floor(Date.now() / 1000), nonce: newNonce(), keyid: pairing.deviceId },
    );
    const signed = await fetch(`${d.url}/v1/events`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: bytes as BufferSource,
    });
    expect([signed.status, (await signed.json()).code]).toEqual([400, 'json-too-deep']);
  }, 60_000);

  it('measures nesting in one pass, ignoring brackets inside strings', () => {
    expect(jsonDepth(utf8('{"a":[1,{"b":"[[[[{{{{"}],"c":"\\"]"}'))).toBe(3);
    expect(jsonDepth(utf8('"no nesting"'))).toBe(0);
    expect(jsonDepth(utf8('['.repeat(1000)), 32)).toBe(33);
  });
});

describe('addresses and caching', () => {
  it('answers a malformed address with 400 bad-url, never a 500 or a stack trace, also where the kiosk is served', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-static-'));
    writeFileSync(join(dir, 'index.html'), `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`);
    const log: string[] = [];
    const app = createApp({ db: d.db, adminToken: d.adminToken, log: (m) => log.push(m), securityLog: d.security });
    app.use('*', serveStatic(dir));
    const server = await listen(app, '127.0.0.1', 0);
    try {
      for (const path of ['/%E0%A4%A', '/assets/%zz.js', '/admin/v1/sites/%zz/children', '/v1/device/state?x=%E0']) {
        const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${d.adminToken}` } });
        const text = await res.text();
        expect([path, res.status], text).toEqual([path, 400]);
        expect(JSON.parse(text)).toMatchObject({ code: 'bad-url' });
        expect(text).not.toMatch(/at .*\.ts:\d+/);
      }
      expect((await fetch(`${server.url}/`)).status).toBe(200);
      expect(log).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('marks every API answer no-store: signed device answers, refusals and admin answers', async () => {
    const { keys, pairing } = await pairTestDevice(d, siteId);
    const seen: (string | null)[] = [];
    const watching: Fetch = async (input, init) => {
      const res = await fetch(input, init as RequestInit);
      seen.push(res.headers.get('cache-control'));
      return res;
    };
    const client = new DistrictClient({ baseUrl: d.url, fetch: watching }).withCredentials({
      deviceId: pairing.deviceId,
      privateKey: keys.privateKey,
      districtKeyJwk: pairing.bundleKeyJwk,
    });
    expect((await client.state()).ok).toBe(true);
    expect((await client.bundle()).ok).toBe(true);
    expect(seen).toEqual(['no-store', 'no-store']);
    const answers = await Promise.all([
      fetch(`${d.url}/v1/device/state`),
      fetch(`${d.url}/admin/v1/sites`, { headers: { authorization: `Bearer ${d.adminToken}` } }),
      fetch(`${d.url}/admin/v1/sites`),
      fetch(`${d.url}/v1/nowhere`),
    ]);
    for (const res of answers) expect([res.url, res.headers.get('cache-control')]).toEqual([res.url, 'no-store']);
  });
});

/** One request from a chosen loopback address (127.0.0.x), so that the server sees different clients. */
function fromAddress(
  base: string,
  localAddress: string,
  path: string,
  body: unknown,
): Promise<{ status: number; retryAfter: string | null; code: string }> {
  const url = new URL(path, base);
  const bytes = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(bytes) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            retryAfter: res.headers['retry-after'] ?? null,
            code: (JSON.parse(text) as { code: string }).code,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

async function pairingRequest(code: string): Promise<Schemas['PairRequest']> {
  const keys = await createDeviceKey();
  const jwk = await publicJwk(keys.publicKey);
  return { code, publicKeyJwk: jwk, proof: await pairingProof(keys.privateKey, code, jwk) };
}
const wrongPairing = () => pairingRequest('AAAA-BBBB-CCCC');

describe('rate limits and the security log', () => {
  let limited: TestDistrict;
  let limitedSite: string;
  let tabletA: Awaited<ReturnType<typeof pairTestDevice>>;
  let tabletB: Awaited<ReturnType<typeof pairTestDevice>>;
  const sink = new SmtpSink();
  beforeAll(async () => {
    await sink.start();
    limited = await startTestDistrict({
      notices: { mailer: sink.mailer() },
      limits: {
        pairingPerAddress: { burst: 5, perMinute: 5 },
        perDevice: { burst: 4, perMinute: 4 },
        perPerson: { burst: 3, perMinute: 3 },
      },
    });
    limitedSite = await createSite(limited);
    tabletA = await pairTestDevice(limited, limitedSite);
    tabletB = await pairTestDevice(limited, limitedSite);
    return async () => {
      await limited.close();
      await sink.close();
    };
  }, 120_000);

  const audit = async (kind: string) => (await limited.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?kind=${kind}`)).body.entries;

  it('limits pairing attempts per client address, with Retry-After, and logs the wrong codes', async () => {
    const attempt = await wrongPairing();
    const first = [];
    for (let i = 0; i < 6; i++) first.push(await fromAddress(limited.url, '127.0.0.2', '/v1/pair', attempt));
    expect(first.slice(0, 5).map((r) => r.code)).toEqual(Array(5).fill('pairing-code-invalid'));
    expect(first[5]).toMatchObject({ status: 429, code: 'rate-limited' });
    expect(Number(first[5]!.retryAfter)).toBeGreaterThanOrEqual(1);
    // Another address has its own budget.
    const other = [];
    for (let i = 0; i < 4; i++) other.push(await fromAddress(limited.url, '127.0.0.3', '/v1/pair', attempt));
    expect(other.map((r) => r.status)).toEqual([403, 403, 403, 403]);

    await limited.security.flush();
    const refused = await audit('security.pairing-refused');
    const from2 = refused.find((e) => e.summary.includes('127.0.0.2'));
    expect(from2).toMatchObject({
      actor: 'server',
      summaryParams: { count: 5, address: '127.0.0.2' },
      summary: '5 pairing attempts refused from 127.0.0.2 (pairing-code-invalid: 5)',
    });
    const floods = await audit('security.rate-limited');
    expect(floods.map((e) => e.summary)).toEqual(['1 request over the rate limit from 127.0.0.2 (pairing from one address: 1)']);
  });

  it('lets no handful of addresses lock the district out of pairing: a tablet with a real code still pairs', async () => {
    // Each of 12 addresses spends its whole budget on wrong codes (a limit shared by all addresses, as servers had
    // before, was spent after 60 and then refused every tablet and every invitation in the district).
    const attempt = await wrongPairing();
    for (let a = 10; a < 22; a++) {
      const spent = [];
      for (let i = 0; i < 6; i++) spent.push((await fromAddress(limited.url, `127.0.0.${a}`, '/v1/pair', attempt)).status);
      expect(spent).toEqual([403, 403, 403, 403, 403, 429]);
    }
    const code = (await limited.admin<Schemas['PairingCode']>('POST', `/admin/v1/sites/${limitedSite}/pairing-codes`)).body.code;
    const paired = await fromAddress(limited.url, '127.0.0.30', '/v1/pair', await pairingRequest(code));
    expect(paired.status).toBe(200);
  });

  it("limits a signed-in parent's changes (429), not their reading nor another parent", async () => {
    const kid = (await limited.admin<{ childId: string }>('POST', `/admin/v1/sites/${limitedSite}/children`, { displayName: 'Loop Kid' }))
      .body.childId;
    // A minute later (the pairing tests spent this address's budget for invitations), two parents sign up.
    limited.clock.ms = Date.now() + 60_000;
    const looping = await person(limited, { displayName: 'Looping Parent', role: 'parent', childIds: [kid] });
    const other = await person(limited, { displayName: 'Other Parent', role: 'parent', childIds: [kid] });
    const subscribe = (p: PersonClient) => p.call('POST', '/parent/v1/notices/email', { address: 'loop@mail.example', language: 'en' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await subscribe(looping)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await subscribe(looping)).toMatchObject({ status: 429, body: { code: 'rate-limited' } });
    expect((await looping.call('GET', '/parent/v1/notices')).status).toBe(200);
    expect((await subscribe(other)).status).toBe(200);
    await limited.security.flush();
    expect((await audit('security.rate-limited')).map((e) => e.summary)).toContain(
      '2 requests over the rate limit from 127.0.0.1 (changes of one signed-in person: 2)',
    );
    limited.clock.ms = null;
  });

  it("limits each tablet's signed requests (429 with Retry-After) without touching another tablet", async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await tabletA.client.state());
    expect(answers.slice(0, 4).every((r) => r.ok)).toBe(true);
    // The kiosk's client treats 429 as a server failure it retries later with back-off.
    expect(answers[4]).toMatchObject({ ok: false, kind: 'server', status: 429 });
    expect((await tabletB.client.state()).ok).toBe(true);
    const raw = await fetch(`${limited.url}/v1/device/state`);
    expect(raw.status).toBe(401);
  });

  it('logs bad signatures and wrong admin tokens, summarised per source and minute', async () => {
    const { pairing } = await pairTestDevice(d, siteId);
    await d.security.flush(); // what earlier tests counted
    const since = Date.now();
    const intruder = await createDeviceKey();
    for (let i = 0; i < 3; i++) {
      const bytes = utf8('{"events":[]}');
      const headers = await signRequest(
        intruder.privateKey,
        { method: 'POST', path: '/v1/events', query: '?', body: bytes },
        { created: Math.floor(Date.now() / 1000), nonce: newNonce(), keyid: pairing.deviceId },
      );
      const r = await fetch(`${d.url}/v1/events`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: bytes as BufferSource,
      });
      expect(r.status).toBe(401);
    }
    for (let i = 0; i < 4; i++) {
      expect((await fetch(`${d.url}/admin/v1/sites`, { headers: { authorization: `Bearer guess-${i}` } })).status).toBe(401);
    }
    await d.security.flush();
    const page = (await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?limit=200')).body.entries.filter((e) => e.atMs >= since);
    const signature = page.filter((e) => e.kind === 'security.signature-refused' && e.deviceId === pairing.deviceId);
    expect(signature).toHaveLength(1);
    expect(signature[0]).toMatchObject({
      deviceId: pairing.deviceId,
      siteId,
      summary: '3 tablet requests refused from 127.0.0.1: their signatures did not verify (signature-invalid: 3)',
    });
    const admin = page.filter((e) => e.kind === 'security.admin-token-refused');
    expect(admin.map((e) => e.summary)).toEqual(['4 requests with a wrong admin token from 127.0.0.1']);
  });

  it('keeps a flood from many addresses to at most MAX_SOURCES + 1 entries a minute', async () => {
    const rows: unknown[][] = [];
    const log = new SecurityLog({ query: async (_sql, params) => (rows.push(params ?? []), []) }, () => 1_000);
    for (let i = 0; i < 5_000; i++)
      log.record({ kind: 'security.pairing-refused', address: `10.0.${i >> 8}.${i & 255}`, reason: 'pairing-code-invalid' });
    await log.flush();
    expect(rows).toHaveLength(MAX_SOURCES + 1);
    const others = rows
      .map((r) => JSON.parse(r[3] as string) as { address: string; count: number })
      .find((x) => x.address === 'other addresses');
    expect(others?.count).toBe(5_000 - MAX_SOURCES);
  });
});
