// What a parent sees and does on the parents' page, for their own children only (account_children): the child with
// today's arrivals and departures (staff corrections applied, the gate, how, and who collected when the event names
// a pickup adult), the history of recent days, the face consent with the tablets' purge receipts, and absences. A child
// that is not theirs is answered exactly like one that does not exist (404) and the attempt is in the audit log; every
// visit to a child's data (one entry per parent, child and 15 minutes: the page refreshes itself) and every change is in
// the audit log too. Nothing else about the site or other children.
import { isConsentActive } from '../../src/core/consent';
import { effectiveMarks, type AttendanceEvent } from '../../src/core/attendance-rules';
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError, withRefusalAudit } from '../errors';
import { addMonths, dayKeyIn } from '../ids';
import { actorOf, type Person } from '../account/roles';
import { recordAccountAudit } from '../account/account-audit';
import { absencesFrom, reportAbsence } from './absences';
import { grantConsent, revokeConsent } from './roster';
import { notBarred } from './guardian-bar';

type Schemas = components['schemas'];

export const DEFAULT_HISTORY_DAYS = 14;

interface ChildRow {
  id: string;
  display_name: string;
  group_name: string;
  site_name: string;
  time_zone: string;
  site_id: string;
}

const NOT_FOUND = () => new HttpError(404, 'child-not-found', 'There is no such child among yours.');

/** The child if it is this parent's and still on a roster; otherwise 404, with the attempt recorded. */
async function ownChild(db: Queryable, person: Person, childId: string): Promise<ChildRow> {
  if (person.role !== 'parent') throw new HttpError(403, 'not-allowed', "The parents' page is for parents' accounts.");
  const rows = await db.query<ChildRow>(
    `select c.id, c.display_name, c.group_name, s.name as site_name, s.time_zone, s.id as site_id
     from account_children k join children c on c.id = k.child_id join sites s on s.id = c.site_id
     where k.account_id = $1 and k.child_id = $2 and c.removed_at_ms is null and ${notBarred('k.account_id', 'k.child_id')}`,
    [person.accountId, childId],
  );
  if (!rows[0]) {
    // Recorded by the app (server/app.ts): the first of a minute with its details, the rest counted in one entry.
    throw withRefusalAudit(NOT_FOUND(), {
      actor: actorOf(person),
      action: 'parent.child-refused',
      accountId: person.accountId,
      reason: childId,
      details: { accountId: person.accountId, childId },
    });
  }
  return rows[0];
}

async function days(db: Queryable, childId: string, fromDay: string, toDay: string): Promise<Schemas['AttendanceDay'][]> {
  // The pickup adult a check-out names (events.pickup_id, from the event's pickup.pickupId), and their name only when
  // the entry is this child's own: a tablet naming another child's adult shows nobody's name.
  const rows = await db.query<{
    body: AttendanceEvent;
    device_name: string;
    day_key: string;
    pickup_id: string | null;
    pickup_name: string | null;
  }>(
    `select e.body, e.day_key, d.name as device_name, e.pickup_id, p.name as pickup_name
     from events e join devices d on d.id = e.device_id
       left join pickup_adults p on p.id = e.pickup_id and p.child_id = e.child_id
     where e.child_id = $1 and e.day_key >= $2 and e.day_key <= $3 and e.refused is null order by e.at_ms`,
    [childId, fromDay, toDay],
  );
  const byDay = new Map<string, typeof rows>();
  for (const r of rows) byDay.set(r.day_key, [...(byDay.get(r.day_key) ?? []), r]);
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([day, own]) => {
      const byId = new Map(own.map((r) => [r.body.id, r]));
      const marks = effectiveMarks(own.map((r) => r.body)).map((m): Schemas['AttendanceMark'] => {
        const r = byId.get(m.eventId)!;
        const pickupId = r.pickup_id ?? undefined;
        return {
          atMs: m.atMs,
          direction: m.direction,
          method: r.body.type === 'mark' ? r.body.method : 'staff',
          gate: r.device_name,
          ...(pickupId !== undefined ? { pickupId } : {}),
          ...(pickupId !== undefined && r.pickup_name !== null ? { pickupName: r.pickup_name } : {}),
        };
      });
      return { day, marks };
    });
}

async function consentOf(db: Queryable, childId: string, today: string): Promise<Schemas['ParentConsent']> {
  const rows = await db.query<{ granted_on: string; expires_on: string; revoked_on: string | null; made_by: 'district' | 'parent' }>(
    "select granted_on, expires_on, revoked_on, made_by from consents where child_id = $1 and scope = 'face' order by created_at_ms desc, id desc",
    [childId],
  );
  const active = rows.find((r) => isConsentActive({ grantedOn: r.granted_on, expiresOn: r.expires_on, revokedOn: r.revoked_on }, today));
  // A consent recorded to start later (a renewal entered ahead): the parent sees it and may withdraw it too.
  const pending = rows
    .filter((r) => r.revoked_on === null && r.granted_on > today)
    .sort((a, b) => a.granted_on.localeCompare(b.granted_on))[0];
  const shown = active ?? pending ?? rows[0];
  if (shown === undefined) return { active: false, grantedOn: null, expiresOn: null, madeBy: null, withdrawnOn: null, startsLater: false };
  return {
    active: active !== undefined,
    grantedOn: shown.granted_on,
    expiresOn: shown.expires_on,
    madeBy: shown.made_by,
    withdrawnOn: shown.revoked_on,
    startsLater: shown === pending,
  };
}

