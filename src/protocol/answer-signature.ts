// District answers bound to the request they answer (api/openapi.yaml, "Signed answers"): the district signs, with its
// bundle key, the request's nonce, the tablet it was signed as, method, path, query and body digest with the answer's status and body
// digest; the tablet verifies with the key pinned at pairing BEFORE it acts on the answer. A captured answer is worth
// nothing for another request, and a forged acknowledgement does not verify. Also the district key's fingerprint that
// a pairing link carries (RFC 7638 JWK thumbprint). Web Crypto only, the same on the kiosk and the server.
import { fromBase64, toBase64, toBase64Url, utf8 } from './base64';
import { contentDigest, ECDSA_KEY, ECDSA_SIGN } from './http-signature';

/** Response header carrying the district's signature of an answer: `:<base64 of the raw r||s signature>:`. */
export const ANSWER_SIGNATURE_HEADER = 'gk-answer-signature';
const LABEL = 'gate-kiosk/answer/v2';

export interface AnswerBinding {
  /** The nonce of the request's RFC 9421 signature; null for the unsigned pairing request (its body is unique). */
  nonce: string | null;
  /**
   * The tablet the request was signed as (its signature's keyid); null for the pairing request. The tablet checks its
   * own id here: a proxy that puts another tablet's id on its request (an unpaired one, to have "device-revoked" signed
   * for it) gets an answer the tablet does not accept.
   */
  keyid: string | null;
  method: string;
  /** The path as the server receives it, e.g. `/v1/events`. */
  path: string;
  /** The query with its `?`, or `?` when there is none. */
  query: string;
  /** Content-Digest of the request body the tablet sent (`sha-256=:…:`). */
  requestDigest: string;
  status: number;
  /** Content-Digest of the answer body as the tablet reads it (after any content coding is undone). */
  answerDigest: string;
}

export const digestOf = contentDigest;

/** The exact text that is signed, one line per part. */
export function answerSignatureBase(b: AnswerBinding): string {
  return [
    LABEL,
    `nonce: ${b.nonce ?? '-'}`,
    `device: ${b.keyid ?? '-'}`,
    `request: ${b.method.toUpperCase()} ${b.path}${b.query}`,
    `request-digest: ${b.requestDigest}`,
    `status: ${b.status}`,
    `answer-digest: ${b.answerDigest}`,
  ].join('\n');
}

export async function signAnswer(privateKey: CryptoKey, binding: AnswerBinding): Promise<string> {
  const signature = await globalThis.crypto.subtle.sign(ECDSA_SIGN, privateKey, utf8(answerSignatureBase(binding)) as BufferSource);
  return `:${toBase64(new Uint8Array(signature))}:`;
}

/** True only for a well-formed header whose signature verifies for exactly this request and answer. */
export async function verifyAnswer(publicKey: CryptoKey, header: string | null | undefined, binding: AnswerBinding): Promise<boolean> {
  const m = /^:([A-Za-z0-9+/=]+):$/.exec((header ?? '').trim());
  const signature = m === null ? null : fromBase64(m[1]!);
  if (signature === null || signature.length !== 64) return false;
  return globalThis.crypto.subtle.verify(
    ECDSA_SIGN,
    publicKey,
    signature as BufferSource,
    utf8(answerSignatureBase(binding)) as BufferSource,
  );
}

export interface EcPublicJwk {
  x: string;
  y: string;
}

/** The district's public bundle key as a verifying CryptoKey. Throws on a key that is not P-256. */
export function importAnswerKey(jwk: EcPublicJwk): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true }, ECDSA_KEY, false, [
    'verify',
  ]);
}

/** RFC 7638 JWK SHA-256 thumbprint of a P-256 public key, base64url (43 characters): what `#pair=CODE&k=…` carries. */
export async function keyFingerprint(jwk: EcPublicJwk): Promise<string> {
  const canonical = `{"crv":"P-256","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`;
  return toBase64Url(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', utf8(canonical) as BufferSource)));
}

export const FINGERPRINT_PATTERN = /^[A-Za-z0-9_-]{43}$/;
