// Templates are sealed as half-precision values (layout v2, half the bytes on the wire and in the district's
// database); templates a district sealed before (float32, layout v1) still open after the update, and neither layout
// opens as the other or with changed bytes.
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../../src/protocol/base64';
import {
  openTemplate,
  sealTemplate,
  templateKeyMaterial,
  TEMPLATE_DIM,
  TRANSPORT_BYTES,
  TRANSPORT_BYTES_V1,
  type TransportMeta,
} from '../../../src/protocol/template-key-crypto';

const meta: TransportMeta = {
  templateId: 'tpl-1',
  childId: 'child-1',
  modelId: 'embedder-arcface',
  keyVersion: 1,
  createdAtMs: 1_790_000_000_000,
};
const DISTRICT = 'district-1';

function face(): Float32Array {
  const v = Float32Array.from(
    { length: TEMPLATE_DIM },
    (_, i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453) - 0.5,
  );
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** What a district stored before v2: iv ‖ AES-GCM(float32 values) bound to the v1 label. */
async function sealV1(transport: CryptoKey, values: Float32Array): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const aad = new TextEncoder().encode(
    `gate-kiosk/template/v1|${DISTRICT}|${meta.templateId}|${meta.childId}|${meta.modelId}|${meta.keyVersion}|${meta.createdAtMs}`,
  );
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, transport, Float32Array.from(values)),
  );
  const all = new Uint8Array(12 + sealed.length);
  all.set(iv);
  all.set(sealed, 12);
  return toBase64Url(all);
}

describe('template layouts on the wire', () => {
  it('seals half-precision values (1,052 bytes, half of float32) that open to the same template within 1e-4', async () => {
    const { transport } = await templateKeyMaterial(crypto.getRandomValues(new Uint8Array(32)), 1);
    const values = face();
    const sealed = await sealTemplate(transport, DISTRICT, meta, values);
    expect(fromBase64Url(sealed)!.length).toBe(TRANSPORT_BYTES);
    expect(TRANSPORT_BYTES).toBe(1052);
    expect(TRANSPORT_BYTES_V1).toBe(2076);
    const opened = (await openTemplate(transport, DISTRICT, meta, sealed))!;
    expect(opened).toHaveLength(TEMPLATE_DIM);
    expect(Math.max(...opened.map((x, i) => Math.abs(x - values[i]!)))).toBeLessThan(1e-4);
  });

  it('still opens a float32 template sealed before the update, exactly', async () => {
    const { transport } = await templateKeyMaterial(crypto.getRandomValues(new Uint8Array(32)), 1);
    const values = face();
    const old = await sealV1(transport, values);
    expect(fromBase64Url(old)!.length).toBe(TRANSPORT_BYTES_V1);
    expect(Array.from((await openTemplate(transport, DISTRICT, meta, old))!)).toEqual(Array.from(values));
  });

  it('opens nothing changed: a flipped byte, another template id, a truncated or padded ciphertext', async () => {
    const { transport } = await templateKeyMaterial(crypto.getRandomValues(new Uint8Array(32)), 1);
    const sealed = await sealTemplate(transport, DISTRICT, meta, face());
    const bytes = fromBase64Url(sealed)!;
    bytes[40] = bytes[40]! ^ 1;
    expect(await openTemplate(transport, DISTRICT, meta, toBase64Url(bytes))).toBeNull();
    expect(await openTemplate(transport, DISTRICT, { ...meta, templateId: 'tpl-2' }, sealed)).toBeNull();
    const good = fromBase64Url(sealed)!;
    expect(await openTemplate(transport, DISTRICT, meta, toBase64Url(good.subarray(0, good.length - 2)))).toBeNull();
    // A v2 ciphertext padded to v1's length is read as v1: its tag and label do not match.
    const padded = new Uint8Array(TRANSPORT_BYTES_V1);
    padded.set(good);
    expect(await openTemplate(transport, DISTRICT, meta, toBase64Url(padded))).toBeNull();
  });
});
