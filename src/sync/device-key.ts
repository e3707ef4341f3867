// The tablet's identity: an ECDSA P-256 key pair whose private half is created non-extractable (it can sign, but no
// script can read it out), stored as a CryptoKey in IndexedDB; only the public half ever leaves the tablet.
import { toBase64Url, utf8 } from '../protocol/base64';
import { ECDSA_KEY, ECDSA_SIGN, pairingProofMessage } from '../protocol/http-signature';
import type { PublicJwk } from '../storage/meta.repo';

export type { PublicJwk };

export async function createDeviceKey(): Promise<CryptoKeyPair> {
  const pair = (await globalThis.crypto.subtle.generateKey(ECDSA_KEY, false, ['sign', 'verify'])) as CryptoKeyPair;
  if (pair.privateKey.extractable) throw new Error('the device private key must not be extractable');
  return pair;
}

export async function publicJwk(key: CryptoKey): Promise<PublicJwk> {
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', key);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('not a P-256 public key');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** Proof of possession for pairing: the code and the public key, signed with the new private key. */
export async function pairingProof(
  privateKey: CryptoKey,
  code: string,
  jwk: PublicJwk,
  wrapKey?: { x: string; y: string },
): Promise<string> {
  const signature = await globalThis.crypto.subtle.sign(
    ECDSA_SIGN,
    privateKey,
    utf8(pairingProofMessage(code, jwk, wrapKey)) as BufferSource,
  );
  return toBase64Url(new Uint8Array(signature));
}
