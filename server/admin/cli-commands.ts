// The admin CLI's commands (`npm run district -- <command>`), over the admin API of the contract: every change goes
// through the same validation, transactions and audit log as the admin page. Returns text for a person (or JSON with
// --json); a refusal becomes a CliError with the server's message and what to do. English only: it is a tool for district
// IT, unlike the admin page, which speaks Kazakh, Russian and English; its audit summaries are the English rendering of
// the same structured summaries the page words in the admin's language (server/services/audit-summary.ts).
import { parseArgs } from 'node:util';
import type { components } from '../../src/protocol/api-types.generated';
import { isValidDay } from '../ids';
import { INTEGRITY_OPTIONS } from '../services/integrity';
import { registerCommand } from '../register/register-command';

type Schemas = components['schemas'];

export type AdminCall = <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export const USAGE = `Usage: npm run district -- <command> [options]

Sites and settings
  sites                                     list sites with their settings
  site create <name> [--tz Asia/Almaty]     create a site
  biometrics on --assessment <ref> [--site <id>]
                                            switch face recognition on (needs the DPIA reference)
  biometrics off [--site <id>]              switch it off (tablets purge their templates at the next sync)
  settings [--site <id>] [--threshold 0.42] [--margin 0.06] [--nightly 01:00-04:00] [--max-offline-days 3]
           [--pad-mode evidence|ask-bracelet|record-flagged] [--presence-evidence on|off]
                                            presentation-attack policy at the gate: evidence (record the check,
                                            refuse nobody; the default), ask-bracelet (an attack or unsure result
                                            asks for the bracelet), record-flagged (an attack asks for the bracelet,
                                            an unsure result is recorded with a flag); presence evidence (off by
                                            default): at each bracelet tap the camera records only whether a person
                                            stood in front of it (detection only, nothing kept)
Tablets
  pairing-code [--site <id>]                a one-time code for a new tablet (valid 24 h)
  devices [--site <id>]                     tablets, last contact, events held
  device revoke <deviceId>                  unpair a tablet (its signatures are refused from now on)
  receipts <deviceId>                       purge receipts a tablet sent
  audit <deviceId>                          the audit log a tablet uploaded (enrolment, purge, staff actions)
  audit-log [--site <id>] [--kind <kind>]   the district's audit log, newest first (admin actions and every tablet's)
  audit-chains [--site <id>] [--full]       whether each tablet's stored audit log and attendance events still verify
                                            (hash chains, and the heads the tablet signed): the entries stored since
                                            the last check, or with --full every entry again
Children, guardians, consents
  children [--site <id>]                    roster with bracelets, consents, template counts and twin flags
  child add <name> [--group <g>] [--bracelet mifare:04A1B2C3] [--site <id>]
  child remove <childId>                    remove from the roster (templates deleted, tablets purge theirs)
  child twins-clear <childId>               clear a twin flag staff confirmed by mistake (tablets drop it at their next sync)
  guardians [--site <id>]                   guardians who gave or withdrew a face consent
  consent grant <childId> --guardian <name> [--relation parent] [--from YYYY-MM-DD] [--until YYYY-MM-DD]
  consent revoke <consentId>                withdraw (templates deleted now and on every tablet at its next sync)
People (each signs in with their own passkey; the admin token stays for this CLI and automation)
  accounts                                  accounts with role, site or children, passkeys, pending invitation
  account add <name> --role parent|teacher|site-director|district-admin [--site <id>] [--child <childId>]...
                                            a director or teacher needs --site; a parent one --child per child
  invite <accountId>                        a one-time invitation (code and link, shown once, valid 7 days; an
                                            earlier unused one stops working): the person registers their passkey
  invite <name> --role <role> [--site <id>] [--child <childId>]...
                                            the same for a new account, in one step
  account disable <accountId>               the person is signed out at once and cannot sign in again
Authorised pickups (no photos; a pickup code is kept only as a salted hash and never shown again)
  pickup list <childId>                     adults allowed to collect the child and do-not-release entries
  pickup add <childId> --name <name> [--relation grandmother] [--card mifare:04A1B2C3]... [--code 1234]
             [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                            allow an adult to collect the child (their own card or bracelet, up to
                                            4, and/or a 4-6 digit code; at most 4 adults per child)
  pickup remove <pickupId>                  no longer allowed to collect the child
  pickup deny <childId> --name <name> --reason "court order 12.03.2026" [--card UID]...
                                            the child must not be released to this person (staff see the reason)
  pickup undeny <entryId>                   remove a do-not-release entry
Template key (renewability, ISO/IEC 24745)
  template-key                              key versions, which are kept, and the version each tablet renewed to
  template-key rotate                       new district template key: stored templates renewed now, each tablet
                                            renews its own at its next sync; the old version is deleted once every
                                            paired tablet has renewed (unpair a lost tablet to stop waiting for it)
Reports and operations
  report [--day YYYY-MM-DD] [--csv] [--site <id>]   daily attendance (CSV to stdout with --csv)
  integrity [--site <id>] [--day YYYY-MM-DD] [--burst-count 5] [--burst-seconds 10] [--face-days 10]
                                            signals of padded attendance that day, as JSON: bursts of bracelet
                                            check-ins at one tablet (burst-count within burst-seconds), faces the
                                            presentation-attack check refused or flagged, hand marks and corrections
                                            per tablet, children never checked in by face over the last face-days days
  recognition-reports [--site <id>] [--max-fpir 0.01] [--max-fnir 0.05]
                                            each tablet's latest recognition self-test (figures only): gallery size,
                                            FPIR and FNIR with 95% intervals, twin candidates, weak enrolments, and the
                                            verdict against the target (upper bounds; the district's default unless given)
  register --month YYYY-MM [--site <id>] [--format json|csv|xlsx] [--out FILE]
                                            the month's attendance register for the funding body: each day, group and
                                            child with the approval state (days not approved are marked); CSV and JSON
                                            to stdout, XLSX to FILE (default register-<site>-<month>.xlsx)
  epoch rotate                              after restoring the database from a backup: tablets re-push
Security, backups and keys
  admin-token rotate                        a new admin token (printed once); the old one stops working at once
  backup FILE                               PostgreSQL: a pg_dump archive (servers may run); PGlite: the data folder
                                            as a tar.gz (stop the server first)
  restore FILE [--replace]                  the database from a backup, then a new epoch: tablets push again what the
                                            backup lacks. Stop the server first; --replace to replace a database that
                                            is there (what it held is kept aside)
  master-key rotate                         a new master key; every sealed secret re-sealed under it. Stop the server
                                            first (with DISTRICT_MASTER_KEY: give the new key as DISTRICT_NEW_MASTER_KEY)
Options: --json (machine-readable output), --server <url> (default: the running server, else the database directly)`;

