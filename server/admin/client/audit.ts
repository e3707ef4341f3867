// The admin page's audit log section (served as /admin/client/audit.js): the district's own record and every tablet's
// uploaded log, newest first, filtered by site and kind, with "Older entries" for the next page; above it, whether each
// tablet's stored hash chain still verifies. Kinds, actors, summaries (from the entry's summaryKey and summaryParams)
// and chain verdicts in the admin's language; a summary key this page does not know shows the server's English line.
// Shows only what the rest of the page shows (names of children on the roster).
import { $, api, esc, paint, quietly, type Schemas } from './dom.js';
import { formatDateTime, locale, t } from './locale.js';
import { isMessageKey, render, type MessageParam } from './messages.js';

let older: string | null = null;
let entries: Schemas['AuditLogEntry'][] = [];
let kinds: string[] = [];

const siteFilter = (): HTMLSelectElement => $<HTMLSelectElement>('auditSite');
const kindFilter = (): HTMLSelectElement => $<HTMLSelectElement>('auditKind');

/** A kind in the admin's language (an unknown one as it is). */
function kindLabel(kind: string): string {
  const key = `kind.${kind}`;
  return isMessageKey(key) ? t(key) : kind;
}

/** The entry's summary in the admin's language, from its structured form. */
export function summaryText(e: Pick<Schemas['AuditLogEntry'], 'summary' | 'summaryKey' | 'summaryParams'>): string {
  return isMessageKey(e.summaryKey) ? render(locale(), e.summaryKey, e.summaryParams as Record<string, MessageParam>) : e.summary;
}

function query(extra: Record<string, string>): string {
  const q = new URLSearchParams(extra);
  if (siteFilter().value) q.set('siteId', siteFilter().value);
  if (kindFilter().value) q.set('kind', kindFilter().value);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function row(e: Schemas['AuditLogEntry']): string {
  const tablet = e.deviceName === null ? '—' : esc(e.deviceName) + (e.seq !== undefined ? ` <small class="muted">#${e.seq}</small>` : '');
  return (
    `<tr class="audit-row" data-kind="${esc(e.kind)}"><td>${esc(formatDateTime(e.atMs))}</td><td>${e.siteName === null ? esc(t('audit.district')) : esc(e.siteName)}</td>` +
    `<td>${tablet}</td><td>${esc(kindLabel(e.kind))}</td><td>${esc(t(`actor.${e.actor}`))}</td><td>${esc(summaryText(e))}</td></tr>`
  );
}

type ChainCheck = Pick<Schemas['AuditChainStatus'], 'verified' | 'headSeq' | 'signedSeq' | 'brokenAtSeq' | 'problemKind'> & {
  problem?: string | null;
  /** Entries or events stored. */
  count: number;
};

/** Whether the tablet signed the chain, and up to where (a chain that verifies). */
function signedNote(c: ChainCheck): string {
  return c.signedSeq === null ? t('chains.unsigned') : t('chains.signedUpTo', { seq: c.signedSeq });
}

function chainVerdict(c: ChainCheck): string {
  if (c.verified)
    return (
      `<span class="chain-ok">${esc(t('chains.ok'))}</span> ` +
      esc(c.count === 0 ? t('chains.okEmpty') : `${t('chains.okUpTo', { seq: c.headSeq })}; ${signedNote(c)}`)
    );
  const problem =
    c.problemKind === null ? (c.problem ?? '') : t(`chains.problem.${c.problemKind}`, { seq: c.brokenAtSeq ?? 0, headSeq: c.headSeq });
  return `<span class="chain-broken">${esc(t('chains.broken'))}</span>: ${esc(problem)}`;
}

function chainsHtml(chains: Schemas['AuditChainStatus'][]): string {
  if (chains.length === 0) return `<p>${esc(t('chains.none'))}</p>`;
  const cells = (c: Schemas['AuditChainStatus']) => {
    const a = c.attendance;
    return (
      `<td>${esc(c.deviceName)}</td><td>${c.entries}</td><td>${chainVerdict({ ...c, count: c.entries })}</td>` +
      `<td data-attendance="${a.verified ? 'ok' : 'broken'}">${esc(t('chains.events', { count: a.events }))}: ${chainVerdict({ ...a, count: a.events })}</td>`
    );
  };
  return (
    `<table><tr><th>${esc(t('chains.col.tablet'))}</th><th>${esc(t('chains.col.entries'))}</th><th>${esc(t('chains.col.chain'))}</th>` +
    `<th>${esc(t('chains.col.attendance'))}</th></tr>` +
    chains.map((c) => `<tr data-chain="${esc(c.deviceId)}">${cells(c)}</tr>`).join('') +
    '</table>'
  );
}

/** Offers every kind in the kind filter in the admin's language (again after a switch, keeping the choice). */
function paintKinds(): void {
  let keep = '';
  paint(
    'auditKind',
    () => {
      keep = kindFilter().value;
      return (
        `<option value="">${esc(t('audit.allKinds'))}</option>` +
        kinds.map((k) => `<option value="${esc(k)}">${esc(kindLabel(k))}</option>`).join('')
      );
    },
    () => {
      kindFilter().value = keep;
    },
  );
}

function showRows(): void {
  paint('auditRows', () => entries.map(row).join(''));
  $('auditEmpty').hidden = entries.length > 0;
  $('auditOlder').hidden = older === null;
}

/** The chain verdicts of the chosen site: the entries stored since the server last checked, or (`full`) all again. */
function loadChains(full: boolean): Promise<Schemas['AuditChainStatus'][]> {
  const q = new URLSearchParams({ ...(siteFilter().value ? { siteId: siteFilter().value } : {}), ...(full ? { full: 'true' } : {}) });
  const s = q.toString();
  return api<Schemas['AuditChainStatus'][]>('GET', `/admin/v1/audit/chains${s ? `?${s}` : ''}`);
}

async function verifyAll(): Promise<void> {
  const chains = await loadChains(true);
  paint('auditChains', () => chainsHtml(chains));
}

/** Loads the newest page (and the chain verdicts) for the current filters. */
export async function loadAudit(): Promise<void> {
  const [page, chains] = await Promise.all([api<Schemas['AuditPage']>('GET', `/admin/v1/audit${query({})}`), loadChains(false)]);
  if (kinds.length === 0) {
    kinds = page.kinds;
    paintKinds();
  }
  paint('auditChains', () => chainsHtml(chains));
  entries = page.entries;
  older = page.older;
  showRows();
}

async function loadOlder(): Promise<void> {
  if (older === null) return;
  const page = await api<Schemas['AuditPage']>('GET', `/admin/v1/audit${query({ olderThan: older })}`);
  entries = [...entries, ...page.entries];
  older = page.older;
  showRows();
}

/** Offers every site in the site filter (keeping the choice). */
export function setAuditSites(sites: Schemas['Site'][]): void {
  const keep = siteFilter().value;
  siteFilter().innerHTML =
    `<option value="" data-t="audit.allSites">${esc(t('audit.allSites'))}</option>` +
    sites.map((s) => `<option value="${esc(s.siteId)}">${esc(s.name)}</option>`).join('');
  if (sites.some((s) => s.siteId === keep)) siteFilter().value = keep;
}

export function setUpAudit(): void {
  siteFilter().addEventListener('change', () => quietly(loadAudit()));
  kindFilter().addEventListener('change', () => quietly(loadAudit()));
  $('auditRefresh').addEventListener('click', () => quietly(loadAudit()));
  $('auditVerifyAll').addEventListener('click', () => quietly(verifyAll()));
  $('auditOlder').addEventListener('click', () => quietly(loadOlder()));
}
