// A tablet's own signature over the head of one of its hash chains (its attendance events or its audit log), made with
// the device key and kept by the district beside the chain. Each link's hash covers everything before it, so one
// signature over the newest head vouches for the whole chain up to there: whoever edits the district's database (its
// rows, their hashes and the stored head alike) cannot make the rewritten chain end in a head the tablet signed.
// Shared by the kiosk (signs) and the server (verifies). Web Crypto only.
import { fromBase64Url, toBase64Url, utf8 } from './base64';
import { ECDSA_SIGN } from './http-signature';

/** Which of the tablet's chains a head belongs to. */
export type SignedChain = 'events' | 'audit';

export interface ChainHeadRef {
  seq: number;
  /** The SHA-256 (hex) of the chain's entry at `seq`. */
  hash: string;
}

/** base64url of the 64-byte IEEE P1363 ECDSA P-256 signature. */
export const HEAD_SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{86}$/;

/** The exact text a tablet signs for a head: a domain, the chain, the device and the head (one per line). */
export function chainHeadStatement(chain: SignedChain, deviceId: string, head: ChainHeadRef): string {
  return ['gate-kiosk/chain-head/v1', chain, deviceId, String(head.seq), head.hash].join('\n');
}

export async function signChainHead(privateKey: CryptoKey, chain: SignedChain, deviceId: string, head: ChainHeadRef): Promise<string> {
  const message = utf8(chainHeadStatement(chain, deviceId, head));
  return toBase64Url(new Uint8Array(await globalThis.crypto.subtle.sign(ECDSA_SIGN, privateKey, message as BufferSource)));
}

/** True only for a well-formed signature by `publicKey` over this device's head of this chain. */
export async function verifyChainHead(
  publicKey: CryptoKey,
  chain: SignedChain,
  deviceId: string,
  head: ChainHeadRef,
  signature: string,
): Promise<boolean> {
  if (!HEAD_SIGNATURE_PATTERN.test(signature)) return false;
  const bytes = fromBase64Url(signature);
  if (bytes === null || bytes.length !== 64) return false;
  const message = utf8(chainHeadStatement(chain, deviceId, head));
  return globalThis.crypto.subtle.verify(ECDSA_SIGN, publicKey, bytes as BufferSource, message as BufferSource);
}
