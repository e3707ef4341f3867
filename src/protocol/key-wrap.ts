// The district's template key, wrapped to one tablet (api/openapi.yaml TemplateKey.wrapped): TLS alone leaves it
// readable to a proxy that intercepts HTTPS with a root the school's devices trust, and the key opens every child's face
// template of the site. The tablet holds a non-extractable ECDH P-256 key whose public half it gave at pairing (covered
// by the pairing proof) or registered with a signed request; the district derives an AES-256-GCM key from an ephemeral
// ECDH exchange with it (HKDF-SHA256, the tablet and key version in the info and the additional data) and seals the
// 32-byte secret. Only that tablet opens it. WebCrypto only, the same on the kiosk and the server.
import { fromBase64Url, toBase64Url, utf8 } from './base64';

export const ECDH_KEY = { name: 'ECDH', namedCurve: 'P-256' } as const;

export interface WrapPublicKey {
  x: string;
  y: string;
}

export interface WrappedSecret {
  /** The district's one-time ECDH public key. */
  epk: WrapPublicKey;
  /** base64url of the 12-byte AES-GCM IV. */
  iv: string;
  /** base64url of the AES-GCM ciphertext of the secret with its tag. */
  ciphertext: string;
}

/** What the wrapping is bound to: the tablet and the key version (a wrapped key moved to another answer does not open). */
export const wrapInfo = (deviceId: string, keyVersion: number): string => `gate-kiosk/template-key/v1|${deviceId}|${keyVersion}`;

const importPublic = (k: WrapPublicKey) =>
  globalThis.crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: k.x, y: k.y, ext: true }, ECDH_KEY, true, []);

async function aesKey(privateKey: CryptoKey, publicKey: CryptoKey, info: string): Promise<CryptoKey> {
  const shared = await globalThis.crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdf = await globalThis.crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return globalThis.crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: utf8(info) as BufferSource },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The district's side: `secret` sealed to the tablet's public key. */
export async function wrapSecret(recipient: WrapPublicKey, secret: Uint8Array, info: string): Promise<WrappedSecret> {
  const ephemeral = (await globalThis.crypto.subtle.generateKey(ECDH_KEY, true, ['deriveBits'])) as CryptoKeyPair;
  const key = await aesKey(ephemeral.privateKey, await importPublic(recipient), info);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const sealed = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(info) as BufferSource },
    key,
    secret as BufferSource,
  );
  const epk = await globalThis.crypto.subtle.exportKey('jwk', ephemeral.publicKey);
  return { epk: { x: epk.x!, y: epk.y! }, iv: toBase64Url(iv), ciphertext: toBase64Url(new Uint8Array(sealed)) };
}

/** The tablet's side: the secret, or null when it does not open (another tablet's, another version, changed bytes). */
export async function unwrapSecret(privateKey: CryptoKey, wrapped: WrappedSecret, info: string): Promise<Uint8Array | null> {
  const iv = fromBase64Url(wrapped.iv);
  const sealed = fromBase64Url(wrapped.ciphertext);
  if (iv === null || iv.length !== 12 || sealed === null) return null;
  try {
    const key = await aesKey(privateKey, await importPublic(wrapped.epk), info);
    const open = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, additionalData: utf8(info) as BufferSource },
      key,
      sealed as BufferSource,
    );
    return new Uint8Array(open);
  } catch {
    return null;
  }
}

/** A tablet's wrapping key: ECDH P-256, the private half non-extractable (it derives, no script reads it out). */
export async function createWrapKey(): Promise<CryptoKeyPair> {
  const pair = (await globalThis.crypto.subtle.generateKey(ECDH_KEY, false, ['deriveBits'])) as CryptoKeyPair;
  if (pair.privateKey.extractable) throw new Error('the wrapping private key must not be extractable');
  return pair;
}

export async function wrapPublicKey(key: CryptoKey): Promise<WrapPublicKey> {
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', key);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('not a P-256 public key');
  return { x: jwk.x, y: jwk.y };
}
