// The admin page's audit log section (served as /admin/client/audit.js): the district's own record and every tablet's
// uploaded log, newest first, filtered by site and kind, with "Older entries" for the next page; above it, whether each
// tablet's stored hash chain still verifies. Shows only what the rest of the page shows (names of children on the roster).
import { $, api, esc, quietly, type Schemas } from './dom.js';

const KIND_LABELS: Record<string, string> = {
  'staff-sign-in': 'staff sign-in', 'staff-sign-in-refused': 'staff sign-in refused', enrolment: 'face enrolment',
  'enrolment-refused': 'enrolment refused', 'twin-flag': 'twin flag (tablet)', purge: 'template purge (tablet)',
  'manual-check-in': 'marked by hand', correction: 'correction', 'settings-change': 'tablet settings', rekey: 're-key (tablet)',
  'consent.granted': 'consent recorded', 'consent.revoked': 'consent withdrawn', 'child.removed': 'child removed',
  'device.paired': 'tablet paired', 'device.revoked': 'tablet unpaired', 'site.settings': 'site settings', 'template-key.rotated': 'key rotated',
  'template-key.retired': 'key retired', 'template-key.renewed': 'key renewed (tablet)', 'twin-flag.recorded': 'twin flag recorded',
  'twin-flag.cleared': 'twin flag cleared',
};
const ACTOR_LABELS: Record<Schemas['AuditLogEntry']['actor'], string> = {
  'district-admin': 'district admin', staff: 'staff (shared PIN)', tablet: 'tablet', server: 'server (demo seed)',
};
const label = (kind: string): string => KIND_LABELS[kind] ?? kind;

let older: string | null = null;
let kindsShown = false;

const siteFilter = (): HTMLSelectElement => $<HTMLSelectElement>('auditSite');
const kindFilter = (): HTMLSelectElement => $<HTMLSelectElement>('auditKind');

function query(extra: Record<string, string>): string {
  const q = new URLSearchParams(extra);
  if (siteFilter().value) q.set('siteId', siteFilter().value);
  if (kindFilter().value) q.set('kind', kindFilter().value);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function row(e: Schemas['AuditLogEntry']): string {
  const tablet = e.deviceName === null ? '—' : esc(e.deviceName) + (e.seq !== undefined ? ` <small class="muted">#${e.seq}</small>` : '');
  return `<tr class="audit-row" data-kind="${esc(e.kind)}"><td>${new Date(e.atMs).toLocaleString()}</td><td>${e.siteName === null ? 'district' : esc(e.siteName)}</td>` +
    `<td>${tablet}</td><td>${esc(label(e.kind))}</td><td>${esc(ACTOR_LABELS[e.actor])}</td><td>${esc(e.summary)}</td></tr>`;
}

function showChains(chains: Schemas['AuditChainStatus'][]): void {
  $('auditChains').innerHTML = chains.length === 0 ? '<p>No tablets yet.</p>' : '<table><tr><th>Tablet</th><th>Entries</th><th>Hash chain</th></tr>' +
    chains.map((c) => `<tr data-chain="${esc(c.deviceId)}"><td>${esc(c.deviceName)}</td><td>${c.entries}</td><td>` +
      (c.verified ? `<span class="chain-ok">verifies</span>${c.entries === 0 ? ' (nothing uploaded yet)' : ` (up to entry ${c.headSeq})`}`
        : `<span class="chain-broken">does not verify</span>: ${esc(c.problem)}`) + '</td></tr>').join('') + '</table>';
}

/** Loads the newest page (and the chain verdicts) for the current filters. */
export async function loadAudit(): Promise<void> {
  const [page, chains] = await Promise.all([
    api<Schemas['AuditPage']>('GET', `/admin/v1/audit${query({})}`),
    api<Schemas['AuditChainStatus'][]>('GET', `/admin/v1/audit/chains${siteFilter().value ? `?siteId=${encodeURIComponent(siteFilter().value)}` : ''}`),
  ]);
  if (!kindsShown) {
    kindFilter().innerHTML = '<option value="">All kinds</option>' + page.kinds.map((k) => `<option value="${esc(k)}">${esc(label(k))}</option>`).join('');
    kindsShown = true;
  }
  showChains(chains);
  $('auditRows').innerHTML = page.entries.map(row).join('');
  $('auditEmpty').hidden = page.entries.length > 0;
  setOlder(page.older);
}

function setOlder(cursor: string | null): void {
  older = cursor;
  $('auditOlder').hidden = cursor === null;
}

async function loadOlder(): Promise<void> {
  if (older === null) return;
  const page = await api<Schemas['AuditPage']>('GET', `/admin/v1/audit${query({ olderThan: older })}`);
  $('auditRows').insertAdjacentHTML('beforeend', page.entries.map(row).join(''));
  setOlder(page.older);
}

/** Offers every site in the site filter (keeping the choice). */
export function setAuditSites(sites: Schemas['Site'][]): void {
  const keep = siteFilter().value;
  siteFilter().innerHTML = '<option value="">All sites</option>' + sites.map((s) => `<option value="${esc(s.siteId)}">${esc(s.name)}</option>`).join('');
  if (sites.some((s) => s.siteId === keep)) siteFilter().value = keep;
}

export function setUpAudit(): void {
  siteFilter().addEventListener('change', () => quietly(loadAudit()));
  kindFilter().addEventListener('change', () => quietly(loadAudit()));
  $('auditRefresh').addEventListener('click', () => quietly(loadAudit()));
  $('auditOlder').addEventListener('click', () => quietly(loadOlder()));
}
