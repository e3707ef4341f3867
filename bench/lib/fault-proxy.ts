// A fault-injecting HTTP proxy on 127.0.0.1 for the sync benchmark: it drops connections before forwarding, answers
// 5xx without forwarding, drops answers after the server committed, duplicates requests (the copy sent later, after
// the answer) and delays requests at random so that they arrive reordered. With several servers it sends requests to
// each in turn (a duplicate usually to another one than the original). Counts what it did.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
}

export const defaultFaults: FaultRates = {
  dropBefore: 0.03,
  serverError: 0.05,
  dropAfter: 0.05,
  duplicate: 0.05,
  delay: 0.1,
  maxDelayMs: 300,
};

export interface FaultCounts {
  requests: number;
  droppedBefore: number;
  serverErrors: number;
  droppedAfter: number;
  duplicated: number;
  delayed: number;
}

export interface FaultProxy {
  url: string;
  counts: FaultCounts;
  close(): Promise<void>;
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
  const counts: FaultCounts = { requests: 0, droppedBefore: 0, serverErrors: 0, droppedAfter: 0, duplicated: 0, delayed: 0 };
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
      const duplicate = random() < rates.duplicate;
      const target = targets[turn++ % targets.length]!;
      const answer = await forward(target, req, body);
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
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