const OPTIONS = {
  site: { type: 'string' },
  tz: { type: 'string' },
  assessment: { type: 'string' },
  threshold: { type: 'string' },
  margin: { type: 'string' },
  nightly: { type: 'string' },
  'max-offline-days': { type: 'string' },
  'pad-mode': { type: 'string' },
  'presence-evidence': { type: 'string' },
  group: { type: 'string' },
  bracelet: { type: 'string', multiple: true },
  guardian: { type: 'string' },
  relation: { type: 'string' },
  from: { type: 'string' },
  until: { type: 'string' },
  to: { type: 'string' },
  name: { type: 'string' },
  card: { type: 'string', multiple: true },
  code: { type: 'string' },
  reason: { type: 'string' },
  day: { type: 'string' },
  month: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'burst-count': { type: 'string' },
  'burst-seconds': { type: 'string' },
  'face-days': { type: 'string' },
  'max-fpir': { type: 'string' },
  'max-fnir': { type: 'string' },
  kind: { type: 'string' },
  role: { type: 'string' },
  child: { type: 'string', multiple: true },
  csv: { type: 'boolean' },
  full: { type: 'boolean' },
  json: { type: 'boolean' },
  server: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A cell for the terminal: control characters (escape sequences that could rewrite the admin's screen) shown as "?". */
// eslint-disable-next-line no-control-regex
const terminalSafe = (cell: string) => cell.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

function table(input: string[][]): string {
  if (input.length === 0) return '';
  const rows = input.map((r) => r.map(terminalSafe));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

const signedUpTo = (seq: number | null) => (seq === null ? ' (never signed by the tablet)' : ` (signed by the tablet up to ${seq})`);

/** What an attendance chain's problem means, for the terminal (English, as the audit log's own problems). */
function attendanceProblem(kind: Schemas['AuditChainStatus']['attendance']['problemKind'], seq: number | null): string {
  const at = `event ${seq ?? '?'}`;
  switch (kind) {
    case 'listing':
      return `${at}'s listed child, day, time or type differ from its hashed contents.`;
    case 'hash':
      return `${at} was changed after it was pushed: its contents no longer match its hash.`;
    case 'link':
      return `${at} does not link to the event before it: an event was changed, removed or inserted.`;
    case 'gap':
      return `events before ${seq ?? '?'} are missing.`;
    case 'ends-early':
      return `the stored events differ from ${at} on from what the tablet pushed: events were removed or replaced.`;
    case 'signature':
      return `the stored chain does not hold ${at} as the tablet signed it: it was rewritten, hashes included.`;
    default:
      return '';
  }
}

const time = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16));

function localDay(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

type PadMode = NonNullable<Schemas['SiteSettings']['padMode']>;
const PAD_MODES: readonly PadMode[] = ['evidence', 'ask-bracelet', 'record-flagged'];

function padMode(value: string | undefined): PadMode | undefined {
  if (value === undefined) return undefined;
  const mode = PAD_MODES.find((m) => m === value);
  if (mode === undefined) throw new CliError(`--pad-mode must be one of ${PAD_MODES.join(', ')}; got ${value}.`, 2);
  return mode;
}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`--${name} must be a number, got ${value}.`);
  return n;
}

const rounded = (x: number): string => String(Math.round(x * 10_000) / 10_000);

function rateText(r: Schemas['RecognitionRate']): string {
  if (r.trials === 0 || r.lower95 === null || r.upper95 === null) return 'no trials';
  return `${r.errors}/${r.trials} (${rounded(r.lower95)}-${rounded(r.upper95)})`;
}

