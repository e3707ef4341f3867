// A proxy that reads TLS traffic (a school's HTTPS inspection with a root its devices trust) records every answer the
// district gives a kiosk: pairing, the template key, bundles. Before, the site's template key crossed in clear in the
// pairing answer and GET /v1/template-key, and with it the proxy opened every child's face template in the bundles.
// Now the key travels wrapped to the tablet's non-extractable ECDH key: nothing the proxy recorded holds it, the tablet
// still opens and matches every template; a tablet paired before wrapping keys registers one at its next key fetch and
// from then on gets the key wrapped too.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../../src/protocol/base64';
import { currentTemplateKeyForSite } from '../../../server/services/district';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { ensureTemplateKey } from '../../../src/sync/pull';
import { readPairing } from '../../../src/sync/sync-state';
import { putMeta } from '../../../src/storage/meta.repo';
import { pairingCode, pairTestDevice, useTestDistrict } from '../server/district-fixture';
import { testDatabases } from '../../support/test-dbs';
import { siteWithChildren } from './district-tablets';
import { startMitm, type Mitm } from './mitm-proxy';

const d = useTestDistrict();
const freshDb = testDatabases('wrapped-key');
let mitm: Mitm;
const recorded: Buffer[] = [];

beforeAll(async () => {
  mitm = await startMitm(d.url);
  // The proxy only records: it forwards every request and keeps every answer's bytes.
  mitm.intercept(async (_request, forward) => {
    const answer = await forward();
    recorded.push(answer.body);
    return answer;
  });
});
afterAll(async () => {
  await mitm.close();
});

/** Whether any recorded answer holds the secret, as the district stores it or in standard base64. */
const leaked = (secret: string) => {
  const standard = Buffer.from(fromBase64Url(secret)!).toString('base64');
  return recorded.some((b) => b.includes(secret) || b.includes(standard.replace(/=+$/, '')));
};

describe('the template key on a network a proxy reads', () => {
  it('never crosses in clear to a kiosk that pairs now; the tablet opens it', async () => {
    const { siteId } = await siteWithChildren(d, [0, 1]);
    const db = freshDb();
    const paired = await pairKiosk(db, { baseUrl: mitm.url, code: await pairingCode(d, siteId), deviceName: 'inspected' });
    expect(paired.kind).toBe('paired');
    const secret = (await currentTemplateKeyForSite(d.db, siteId, Date.now())).secret;
    expect(recorded.length).toBeGreaterThan(0);
    expect(leaked(secret)).toBe(false);
    // The tablet holds the key (it opened the wrapped one) and fetches it again wrapped.
    const pairing = await readPairing(db);
    expect(pairing?.wrapKeyRegistered).toBe(true);
    expect(pairing?.wrapKeyPair?.privateKey.extractable).toBe(false);
    const again = await clientFor(pairing!).templateKey();
    expect(again.ok && again.body.secret === undefined && again.body.wrapped !== undefined).toBe(true);
    expect(leaked(secret)).toBe(false);
  });

  it('a tablet paired before wrapping keys registers one, then gets the key wrapped', async () => {
    const { siteId } = await siteWithChildren(d, [0, 1]);
    // Paired the old way (no wrapping key): the pairing answer carries the key in clear.
    const legacy = await pairTestDevice(d, siteId, 'Gate old');
    expect(legacy.pairing.templateKey.secret).toBeDefined();
    const db = freshDb();
    await putMeta(db, 'sync:pairing', {
      deviceId: legacy.pairing.deviceId as never,
      siteId: legacy.pairing.siteId as never,
      districtId: legacy.pairing.districtId,
      baseUrl: mitm.url,
      bundleKeyJwk: { kty: 'EC', crv: 'P-256', x: legacy.pairing.bundleKeyJwk.x, y: legacy.pairing.bundleKeyJwk.y },
      keyPair: legacy.keys,
      pairedAtMs: Date.now(),
    });
    recorded.length = 0;
    const pairing = (await readPairing(db))!;
    expect(await ensureTemplateKey(db, clientFor(pairing), pairing, Date.now())).toBe(true);
    const secret = (await currentTemplateKeyForSite(d.db, siteId, Date.now())).secret;
    expect(leaked(secret)).toBe(false);
    expect((await readPairing(db))?.wrapKeyRegistered).toBe(true);
    // Another key for the same tablet afterwards: refused (a stolen device key cannot redirect the wrapping).
    const other = await legacy.client.registerWrapKey({
      wrapKeyJwk: { kty: 'EC', crv: 'P-256', x: toBase64Url(new Uint8Array(32).fill(1)), y: toBase64Url(new Uint8Array(32).fill(2)) },
    });
    expect(other.ok).toBe(false);
  });
});
