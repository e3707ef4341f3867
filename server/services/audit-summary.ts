// What the admin page shows for one audit entry: who acted, and a summary as a message key of the admin page's catalog
// (server/admin/client/messages.ts) with its parameters, which the page renders in Kazakh, Russian or English. The
// English `summary` line is rendered from that same structured form with the same catalog, so the two cannot drift; the
// CLI prints it and stays English (a tool for district IT). Pure: child names come in through `nameOf`, which answers
// only for children still on the roster, so an entry about a removed child shows its id, never more than the roster shows.
import { render, type MessageKey, type MessageParam, type MessagePart } from '../admin/client/messages';
import { SECURITY_KINDS } from './security-events';
import { roleOfActor, ROLES, type Role } from '../account/roles';
import { visibleLine } from '../../src/core/visible-text';

/** Kinds a tablet writes into its hash-chained log (src/protocol/audit-chain.ts). */
export const TABLET_AUDIT_KINDS = [
  'staff-sign-in',
  'staff-sign-in-refused',
  'enrolment',
  'enrolment-refused',
  'twin-flag',
  'purge',
  'manual-check-in',
  'correction',
  'settings-change',
  'rekey',
  'face-refused',
  'pickup-refused',
  'staff-on-duty',
  'staff-off-duty',
  'reader-state',
] as const;

/** Actions the district server records itself (table audit_log). */
export const DISTRICT_AUDIT_KINDS = [
  'consent.granted',
  'consent.revoked',
  'templates.lapsed',
  'child.removed',
  'pairing-code.created',
  'device.paired',
  'device.revoked',
  'site.settings',
  'template-key.rotated',
  'template-key.retired',
  'template-key.renewed',
  'twin-flag.recorded',
  'twin-flag.cleared',
  'template-key.fetched',
  'admin-token.rotated',
  // Authorised pickups (server/services/pickups.ts); a pickup code never appears in an entry, only whether one was set.
  'pickup.added',
  'pickup.changed',
  'pickup.removed',
  'pickup.codes-exposed',
  'do-not-release.added',
  'do-not-release.removed',
  'recognition-report.received',
  // A restore from backup, with the decisions of the replaced database it applied again (server/ops/restore-carry-forward.ts).
  'district.restored',
  // People's accounts and the parents' page (server/account/, server/services/parents.ts).
  'account.created',
  'account.invited',
  'account.passkey-registered',
  'account.signed-in',
  'account.sign-in-refused',
  'account.signed-out',
  'account.disabled',
  'access.refused',
  'parent.child-viewed',
  'parent.child-refused',
  'absence.reported',
  // Arrival and departure notices (server/notices/): which channel, never the address or the endpoint.
  'notice.subscribed',
  'notice.confirmed',
  'notice.unsubscribed',
  'notice.vapid-renewed',
  // The register a director signs (server/register/).
  'register.approved',
  'register.corrected',
  'register.approval-refused',
  // Summaries of refused logins and floods (server/services/security-events.ts).
  ...SECURITY_KINDS,
] as const;

export const AUDIT_KINDS: readonly string[] = [...TABLET_AUDIT_KINDS, ...DISTRICT_AUDIT_KINDS];

export type AuditActor = 'district-admin' | 'site-director' | 'teacher' | 'parent' | 'staff' | 'tablet' | 'server';

export interface SummaryInput {
  source: 'district' | 'tablet';
  kind: string;
  /** audit_log.actor for district entries: 'admin', the acting tablet's id, or the server itself (e.g. 'seed'). */
  actor: string | null;
  /** Whether `actor` is a paired tablet's id. */
  actorIsDevice?: boolean;
  childId: string | null;
  details: Record<string, unknown>;
}

