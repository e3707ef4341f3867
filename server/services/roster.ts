// Children, bracelets and face consents. A consent lasts at most 12 months; revoking it (or removing the child)
// deletes the child's templates in the same transaction and bumps the site's revision so tablets purge theirs.
import { isConsentActive } from '../../src/core/consent';
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { addMonths, dayKeyIn, isValidDay, newId } from '../ids';
import { deleteChildPickups } from './pickups';
import { bumpRevision, getSite } from './sites';
import { twinsOfSite } from './twins';

type ChildAdmin = components['schemas']['ChildAdmin'];
type Consent = components['schemas']['Consent'];
type ChildCreate = components['schemas']['ChildCreate'];
type ConsentGrant = components['schemas']['ConsentGrant'];

interface ConsentRow {
  id: string;
  child_id: string;
  guardian_name: string;
  guardian_relation: string;
  granted_on: string;
  expires_on: string;
  revoked_on: string | null;
  made_by?: 'district' | 'parent';
}

/**
 * SQL condition for an active face consent of child `childColumn` on day `$n`: isConsentActive (src/core/consent.ts)
 * written for the queries that must filter in the database; a test checks both agree on the same cases.
 */
export const activeConsentSql = (childColumn: string, dayParam: string) =>
  `exists (select 1 from consents c where c.child_id = ${childColumn} and c.scope = 'face' and c.revoked_on is null
     and c.granted_on <= ${dayParam} and c.expires_on >= ${dayParam})`;

function toConsent(row: ConsentRow, today: string): Consent {
  const base = { grantedOn: row.granted_on, expiresOn: row.expires_on, revokedOn: row.revoked_on };
  return {
    consentId: row.id,
    childId: row.child_id,
    guardianName: row.guardian_name,
    guardianRelation: row.guardian_relation,
    scope: 'face',
    ...base,
    active: isConsentActive(base, today),
    madeBy: row.made_by ?? 'district',
  };
}

async function siteOfChild(db: Queryable, childId: string): Promise<{ siteId: string; timeZone: string; removed: boolean }> {
  const rows = await db.query<{ site_id: string; time_zone: string; removed_at_ms: number | null }>(
    'select c.site_id, s.time_zone, c.removed_at_ms from children c join sites s on s.id = c.site_id where c.id = $1',
    [childId],
  );
  if (!rows[0]) throw new HttpError(404, 'child-not-found', `No child ${childId}.`);
  return { siteId: rows[0].site_id, timeZone: rows[0].time_zone, removed: rows[0].removed_at_ms !== null };
}

export async function listChildren(db: Queryable, siteId: string, nowMs: number, childId?: string): Promise<ChildAdmin[]> {
  const site = await getSite(db, siteId);
  const today = dayKeyIn(nowMs, site.timeZone);
  const children = await db.query<{ id: string; display_name: string; group_name: string; removed_at_ms: number | null }>(
    `select id, display_name, group_name, removed_at_ms from children where site_id = $1 ${childId ? 'and id = $2' : ''} order by group_name, display_name, id`,
    childId ? [siteId, childId] : [siteId],
  );
  const bracelets = await db.query<{ uid: string; child_id: string }>(
    'select b.uid, b.child_id from bracelets b join children c on c.id = b.child_id where c.site_id = $1 order by b.uid',
    [siteId],
  );
  const consents = await db.query<ConsentRow>(
    'select k.* from consents k join children c on c.id = k.child_id where c.site_id = $1 order by k.granted_on, k.id',
    [siteId],
  );
  const templates = await db.query<{ child_id: string; n: number }>(
    'select t.child_id, count(*)::int as n from templates t join children c on c.id = t.child_id where c.site_id = $1 group by t.child_id',
    [siteId],
  );
  const counts = new Map(templates.map((t) => [t.child_id, t.n]));
  const twins = await twinsOfSite(db, siteId);
  return children.map((c) => ({
    childId: c.id,
    siteId,
    displayName: c.display_name,
    group: c.group_name,
    bracelets: bracelets.filter((b) => b.child_id === c.id).map((b) => b.uid),
    removedAtMs: c.removed_at_ms,
    consents: consents.filter((k) => k.child_id === c.id).map((k) => toConsent(k, today)),
    templateCount: counts.get(c.id) ?? 0,
    ...(twins.has(c.id) ? { twinOf: twins.get(c.id)! } : {}),
  }));
}

export async function createChild(db: Database, siteId: string, input: ChildCreate, nowMs: number): Promise<ChildAdmin> {
  const childId = input.childId ?? newId('child');
  await db.transaction(async (tx) => {
    await getSite(tx, siteId);
    // The site row locked: pickup cards are checked against bracelets under the same lock (services/pickups.ts).
    await tx.query('select id from sites where id = $1 for update', [siteId]);
    const taken = await tx.query('select id from children where id = $1', [childId]);
    if (taken[0]) throw new HttpError(409, 'child-exists', `A child with id ${childId} exists already.`);
    await tx.query('insert into children (id, site_id, display_name, group_name, created_at_ms) values ($1, $2, $3, $4, $5)', [
      childId,
      siteId,
      input.displayName,
      input.group ?? '',
      nowMs,
    ]);
    for (const uid of input.bracelets ?? []) {
      const used = await tx.query('select child_id from bracelets where uid = $1', [uid]);
      if (used[0]) throw new HttpError(409, 'bracelet-taken', `Bracelet ${uid} belongs to another child.`);
      const card = await tx.query(
        'select 1 from pickup_adults where $1 = any(cards) union all select 1 from do_not_release where $1 = any(cards)',
        [uid],
      );
      if (card[0])
        throw new HttpError(
          409,
          'card-in-use',
          `Card ${uid} is the card of an adult on a pickup or do-not-release list. Each card or bracelet identifies one person; check the number.`,
        );
      await tx.query('insert into bracelets (uid, child_id) values ($1, $2)', [uid, childId]);
    }
    await bumpRevision(tx, siteId);
  });
  return (await listChildren(db, siteId, nowMs, childId))[0]!;
}

