// The template key in the answer is wrapped to the tablet's ECDH key when it gives one (server/device/template-key-answer.ts).
// Pairing: an admin makes a one-time code for a site (stored only as its SHA-256, valid for a day, with who made it, in
// the audit log too); a tablet sends
// the code with its new public key and a proof that it holds the private key, and is bound to that site. The answer
// carries the district's template key, so that every tablet of the district reads and matches the same templates; it
// is signed for the pairing request (server/device/answer-signing.ts) and the tablet checks the key against the
// fingerprint its pairing link carries.
import { GENESIS_HASH, sha256Hex } from '../../src/protocol/event-chain';
import { fromBase64Url, utf8 } from '../../src/protocol/base64';
import { ECDSA_KEY, ECDSA_SIGN, pairingProofMessage } from '../../src/protocol/http-signature';
import { keyFingerprint } from '../../src/protocol/answer-signature';
import type { components } from '../../src/protocol/api-types.generated';
import type { Database } from '../db/database';
import { HttpError } from '../errors';
import { newId } from '../ids';
import { currentTemplateKeyForSite, loadDistrict } from '../services/district';
import { checkedWrapKey, templateKeyFor } from './template-key-answer';

type PairRequest = components['schemas']['PairRequest'];
type PairResponse = components['schemas']['PairResponse'];

export const PAIRING_CODE_TTL_MS = 24 * 3_600_000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `XXXX-XXXX-XXXX` from 60 random bits; never ambiguous characters (0/O, 1/I). */
export function newPairingCode(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  const chars = Array.from(bytes, (b) => CODE_ALPHABET[b & 31]!).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Who makes a pairing code: the audit log's actor string, and the person's account (null: the admin token, the server). */
export interface CodeMaker {
  actor: string;
  accountId: string | null;
}

const SERVER: CodeMaker = { actor: 'server', accountId: null };

export async function createPairingCode(db: Database, siteId: string, nowMs: number, by: CodeMaker = SERVER) {
  const site = await db.query('select id from sites where id = $1', [siteId]);
  if (!site[0]) throw new HttpError(404, 'site-not-found', `No site ${siteId}.`);
  const code = newPairingCode();
  const expiresAtMs = nowMs + PAIRING_CODE_TTL_MS;
  await db.transaction(async (tx) => {
    await tx.query(
      'insert into pairing_codes (code_hash, site_id, created_at_ms, expires_at_ms, created_by, account_id) values ($1, $2, $3, $4, $5, $6)',
      [await sha256Hex(code), siteId, nowMs, expiresAtMs, by.actor, by.accountId],
    );
    await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
      nowMs,
      by.actor,
      'pairing-code.created',
      JSON.stringify({ siteId, expiresAtMs }),
    ]);
  });
  // The pairing link carries the fingerprint of the district key, so that a tablet pairs only with this district.
  const district = await loadDistrict(db);
  return {
    code,
    siteId,
    expiresAtMs,
    fingerprint: await keyFingerprint({ x: district.bundlePublicJwk.x!, y: district.bundlePublicJwk.y! }),
  };
}

/** `#pair=CODE&k=FINGERPRINT`: what follows the kiosk's address in a pairing link. */
export const pairingFragment = (code: { code: string; fingerprint: string }): string => `#pair=${code.code}&k=${code.fingerprint}`;

export async function pairDevice(db: Database, request: PairRequest, nowMs: number): Promise<PairResponse> {
  const jwk = { kty: 'EC', crv: 'P-256', x: request.publicKeyJwk.x, y: request.publicKeyJwk.y };
  let key: CryptoKey;
  try {
    key = await globalThis.crypto.subtle.importKey('jwk', jwk, ECDSA_KEY, true, ['verify']);
  } catch {
    throw new HttpError(400, 'bad-public-key', 'The public key is not a valid P-256 key.');
  }
  const proof = fromBase64Url(request.proof);
  const proofOk =
    proof !== null &&
    proof.length === 64 &&
    (await globalThis.crypto.subtle.verify(
      ECDSA_SIGN,
      key,
      proof as BufferSource,
      utf8(pairingProofMessage(request.code, jwk, request.wrapKeyJwk)) as BufferSource,
    ));
  if (!proofOk) throw new HttpError(400, 'bad-proof', 'The pairing proof does not verify with the public key.');
  const wrapKey = request.wrapKeyJwk === undefined ? null : await checkedWrapKey(request.wrapKeyJwk);
  const codeHash = await sha256Hex(request.code);
  return db.transaction(async (tx) => {
    const district = await loadDistrict(tx);
    // Locks the code row: two tablets racing with one code get one success.
    const rows = await tx.query<{
      site_id: string;
      expires_at_ms: number;
      used_at_ms: number | null;
      created_by: string | null;
      maker_disabled: boolean;
    }>(
      `select c.site_id, c.expires_at_ms, c.used_at_ms, c.created_by,
              coalesce((select a.disabled_at_ms is not null from accounts a where a.id = c.account_id), false) as maker_disabled
       from pairing_codes c where c.code_hash = $1 for update of c`,
      [codeHash],
    );
    const row = rows[0];
    // A code whose maker's account was disabled since pairs nothing (disabling also uses up its codes).
    if (!row || row.used_at_ms !== null || row.expires_at_ms < nowMs || row.maker_disabled) {
      throw new HttpError(
        403,
        'pairing-code-invalid',
        'This pairing code is unknown, used or expired. Ask the district admin for a new one.',
      );
    }
    const deviceId = newId('dev');
    // The site's own key: a tablet opens its site's templates only.
    const templateKey = await currentTemplateKeyForSite(tx, row.site_id, nowMs);
    await tx.query(
      `insert into devices (id, site_id, name, public_jwk, paired_at_ms, head_seq, head_hash, head_epoch, template_key_version, paired_via, wrap_jwk)
       values ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9, $10)`,
      [
        deviceId,
        row.site_id,
        request.deviceName ?? 'Gate tablet',
        JSON.stringify(jwk),
        nowMs,
        GENESIS_HASH,
        district.epoch,
        templateKey.keyVersion,
        row.created_by,
        wrapKey === null ? null : JSON.stringify(wrapKey),
      ],
    );
    await tx.query('update pairing_codes set used_at_ms = $1, used_by_device = $2 where code_hash = $3', [nowMs, deviceId, codeHash]);
    await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
      nowMs,
      deviceId,
      'device.paired',
      JSON.stringify({ siteId: row.site_id, ...(row.created_by !== null ? { codeBy: row.created_by } : {}) }),
    ]);
    return {
      deviceId,
      siteId: row.site_id,
      districtId: district.id,
      epoch: district.epoch,
      bundleKeyJwk: { kty: 'EC', crv: 'P-256', x: district.bundlePublicJwk.x!, y: district.bundlePublicJwk.y! },
      templateKey: await templateKeyFor(deviceId, wrapKey, templateKey),
      serverTimeMs: nowMs,
    };
  });
}
