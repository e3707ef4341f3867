// What a district template key yields, the same on the tablets and on the district server (api/openapi.yaml
// `TemplateKey`): the seed of the secret rotation (HMAC-SHA256 of a fixed label), the transport key (HKDF-SHA256 to
// AES-256-GCM), and one rotated template sealed or opened under the transport key, bound (AES-GCM additional data) to
// its district, template, child, model, key version and time. WebCrypto only; every derived key is non-extractable.
// Two layouts open: v2 (sealed today) holds half-precision values, half the bytes of v1's float32 ones, which a
// district may still hold from before; the layout is bound in the additional data, so one cannot pass for the other.
import { decodeHalves, encodeHalves } from '../core/half-float';
import { TemplateRotation } from '../core/template-rotation';
import { fromBase64Url, toBase64Url } from './base64';

export const TEMPLATE_DIM = 512;
const ROTATION_LABEL = 'gate-kiosk/template-rotation/v1';
const TRANSPORT_INFO = 'gate-kiosk/template-transport/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** base64url-decoded length of one template sealed today (v2): IV, 512 half-precision values, GCM tag. */
export const TRANSPORT_BYTES = IV_BYTES + TEMPLATE_DIM * 2 + TAG_BYTES;
/** The same for a template sealed before v2 (512 float32 values): still opened, never sealed. */
export const TRANSPORT_BYTES_V1 = IV_BYTES + TEMPLATE_DIM * 4 + TAG_BYTES;

const subtle = () => globalThis.crypto.subtle;

/** The HMAC-SHA256 key the rotation seed comes from (non-extractable). */
export async function importDistrictKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length < 32) throw new RangeError('a district template key has at least 32 bytes');
  return subtle().importKey('raw', raw as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** AES-256-GCM from the district's secret by HKDF-SHA256 (no salt; the info names the use). Non-extractable. */
export async function deriveTransportKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length < 32) throw new RangeError('a district template key has at least 32 bytes');
  const base = await subtle().importKey('raw', raw as BufferSource, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(TRANSPORT_INFO) },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The secret rotation of a district key version, from its (imported) HMAC key. */
export async function rotationOf(hmacKey: CryptoKey, keyVersion: number): Promise<TemplateRotation> {
  const seed = new Uint8Array(await subtle().sign('HMAC', hmacKey, new TextEncoder().encode(ROTATION_LABEL)));
  return new TemplateRotation(seed, TEMPLATE_DIM, keyVersion);
}

/** Rotation and transport key of one key version, from its raw secret (the district server's view of a version). */
export async function templateKeyMaterial(
  raw: Uint8Array,
  keyVersion: number,
): Promise<{ rotation: TemplateRotation; transport: CryptoKey }> {
  return { rotation: await rotationOf(await importDistrictKey(raw), keyVersion), transport: await deriveTransportKey(raw) };
}

export interface TransportMeta {
  templateId: string;
  childId: string;
  modelId: string;
  keyVersion: number;
  createdAtMs: number;
}

function aad(layout: 'v1' | 'v2', districtId: string, m: TransportMeta): Uint8Array {
  return new TextEncoder().encode(
    `gate-kiosk/template/${layout}|${districtId}|${m.templateId}|${m.childId}|${m.modelId}|${m.keyVersion}|${m.createdAtMs}`,
  );
}

/** base64url(iv ‖ AES-GCM(rotated values as little-endian halves)) under a transport key (layout v2). */
export async function sealTemplate(transport: CryptoKey, districtId: string, meta: TransportMeta, rotated: Float32Array): Promise<string> {
  if (rotated.length !== TEMPLATE_DIM)
    throw new RangeError(`template ${meta.templateId} has ${rotated.length} values, expected ${TEMPLATE_DIM}`);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = encodeHalves(rotated);
  const sealed = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad('v2', districtId, meta) as BufferSource },
      transport,
      plain,
    ),
  );
  plain.fill(0);
  const all = new Uint8Array(IV_BYTES + sealed.length);
  all.set(iv);
  all.set(sealed, IV_BYTES);
  return toBase64Url(all);
}

/** The rotated template, or null when the ciphertext is not this key's, this template's (meta) or was changed. */
export async function openTemplate(
  transport: CryptoKey,
  districtId: string,
  meta: TransportMeta,
  ciphertext: string,
): Promise<Float32Array | null> {
  const bytes = fromBase64Url(ciphertext);
  const layout = bytes?.length === TRANSPORT_BYTES ? 'v2' : bytes?.length === TRANSPORT_BYTES_V1 ? 'v1' : null;
  if (bytes === null || layout === null) return null;
  try {
    const plain = new Uint8Array(
      await subtle().decrypt(
        { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES) as BufferSource, additionalData: aad(layout, districtId, meta) as BufferSource },
        transport,
        bytes.subarray(IV_BYTES) as BufferSource,
      ),
    );
    if (layout === 'v1') return new Float32Array(plain.buffer, plain.byteOffset, TEMPLATE_DIM);
    const values = decodeHalves(plain);
    plain.fill(0);
    return values;
  } catch {
    return null;
  }
}
