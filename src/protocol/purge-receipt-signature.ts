// The device's signature on a purge receipt: the tablet signs what it deleted (child, template ids, time, reason)
// with its non-extractable ECDSA P-256 key, and the district verifies it with the public key it pinned at pairing
// and keeps it, so a receipt stays attributable to that tablet long after the request that carried it.
import type { components } from './api-types.generated';
import { fromBase64Url, toBase64Url, utf8 } from './base64';
import { ECDSA_SIGN } from './http-signature';

type PurgeReceipt = components['schemas']['PurgeReceipt'];
type ReceiptContent = Omit<PurgeReceipt, 'signature'>;

/** The exact bytes signed: every field of the receipt and the device, one per line, in a fixed order. */
export function purgeReceiptMessage(deviceId: string, r: ReceiptContent): string {
  return [
    'gate-kiosk/purge-receipt/v1',
    deviceId,
    r.receiptId,
    r.childId,
    r.templateIds.join(','),
    String(r.purgedAtMs),
    r.reason,
    r.bundleVersion ?? '',
  ].join('\n');
}

export async function signPurgeReceipt(privateKey: CryptoKey, deviceId: string, r: ReceiptContent): Promise<PurgeReceipt> {
  const { receiptId, childId, templateIds, purgedAtMs, reason, bundleVersion } = r;
  const content: ReceiptContent = {
    receiptId,
    childId,
    templateIds,
    purgedAtMs,
    reason,
    ...(bundleVersion !== undefined ? { bundleVersion } : {}),
  };
  const signature = await globalThis.crypto.subtle.sign(
    ECDSA_SIGN,
    privateKey,
    utf8(purgeReceiptMessage(deviceId, content)) as BufferSource,
  );
  return { ...content, signature: toBase64Url(new Uint8Array(signature)) };
}

/** Whether `r.signature` is this device's signature over exactly this receipt. */
export async function verifyPurgeReceipt(publicKey: CryptoKey, deviceId: string, r: PurgeReceipt): Promise<boolean> {
  if (!r.signature) return false;
  const signature = fromBase64Url(r.signature);
  if (signature === null) return false;
  return globalThis.crypto.subtle.verify(
    ECDSA_SIGN,
    publicKey,
    signature as BufferSource,
    utf8(purgeReceiptMessage(deviceId, r)) as BufferSource,
  );
}
