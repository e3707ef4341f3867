// Each site's own template key, derived from the district's secret of a version (HKDF-SHA256, the site's id as its
// info): a tablet is given its site's key only, so a stolen tablet, or a script a site's director paired, opens no
// other site's templates, even with a copy of the district's database. The district, which holds the secret, re-keys
// any site's templates. Versions made before 2026-12-06 (`per_site` false) keep the one district-wide secret until the
// next rotation.
import { fromBase64Url, toBase64Url } from '../../src/protocol/base64';

const SALT = new TextEncoder().encode('gate-kiosk/site-template-key/v1');

/** The 32-byte key of `siteId` derived from a version's district secret. */
async function siteTemplateSecret(districtSecret: Uint8Array, siteId: string): Promise<Uint8Array> {
  const ikm = await globalThis.crypto.subtle.importKey('raw', districtSecret as BufferSource, 'HKDF', false, ['deriveBits']);
  const bits = await globalThis.crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: SALT, info: new TextEncoder().encode(siteId) },
    ikm,
    256,
  );
  return new Uint8Array(bits);
}

/** The secret a tablet of `siteId` is given for a version (base64url, as the API carries it). */
export async function secretForSite(districtSecret: string, perSite: boolean, siteId: string): Promise<string> {
  if (!perSite) return districtSecret;
  const raw = fromBase64Url(districtSecret);
  if (raw === null) throw new Error('a template key secret is not base64url');
  const derived = await siteTemplateSecret(raw, siteId);
  raw.fill(0);
  const text = toBase64Url(derived);
  derived.fill(0);
  return text;
}