type Details = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
/** A number stays a number (formatted in the reader's language); anything else as text. */
const num = (v: unknown): string | number => (typeof v === 'number' ? v : str(v));
const count = (v: unknown): number => (Array.isArray(v) ? v.length : typeof v === 'number' ? v : 0);
const part = (key: MessageKey, params: Record<string, string | number> = {}): MessagePart => ({ key, params });
const text = (v: unknown): MessagePart => part('part.text', { text: str(v) });

/** What a pickup.changed entry lists as changed (services/pickups.ts): a new code is worded as such, never shown. */
const PICKUP_CHANGES = ['name', 'relation', 'cards', 'code', 'code-removed', 'validity'] as const;
type PickupChange = (typeof PICKUP_CHANGES)[number];

/** A summary as the catalog's message key and its parameters (child names, counts, parts rendered in the language). */
export interface AuditSummaryForm {
  key: MessageKey;
  params: Record<string, MessageParam>;
}

export function auditActor(e: Pick<SummaryInput, 'source' | 'kind' | 'actor' | 'actorIsDevice' | 'details'>): AuditActor {
  if (e.source === 'district') {
    if (e.actor === 'admin') return 'district-admin';
    // A person signed in with a passkey: "role:accountId" (server/account/roles.ts).
    const role = roleOfActor(e.actor);
    if (role !== null) return role;
    return e.actorIsDevice === true ? 'tablet' : 'server';
  }
  switch (e.kind) {
    case 'staff-sign-in':
    case 'enrolment':
    case 'enrolment-refused':
    case 'twin-flag':
    case 'manual-check-in':
    case 'correction':
    case 'staff-on-duty':
    case 'staff-off-duty':
      return 'staff';
    case 'settings-change':
      return e.details.source === 'district' ? 'tablet' : 'staff';
    default:
      // A refused sign-in is someone who does not know the PIN; purges and re-keying run by themselves at sync.
      return 'tablet';
  }
}

function settingsPatch(patch: unknown): MessagePart[] {
  if (typeof patch !== 'object' || patch === null) return [];
  return Object.entries(patch as Details).map(([key, value]) => {
    switch (key) {
      case 'biometricsEnabled':
        return part(value === true ? 'part.biometrics.on' : 'part.biometrics.off');
      case 'nightlyWindow': {
        const w = typeof value === 'object' && value !== null ? (value as Details) : {};
        return part('part.nightlyWindow', { start: str(w.start), end: str(w.end) });
      }
      case 'assessmentRef':
        return value === null ? part('part.assessmentRef.cleared') : part('part.assessmentRef', { value: str(value) });
      case 'matchThreshold':
        return part('part.matchThreshold', { value: num(value) });
      case 'matchMargin':
        return part('part.matchMargin', { value: num(value) });
      case 'maxOfflineFaceDays':
        return part('part.maxOfflineFaceDays', { count: count(value) });
      case 'pickupGroups': {
        const groups = Array.isArray(value) ? value.map(str).filter((g) => g !== '') : [];
        return groups.length === 0 ? part('part.pickupGroups.none') : part('part.pickupGroups', { groups: groups.join(', ') });
      }
      case 'closingTime':
        return value === null ? part('part.closingTime.cleared') : part('part.closingTime', { time: str(value) });
      case 'presenceEvidence':
        return part(value === true ? 'part.presenceEvidence.on' : 'part.presenceEvidence.off');
      case 'padMode':
        if (value === 'evidence' || value === 'ask-bracelet' || value === 'record-flagged') return part(`part.padMode.${value}`);
        return part('part.setting', { setting: key, value: str(value) });
      default:
        return value === null ? part('part.setting.cleared', { setting: key }) : part('part.setting', { setting: key, value: num(value) });
    }
  });
}

/**
 * `{ code: count }` of a security entry as parts ("signature-invalid: 12"); rate-limit scopes worded (`pairingTotal`, a
 * limit over all addresses that servers before 2026-12-06 had, only in entries they wrote).
 */