const VERDICTS: Record<Schemas['RecognitionReportListing']['verdict'], string> = {
  within: 'within target',
  outside: 'OUTSIDE target',
  'too-few': 'cannot say yet',
};

/** The recognition self-tests as a table, one row per tablet, the verdict and its reasons last. */
function recognitionReportsText(list: Schemas['RecognitionReportList']): string {
  const target = `Target: FPIR upper bound <= ${list.target.maxFpirUpper95}, FNIR upper bound <= ${list.target.maxFnirUpper95}.`;
  if (list.reports.length === 0) return `${target}\nNo tablet has sent its recognition self-test yet.`;
  return (
    `${target}\n` +
    table([
      ['site', 'tablet', 'computed', 'children', 'samples', 'FPIR (95%)', 'FNIR (95%)', 'twins', 'weak', 'verdict'],
      ...list.reports.map((l) => [
        l.siteName,
        `${l.deviceName} (${l.deviceId})`,
        time(l.report.computedAtMs),
        String(l.report.galleryChildren),
        String(l.report.samples),
        rateText(l.report.fpir),
        rateText(l.report.fnir),
        String(l.report.twinCandidates),
        String(l.report.weakEnrolments),
        VERDICTS[l.verdict] + (l.reasons.length > 0 ? `: ${l.reasons.map((r) => r.text).join('; ')}` : ''),
      ]),
    ])
  );
}