export async function removeChild(db: Database, childId: string, actor: string, nowMs: number): Promise<ChildAdmin> {
  const site = await db.transaction(async (tx) => {
    const site = await siteOfChild(tx, childId);
    await tx.query('update children set removed_at_ms = coalesce(removed_at_ms, $2) where id = $1', [childId, nowMs]);
    await tx.query('delete from bracelets where child_id = $1', [childId]);
    await tx.query('delete from templates where child_id = $1', [childId]);
    // The adults who collected them and any custody entries are not kept once the child has left.
    await deleteChildPickups(tx, childId);
    await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
      nowMs,
      actor,
      'child.removed',
      JSON.stringify({ childId }),
    ]);
    await bumpRevision(tx, site.siteId);
    return site;
  });
  return (await listChildren(db, site.siteId, nowMs, childId))[0]!;
}

/** A consent the parent made on the parents' page (their account), rather than the district on their behalf. */
export interface MadeByParent {
  accountId: string;
}

export async function grantConsent(
  db: Database,
  childId: string,
  input: ConsentGrant,
  actor: string,
  nowMs: number,
  byParent?: MadeByParent,
): Promise<Consent> {
  if (!isValidDay(input.grantedOn) || !isValidDay(input.expiresOn))
    throw new HttpError(400, 'bad-day', 'grantedOn and expiresOn must be real days (YYYY-MM-DD).');
  if (input.expiresOn < input.grantedOn)
    throw new HttpError(400, 'consent-expiry-before-grant', 'The consent cannot expire before it is granted.');
  if (input.expiresOn > addMonths(input.grantedOn, 12)) {
    throw new HttpError(400, 'consent-too-long', 'A face consent lasts at most 12 months; ask the guardian to renew it then.');
  }
  return db.transaction(async (tx) => {
    const site = await siteOfChild(tx, childId);
    if (site.removed) throw new HttpError(404, 'child-not-found', `Child ${childId} was removed.`);
    const consentId = newId('cons');
    const rows = await tx.query<ConsentRow>(
      `insert into consents (id, child_id, guardian_name, guardian_relation, scope, granted_on, expires_on, created_at_ms, made_by, made_by_account)
       values ($1, $2, $3, $4, 'face', $5, $6, $7, $8, $9) returning *`,
      [
        consentId,
        childId,
        input.guardianName,
        input.guardianRelation ?? '',
        input.grantedOn,
        input.expiresOn,
        nowMs,
        byParent ? 'parent' : 'district',
        byParent?.accountId ?? null,
      ],
    );
    await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
      nowMs,
      actor,
      'consent.granted',
      JSON.stringify({ childId, consentId, ...(byParent ? { madeBy: 'parent' } : {}) }),
    ]);
    await bumpRevision(tx, site.siteId);
    return toConsent(rows[0]!, dayKeyIn(nowMs, site.timeZone));
  });
}

export async function revokeConsent(db: Database, consentId: string, actor: string, nowMs: number): Promise<Consent> {
  return db.transaction(async (tx) => {
    const found = await tx.query<ConsentRow>('select * from consents where id = $1 for update', [consentId]);
    if (!found[0]) throw new HttpError(404, 'consent-not-found', `No consent ${consentId}.`);
    // The child's row, as a template upload locks it: an upload that passed its consent check commits first and its
    // template is deleted below, or it waits and sees the withdrawal (under READ COMMITTED the delete would not see it).
    await tx.query('select id from children where id = $1 for update', [found[0].child_id]);
    const site = await siteOfChild(tx, found[0].child_id);
    const today = dayKeyIn(nowMs, site.timeZone);
    const rows = await tx.query<ConsentRow>('update consents set revoked_on = coalesce(revoked_on, $2) where id = $1 returning *', [
      consentId,
      today,
    ]);
    // Without an active consent left, the child's templates go now, in this transaction.
    const stillActive = await tx.query(`select 1 from children ch where ch.id = $1 and ${activeConsentSql('ch.id', '$2')}`, [
      found[0].child_id,
      today,
    ]);
    let deleted = 0;
    if (stillActive.length === 0)
      deleted = (await tx.query('delete from templates where child_id = $1 returning id', [found[0].child_id])).length;
    await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
      nowMs,
      actor,
      'consent.revoked',
      JSON.stringify({ consentId, childId: found[0].child_id, templatesDeleted: deleted }),
    ]);
    await bumpRevision(tx, site.siteId);
    return toConsent(rows[0]!, today);
  });
}
