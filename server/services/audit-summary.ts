// What the admin page shows for one audit entry: who acted and a one-line English summary (the admin page and the CLI
// are English-only). Pure: child names come in through `nameOf`, which answers only for children still on the roster,
// so an entry about a removed child shows its id, never more than the roster shows.

/** Kinds a tablet writes into its hash-chained log (src/core/audit-chain.ts). */
export const TABLET_AUDIT_KINDS = [
  'staff-sign-in', 'staff-sign-in-refused', 'enrolment', 'enrolment-refused', 'twin-flag', 'purge',
  'manual-check-in', 'correction', 'settings-change', 'rekey',
] as const;

/** Actions the district server records itself (table audit_log). */
export const DISTRICT_AUDIT_KINDS = [
  'consent.granted', 'consent.revoked', 'child.removed', 'device.paired', 'device.revoked', 'site.settings',
  'template-key.rotated', 'template-key.retired', 'template-key.renewed', 'twin-flag.recorded', 'twin-flag.cleared',
] as const;

export const AUDIT_KINDS: readonly string[] = [...TABLET_AUDIT_KINDS, ...DISTRICT_AUDIT_KINDS];

export type AuditActor = 'district-admin' | 'staff' | 'tablet' | 'server';

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
const count = (v: unknown): number => (Array.isArray(v) ? v.length : typeof v === 'number' ? v : 0);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function auditActor(e: Pick<SummaryInput, 'source' | 'kind' | 'actor' | 'actorIsDevice' | 'details'>): AuditActor {
  if (e.source === 'district') return e.actor === 'admin' ? 'district-admin' : e.actorIsDevice === true ? 'tablet' : 'server';
  switch (e.kind) {
    case 'staff-sign-in': case 'enrolment': case 'enrolment-refused': case 'twin-flag': case 'manual-check-in': case 'correction':
      return 'staff';
    case 'settings-change':
      return e.details.source === 'district' ? 'tablet' : 'staff';
    default:
      // A refused sign-in is someone who does not know the PIN; purges and re-keying run by themselves at sync.
      return 'tablet';
  }
}

function settingsPatch(patch: unknown): string {
  if (typeof patch !== 'object' || patch === null) return '';
  return Object.entries(patch as Details).map(([key, value]) => {
    if (key === 'biometricsEnabled') return `face recognition ${value === true ? 'on' : 'off'}`;
    if (key === 'nightlyWindow' && typeof value === 'object' && value !== null) {
      const w = value as Details;
      return `nightly sync ${str(w.start)}–${str(w.end)}`;
    }
    return `${key} ${value === null ? 'cleared' : str(value)}`;
  }).join(', ');
}

export function auditSummary(e: SummaryInput, nameOf: (childId: string) => string): string {
  const d = e.details;
  const child = e.childId !== null ? nameOf(e.childId) : typeof d.childId === 'string' ? nameOf(d.childId) : 'a child';
  switch (e.kind) {
    case 'staff-sign-in': return 'Staff signed in';
    case 'staff-sign-in-refused': return `Wrong staff PIN (${plural(count(d.failures), 'failure')} in a row)`;
    case 'enrolment': return `Face enrolled for ${child}: ${plural(count(d.templateIds), 'template')}${d.keyVersion !== undefined ? `, key version ${str(d.keyVersion)}` : ''}`;
    case 'enrolment-refused': return `Enrolment refused for ${child}${d.reason === 'no-consent' ? ': no active face consent' : d.reason !== undefined ? `: ${str(d.reason)}` : ''}`;
    case 'twin-flag': return `${child} flagged with ${typeof d.twinOf === 'string' ? nameOf(d.twinOf) : 'another child'}: face and bracelet together`;
    case 'purge': return `Face templates of ${child} deleted on the tablet (${plural(count(d.templateIds), 'template')})`;
    case 'manual-check-in': return `${child} marked ${d.direction === 'out' ? 'out' : 'in'} by hand`;
    case 'correction': return `A check-in or check-out corrected${d.direction !== undefined ? ` (now ${str(d.direction)})` : ''}`;
    case 'settings-change':
      if (d.setting === 'staff-pin') return 'Staff PIN changed';
      if (d.source === 'district') return `District settings applied (bundle version ${str(d.bundleVersion)}, face recognition ${d.biometricsEnabled === true ? 'on' : 'off'})`;
      return 'Reader settings changed by staff';
    case 'rekey': return `Face templates renewed from key version ${str(d.fromVersion)} to ${str(d.toVersion)} (${str(d.renewed)} renewed, ${str(d.dropped)} unreadable)`;
    case 'consent.granted': return `Face consent recorded for ${child}`;
    case 'consent.revoked': return `Face consent withdrawn for ${child}; ${plural(count(d.templatesDeleted), 'stored template')} deleted`;
    case 'child.removed': return `${child} removed from the roster`;
    case 'device.paired': return 'Tablet paired with a one-time code';
    case 'device.revoked': return 'Tablet unpaired';
    case 'site.settings': return `Settings changed: ${settingsPatch(d.patch)}`;
    case 'template-key.rotated': return `Face template key rotated to version ${str(d.keyVersion)} (${plural(count(d.renewedTemplates), 'stored template')} renewed)`;
    case 'template-key.retired': return `Old template key versions retired: ${Array.isArray(d.versions) ? d.versions.map(str).join(', ') : ''}`;
    case 'template-key.renewed': return `Tablet renewed its face templates to key version ${str(d.keyVersion)}`;
    case 'twin-flag.recorded': return `Twin flag recorded: ${Array.isArray(d.children) ? d.children.map((id) => nameOf(str(id))).join(' and ') : ''}`;
    case 'twin-flag.cleared': return `Twin flag cleared for ${child}`;
    default: return e.kind;
  }
}