/** Runs one command; returns what to print on stdout. */
export async function runDistrictCommand(argv: string[], call: AdminCall, nowMs = Date.now()): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, 2);
  }
  const { values: o, positionals: p } = parsed;
  const json = o.json === true;
  const out = (value: unknown, text: () => string) => (json ? JSON.stringify(value, null, 2) : text());

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await call<T | Schemas['Error']>(method, path, body);
    if (r.status >= 200 && r.status < 300) return r.body as T;
    const e = r.body as Partial<Schemas['Error']>;
    throw new CliError(`Refused (${r.status} ${e.code ?? 'error'}): ${e.message ?? JSON.stringify(r.body)}`);
  }
  /** The site of --site, else the only one; `unknownExit`: the exit code for a --site that names no site. */
  async function site(unknownExit = 1): Promise<Schemas['Site']> {
    const sites = await api<Schemas['Site'][]>('GET', '/admin/v1/sites');
    if (o.site !== undefined) {
      const s = sites.find((x) => x.siteId === o.site);
      if (!s) throw new CliError(`No site ${o.site}. Run \`npm run district -- sites\` to list them.`, unknownExit);
      return s;
    }
    if (sites.length === 1) return sites[0]!;
    throw new CliError(
      sites.length === 0
        ? 'There is no site yet: `npm run district -- site create "<name>"`.'
        : 'There are several sites: choose one with --site <id> (see `npm run district -- sites`).',
    );
  }
  const need = (value: string | undefined, what: string): string => {
    if (value === undefined || value === '') throw new CliError(`Missing ${what}.\n\n${USAGE}`, 2);
    return value;
  };

  const ROLES = ['parent', 'teacher', 'site-director', 'district-admin'] as const;
  async function addAccount(displayName: string): Promise<Schemas['Account']> {
    const role = ROLES.find((r) => r === o.role);
    if (role === undefined) throw new CliError(`--role must be one of ${ROLES.join(', ')}.\n\n${USAGE}`, 2);
    if (role === 'parent' && o.child === undefined) throw new CliError("A parent's account needs --child <childId> for each child.", 2);
    return api<Schemas['Account']>('POST', '/admin/v1/accounts', {
      displayName,
      role,
      ...(role === 'site-director' || role === 'teacher' ? { siteId: (await site()).siteId } : {}),
      ...(role === 'parent' ? { childIds: o.child ?? [] } : {}),
    });
  }

  const [command, sub, arg] = p;
  if (o.help || command === undefined || command === 'help') return USAGE;
  switch (command) {
    case 'sites': {
      const sites = await api<Schemas['Site'][]>('GET', '/admin/v1/sites');
      return out(sites, () =>
        sites.length === 0
          ? 'No sites yet: `npm run district -- site create "<name>"`.'
          : table([
              ['site', 'name', 'time zone', 'bundle', 'faces', 'assessment', 'nightly', 'offline days', 'PAD mode'],
              ...sites.map((s) => [
                s.siteId,
                s.name,
                s.timeZone,
                String(s.revision),
                s.settings.biometricsEnabled ? 'on' : 'off',
                s.settings.assessmentRef ?? '-',
                `${s.settings.nightlyWindow.start}-${s.settings.nightlyWindow.end}`,
                String(s.settings.maxOfflineFaceDays),
                s.settings.padMode ?? 'evidence',
              ]),
            ]),
      );
    }
    case 'site': {
      if (sub !== 'create') throw new CliError(`Unknown: site ${sub ?? ''}.\n\n${USAGE}`, 2);
      const created = await api<Schemas['Site']>('POST', '/admin/v1/sites', {
        name: need(arg, 'the site name'),
        ...(o.tz ? { timeZone: o.tz } : {}),
      });
      return out(
        created,
        () =>
          `Created site ${created.siteId} (${created.name}, ${created.timeZone}). Face recognition is off until switched on with an assessment reference.`,
      );
    }
    case 'biometrics': {
      if (sub !== 'on' && sub !== 'off') throw new CliError('Say `biometrics on --assessment <ref>` or `biometrics off`.', 2);
      const s = await site();
      const patch =
        sub === 'on'
          ? {
              biometricsEnabled: true,
              assessmentRef: need(
                o.assessment ?? s.settings.assessmentRef ?? undefined,
                '--assessment <data-protection impact assessment reference>',
              ),
            }
          : { biometricsEnabled: false };
      const updated = await api<Schemas['Site']>('PUT', `/admin/v1/sites/${s.siteId}/settings`, patch);
      return out(
        updated,
        () =>
          `Face recognition is ${updated.settings.biometricsEnabled ? `on at ${updated.name} (assessment ${updated.settings.assessmentRef})` : `off at ${updated.name}; tablets delete their templates at their next sync`}.`,
      );
    }
    case 'settings': {
      const s = await site();
      const patch: Schemas['SiteSettingsPatch'] = {};
      const threshold = number(o.threshold, 'threshold');
      const margin = number(o.margin, 'margin');
      const days = number(o['max-offline-days'], 'max-offline-days');
      if (threshold !== undefined) patch.matchThreshold = threshold;
      if (margin !== undefined) patch.matchMargin = margin;
      if (days !== undefined) patch.maxOfflineFaceDays = days;
      const pad = padMode(o['pad-mode']);
      if (pad !== undefined) patch.padMode = pad;
      const presence = o['presence-evidence'];
      if (presence !== undefined) {
        if (presence !== 'on' && presence !== 'off') throw new CliError(`--presence-evidence must be on or off; got ${presence}.`, 2);
        patch.presenceEvidence = presence === 'on';
      }
      if (o.nightly !== undefined) {
        const m = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(o.nightly);
        if (!m) throw new CliError('--nightly must look like 01:00-04:00 (local time of the site).', 2);
        patch.nightlyWindow = { start: m[1]!, end: m[2]! };
      }
      const result = Object.keys(patch).length === 0 ? s : await api<Schemas['Site']>('PUT', `/admin/v1/sites/${s.siteId}/settings`, patch);
      return out(
        result,
        () => `${result.name} (${result.siteId}), bundle version ${result.revision}\n${JSON.stringify(result.settings, null, 2)}`,
      );
    }
    case 'pairing-code': {
      const s = await site();
      const code = await api<Schemas['PairingCode']>('POST', `/admin/v1/sites/${s.siteId}/pairing-codes`);
      return out(
        code,
        () =>
          `Pairing code for ${s.name}: ${code.code}\nOpen <kiosk address>/#pair=${code.code}&k=${code.fingerprint} on the tablet (or paste that link into its pairing form).\n` +
          `District key fingerprint: ${code.fingerprint}. Valid once, until ${time(code.expiresAtMs)} UTC.`,
      );
    }
    case 'devices': {
      const s = await site();
      const devices = await api<Schemas['Device'][]>('GET', `/admin/v1/sites/${s.siteId}/devices`);
      return out(devices, () =>
        devices.length === 0
          ? `No tablets paired with ${s.name} yet: \`npm run district -- pairing-code\`.`
          : table([
              ['device', 'name', 'paired', 'last seen', 'events', 'state'],
              ...devices.map((d) => [
                d.deviceId,
                d.name,
                time(d.pairedAtMs),
                time(d.lastSeenAtMs),
                String(d.head.seq),
                d.revokedAtMs === null ? 'active' : `unpaired ${time(d.revokedAtMs)}`,
              ]),
            ]),
      );
    }
    case 'device': {
      if (sub !== 'revoke') throw new CliError(`Unknown: device ${sub ?? ''}.\n\n${USAGE}`, 2);
      const d = await api<Schemas['Device']>('POST', `/admin/v1/devices/${need(arg, 'the device id')}/revoke`);
      return out(d, () => `Tablet ${d.deviceId} (${d.name}) is unpaired; it keeps its check-ins until it is paired again.`);
    }
    case 'receipts': {
      const deviceId = need(sub, 'the device id');
      const receipts = await api<Schemas['PurgeReceipt'][]>('GET', `/admin/v1/devices/${deviceId}/purge-receipts`);
      return out(receipts, () =>
        receipts.length === 0
          ? `No purge receipts from ${deviceId}.`
          : table([
              ['receipt', 'child', 'reason', 'templates', 'purged (UTC)', 'bundle'],
              ...receipts.map((r) => [
                r.receiptId,
                r.childId,
                r.reason,
                String(r.templateIds.length),
                time(r.purgedAtMs),
                String(r.bundleVersion ?? '-'),
              ]),
            ]),
      );
    }
    case 'audit': {
      const deviceId = need(sub, 'the device id');
      const entries = await api<Schemas['AuditEntry'][]>('GET', `/admin/v1/devices/${deviceId}/audit`);
      return out(entries, () =>
        entries.length === 0
          ? `No audit entries from ${deviceId} yet.`
          : table([
              ['seq', 'time (UTC)', 'what', 'child', 'details'],
              ...entries.map((e) => [String(e.seq), time(e.atMs), e.kind, e.childId ?? '-', e.details ? JSON.stringify(e.details) : '']),
            ]),
      );
    }
    case 'audit-log': {
      const q = new URLSearchParams({ limit: '200', ...(o.site ? { siteId: o.site } : {}), ...(o.kind ? { kind: o.kind } : {}) });
      const page = await api<Schemas['AuditPage']>('GET', `/admin/v1/audit?${q}`);
      return out(page, () =>
        page.entries.length === 0
          ? 'No audit entries match.'
          : table([
              ['time (UTC)', 'site', 'tablet', 'kind', 'who', 'what'],
              ...page.entries.map((e) => [
                time(e.atMs),
                e.siteName ?? '-',
                e.deviceName === null ? '-' : `${e.deviceName}${e.seq !== undefined ? ` #${e.seq}` : ''}`,
                e.kind,
                e.actor,
                e.summary,
              ]),
            ]) + (page.older !== null ? '\n(the newest 200 entries; use --json and the admin API for older ones)' : ''),
      );
    }
    case 'audit-chains': {
      const params = new URLSearchParams({ ...(o.site ? { siteId: o.site } : {}), ...(o.full ? { full: 'true' } : {}) }).toString();
      const q = params ? `?${params}` : '';
      const chains = await api<Schemas['AuditChainStatus'][]>('GET', `/admin/v1/audit/chains${q}`);
      return out(chains, () =>
        chains.length === 0
          ? 'No tablets.'
          : table([
              ['tablet', 'name', 'entries', 'audit chain', 'events', 'attendance chain'],
              ...chains.map((c) => [
                c.deviceId,
                c.deviceName,
                String(c.entries),
                c.verified ? `verifies${signedUpTo(c.signedSeq)}` : `DOES NOT VERIFY: ${c.problem ?? ''}`,
                String(c.attendance.events),
                c.attendance.verified
                  ? `verifies${signedUpTo(c.attendance.signedSeq)}`
                  : `DOES NOT VERIFY: ${attendanceProblem(c.attendance.problemKind, c.attendance.brokenAtSeq)}`,
              ]),
            ]),
      );
    }
    case 'children': {
      const s = await site();
      const children = (await api<Schemas['ChildAdmin'][]>('GET', `/admin/v1/sites/${s.siteId}/children`)).filter(
        (c) => c.removedAtMs === null,
      );
      return out(
        children,
        () =>
          table([
            ['child', 'name', 'group', 'bracelets', 'face consent', 'templates', 'twin of (face + bracelet)'],
            ...children.map((c) => {
              const active = c.consents.find((k) => k.active);
              return [
                c.childId,
                c.displayName,
                c.group,
                c.bracelets.join(' ') || '-',
                active ? `${active.consentId} until ${active.expiresOn}` : '-',
                String(c.templateCount),
                c.twinOf?.join(' ') ?? '-',
              ];
            }),
          ]) +
          `\n${children.length} children, ${children.filter((c) => c.consents.some((k) => k.active)).length} with an active face consent.`,
      );
    }
    case 'child': {
      if (sub === 'add') {
        const s = await site();
        const c = await api<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${s.siteId}/children`, {
          displayName: need(arg, "the child's name"),
          ...(o.group ? { group: o.group } : {}),
          ...(o.bracelet ? { bracelets: o.bracelet } : {}),
        });
        return out(
          c,
          () => `Added ${c.displayName} as ${c.childId}${c.bracelets.length ? ` with bracelet ${c.bracelets.join(', ')}` : ''}.`,
        );
      }
      if (sub === 'remove') {
        const c = await api<Schemas['ChildAdmin']>('POST', `/admin/v1/children/${need(arg, 'the child id')}/remove`);
        return out(
          c,
          () => `Removed ${c.displayName} (${c.childId}); their templates are deleted and tablets purge theirs at the next sync.`,
        );
      }
      if (sub === 'twins-clear') {
        const c = await api<Schemas['ChildAdmin']>('POST', `/admin/v1/children/${need(arg, 'the child id')}/twins/clear`);
        return out(
          c,
          () =>
            `${c.displayName} (${c.childId}) has no twin flag now: after their next sync the tablets no longer ask for face and bracelet together (children whose faces still come too close are asked for their bracelet anyway).`,
        );
      }
      throw new CliError(`Unknown: child ${sub ?? ''}.\n\n${USAGE}`, 2);
    }
    case 'guardians': {
      const s = await site();
      const children = await api<Schemas['ChildAdmin'][]>('GET', `/admin/v1/sites/${s.siteId}/children`);
      const rows = children.flatMap((c) =>
        c.consents.map((k) => ({
          guardianName: k.guardianName,
          relation: k.guardianRelation,
          childId: c.childId,
          child: c.displayName,
          consentId: k.consentId,
          grantedOn: k.grantedOn,
          expiresOn: k.expiresOn,
          revokedOn: k.revokedOn,
          active: k.active,
        })),
      );
      return out(rows, () =>
        rows.length === 0
          ? 'No consents recorded.'
          : table([
              ['guardian', 'relation', 'child', 'consent', 'granted', 'expires', 'state'],
              ...rows.map((r) => [
                r.guardianName,
                r.relation || '-',
                `${r.child} (${r.childId})`,
                r.consentId,
                r.grantedOn,
                r.expiresOn,
                r.revokedOn ? `withdrawn ${r.revokedOn}` : r.active ? 'active' : 'not active',
              ]),
            ]),
      );
    }
    case 'consent': {
      if (sub === 'grant') {
        const childId = need(arg, 'the child id');
        // Days are the site's local days; with several sites and no --site, UTC is close enough for a default.
        const zone = (await site().catch(() => null))?.timeZone ?? 'UTC';
        const from = o.from ?? localDay(nowMs, zone);
        const until = o.until ?? addDays(from, 364);
        const k = await api<Schemas['Consent']>('POST', `/admin/v1/children/${childId}/consents`, {
          guardianName: need(o.guardian, '--guardian <name of the guardian who signed>'),
          ...(o.relation ? { guardianRelation: o.relation } : {}),
          grantedOn: from,
          expiresOn: until,
        });
        return out(
          k,
          () =>
            `Recorded consent ${k.consentId} by ${k.guardianName} for ${k.childId}, ${k.grantedOn} to ${k.expiresOn}. The child can now be enrolled on a tablet after its next sync.`,
        );
      }
      if (sub === 'revoke') {
        const k = await api<Schemas['Consent']>('POST', `/admin/v1/consents/${need(arg, 'the consent id')}/revoke`);
        return out(
          k,
          () =>
            `Consent ${k.consentId} withdrawn on ${k.revokedOn}. The child's templates are deleted on the server now and on every tablet at its next sync (see \`receipts <deviceId>\`).`,
        );
      }
      throw new CliError(`Unknown: consent ${sub ?? ''}.\n\n${USAGE}`, 2);
    }
    case 'pickup': {
      if (sub === 'list') {
        const childId = need(arg, 'the child id');
        const r = await api<Schemas['ChildPickups']>('GET', `/admin/v1/children/${encodeURIComponent(childId)}/pickups`);
        const validity = (a: Schemas['PickupAdultAdmin']) =>
          a.validFrom === null && a.validTo === null ? 'always' : `${a.validFrom ?? '…'} to ${a.validTo ?? '…'}`;
        return out(r, () =>
          [
            r.adults.length === 0
              ? `No adult is recorded as allowed to collect ${childId}.`
              : table([
                  ['pickup', 'name', 'relation', 'cards', 'code', 'valid'],
                  ...r.adults.map((a) => [
                    a.pickupId,
                    a.name,
                    a.relation || '-',
                    a.cards.join(' ') || '-',
                    a.codeExposedAtMs !== null
                      ? `set, was on a tablet unpaired ${time(a.codeExposedAtMs)}: set a new one`
                      : a.hasCode
                        ? 'set'
                        : '-',
                    validity(a),
                  ]),
                ]),
            r.doNotRelease.length === 0
              ? 'No do-not-release entry.'
              : 'Do not release to:\n' +
                table([
                  ['entry', 'name', 'reason', 'cards'],
                  ...r.doNotRelease.map((e) => [e.entryId, e.name, e.reason, e.cards.join(' ') || '-']),
                ]),
          ].join('\n\n'),
        );
      }
      if (sub === 'add') {
        const childId = need(arg, 'the child id');
        const name = need(o.name, '--name <name of the adult>');
        if (o.code !== undefined && !/^[0-9]{4,6}$/.test(o.code)) throw new CliError('--code must be 4 to 6 digits.', 2);
        for (const [flag, value] of [
          ['from', o.from],
          ['to', o.to],
        ] as const)
          if (value !== undefined && !isValidDay(value)) throw new CliError(`--${flag} must be a date as YYYY-MM-DD; got ${value}.`, 2);
        if ((o.card ?? []).length === 0 && o.code === undefined)
          throw new CliError('Give the adult a card (--card <uid>), a pickup code (--code 1234), or both.', 2);
        const a = await api<Schemas['PickupAdultAdmin']>('POST', `/admin/v1/children/${encodeURIComponent(childId)}/pickups`, {
          name,
          ...(o.relation ? { relation: o.relation } : {}),
          ...(o.card ? { cards: o.card } : {}),
          ...(o.code !== undefined ? { code: o.code } : {}),
          ...(o.from ? { validFrom: o.from } : {}),
          ...(o.to ? { validTo: o.to } : {}),
        });
        return out(
          a,
          () =>
            `${a.name} (${a.pickupId}) may collect ${a.childId}${a.cards.length ? ` with card ${a.cards.join(', ')}` : ''}${a.hasCode ? `${a.cards.length ? ' or' : ' with'} their pickup code (kept only as a hash)` : ''}. Tablets learn it at their next sync.`,
        );
      }
      if (sub === 'remove') {
        const a = await api<Schemas['PickupAdultAdmin']>(
          'POST',
          `/admin/v1/pickups/${encodeURIComponent(need(arg, 'the pickup id'))}/remove`,
        );
        return out(a, () => `${a.name} (${a.pickupId}) may no longer collect ${a.childId}; tablets learn it at their next sync.`);
      }
      if (sub === 'deny') {
        const childId = need(arg, 'the child id');
        const e = await api<Schemas['DoNotRelease']>('POST', `/admin/v1/children/${encodeURIComponent(childId)}/do-not-release`, {
          name: need(o.name, '--name <name of the person>'),
          reason: need(o.reason, '--reason <what staff see, e.g. "court order 12.03.2026">'),
          ...(o.card ? { cards: o.card } : {}),
        });
        return out(e, () => `Recorded (${e.entryId}): ${e.childId} must not be released to ${e.name} (${e.reason}).`);
      }
      if (sub === 'undeny') {
        const e = await api<Schemas['DoNotRelease']>(
          'POST',
          `/admin/v1/do-not-release/${encodeURIComponent(need(arg, 'the entry id'))}/remove`,
        );
        return out(e, () => `Removed the do-not-release entry ${e.entryId} (${e.name}) of ${e.childId}.`);
      }
      throw new CliError(`Unknown: pickup ${sub ?? ''}.\n\n${USAGE}`, 2);
    }
    case 'report': {
      const s = await site();
      const day = o.day ?? localDay(nowMs, s.timeZone);
      if (o.csv) {
        const r = await call<string>('GET', `/admin/v1/sites/${s.siteId}/report?day=${encodeURIComponent(day)}&format=csv`);
        if (r.status !== 200) throw new CliError(`Refused (${r.status}): ${JSON.stringify(r.body)}`);
        return String(r.body).trimEnd();
      }
      const report = await api<Schemas['DailyReport']>('GET', `/admin/v1/sites/${s.siteId}/report?day=${encodeURIComponent(day)}`);
      const hm = (ms: number | null) =>
        ms === null
          ? '-'
          : new Intl.DateTimeFormat('en-GB', { timeZone: s.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
      return out(
        report,
        () =>
          `${s.name}, ${day} (${s.timeZone})\n` +
          table([
            ['child', 'name', 'group', 'in', 'out', 'marks'],
            ...report.rows.map((r) => [r.childId, r.displayName, r.group, hm(r.firstInAtMs), hm(r.lastOutAtMs), String(r.marks)]),
          ]) +
          `\n${report.rows.filter((r) => r.firstInAtMs !== null).length} of ${report.rows.length} children came in.`,
      );
    }
    case 'integrity': {
      const s = await site(2);
      const day = o.day ?? localDay(nowMs, s.timeZone);
      if (!isValidDay(day)) throw new CliError(`--day must be a date as YYYY-MM-DD; got ${day}.`, 2);
      const q = new URLSearchParams({ day });
      const flags = [
        ['burst-count', 'burstCount'],
        ['burst-seconds', 'burstSeconds'],
        ['face-days', 'faceDays'],
      ] as const;
      for (const [flag, name] of flags) {
        const value = o[flag];
        if (value === undefined) continue;
        const { min, max } = INTEGRITY_OPTIONS[name];
        if (!/^\d{1,4}$/.test(value) || Number(value) < min || Number(value) > max)
          throw new CliError(`--${flag} must be a whole number from ${min} to ${max}; got ${value}.`, 2);
        q.set(name, value);
      }
      const r = await api<Schemas['SiteIntegrity']>('GET', `/admin/v1/sites/${s.siteId}/integrity?${q}`);
      return JSON.stringify(r, null, 2);
    }
    case 'register': {
      const s = await site(2);
      return registerCommand(
        { month: o.month, format: o.format, out: o.out },
        s.siteId,
        api,
        async (path) => {
          const r = await call<string>('GET', path);
          if (r.status !== 200) throw new CliError(`Refused (${r.status}): ${JSON.stringify(r.body)}`);
          return String(r.body);
        },
        (message) => new CliError(`${message}\n\n${USAGE}`, 2),
      );
    }
    case 'recognition-reports': {
      const q = new URLSearchParams();
      if (o.site !== undefined) q.set('siteId', (await site(2)).siteId);
      for (const [flag, name] of [
        ['max-fpir', 'maxFpirUpper95'],
        ['max-fnir', 'maxFnirUpper95'],
      ] as const) {
        const value = number(o[flag], flag);
        if (value === undefined) continue;
        if (!(value > 0 && value <= 1)) throw new CliError(`--${flag} must be a number above 0 and at most 1; got ${o[flag]}.`, 2);
        q.set(name, String(value));
      }
      const list = await api<Schemas['RecognitionReportList']>('GET', `/admin/v1/recognition-reports${q.size > 0 ? `?${q}` : ''}`);
      return out(list, () => recognitionReportsText(list));
    }
    case 'template-key': {
      if (sub === 'rotate') {
        const r = await api<Schemas['TemplateKeyRotation']>('POST', '/admin/v1/template-keys/rotate');
        return out(r, () =>
          [
            `New district template key version ${r.keyVersion} (was ${r.previousVersion}). ${r.renewedTemplates} stored templates renewed to it.`,
            ...(r.droppedTemplates.length > 0
              ? [
                  `${r.droppedTemplates.length} stored templates did not open and were deleted; re-enrol these children: ${[...new Set(r.droppedTemplates.map((t) => t.childId))].join(', ')}.`,
                ]
              : []),
            r.tabletsToRenew === 0
              ? `No tablet is paired: version ${r.previousVersion} is deleted now.`
              : `${r.tabletsToRenew} paired tablets renew their templates at their next sync; version ${r.previousVersion} is kept until all have (see \`npm run district -- template-key\`).`,
          ].join('\n'),
        );
      }
      if (sub !== undefined) throw new CliError(`Unknown: template-key ${sub}.\n\n${USAGE}`, 2);
      const st = await api<Schemas['TemplateKeyStatus']>('GET', '/admin/v1/template-keys');
      const behind = st.devices.filter((d) => d.keyVersion !== d.siteVersion);
      return out(
        st,
        () =>
          `Current template key version ${st.currentVersion}.\n` +
          table([
            ['version', 'made (UTC)', 'state'],
            ...st.versions.map((v) => [
              String(v.keyVersion),
              time(v.createdAtMs),
              v.keyVersion === st.currentVersion
                ? 'current'
                : v.sites > 0
                  ? `current for ${v.sites} site${v.sites === 1 ? '' : 's'} (an unpairing re-keyed another site)`
                  : v.retiredAtMs === null
                    ? 'kept until every tablet has renewed'
                    : `deleted ${time(v.retiredAtMs)}`,
            ]),
          ]) +
          (st.devices.length === 0
            ? '\nNo tablets paired.'
            : `\n\n` +
              table([
                ['device', 'site', 'name', 'key version', "site's version", 'renewed (UTC)', 'last seen (UTC)'],
                ...st.devices.map((d) => [
                  d.deviceId,
                  d.siteId,
                  d.name,
                  d.keyVersion === null ? 'unknown' : String(d.keyVersion),
                  String(d.siteVersion),
                  time(d.renewedAtMs),
                  time(d.lastSeenAtMs),
                ]),
              ]) +
              `\n${behind.length === 0 ? 'Every paired tablet holds the current version.' : `${behind.length} tablets still to renew: they do at their next sync (a tablet that never comes back: \`device revoke <deviceId>\`).`}`),
      );
    }
    case 'accounts': {
      const accounts = await api<Schemas['Account'][]>('GET', '/admin/v1/accounts');
      return out(accounts, () =>
        accounts.length === 0
          ? 'No accounts yet: `npm run district -- invite "<name>" --role parent --child <childId>`.'
          : table([
              ['account', 'name', 'role', 'site / children', 'passkeys', 'invitation until', 'disabled'],
              ...accounts.map((a) => [
                a.accountId,
                a.displayName,
                a.role,
                a.siteId ?? a.childIds.join(','),
                String(a.passkeys),
                time(a.pendingInvitation),
                time(a.disabledAtMs),
              ]),
            ]),
      );
    }
    case 'account': {
      if (sub === 'add') {
        const a = await addAccount(need(arg, "the person's name"));
        return out(
          a,
          () =>
            `Account ${a.accountId} (${a.role}) made for ${a.displayName}. Give them an invitation: npm run district -- invite ${a.accountId}`,
        );
      }
      if (sub === 'disable') {
        const a = await api<Schemas['Account']>('POST', `/admin/v1/accounts/${need(arg, 'the account id')}/disable`);
        return out(a, () => `Disabled ${a.displayName} (${a.accountId}): their sessions ended; their passkey no longer signs in.`);
      }
      throw new CliError(
        `Unknown: account ${sub ?? ''}.

${USAGE}`,
        2,
      );
    }
    case 'invite': {
      const who = need(sub, 'the account id, or the name of a new account with --role');
      const accountId = o.role === undefined && /^acct_[a-z0-9]+$/.test(who) ? who : (await addAccount(who)).accountId;
      const inv = await api<Schemas['Invitation']>('POST', `/admin/v1/accounts/${accountId}/invitations`);
      return out(
        inv,
        () =>
          `Invitation for ${inv.accountId}, valid once until ${time(inv.expiresAtMs)} UTC:
  code ${inv.code}
  link ${inv.link}
` + 'Print it or send it to the person; it is shown only now (the district keeps only its hash).',
      );
    }
    case 'admin-token': {
      if (sub !== 'rotate') throw new CliError(`Unknown: admin-token ${sub ?? ''}.\n\n${USAGE}`, 2);
      const r = await api<{ token: string; storedIn: string }>('POST', '/admin/v1/admin-token/rotate');
      return out(
        r,
        () =>
          `New admin token: ${r.token}\nThe server keeps it in its admin-token file; the old token no longer works. Paste the new one into the admin page.`,
      );
    }
    case 'epoch': {
      if (sub !== 'rotate') throw new CliError(`Unknown: epoch ${sub ?? ''}.\n\n${USAGE}`, 2);
      const r = await api<{ epoch: string }>('POST', '/admin/v1/epoch/rotate');
      return out(r, () => `New database epoch ${r.epoch}: tablets re-push every event they still hold at their next sync.`);
    }
    default:
      throw new CliError(`Unknown command ${command}.\n\n${USAGE}`, 2);
  }
}
