// Typed, signed calls to a district server (any server that implements api/openapi.yaml). Every outcome is a value:
// a parsed body for the statuses the contract names, or a failure with a code the runner knows how to retry.
import type { components } from '../protocol/api-types.generated';
import { utf8 } from '../protocol/base64';
import { newNonce, signRequest } from '../protocol/http-signature';

type Schemas = components['schemas'];

export type Fetch = (
  input: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array; signal?: AbortSignal },
) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

/** Why a call did not give an answer: `network` and `server` are retried; the others need a person. */
export type CallFailure =
  | { ok: false; kind: 'network'; message: string }
  | { ok: false; kind: 'server'; status: number; message: string }
  | { ok: false; kind: 'refused'; status: number; error: Schemas['Error'] }
  | { ok: false; kind: 'bad-response'; status: number; message: string };

export type CallResult<T> = { ok: true; status: number; body: T } | CallFailure;

export interface ClientOptions {
  baseUrl: string;
  fetch?: Fetch;
  now?: () => number;
  /** A request that takes longer than this (ms) is abandoned as a network failure. */
  timeoutMs?: number;
}

export interface DeviceCredentials {
  deviceId: string;
  privateKey: CryptoKey;
}

const defaultFetch: Fetch = (input, init) => globalThis.fetch(input, init as RequestInit);

export class DistrictClient {
  private readonly fetch: Fetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly base: URL;

  constructor(
    options: ClientOptions,
    private readonly credentials: DeviceCredentials | null = null,
  ) {
    this.fetch = options.fetch ?? defaultFetch;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  }

  withCredentials(credentials: DeviceCredentials): DistrictClient {
    return new DistrictClient({ baseUrl: this.base.href, fetch: this.fetch, now: this.now, timeoutMs: this.timeoutMs }, credentials);
  }

  pair(request: Schemas['PairRequest']): Promise<CallResult<Schemas['PairResponse']>> {
    return this.call('POST', 'v1/pair', request, false);
  }
  state(): Promise<CallResult<Schemas['DeviceState']>> {
    return this.call('GET', 'v1/device/state', undefined, true);
  }
  pushEvents(request: Schemas['PushRequest']): Promise<CallResult<Schemas['PushResponse']>> {
    return this.call('POST', 'v1/events', request, true);
  }
  uploadTemplate(request: Schemas['TemplateUpload']): Promise<CallResult<Schemas['TemplateAck']>> {
    return this.call('POST', 'v1/templates', request, true);
  }
  templateKey(): Promise<CallResult<Schemas['TemplateKey']>> {
    return this.call('GET', 'v1/template-key', undefined, true);
  }
  confirmTemplateKeyRenewal(request: Schemas['TemplateKeyRenewal']): Promise<CallResult<Schemas['TemplateKeyRenewalAck']>> {
    return this.call('POST', 'v1/template-key/renewed', request, true);
  }
  pushPurgeReceipts(request: Schemas['PurgeReceiptPush']): Promise<CallResult<Schemas['PurgeReceiptAck']>> {
    return this.call('POST', 'v1/purge-receipts', request, true);
  }
  pushAudit(request: Schemas['AuditPush']): Promise<CallResult<Schemas['AuditAck']>> {
    return this.call('POST', 'v1/audit', request, true);
  }
  bundle(): Promise<CallResult<Schemas['SignedBundle']>> {
    return this.call('GET', 'v1/bundle', undefined, true);
  }

  private async call<T>(method: 'GET' | 'POST', relative: string, payload: unknown, signed: boolean): Promise<CallResult<T>> {
    const url = new URL(relative, this.base);
    const body = payload === undefined ? new Uint8Array(0) : utf8(JSON.stringify(payload));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (signed) {
      if (this.credentials === null)
        return { ok: false, kind: 'refused', status: 0, error: { code: 'not-paired', message: 'The tablet is not paired.' } };
      const params = { created: Math.floor(this.now() / 1000), nonce: newNonce(), keyid: this.credentials.deviceId };
      Object.assign(
        headers,
        await signRequest(
          this.credentials.privateKey,
          { method, path: url.pathname, query: url.search === '' ? '?' : url.search, body },
          params,
        ),
      );
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await this.fetch(url.href, {
        method,
        headers,
        ...(payload !== undefined ? { body } : {}),
        signal: controller.signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      return { ok: false, kind: 'network', message: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A proxy's HTML error page, a truncated body: treat 5xx as retryable, anything else as a broken answer.
      if (status >= 500) return { ok: false, kind: 'server', status, message: text.slice(0, 200) };
      return { ok: false, kind: 'bad-response', status, message: 'the answer is not JSON' };
    }
    if (status >= 200 && status < 300) return { ok: true, status, body: parsed as T };
    if (status >= 500 || status === 429 || status === 408) return { ok: false, kind: 'server', status, message: text.slice(0, 200) };
    if (isErrorBody(parsed)) return { ok: false, kind: 'refused', status, error: parsed };
    return { ok: false, kind: 'bad-response', status, message: `status ${status}` };
  }
}

function isErrorBody(value: unknown): value is Schemas['Error'] {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