function reasonParts(reasons: unknown, scopes: boolean): MessagePart[] {
  if (typeof reasons !== 'object' || reasons === null) return [];
  return Object.entries(reasons as Details).map(([code, n]) =>
    scopes && ['pairingPerAddress', 'pairingTotal', 'devicePerAddress', 'perDevice', 'perPerson'].includes(code)
      ? part(`part.limit.${code}` as MessageKey, { count: count(n) })
      : part('part.reason', { code, count: count(n) }),
  );
}

/** The summary of one entry as a message key and parameters (what the API returns as summaryKey and summaryParams). */
export function auditSummaryForm(e: SummaryInput, nameOf: (childId: string) => string): AuditSummaryForm {
  const d = e.details;
  const childId = e.childId ?? (typeof d.childId === 'string' ? d.childId : null);
  const child: MessageParam = childId !== null ? nameOf(childId) : [part('part.someChild')];
  const form = (key: MessageKey, params: Record<string, MessageParam> = {}): AuditSummaryForm => ({ key, params });
  switch (e.kind) {
    case 'staff-sign-in':
      return form('summary.staff-sign-in');
    case 'staff-sign-in-refused':
      return form('summary.staff-sign-in-refused', { count: count(d.failures) });
    case 'enrolment':
      return d.keyVersion !== undefined
        ? form('summary.enrolment.keyVersion', { child, count: count(d.templateIds), keyVersion: num(d.keyVersion) })
        : form('summary.enrolment', { child, count: count(d.templateIds) });
    case 'enrolment-refused':
      if (d.reason === 'no-consent') return form('summary.enrolment-refused.no-consent', { child });
      return d.reason !== undefined
        ? form('summary.enrolment-refused.reason', { child, reason: str(d.reason) })
        : form('summary.enrolment-refused', { child });
    case 'face-refused':
      // The kiosk's presentation-attack check refused the face of the child it matched (the site's padMode).
      return d.padResult === 'attack' || d.padResult === 'unsure'
        ? form('summary.face-refused', { child, result: [part(`part.padResult.${d.padResult}`)] })
        : form('summary.face-refused.other', { child });
    case 'pickup-refused':
      // A check-out that needed an authorised adult was not recorded (src/core/pickup.ts); ids only in the entry.
      if (d.outcome === 'codes-locked') return form('summary.pickup-refused.codes-locked', { count: num(d.failures) });
      return d.outcome === 'not-on-list' || d.outcome === 'not-valid-today' || d.outcome === 'do-not-release'
        ? form(`summary.pickup-refused.${d.outcome}`, { child })
        : form('summary.pickup-refused', { child });
    case 'staff-on-duty':
      return typeof d.group === 'string'
        ? form('summary.staff-on-duty.group', { group: visibleLine(d.group) })
        : form('summary.staff-on-duty');
    case 'staff-off-duty':
      return form('summary.staff-off-duty');
    case 'reader-state': {
      // The tablet's bracelet readers (src/core/reader-health.ts): each reader as "transport:state", shown as sent.
      const readers = Array.isArray(d.readers)
        ? d.readers
            .map(str)
            .filter((r) => r !== '')
            .join(', ')
        : '';
      if (d.state === 'ok') return form('summary.reader-state.ok', { readers });
      if (d.state === 'none') return form('summary.reader-state.none');
      return form('summary.reader-state.problem', { readers });
    }
    case 'twin-flag':
      return form('summary.twin-flag', { child, other: typeof d.twinOf === 'string' ? nameOf(d.twinOf) : [part('part.otherChild')] });
    case 'purge':
      return form('summary.purge', { child, count: count(d.templateIds) });
    case 'manual-check-in':
      return form(d.direction === 'out' ? 'summary.manual-check-in.out' : 'summary.manual-check-in.in', { child });
    case 'correction':
      if (d.direction === undefined) return form('summary.correction');
      return d.direction === 'in' || d.direction === 'out'
        ? form(`summary.correction.${d.direction}`)
        : form('summary.correction.other', { direction: str(d.direction) });
    case 'settings-change':
      if (d.setting === 'staff-pin') return form('summary.settings-change.pin');
      if (d.setting === 'roll-call-without-pin') {
        return form(d.rollCallWithoutPin === true ? 'summary.settings-change.rollCall.on' : 'summary.settings-change.rollCall.off');
      }
      if (d.source === 'district') {
        return form(d.biometricsEnabled === true ? 'summary.settings-change.district.on' : 'summary.settings-change.district.off', {
          bundleVersion: num(d.bundleVersion),
        });
      }
      return form('summary.settings-change.reader');
    case 'rekey':
      return form('summary.rekey', {
        fromVersion: num(d.fromVersion),
        toVersion: num(d.toVersion),
        renewed: num(d.renewed),
        dropped: num(d.dropped),
      });
    case 'consent.granted':
      return form(d.madeBy === 'parent' ? 'summary.consent.granted.parent' : 'summary.consent.granted', { child });
    case 'account.created':
      return form('summary.account.created', {
        account: str(d.accountId),
        role: ROLES.includes(d.role as Role) ? [part(`role.${d.role as Role}`)] : str(d.role),
      });
    case 'account.passkey-registered':
      if (d.replacedPasskeys !== undefined) return form('summary.account.passkey-replaced', { account: str(d.accountId) });
      return form('summary.account.passkey-registered', { account: str(d.accountId) });
    case 'account.invited':
    case 'account.signed-in':
    case 'account.signed-out':
    case 'account.disabled':
      return form(`summary.${e.kind}`, { account: str(d.accountId) });
    case 'account.sign-in-refused':
      return form('summary.account.sign-in-refused', { reason: str(d.reason) });
    case 'access.refused':
      if (d.repeated !== undefined)
        return form('summary.access.refused.repeated', {
          account: str(d.accountId),
          count: count(d.repeated),
          reasons: reasonParts(d.reasons, false),
        });
      return form('summary.access.refused', { account: str(d.accountId), operation: str(d.operation) });
    case 'parent.child-viewed':
      return form('summary.parent.child-viewed', { child });
    case 'parent.child-refused':
      // The id the parent tried, never the name of a child who is not theirs. A summary (`repeated`): the refusals
      // after the first of a minute, counted per id tried.
      if (d.repeated !== undefined)
        return form('summary.parent.child-refused.repeated', {
          account: str(d.accountId),
          count: count(d.repeated),
          reasons: reasonParts(d.reasons, false),
        });
      return form('summary.parent.child-refused', { child: str(d.childId) });
    case 'notice.subscribed':
      return form(d.channel === 'email' ? 'summary.notice.subscribed.email' : 'summary.notice.subscribed.push', {
        account: str(d.accountId),
      });
    case 'notice.confirmed':
      return form('summary.notice.confirmed', { account: str(d.accountId) });
    case 'templates.lapsed':
      return form(d.why === 'no-consent' ? 'summary.templates.lapsed.no-consent' : 'summary.templates.lapsed.old', {
        child,
        count: num(d.templatesDeleted),
      });
    case 'notice.vapid-renewed':
      return form('summary.notice.vapid-renewed', { count: num(d.pushSubscriptionsRemoved) });
    case 'notice.unsubscribed':
      return form(
        d.how === 'link'
          ? 'summary.notice.unsubscribed.link'
          : d.how === 'expired'
            ? 'summary.notice.unsubscribed.expired'
            : 'summary.notice.unsubscribed.parent',
        { account: str(d.accountId) },
      );
    case 'absence.reported':
      return form('summary.absence.reported', {
        child,
        day: str(d.day),
        reason: ['illness', 'family', 'holiday', 'other'].includes(str(d.reason))
          ? [part(`part.absence.${str(d.reason)}` as MessageKey)]
          : str(d.reason),
      });
    case 'register.approved':
      return form('summary.register.approved', { day: str(d.day), group: str(d.group), version: num(d.version) });
    case 'register.corrected':
      return form('summary.register.corrected', {
        child,
        day: str(d.day),
        reason: ['illness', 'family', 'holiday', 'other'].includes(str(d.reason))
          ? [part(`part.absence.${str(d.reason)}` as MessageKey)]
          : str(d.reason),
      });
    case 'register.approval-refused':
      return form('summary.register.approval-refused', { day: str(d.day) });
    case 'consent.revoked':
      return form('summary.consent.revoked', { child, count: count(d.templatesDeleted) });
    case 'child.removed':
      return form('summary.child.removed', { child });
    case 'pairing-code.created':
      return form('summary.pairing-code.created');
    case 'device.paired':
      return form('summary.device.paired');
    case 'device.revoked':
      return form('summary.device.revoked');
    case 'site.settings':
      return form('summary.site.settings', { changes: settingsPatch(d.patch) });
    case 'template-key.rotated':
      return form('summary.template-key.rotated', { keyVersion: num(d.keyVersion), count: count(d.renewedTemplates) });
    case 'template-key.retired':
      return form('summary.template-key.retired', { versions: Array.isArray(d.versions) ? d.versions.map(text) : [] });
    case 'template-key.renewed':
      return form('summary.template-key.renewed', { keyVersion: num(d.keyVersion) });
    case 'twin-flag.recorded':
      return form('summary.twin-flag.recorded', {
        children: Array.isArray(d.children) ? d.children.map((id) => text(nameOf(str(id)))) : [],
      });
    case 'twin-flag.cleared':
      return form('summary.twin-flag.cleared', { child });
    case 'template-key.fetched':
      return form('summary.template-key.fetched', { keyVersion: num(d.keyVersion) });
    case 'admin-token.rotated':
      return form('summary.admin-token.rotated');
    case 'pickup.added':
      return form('summary.pickup.added', { child, name: str(d.name) });
    case 'pickup.changed':
      return form('summary.pickup.changed', {
        child,
        name: str(d.name),
        changes: (Array.isArray(d.changed) ? d.changed : [])
          .filter((c): c is PickupChange => PICKUP_CHANGES.includes(c as PickupChange))
          .map((c) => part(`part.pickup.${c}`)),
      });
    case 'pickup.removed':
      return form('summary.pickup.removed', { child, name: str(d.name) });
    case 'pickup.codes-exposed':
      return form('summary.pickup.codes-exposed', { count: count(d.adults) });
    case 'do-not-release.added':
      return form('summary.do-not-release.added', { child, name: str(d.name) });
    case 'district.restored':
      return form('summary.district.restored', {
        devices: num(d.devicesUnpaired),
        consents: num(d.consentsWithdrawn),
        accounts: num(d.accountsDisabled),
        children: num(d.childrenRemoved),
        orders: num(d.doNotReleaseRestored),
      });
    case 'do-not-release.removed':
      return form('summary.do-not-release.removed', { child, name: str(d.name) });
    case 'recognition-report.received':
      return form('summary.recognition-report.received', { count: count(d.galleryChildren) });
    case 'security.pairing-refused':
    case 'security.signature-refused':
    case 'security.admin-token-refused':
    case 'security.rate-limited':
    case 'security.events-refused':
    case 'security.session-refused':
    case 'security.invitation-refused':
    case 'security.sign-in-refused':
      return form(`summary.${e.kind}`, {
        count: count(d.count),
        address: str(d.address),
        reasons: reasonParts(d.reasons, e.kind === 'security.rate-limited'),
      });
    default:
      return form('summary.other', { kind: e.kind });
  }
}

/** The English line the CLI prints (and the API returns as `summary`), rendered from the structured form. */
export function auditSummary(e: SummaryInput, nameOf: (childId: string) => string): string {
  const { key, params } = auditSummaryForm(e, nameOf);
  return render('en', key, params);
}
