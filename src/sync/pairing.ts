// Pairs this tablet with a district: makes the non-extractable key pair, sends the public key with the one-time code
// and a proof of possession, checks the answer (signed for this request by the key it carries, and that key the one
// whose fingerprint the pairing link carries), installs the district's template key from it
// (src/sync/template-transport.ts) and stores the pairing. Only an `https:` district is paired, or `http:` on this
// machine (localhost, 127.0.0.1, [::1]), where a link without a fingerprint is also accepted (the demo, tests).
// A tablet that is paired already keeps its pairing.
import { isLoopbackHost } from '../core/loopback-host';
import type { DeviceId, SiteId } from '../core/types';
import type { GateDb } from '../storage/db';
import { keyFingerprint } from '../protocol/answer-signature';
import { putMeta } from '../storage/meta.repo';
import { createDeviceKey, pairingProof, publicJwk } from './device-key';
import { DistrictClient, type CallFailure, type Fetch } from './district-client';
import { parsePairingInput } from './pair-link';
import { PAIRING_KEY, readPairing, SERVER_KEY, type Pairing } from './sync-state';
import { installDistrictTemplateKey } from './template-transport';
import { openTemplateKey } from './template-key-open';
import { createWrapKey, wrapPublicKey } from '../protocol/key-wrap';
import { adoptRegisteredDeviceId } from './adopt-device-id';

export { normalisePairingCode, PAIRING_CODE_PATTERN } from './pair-link';

export type PairOutcome = { kind: 'paired'; pairing: Pairing } | { kind: 'already-paired'; pairing: Pairing } | CallFailure;

/** Refusals of the tablet itself before or after asking the district; each has a staff message (sync.problem.*). */
export type PairRefusal =
  'pairing-code-malformed' | 'district-address-invalid' | 'district-not-https' | 'pairing-fingerprint-missing' | 'pairing-key-mismatch';

const refusal = (code: PairRefusal, message: string): CallFailure => ({ ok: false, kind: 'refused', status: 0, error: { code, message } });

/** This machine: the only place a district may be reached over plain HTTP (and paired without a fingerprint). */
export function isLocalDistrict(url: URL): boolean {
  return isLoopbackHost(url.hostname);
}

/** Why the tablet will not pair with this address, or null when it may. */
export function districtAddressRefusal(baseUrl: string): CallFailure | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return refusal('district-address-invalid', `The district address ${baseUrl} is not a web address (https://…).`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalDistrict(url))) return null;
  return refusal(
    'district-not-https',
    `The district address ${baseUrl} is not HTTPS: the tablet pairs only over HTTPS (plain HTTP only on this machine).`,
  );
}

/**
 * `code`: the one-time code, or the whole pairing link (or its `#pair=…&k=…` part) from which the fingerprint is read
 * too; `fingerprint` given apart wins.
 */
export async function pairKiosk(
  db: GateDb,
  input: { baseUrl: string; code: string; fingerprint?: string | null; deviceName?: string; fetch?: Fetch; now?: () => number },
): Promise<PairOutcome> {
  const existing = await readPairing(db);
  if (existing !== null) return { kind: 'already-paired', pairing: existing };
  const link = parsePairingInput(input.code);
  if (link === null) return refusal('pairing-code-malformed', 'The pairing code has 12 letters and digits.');
  const code = link.code;
  const fingerprint = input.fingerprint ?? link.fingerprint;
  const addressProblem = districtAddressRefusal(input.baseUrl);
  if (addressProblem !== null) return addressProblem;
  if (fingerprint === null && !isLocalDistrict(new URL(input.baseUrl)))
    return refusal(
      'pairing-fingerprint-missing',
      'The pairing link lacks the district key fingerprint (&k=…): open the whole link from district IT, or paste it into the pairing form.',
    );
  const keyPair = await createDeviceKey();
  const jwk = await publicJwk(keyPair.publicKey);
  // The key the district wraps the template key to: a proxy reading TLS learns nothing of it (src/protocol/key-wrap.ts).
  const wrapKeyPair = await createWrapKey();
  const wrapKey = await wrapPublicKey(wrapKeyPair.publicKey);
  const client = new DistrictClient({
    baseUrl: input.baseUrl,
    ...(input.fetch ? { fetch: input.fetch } : {}),
    ...(input.now ? { now: input.now } : {}),
  });
  const answer = await client.pair({
    code,
    publicKeyJwk: jwk,
    wrapKeyJwk: { kty: 'EC', crv: 'P-256', x: wrapKey.x, y: wrapKey.y },
    proof: await pairingProof(keyPair.privateKey, code, jwk, wrapKey),
    ...(input.deviceName ? { deviceName: input.deviceName } : {}),
  });
  if (!answer.ok) return answer;
  // The answer verified with the key it carries; that key must be the district's the link names.
  if (fingerprint !== null && (await keyFingerprint(answer.body.bundleKeyJwk)) !== fingerprint)
    return refusal(
      'pairing-key-mismatch',
      'The server that answered is not the district of the pairing link (its key has another fingerprint); nothing was stored.',
    );
  // Before the pairing is stored: a tablet that stops in between pairs again with a new code and gets the same key.
  const opened = await openTemplateKey(answer.body.templateKey, {
    deviceId: answer.body.deviceId as DeviceId,
    wrapKeyPair,
    wrapKeyRegistered: true,
  });
  const installed = await installDistrictTemplateKey(db, opened, answer.body.districtId, (input.now ?? Date.now)());
  if (installed === 'malformed')
    return { ok: false, kind: 'bad-response', status: 200, message: 'the district sent a malformed template key' };
  const pairing: Pairing = {
    deviceId: answer.body.deviceId as DeviceId,
    siteId: answer.body.siteId as SiteId,
    districtId: answer.body.districtId,
    baseUrl: input.baseUrl,
    bundleKeyJwk: { kty: 'EC', crv: 'P-256', x: answer.body.bundleKeyJwk.x, y: answer.body.bundleKeyJwk.y },
    keyPair,
    wrapKeyPair,
    wrapKeyRegistered: true,
    pairedAtMs: (input.now ?? Date.now)(),
  };
  await db.transaction('rw', db.meta, async () => {
    await putMeta(db, PAIRING_KEY, pairing);
    await putMeta(db, SERVER_KEY, { epoch: answer.body.epoch, headSeq: 0 });
  });
  // From here the gate records under the registered id (it restarts after pairing); earlier events join that chain.
  await adoptRegisteredDeviceId(db, pairing.deviceId);
  return { kind: 'paired', pairing };
}

export function clientFor(pairing: Pairing, options: { fetch?: Fetch; now?: () => number; timeoutMs?: number } = {}): DistrictClient {
  return new DistrictClient(
    { baseUrl: pairing.baseUrl, ...options },
    { deviceId: pairing.deviceId, privateKey: pairing.keyPair.privateKey, districtKeyJwk: pairing.bundleKeyJwk },
  );
}
