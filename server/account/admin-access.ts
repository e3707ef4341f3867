// Who may call which admin operation, enforced on the server before any handler runs. The admin token and a district
// admin's account reach the whole district (only the token may rotate the token); a site director reaches their own
// site only, to read and to change; a teacher reads their own site's roster, pickups and daily report; a parent reaches
// no admin operation. Each operation's site is worked out from what it names (a site, a tablet, a child, a consent, a
// pickup entry) from the database, never from the caller. Something of another site is answered as if it did not exist
// (404), a district-wide operation with 403; both are recorded in the audit log (by the app, summarised per account
// and minute after the first: server/services/security-events.ts). Every admin operation of the contract
// must have a rule here (a test checks), so a new route cannot be reachable by accident.
import type { Queryable } from '../db/database';
import { HttpError, withRefusalAudit } from '../errors';
import { actorOf, type Person, type Principal } from './roles';

type SiteOf = (db: Queryable, params: Record<string, string>) => Promise<string | null>;

interface Rule {
  /** district: district admins only; site: the site's director too (teacher: reads it as well); token: the admin token only. */
  reach: 'district' | 'site' | 'token' | 'sites-list';
  /** Teachers may call it (reads of their site's roster, pickups and report). */
  teacher?: boolean;
  /** The site it concerns, from its path; absent: from the query's siteId (forced to the person's own site). */
  site?: SiteOf;
}

const one = async (db: Queryable, sql: string, id: string | undefined): Promise<string | null> =>
  id === undefined ? null : ((await db.query<{ site_id: string }>(sql, [id]))[0]?.site_id ?? null);

const bySite: SiteOf = async (db, p) => one(db, 'select id as site_id from sites where id = $1', p.siteId);
const byDevice: SiteOf = (db, p) => one(db, 'select site_id from devices where id = $1', p.deviceId);
const byChild: SiteOf = (db, p) => one(db, 'select site_id from children where id = $1', p.childId);
const byConsent: SiteOf = (db, p) =>
  one(db, 'select c.site_id from consents k join children c on c.id = k.child_id where k.id = $1', p.consentId);
const byPickup: SiteOf = (db, p) => one(db, 'select site_id from pickup_adults where id = $1', p.pickupId);
const byDoNotRelease: SiteOf = (db, p) => one(db, 'select site_id from do_not_release where id = $1', p.entryId);
const byApproval: SiteOf = (db, p) => one(db, 'select site_id from register_approvals where id = $1', p.approvalId);

export const ADMIN_RULES: Record<string, Rule> = {
  listSites: { reach: 'sites-list', teacher: true },
  createSite: { reach: 'district' },
  updateSiteSettings: { reach: 'site', site: bySite },
  createPairingCode: { reach: 'site', site: bySite },
  listDevices: { reach: 'site', site: bySite },
  revokeDevice: { reach: 'site', site: byDevice },
  listPurgeReceipts: { reach: 'site', site: byDevice },
  listDeviceAudit: { reach: 'site', site: byDevice },
  listAudit: { reach: 'site' },
  verifyAuditChains: { reach: 'site' },
  listRecognitionReports: { reach: 'site' },
  listChildren: { reach: 'site', teacher: true, site: bySite },
  createChild: { reach: 'site', site: bySite },
  removeChild: { reach: 'site', site: byChild },
  clearTwinFlags: { reach: 'site', site: byChild },
  grantConsent: { reach: 'site', site: byChild },
  revokeConsent: { reach: 'site', site: byConsent },
  listPickups: { reach: 'site', teacher: true, site: byChild },
  addPickupAdult: { reach: 'site', site: byChild },
  updatePickupAdult: { reach: 'site', site: byPickup },
  removePickupAdult: { reach: 'site', site: byPickup },
  addDoNotRelease: { reach: 'site', site: byChild },
  removeDoNotRelease: { reach: 'site', site: byDoNotRelease },
  dailyReport: { reach: 'site', teacher: true, site: bySite },
  siteIntegrity: { reach: 'site', site: bySite },
  // The dashboard: a director's or teacher's own site (the query's siteId forced to it), the district's otherwise.
  getDashboard: { reach: 'site', teacher: true },
  getTemplateKeyStatus: { reach: 'district' },
  rotateTemplateKey: { reach: 'district' },
  rotateEpoch: { reach: 'district' },
  rotateAdminToken: { reach: 'token' },
  listAccounts: { reach: 'district' },
  createAccount: { reach: 'district' },
  inviteAccount: { reach: 'district' },
  disableAccount: { reach: 'district' },
  // The register (server/register/): teachers read it; approving also needs a person (the token may only read).
  getRegisterDay: { reach: 'site', teacher: true, site: bySite },
  registerMonth: { reach: 'site', teacher: true, site: bySite },
  getRegisterApproval: { reach: 'site', teacher: true, site: byApproval },
  approveRegister: { reach: 'site', site: bySite },
  correctRegisterAbsence: { reach: 'site', site: bySite },
};

