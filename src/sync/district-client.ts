// Typed, signed calls to a district server (any server that implements api/openapi.yaml). Every answer the tablet may
// act on is verified first: it must carry the district's signature for THIS request (src/protocol/answer-signature.ts)
// made with the key pinned at pairing; one that does not is `unverified` and nothing is done with it. Every outcome is
// a value: a parsed body for the statuses the contract names, or a failure with a code the runner knows how to retry.
import type { components } from '../protocol/api-types.generated';
import { ANSWER_SIGNATURE_HEADER, digestOf, importAnswerKey, verifyAnswer, type AnswerBinding } from '../protocol/answer-signature';
import { utf8 } from '../protocol/base64';
import { signChainHead, type SignedChain } from '../protocol/chain-head-signature';
import { hashEvent } from '../protocol/event-chain';
import { contentDigest, newNonce, signRequest } from '../protocol/http-signature';

type Schemas = components['schemas'];

export type Fetch = (
  input: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array; signal?: AbortSignal },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** Why a call did not give an answer: `network` and `server` are retried; the others need a person. */
export type CallFailure =
  | { ok: false; kind: 'network'; message: string }
  | { ok: false; kind: 'server'; status: number; message: string }
  | { ok: false; kind: 'refused'; status: number; error: Schemas['Error'] }
  | { ok: false; kind: 'bad-response'; status: number; message: string }
  /** The answer does not carry the district's valid signature for this request (forged, replayed, or from a stranger). */
  | { ok: false; kind: 'unverified'; status: number; message: string };

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
  /** The district's bundle key pinned at pairing: every answer must verify with it. */
  districtKeyJwk: { x: string; y: string };
}

const defaultFetch: Fetch = (input, init) => globalThis.fetch(input, init as RequestInit);

export class DistrictClient {
  private readonly fetch: Fetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly base: URL;
  private districtKey: Promise<CryptoKey | null> | null = null;

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

  /** The pairing answer, verified with the key it carries (the caller compares that key with the link's fingerprint). */
  pair(request: Schemas['PairRequest']): Promise<CallResult<Schemas['PairResponse']>> {
    return this.call('POST', 'v1/pair', request, false);
  }
  state(): Promise<CallResult<Schemas['DeviceState']>> {
    return this.call('GET', 'v1/device/state', undefined, true);
  }
  /** The events, with this tablet's signature over the chain's head they end at (see withHeadSignature). */
  async pushEvents(request: Schemas['PushRequest']): Promise<CallResult<Schemas['PushResponse']>> {
    return this.call('POST', 'v1/events', await this.withHeadSignature(request, 'events', request.events, hashEvent), true);
  }
  uploadTemplate(request: Schemas['TemplateUpload']): Promise<CallResult<Schemas['TemplateAck']>> {
    return this.call('POST', 'v1/templates', request, true);
  }
  templateKey(): Promise<CallResult<Schemas['TemplateKey']>> {
    return this.call('GET', 'v1/template-key', undefined, true);
  }
  /** Gives the district this tablet's wrapping key (a tablet paired before keys were wrapped), once. */
  registerWrapKey(request: Schemas['WrapKeyRegistration']): Promise<CallResult<Schemas['WrapKeyRegistration']>> {
    return this.call('POST', 'v1/wrap-key', request, true);
  }
  confirmTemplateKeyRenewal(request: Schemas['TemplateKeyRenewal']): Promise<CallResult<Schemas['TemplateKeyRenewalAck']>> {
    return this.call('POST', 'v1/template-key/renewed', request, true);
  }
  pushPurgeReceipts(request: Schemas['PurgeReceiptPush']): Promise<CallResult<Schemas['PurgeReceiptAck']>> {
    return this.call('POST', 'v1/purge-receipts', request, true);
  }
  /** The audit entries, with this tablet's signature over the log's head they end at (see withHeadSignature). */
  async pushAudit(request: Schemas['AuditPush']): Promise<CallResult<Schemas['AuditAck']>> {
    return this.call('POST', 'v1/audit', await this.withHeadSignature(request, 'audit', request.entries, (e) => e.hash), true);
  }

