// Approving a group's day of the register. Only a person approves (a site's director, or a district admin): the admin
// token may read the register but its approval is refused and audited, since a signature for the funding body must
// name who gave it. An approval covers the content hash the person reviewed (a register that changed meanwhile is
// refused), is stored as a new numbered version with its content snapshot (never changed or deleted: migration 26's
// trigger), signed by the district's key and written to the audit log. Approving a day again needs a reason.
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { newId } from '../ids';
import { actorOf, type Principal } from '../account/roles';
import { recordAccountAudit } from '../account/account-audit';
import { loadDistrict } from '../services/district';
import { contentSha256, registerContents, type RegisterContent } from './register-content';
import { approvalStatement, signStatement } from './register-signature';

type Schemas = components['schemas'];
type Approval = Schemas['RegisterApproval'];
type Summary = Schemas['RegisterApprovalSummary'];

interface ApprovalRow {
  id: string;
  site_id: string;
  day: string;
  group_name: string;
  version: number;
  content: RegisterContent;
  content_sha256: string;
  approved_by: string;
  approver_name: string;
  approver_role: Summary['approverRole'];
  approved_at_ms: number;
  reason: string | null;
  key_id: string;
  statement: string;
  signature: string;
}

const SELECT = `select a.*, p.display_name as approver_name from register_approvals a join accounts p on p.id = a.approved_by`;

const toSummary = (r: ApprovalRow): Summary => ({
  approvalId: r.id,
  version: r.version,
  contentSha256: r.content_sha256,
  approvedBy: r.approved_by,
  approverName: r.approver_name,
  approverRole: r.approver_role,
  approvedAtMs: Number(r.approved_at_ms),
  reason: r.reason,
  keyId: r.key_id,
  signature: r.signature,
});

async function toApproval(db: Queryable, r: ApprovalRow): Promise<Approval> {
  const district = await loadDistrict(db);
  return {
    ...toSummary(r),
    siteId: r.site_id,
    day: r.day,
    group: r.group_name,
    statement: r.statement,
    publicKeyJwk: district.bundlePublicJwk as Schemas['EcPublicJwk'],
    content: r.content,
  };
}

/** Every approved version of the site's days in [from, to], newest version first within a group's day. */
export async function approvalsBetween(db: Queryable, siteId: string, from: string, to: string): Promise<Map<string, Summary[]>> {
  const rows = await db.query<ApprovalRow>(`${SELECT} where a.site_id = $1 and a.day >= $2 and a.day <= $3 order by a.version desc`, [
    siteId,
    from,
    to,
  ]);
  const byKey = new Map<string, Summary[]>();
  for (const r of rows) {
    const key = groupDayKey(r.day, r.group_name);
    byKey.set(key, [...(byKey.get(key) ?? []), toSummary(r)]);
  }
  return byKey;
}

export const groupDayKey = (day: string, group: string): string => `${day}\u0000${group}`;

/** unapproved: never; approved: the newest version covers `sha`; changed: approved before, different since. */
export function stateOf(approvals: readonly Summary[], sha: string): Schemas['RegisterState'] {
  const latest = approvals[0];
  if (latest === undefined) return 'unapproved';
  return latest.contentSha256 === sha ? 'approved' : 'changed';
}

/** One approved version as it was approved (404 for an id that does not exist). */
export async function getApproval(db: Queryable, approvalId: string): Promise<Approval> {
  const rows = await db.query<ApprovalRow>(`${SELECT} where a.id = $1`, [approvalId]);
  if (!rows[0]) throw new HttpError(404, 'approval-not-found', `No register approval ${approvalId}.`);
  return toApproval(db, rows[0]);
}

export async function approveRegister(
  db: Database,
  principal: Principal,
  siteId: string,
  input: Schemas['RegisterApprove'],
  nowMs: number,
): Promise<Approval> {
  if (principal.kind !== 'person' || (principal.role !== 'site-director' && principal.role !== 'district-admin')) {
    await recordAccountAudit(db, nowMs, actorOf(principal), 'register.approval-refused', { siteId, day: input.day, group: input.group });
    throw new HttpError(
      403,
      'approval-needs-person',
      "A register is approved by a person: sign in with your own passkey as the site's director (the admin token may only read it).",
    );
  }
  const approver = principal;
  const reason = (input.reason ?? '').trim();
  return db.transaction(async (tx) => {
    // One approval at a time for a site's day: the version numbers and the "changed meanwhile" check hold.
    await tx.query('select pg_advisory_xact_lock(727025, hashtext($1))', [`${siteId}/${input.day}`]);
    const content = (await registerContents(tx, siteId, input.day)).find((c) => c.group === input.group);
    if (content === undefined)
      throw new HttpError(404, 'register-group-not-found', `The site has no group "${input.group}" on ${input.day}.`);
    const sha = await contentSha256(content);
    if (sha !== input.contentSha256)
      throw new HttpError(409, 'register-changed', 'The register changed since you opened it: look at it again before approving.');
    const earlier = (await approvalsBetween(tx, siteId, input.day, input.day)).get(groupDayKey(input.day, input.group)) ?? [];
    if (earlier[0]?.contentSha256 === sha) throw new HttpError(409, 'already-approved', 'This register is already approved as it is.');
    if (earlier.length > 0 && reason === '')
      throw new HttpError(400, 'correction-reason-required', 'The day was approved before: say why it is approved again.');
    const facts = {
      siteId,
      day: input.day,
      group: input.group,
      version: (earlier[0]?.version ?? 0) + 1,
      contentSha256: sha,
      approvedBy: approver.accountId,
      approverRole: approver.role as 'site-director' | 'district-admin',
      approvedAtMs: nowMs,
      reason: earlier.length > 0 ? reason : null,
    };
    const statement = approvalStatement(facts);
    const { keyId, signature } = await signStatement(tx, statement);
    const id = newId('apv');
    await tx.query(
      `insert into register_approvals (id, site_id, day, group_name, version, content, content_sha256, approved_by, approver_role,
         approved_at_ms, reason, key_id, statement, signature) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        id,
        siteId,
        facts.day,
        facts.group,
        facts.version,
        JSON.stringify(content),
        sha,
        facts.approvedBy,
        facts.approverRole,
        nowMs,
        facts.reason,
        keyId,
        statement,
        signature,
      ],
    );
    await recordAccountAudit(tx, nowMs, actorOf(approver), 'register.approved', {
      siteId,
      day: facts.day,
      group: facts.group,
      version: facts.version,
      contentSha256: sha,
      approvalId: id,
      ...(facts.reason !== null ? { reason: facts.reason } : {}),
    });
    return getApproval(tx, id);
  });
}