/** The site a person is confined to (null: the whole district). */
export const siteScope = (p: Principal): string | null => (p.kind === 'person' && p.role !== 'district-admin' ? p.siteId : null);

/** Refuses; the app records it in the audit log (the first of a minute with its details, the rest counted in one entry). */
function refuse(person: Person, operationId: string, status: 403 | 404): never {
  const error =
    status === 404
      ? new HttpError(404, 'not-on-your-site', 'There is no such record on your site.')
      : new HttpError(403, 'not-allowed', 'Your account may not do this; ask the district.');
  throw withRefusalAudit(error, {
    actor: actorOf(person),
    action: 'access.refused',
    accountId: person.accountId,
    reason: operationId,
    details: { operation: operationId, accountId: person.accountId, ...(person.siteId !== null ? { siteId: person.siteId } : {}) },
  });
}

/**
 * A site's director (or teacher) changing a setting the district keeps (server/services/sites.ts DISTRICT_SETTINGS):
 * refused with 403 `setting-needs-district`, in the audit log like any refusal; the token and district admins pass.
 */
export function refuseDistrictSettings(principal: Principal | null, settings: string[]): void {
  if (principal === null || siteScope(principal) === null || principal.kind !== 'person') return;
  throw withRefusalAudit(
    new HttpError(403, 'setting-needs-district', `Only the district changes ${settings.join(', ')}; ask the district.`, { settings }),
    {
      actor: actorOf(principal),
      action: 'access.refused',
      accountId: principal.accountId,
      reason: 'updateSiteSettings',
      details: { operation: 'updateSiteSettings', accountId: principal.accountId, siteId: principal.siteId, settings },
    },
  );
}

/**
 * Throws unless `principal` may call `operationId` with these path parameters; for an operation filtered by the query's
 * siteId, returns the query with the person's own site put in (a site-scoped person never sees another site's rows).
 */
export async function authorizeAdmin(
  db: Queryable,
  operationId: string,
  principal: Principal,
  params: Record<string, string>,
  query: Record<string, string>,
): Promise<Record<string, string>> {
  const rule = ADMIN_RULES[operationId];
  if (rule === undefined) throw new Error(`admin operation ${operationId} has no access rule`);
  if (principal.kind === 'token') return query;
  if (rule.reach === 'token') refuse(principal, operationId, 403);
  if (principal.role === 'district-admin') return query;
  if (principal.role === 'parent' || principal.siteId === null) refuse(principal, operationId, 403);
  if (principal.role === 'teacher' && rule.teacher !== true) refuse(principal, operationId, 403);
  if (rule.reach === 'district') refuse(principal, operationId, 403);
  if (rule.reach === 'sites-list') return query;
  if (rule.site === undefined) {
    if (query.siteId !== undefined && query.siteId !== principal.siteId) refuse(principal, operationId, 403);
    return { ...query, siteId: principal.siteId };
  }
  const siteId = await rule.site(db, params);
  if (siteId !== principal.siteId) refuse(principal, operationId, 'siteId' in params ? 403 : 404);
  return query;
}
