// A fault-injecting HTTP proxy on 127.0.0.1 for the sync benchmark: it drops connections before forwarding, answers
// 5xx without forwarding, drops answers after the server committed, duplicates requests (the copy sent later, after
// the answer) and delays requests at random so that they arrive reordered. With several servers it sends requests to
// each in turn (a duplicate usually to another one than the original). Hostile, it also answers pushes itself with
// forged acknowledgements ("stored", with a genuine answer's signature pasted on, the events never forwarded) and
// answers bundle requests with earlier genuine bundle answers (replays). Counts what it did, and records which event
// ids it forged acknowledgements for and which the district really acknowledged.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface FaultRates {
  /** Connection closed before the request reaches the server. */
  dropBefore: number;
  /** 503 answered by the proxy; the server never sees the request. */
  serverError: number;
  /** Forwarded, committed by the server, then the connection is closed instead of answering. */
  dropAfter: number;
  /** Forwarded twice; the second copy goes after the first answer (a retransmission arriving late). */
  duplicate: number;
  /** Held back 0..maxDelayMs before forwarding, so that requests overtake each other. */
  delay: number;
  maxDelayMs: number;
  /** Hostile: POST /v1/events answered by the proxy with "stored" for every event, never forwarded. */
  forgeAck?: number;
  /** Hostile: GET /v1/bundle answered by the proxy with an earlier genuine bundle answer. */
  replayBundle?: number;
}

export const defaultFaults: FaultRates = {
  dropBefore: 0.03,
  serverError: 0.05,
  dropAfter: 0.05,
  duplicate: 0.05,
  delay: 0.1,
  maxDelayMs: 300,
};

/** The default faults plus a man in the middle that forges acknowledgements and replays bundles. */
export const hostileFaults: FaultRates = { ...defaultFaults, forgeAck: 0.1, replayBundle: 0.3 };

export interface FaultCounts {
  requests: number;
  droppedBefore: number;
  serverErrors: number;
  droppedAfter: number;
  duplicated: number;
  delayed: number;
  forgedAcks: number;
  replayedBundles: number;
}

export interface FaultProxy {
  url: string;
  counts: FaultCounts;
  /** Event ids the proxy answered "stored" for without forwarding them. */
  forgedIds: Set<string>;
  /** Event ids the district itself acknowledged (stored or duplicate) in an answer that went through the proxy. */
  deliveredIds: Set<string>;
  close(): Promise<void>;
}

/** Marks a replayed answer for the benchmark's own bookkeeping (the kiosk ignores it; it is not signed). */
export const REPLAYED_HEADER = 'x-bench-replayed';

type Forwarded = { status: number; headers: Record<string, string>; body: Buffer };

function jsonOf(answer: Forwarded): unknown {
  try {
    const bytes = answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.body;
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(
  target: URL,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
    const out = httpRequest({ hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (typeof v === 'string' && k !== 'transfer-encoding' && k !== 'connection') h[k] = v;
        resolve({ status: res.statusCode ?? 502, headers: h, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

/** `targetUrl`: one server, or several (server processes on one PostgreSQL) that requests go to in turn. */
export function startFaultProxy(
  targetUrl: string | readonly string[],
  rates: FaultRates = defaultFaults,
  random: () => number = Math.random,
): Promise<FaultProxy> {
  const targets = (typeof targetUrl === 'string' ? [targetUrl] : targetUrl).map((u) => new URL(u));
  let turn = 0;
  const counts: FaultCounts = {
    requests: 0,
    droppedBefore: 0,
    serverErrors: 0,
    droppedAfter: 0,
    duplicated: 0,
    delayed: 0,
    forgedAcks: 0,
    replayedBundles: 0,
  };
  const forgedIds = new Set<string>();
  const deliveredIds = new Set<string>();
  const bundles: Forwarded[] = [];
  let lastSignature = `:${'A'.repeat(86)}==:`;
  let lastEpoch = 'ep_unknown';
  const kill = (res: ServerResponse) => res.socket?.destroy();
  const server = createServer(async (req, res) => {
    counts.requests++;
    try {
      const body = await readBody(req);
      if (random() < rates.delay) {
        counts.delayed++;
        await new Promise((r) => setTimeout(r, random() * rates.maxDelayMs));
      }
      if (random() < rates.dropBefore) {
        counts.droppedBefore++;
        return kill(res);
      }
      if (random() < rates.serverError) {
        counts.serverErrors++;
        res.writeHead(503, { 'content-type': 'text/plain' }).end('injected 503');
        return;
      }
      if (req.method === 'POST' && req.url === '/v1/events' && random() < (rates.forgeAck ?? 0)) {
        counts.forgedAcks++;
        const events = (JSON.parse(body.toString('utf8')) as { events: { id: string; seq: number }[] }).events;
        for (const e of events) forgedIds.add(e.id);
        const ack = {
          epoch: lastEpoch,
          results: events.map((e) => ({ id: e.id, status: 'stored' })),
          head: { seq: Math.max(...events.map((e) => e.seq)), hash: '0'.repeat(64) },
        };
        res.writeHead(200, { 'content-type': 'application/json', 'gk-answer-signature': lastSignature }).end(JSON.stringify(ack));
        return;
      }
      if (req.method === 'GET' && req.url?.startsWith('/v1/bundle') && bundles.length > 0 && random() < (rates.replayBundle ?? 0)) {
        counts.replayedBundles++;
        const old = bundles[Math.floor(random() * bundles.length)]!;
        res.writeHead(old.status, { ...old.headers, [REPLAYED_HEADER]: '1' }).end(old.body);
        return;
      }
      const duplicate = random() < rates.duplicate;
      const target = targets[turn++ % targets.length]!;
      const answer = await forward(target, req, body);
      if (answer.status === 200 && answer.headers['gk-answer-signature']) lastSignature = answer.headers['gk-answer-signature'];
      if (answer.status === 200 && req.url === '/v1/events') {
        const ack = jsonOf(answer) as { epoch?: string; results?: { id: string; status: string }[] } | null;
        if (typeof ack?.epoch === 'string') lastEpoch = ack.epoch;
        for (const r of ack?.results ?? []) if (r.status === 'stored' || r.status === 'duplicate') deliveredIds.add(r.id);
      }
      if (answer.status === 200 && req.url?.startsWith('/v1/bundle')) {
        bundles.push(answer);
        if (bundles.length > 20) bundles.shift();
      }
      if (duplicate) {
        counts.duplicated++;
        // The late copy: same bytes, same signature and nonce; its answer goes nowhere.
        const other = targets[turn++ % targets.length]!;
        setTimeout(() => void forward(other, req, body).catch(() => undefined), random() * rates.maxDelayMs);
      }
      if (random() < rates.dropAfter) {
        counts.droppedAfter++;
        return kill(res);
      }
      res.writeHead(answer.status, answer.headers).end(answer.body);
    } catch {
      kill(res);
    }
  });
  server.keepAliveTimeout = 1000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        counts,
        forgedIds,
        deliveredIds,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
