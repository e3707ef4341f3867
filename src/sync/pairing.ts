// Pairs this tablet with a district: makes the non-extractable key pair, sends the public key with the one-time code
// and a proof of possession, installs the district's template key from the answer (src/sync/template-transport.ts)
// and stores the pairing. A tablet that is paired already keeps its pairing.
import type { DeviceId, SiteId } from '../core/types';
import type { GateDb } from '../storage/db';
import { putMeta } from '../storage/meta.repo';
import { createDeviceKey, pairingProof, publicJwk } from './device-key';
import { DistrictClient, type CallFailure, type Fetch } from './district-client';
import { PAIRING_KEY, readPairing, SERVER_KEY, type Pairing } from './sync-state';
import { installDistrictTemplateKey } from './template-transport';
import { adoptRegisteredDeviceId } from './adopt-device-id';

export type PairOutcome = { kind: 'paired'; pairing: Pairing } | { kind: 'already-paired'; pairing: Pairing } | CallFailure;

export const PAIRING_CODE_PATTERN = /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/;

/** `abcd efgh ijkl` or `ABCD-EFGH-IJKL` -> `ABCD-EFGH-IJKL`; null when it cannot be a code. */
export function normalisePairingCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (chars.length !== 12) return null;
  const code = `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  return PAIRING_CODE_PATTERN.test(code) ? code : null;
}

export async function pairKiosk(
  db: GateDb,
  input: { baseUrl: string; code: string; deviceName?: string; fetch?: Fetch; now?: () => number },
): Promise<PairOutcome> {
  const existing = await readPairing(db);
  if (existing !== null) return { kind: 'already-paired', pairing: existing };
  const code = normalisePairingCode(input.code);
  if (code === null)
    return {
      ok: false,
      kind: 'refused',
      status: 0,
      error: { code: 'pairing-code-malformed', message: 'The pairing code has 12 letters and digits.' },
    };
  const keyPair = await createDeviceKey();
  const jwk = await publicJwk(keyPair.publicKey);
  const client = new DistrictClient({
    baseUrl: input.baseUrl,
    ...(input.fetch ? { fetch: input.fetch } : {}),
    ...(input.now ? { now: input.now } : {}),
  });
  const answer = await client.pair({
    code,
    publicKeyJwk: jwk,
    proof: await pairingProof(keyPair.privateKey, code, jwk),
    ...(input.deviceName ? { deviceName: input.deviceName } : {}),
  });
  if (!answer.ok) return answer;
  // Before the pairing is stored: a tablet that stops in between pairs again with a new code and gets the same key.
  const installed = await installDistrictTemplateKey(db, answer.body.templateKey, answer.body.districtId, (input.now ?? Date.now)());
  if (installed === 'malformed')
    return { ok: false, kind: 'bad-response', status: 200, message: 'the district sent a malformed template key' };
  const pairing: Pairing = {
    deviceId: answer.body.deviceId as DeviceId,
    siteId: answer.body.siteId as SiteId,
    districtId: answer.body.districtId,
    baseUrl: input.baseUrl,
    bundleKeyJwk: { kty: 'EC', crv: 'P-256', x: answer.body.bundleKeyJwk.x, y: answer.body.bundleKeyJwk.y },
    keyPair,
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
    { deviceId: pairing.deviceId, privateKey: pairing.keyPair.privateKey },
  );
}
