// Secrets the district keeps in its database, sealed with AES-256-GCM under the master key: each value is
// `gk-sealed:v1:<master key id>:<base64url(iv | ciphertext | tag)>`, bound (additional data) to what it is, so that a
// sealed value moved to another row or column does not open. A value that is not sealed is never taken as a secret.
import { fromBase64Url, toBase64Url } from '../../src/protocol/base64';
import type { MasterKey } from './master-key';

const PREFIX = 'gk-sealed:v1:';
const IV_BYTES = 12;

export class SealedSecretError extends Error {}

/** What a sealed value is: names the column and the row, e.g. `template-key/v3`. */
export type SecretPurpose = 'district/bundle-signing-key' | 'notices/vapid-private-key' | `template-key/v${number}`;

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

/** The id of the master key that sealed `stored`, or null when it is not a sealed value. */
export function sealedWith(stored: string): string | null {
  if (!isSealed(stored)) return null;
  return stored.slice(PREFIX.length).split(':')[0] ?? null;
}

export class SecretBox {
  constructor(readonly key: MasterKey) {}

  async seal(purpose: SecretPurpose, plain: string): Promise<string> {
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = new Uint8Array(
      await globalThis.crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: iv as BufferSource, additionalData: new TextEncoder().encode(purpose) as BufferSource },
        this.key.aes,
        new TextEncoder().encode(plain) as BufferSource,
      ),
    );
    const all = new Uint8Array(IV_BYTES + sealed.length);
    all.set(iv);
    all.set(sealed, IV_BYTES);
    return `${PREFIX}${this.key.id}:${toBase64Url(all)}`;
  }

  async open(purpose: SecretPurpose, stored: string): Promise<string> {
    if (!isSealed(stored)) throw new SealedSecretError(`${purpose} is not sealed in the database (refused as a secret)`);
    const [keyId, body] = stored.slice(PREFIX.length).split(':');
    if (keyId !== this.key.id) {
      throw new SealedSecretError(`${purpose} is sealed under master key ${keyId}, but this server has master key ${this.key.id}`);
    }
    const bytes = fromBase64Url(body ?? '');
    if (bytes === null || bytes.length <= IV_BYTES) throw new SealedSecretError(`${purpose} is damaged`);
    try {
      const plain = await globalThis.crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: bytes.subarray(0, IV_BYTES) as BufferSource,
          additionalData: new TextEncoder().encode(purpose) as BufferSource,
        },
        this.key.aes,
        bytes.subarray(IV_BYTES) as BufferSource,
      );
      return new TextDecoder().decode(plain);
    } catch {
      throw new SealedSecretError(`${purpose} does not open under master key ${this.key.id} (changed, or moved from another row)`);
    }
  }
}
