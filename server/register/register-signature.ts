// The district's signature of a register approval: the district's own ECDSA P-256 key (the one that signs bundles and
// answers, server/services/district.ts) over a statement naming the site, day, group, version, the content's SHA-256,
// the approver and the time. Anyone with the district's public key can check an approved version without the server:
// the signature over the statement, then the statement's hash against the content (verifyApproval).
import { canonicalJson, sha256Hex } from '../../src/protocol/event-chain';
import { fromBase64Url, toBase64Url, utf8 } from '../../src/protocol/base64';
import { ECDSA_KEY, ECDSA_SIGN } from '../../src/protocol/http-signature';
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';
import { bundleSigningKey, loadDistrict, signBytes } from '../services/district';

type Schemas = components['schemas'];

export const APPROVAL_KIND = 'gate-kiosk/register-approval/v1';

export interface ApprovalFacts {
  siteId: string;
  day: string;
  group: string;
  version: number;
  contentSha256: string;
  approvedBy: string;
  approverRole: 'site-director' | 'district-admin';
  approvedAtMs: number;
  reason: string | null;
}

/** The exact text the district signs for an approval (canonical JSON: keys sorted, no spaces). */
export const approvalStatement = (f: ApprovalFacts): string => canonicalJson({ kind: APPROVAL_KIND, ...f });

/** Signs the statement with the district's key; its id and the signature (base64url, IEEE P1363 r||s). */
export async function signStatement(db: Queryable, statement: string): Promise<{ keyId: string; signature: string }> {
  const district = await loadDistrict(db);
  const key = await bundleSigningKey(db, district.bundleKeyId);
  return { keyId: district.bundleKeyId, signature: toBase64Url(await signBytes(key, utf8(statement))) };
}

/**
 * Whether an approved version holds: the signature verifies over the statement with `publicKeyJwk`, the statement is
 * the one for this approval's facts, and the SHA-256 of the content's canonical JSON is the one signed.
 */
export async function verifyApproval(a: Schemas['RegisterApproval'], publicKeyJwk: JsonWebKey): Promise<boolean> {
  const signature = fromBase64Url(a.signature);
  if (signature === null) return false;
  const key = await globalThis.crypto.subtle.importKey('jwk', publicKeyJwk, ECDSA_KEY, false, ['verify']);
  const statement = approvalStatement({
    siteId: a.siteId,
    day: a.day,
    group: a.group,
    version: a.version,
    contentSha256: a.contentSha256,
    approvedBy: a.approvedBy,
    approverRole: a.approverRole,
    approvedAtMs: a.approvedAtMs,
    reason: a.reason,
  });
  if (statement !== a.statement) return false;
  if (!(await globalThis.crypto.subtle.verify(ECDSA_SIGN, key, signature as BufferSource, utf8(statement) as BufferSource))) return false;
  return (await sha256Hex(canonicalJson(a.content))) === a.contentSha256;
}