  /**
   * The request with `headSignature`: the device key's signature over the head of the chain the request ends at (its
   * entry with the highest seq, as the district takes it; src/protocol/chain-head-signature.ts), which the district
   * keeps, so that a chain rewritten in its database no longer ends in a head the tablet signed. Unchanged when the
   * tablet is not paired (the call is refused anyway).
   */
  private async withHeadSignature<R extends object, E extends { seq: number }>(
    request: R,
    chain: SignedChain,
    entries: readonly E[],
    hashOf: (entry: E) => string | Promise<string>,
  ): Promise<R> {
    const newest = entries.reduce<E | undefined>((a, e) => (a === undefined || e.seq > a.seq ? e : a), undefined);
    if (this.credentials === null || newest === undefined) return request;
    const head = { seq: newest.seq, hash: await hashOf(newest) };
    return { ...request, headSignature: await signChainHead(this.credentials.privateKey, chain, this.credentials.deviceId, head) };
  }
  /** The figures of the tablet's recognition self-test (numbers and counts only). */
  pushRecognitionReport(request: Schemas['RecognitionReportUpload']): Promise<CallResult<Schemas['RecognitionReportAck']>> {
    return this.call('POST', 'v1/recognition-report', request, true);
  }
  /** `since`: the bundle version the tablet holds (and can build a delta on); absent: the full bundle. */
  bundle(since?: number): Promise<CallResult<Schemas['BundleAnswer']>> {
    return this.call('GET', since === undefined ? 'v1/bundle' : `v1/bundle?since=${since}`, undefined, true);
  }
  /** The site's other tablets' attendance of `day` (the site's), one page from `after` (a cursor the district gave). */
  siteEvents(day: string, after?: string): Promise<CallResult<Schemas['SiteEventsPage']>> {
    const query = new URLSearchParams({ day });
    if (after !== undefined && after !== '') query.set('after', after);
    return this.call('GET', `v1/site-events?${query.toString()}`, undefined, true);
  }

  /** The pinned district key as a verifying key; null when it cannot be imported (then nothing verifies). */
  private pinnedKey(): Promise<CryptoKey | null> {
    const jwk = this.credentials?.districtKeyJwk;
    this.districtKey ??= jwk === undefined ? Promise.resolve(null) : importAnswerKey(jwk).catch(() => null);
    return this.districtKey;
  }

  private async call<T>(method: 'GET' | 'POST', relative: string, payload: unknown, signed: boolean): Promise<CallResult<T>> {
    const url = new URL(relative, this.base);
    const query = url.search === '' ? '?' : url.search;
    const body = payload === undefined ? new Uint8Array(0) : utf8(JSON.stringify(payload));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    let nonce: string | null = null;
    if (signed) {
      if (this.credentials === null)
        return { ok: false, kind: 'refused', status: 0, error: { code: 'not-paired', message: 'The tablet is not paired.' } };
      nonce = newNonce();
      const params = { created: Math.floor(this.now() / 1000), nonce, keyid: this.credentials.deviceId };
      Object.assign(headers, await signRequest(this.credentials.privateKey, { method, path: url.pathname, query, body }, params));
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let status: number;
    let bytes: Uint8Array;
    let answerSignature: string | null;
    try {
      const response = await this.fetch(url.href, {
        method,
        headers,
        ...(payload !== undefined ? { body } : {}),
        signal: controller.signal,
      });
      status = response.status;
      answerSignature = response.headers.get(ANSWER_SIGNATURE_HEADER);
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      return { ok: false, kind: 'network', message: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
    const text = new TextDecoder().decode(bytes);
    // A proxy's error page, an overloaded server: retried later, never acted on, so no signature is needed.
    if (status >= 500 || status === 429 || status === 408) return { ok: false, kind: 'server', status, message: text.slice(0, 200) };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const binding: AnswerBinding = {
      nonce,
      // Its own id: an answer to a request a proxy relabelled as another tablet's does not verify.
      keyid: signed ? this.credentials!.deviceId : null,
      method,
      path: url.pathname,
      query,
      requestDigest: signed ? headers['content-digest']! : await contentDigest(body),
      status,
      answerDigest: await digestOf(bytes),
    };
    const key = signed ? await this.pinnedKey() : await keyOfPairingAnswer(status, parsed);
    const verified = key !== null && (await verifyAnswer(key, answerSignature, binding));
    // A refused pairing cannot be verified (the tablet has no key yet); it changes nothing on the tablet.
    if (!verified && (signed || (status >= 200 && status < 300))) {
      return {
        ok: false,
        kind: 'unverified',
        status,
        message: `the answer to ${method} ${url.pathname} (status ${status}) does not carry a valid district signature for this request`,
      };
    }
    if (parsed === undefined) return { ok: false, kind: 'bad-response', status, message: 'the answer is not JSON' };
    if (status >= 200 && status < 300) return { ok: true, status, body: parsed as T };
    if (isErrorBody(parsed)) return { ok: false, kind: 'refused', status, error: parsed };
    return { ok: false, kind: 'bad-response', status, message: `status ${status}` };
  }
}

/** A successful pairing answer is verified with the key it carries (pinned from then on). */
async function keyOfPairingAnswer(status: number, parsed: unknown): Promise<CryptoKey | null> {
  const jwk = (parsed as { bundleKeyJwk?: { x?: unknown; y?: unknown } } | undefined)?.bundleKeyJwk;
  if (status < 200 || status >= 300 || typeof jwk?.x !== 'string' || typeof jwk.y !== 'string') return null;
  return importAnswerKey({ x: jwk.x, y: jwk.y }).catch(() => null);
}

function isErrorBody(value: unknown): value is Schemas['Error'] {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
