// A man in the middle between kiosk tablets and their district, for the sync tests: a real HTTP proxy on 127.0.0.1
// that forwards every request as it is, unless the test's interceptor answers it itself (a forged acknowledgement) or
// changes the district's answer on its way back (a tampered or replayed one). It asks the district for identity
// encoding, as a proxy that wants to read the answers would.
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  /** Path and query, e.g. `/v1/bundle?since=3`. */
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Answers a request: `forward()` sends it to the district and gives back its answer. */
export type Interceptor = (request: Exchange, forward: () => Promise<Answer>) => Promise<Answer>;

export interface Mitm {
  url: string;
  /** Every answer the district gave through the proxy, in order (what a man in the middle can record and replay). */
  recorded: { request: Exchange; answer: Answer }[];
  intercept(fn: Interceptor | null): void;
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

function forward(target: URL, r: Exchange): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...r.headers, host: target.host, 'accept-encoding': 'identity', 'content-length': String(r.body.length) };
    const out = httpRequest({ hostname: target.hostname, port: target.port, path: r.path, method: r.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (typeof v === 'string' && !['transfer-encoding', 'connection', 'content-length', 'keep-alive'].includes(k)) h[k] = v;
        resolve({ status: res.statusCode ?? 502, headers: h, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(r.body);
  });
}

export function startMitm(districtUrl: string): Promise<Mitm> {
  const target = new URL(districtUrl);
  let interceptor: Interceptor | null = null;
  const recorded: Mitm['recorded'] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const exchange: Exchange = { method: req.method ?? 'GET', path: req.url ?? '/', headers, body: await readBody(req) };
      const send = async () => {
        const answer = await forward(target, exchange);
        recorded.push({ request: exchange, answer });
        return answer;
      };
      const answer = interceptor === null ? await send() : await interceptor(exchange, send);
      res.writeHead(answer.status, answer.headers).end(answer.body);
    })().catch(() => res.socket?.destroy());
  });
  server.keepAliveTimeout = 1000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        recorded,
        intercept: (fn) => {
          interceptor = fn;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A JSON answer as a forger would make it, with a signature header copied from a genuine answer when it has one. */
export function forgedJson(status: number, value: unknown, signature?: string): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json', ...(signature !== undefined ? { 'gk-answer-signature': signature } : {}) },
    body: Buffer.from(JSON.stringify(value)),
  };
}