async function summary(db: Queryable, c: ChildRow, nowMs: number): Promise<Schemas['ParentChild']> {
  const today = dayKeyIn(nowMs, c.time_zone);
  const [todayMarks] = await days(db, c.id, today, today);
  return {
    childId: c.id,
    displayName: c.display_name,
    group: c.group_name,
    siteName: c.site_name,
    timeZone: c.time_zone,
    today: todayMarks ?? { day: today, marks: [] },
    consent: await consentOf(db, c.id, today),
    absences: await absencesFrom(db, c.id, today),
  };
}

/** A page open on a phone asks again every 30 s: one entry per parent and child in this long is the record of a visit. */
export const VIEW_AUDIT_EVERY_MS = 15 * 60_000;

/** Records that `person` read `childId`'s data, unless the same visit (the last VIEW_AUDIT_EVERY_MS) is recorded already. */
async function recordView(db: Queryable, person: Person, childId: string, nowMs: number): Promise<void> {
  const recent = await db.query(
    `select 1 from audit_log where action = 'parent.child-viewed' and at_ms > $1
       and details->>'accountId' = $2 and details->>'childId' = $3 limit 1`,
    [nowMs - VIEW_AUDIT_EVERY_MS, person.accountId, childId],
  );
  if (recent.length === 0)
    await recordAccountAudit(db, nowMs, actorOf(person), 'parent.child-viewed', { accountId: person.accountId, childId });
}

export async function parentChildren(db: Queryable, person: Person, nowMs: number): Promise<Schemas['ParentChild'][]> {
  if (person.role !== 'parent') throw new HttpError(403, 'not-allowed', "The parents' page is for parents' accounts.");
  const rows = await db.query<ChildRow>(
    `select c.id, c.display_name, c.group_name, s.name as site_name, s.time_zone, s.id as site_id
     from account_children k join children c on c.id = k.child_id join sites s on s.id = c.site_id
     where k.account_id = $1 and c.removed_at_ms is null and ${notBarred('k.account_id', 'k.child_id')} order by c.display_name, c.id`,
    [person.accountId],
  );
  for (const c of rows) await recordView(db, person, c.id, nowMs);
  return Promise.all(rows.map((c) => summary(db, c, nowMs)));
}

export async function parentChildDetail(
  db: Queryable,
  person: Person,
  childId: string,
  historyDays: number,
  nowMs: number,
  audit = true,
): Promise<Schemas['ParentChildDetail']> {
  const c = await ownChild(db, person, childId);
  const child = await summary(db, c, nowMs);
  const today = child.today.day;
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - historyDays * 86_400_000).toISOString().slice(0, 10);
  const history = (await days(db, childId, from, today)).filter((d) => d.day !== today);
  const receipts = await db.query<{ device_name: string; purged_at_ms: number; reason: Schemas['PurgeReceiptForParent']['reason'] }>(
    `select d.name as device_name, r.purged_at_ms, r.reason from purge_receipts r join devices d on d.id = r.device_id
     where r.child_id = $1 order by r.purged_at_ms desc limit 50`,
    [childId],
  );
  const [paired] = await db.query<{ n: number }>('select count(*)::int as n from devices where site_id = $1 and revoked_at_ms is null', [
    c.site_id,
  ]);
  if (audit) await recordView(db, person, childId, nowMs);
  return {
    child,
    history,
    receipts: receipts.map((r) => ({ gate: r.device_name, purgedAtMs: r.purged_at_ms, reason: r.reason })),
    sitePaired: paired?.n ?? 0,
  };
}

/**
 * Grant (12 months from the site's today) or withdraw through the admin's own consent service. A withdrawal ends every
 * consent not yet over: the one in force and any recorded to start later (a renewal entered ahead would otherwise
 * bring face matching back against the parent's word).
 */
export async function parentConsent(
  db: Database,
  person: Person,
  childId: string,
  action: Schemas['ParentConsentChange']['action'],
  nowMs: number,
): Promise<Schemas['ParentChildDetail']> {
  const c = await ownChild(db, person, childId);
  const today = dayKeyIn(nowMs, c.time_zone);
  const consents = await db.query<{ id: string; granted_on: string; expires_on: string; revoked_on: string | null }>(
    "select id, granted_on, expires_on, revoked_on from consents where child_id = $1 and scope = 'face'",
    [childId],
  );
  const active = consents.filter((k) =>
    isConsentActive({ grantedOn: k.granted_on, expiresOn: k.expires_on, revokedOn: k.revoked_on }, today),
  );
  const actor = actorOf(person);
  if (action === 'grant') {
    if (active.length > 0) throw new HttpError(409, 'consent-active', 'Face consent is already given for this child.');
    await grantConsent(
      db,
      childId,
      { guardianName: person.displayName, guardianRelation: 'parent', grantedOn: today, expiresOn: addMonths(today, 12) },
      actor,
      nowMs,
      { accountId: person.accountId },
    );
  } else {
    const notOver = consents.filter((k) => k.revoked_on === null && k.expires_on >= today);
    if (notOver.length === 0) throw new HttpError(409, 'no-active-consent', 'There is no face consent to withdraw for this child.');
    for (const k of notOver) await revokeConsent(db, k.id, actor, nowMs);
  }
  return parentChildDetail(db, person, childId, DEFAULT_HISTORY_DAYS, nowMs, false);
}

export async function parentReportAbsence(
  db: Database,
  person: Person,
  childId: string,
  input: Schemas['AbsenceReport'],
  nowMs: number,
): Promise<Schemas['Absence']> {
  await ownChild(db, person, childId);
  return reportAbsence(db, childId, input, actorOf(person), nowMs);
}
