// The template key wrapped to one tablet: that tablet opens it; another tablet's key, another version's or tablet's
// binding, or a changed byte opens nothing; the tablet's private half cannot be exported.
import { describe, expect, it } from 'vitest';
import { createWrapKey, unwrapSecret, wrapInfo, wrapPublicKey, wrapSecret } from '../../../src/protocol/key-wrap';
import { fromBase64Url, toBase64Url } from '../../../src/protocol/base64';

describe('the template key wrapped to a tablet', () => {
  it('opens for that tablet only, for that tablet id and key version only', async () => {
    const tablet = await createWrapKey();
    const other = await createWrapKey();
    expect(tablet.privateKey.extractable).toBe(false);
    const secret = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const info = wrapInfo('dev_a', 3);
    const wrapped = await wrapSecret(await wrapPublicKey(tablet.publicKey), secret, info);
    expect(wrapped.ciphertext).not.toContain(toBase64Url(secret).slice(0, 12));
    expect(await unwrapSecret(tablet.privateKey, wrapped, info)).toEqual(secret);
    expect(await unwrapSecret(other.privateKey, wrapped, info)).toBeNull();
    expect(await unwrapSecret(tablet.privateKey, wrapped, wrapInfo('dev_b', 3))).toBeNull();
    expect(await unwrapSecret(tablet.privateKey, wrapped, wrapInfo('dev_a', 4))).toBeNull();
    const bytes = fromBase64Url(wrapped.ciphertext)!;
    bytes[0]! ^= 1;
    expect(await unwrapSecret(tablet.privateKey, { ...wrapped, ciphertext: toBase64Url(bytes) }, info)).toBeNull();
  });
});
