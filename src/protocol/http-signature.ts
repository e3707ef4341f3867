// HTTP Message Signatures (RFC 9421 subset) shared by the kiosk (signs) and the server (verifies): the covered
// components, the signature base, Content-Digest, and a strict parser of Signature-Input. Web Crypto only.
import { fromBase64, toBase64, utf8 } from './base64';

export const SIGNATURE_LABEL = 'sig1';
export const SIGNATURE_ALG = 'ecdsa-p256-sha256';
/** Every signed request covers exactly these, in this order. */
export const COVERED_COMPONENTS = ['@method', '@path', '@query', 'content-digest'] as const;
/** How far (s) the `created` time of a request may be from the server's clock. */
export const SIGNATURE_MAX_SKEW_S = 300;

export interface SignatureParams {
  created: number;
  nonce: string;
  keyid: string;
}

export interface SignedParts {
  method: string;
  /** The path as the server receives it, e.g. `/v1/events`. */
  path: string;
  /** The query with its `?`, or `?` when there is none (RFC 9421 §2.2.7). */
  query: string;
  contentDigest: string;
}

export const ECDSA_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
export const ECDSA_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** `Content-Digest` value of a body (the empty body for GET). */
export async function contentDigest(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', body as BufferSource));
  return `sha-256=:${toBase64(digest)}:`;
}

/** The inner list + parameters after `sig1=` in Signature-Input (also the last line of the signature base). */
export function signatureParamsValue(p: SignatureParams): string {
  const components = COVERED_COMPONENTS.map((c) => `"${c}"`).join(' ');
  return `(${components});created=${p.created};nonce="${p.nonce}";keyid="${p.keyid}";alg="${SIGNATURE_ALG}"`;
}

export function signatureBase(parts: SignedParts, params: SignatureParams): string {
  return [
    `"@method": ${parts.method.toUpperCase()}`,
    `"@path": ${parts.path}`,
    `"@query": ${parts.query}`,
    `"content-digest": ${parts.contentDigest}`,
    `"@signature-params": ${signatureParamsValue(params)}`,
  ].join('\n');
}

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/** Parses `sig1=(...);created=..;nonce="..";keyid="..";alg=".."`, refusing anything but the exact shape we sign. */
export function parseSignatureInput(header: string): SignatureParams | null {
  const m = /^sig1=\(([^)]*)\);created=(\d{1,12});nonce="([^"]*)";keyid="([^"]*)";alg="([^"]*)"$/.exec(header.trim());
  if (m === null) return null;
  const components = m[1]!.split(' ').map((c) => c.replace(/^"|"$/g, ''));
  if (components.join(',') !== COVERED_COMPONENTS.join(',')) return null;
  if (m[5] !== SIGNATURE_ALG || !NONCE.test(m[3]!) || !TOKEN.test(m[4]!)) return null;
  return { created: Number(m[2]), nonce: m[3]!, keyid: m[4]! };
}

/** The raw signature bytes from `Signature: sig1=:<base64>:`. */
export function parseSignature(header: string): Uint8Array | null {
  const m = /^sig1=:([A-Za-z0-9+/=]+):$/.exec(header.trim());
  if (m === null) return null;
  const bytes = fromBase64(m[1]!);
  return bytes !== null && bytes.length === 64 ? bytes : null;
}

export interface SignedHeaders {
  'content-digest': string;
  'signature-input': string;
  signature: string;
}

/** Signs a request with the device's private key; returns the three headers to send. */
export async function signRequest(
  key: CryptoKey,
  request: { method: string; path: string; query: string; body: Uint8Array },
  params: SignatureParams,
): Promise<SignedHeaders> {
  const digest = await contentDigest(request.body);
  const base = signatureBase({ method: request.method, path: request.path, query: request.query, contentDigest: digest }, params);
  const signature = new Uint8Array(await globalThis.crypto.subtle.sign(ECDSA_SIGN, key, utf8(base) as BufferSource));
  return {
    'content-digest': digest,
    'signature-input': `${SIGNATURE_LABEL}=${signatureParamsValue(params)}`,
    signature: `${SIGNATURE_LABEL}=:${toBase64(signature)}:`,
  };
}

/** A fresh random nonce (base64url of 18 random bytes). */
export function newNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[b & 63]).join('');
}

/** The message a tablet signs with its new key to prove it holds it when pairing. */
export function pairingProofMessage(code: string, jwk: { x: string; y: string }, wrapKey?: { x: string; y: string }): string {
  const base = `gate-kiosk-pair:${code}:${jwk.x}:${jwk.y}`;
  // The wrapping key too, when the tablet gives one: a proxy cannot put its own in its place.
  return wrapKey === undefined ? base : `${base}:${wrapKey.x}:${wrapKey.y}`;
}
