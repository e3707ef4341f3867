// The month's register for the funding body (api/openapi.yaml `RegisterMonth`): every day of the month up to the
// site's today that had attendance at the site, an absence reported, a staff correction or an approval (a day when
// every child was reported absent is still a day of the register), each group with its approval state (approved with
// version, approver and time; unapproved; changed since approval, which is not approved), each child's line. The rows
// of the CSV and XLSX exports come from here (monthTable), so the two files always carry the same cells: with each
// child's integrity flags, and on a day approved again the reason and what the first approval signed.
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';
import { dayKeyIn, timeIn } from '../ids';
import { getSite } from '../services/sites';
import { approvalsBetween, groupDayKey, stateOf } from './register-approvals';
import { contentSha256, registerContents } from './register-content';

type Schemas = components['schemas'];
type RegisterMonth = Schemas['RegisterMonth'];

export const MONTH_PATTERN = /^([0-9]{4})-(0[1-9]|1[0-2])$/;

/** The first and last day of `month` (YYYY-MM); a malformed month is refused. */
export function monthDays(month: string): { first: string; last: string } {
  const m = MONTH_PATTERN.exec(month);
  if (m === null || Number(m[1]) < 2000) throw new HttpError(400, 'bad-month', `The month must be YYYY-MM (e.g. 2026-03); got "${month}".`);
  const lastDay = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, '0')}` };
}

export async function registerMonth(db: Queryable, siteId: string, month: string, nowMs: number): Promise<RegisterMonth> {
  const { first, last } = monthDays(month);
  const site = await getSite(db, siteId);
  const today = dayKeyIn(nowMs, site.timeZone);
  const to = last < today ? last : today;
  const approvals = await approvalsBetween(db, siteId, first, to);
  const days = (
    await db.query<{ day: string }>(
      `select distinct e.day_key as day from events e join devices d on d.id = e.device_id
       where d.site_id = $1 and e.day_key >= $2 and e.day_key <= $3 and e.refused is null
       union select distinct day from register_approvals where site_id = $1 and day >= $2 and day <= $3
       union select distinct a.day from absences a join children c on c.id = a.child_id
         where c.site_id = $1 and a.day >= $2 and a.day <= $3
       union select distinct day from register_corrections where site_id = $1 and day >= $2 and day <= $3
       order by day`,
      [siteId, first, to],
    )
  ).map((r) => r.day);
  const firsts = await firstApprovals(db, siteId, first, to);
  const out: RegisterMonth['days'] = [];
  for (const day of days) {
    for (const content of await registerContents(db, siteId, day)) {
      const sha = await contentSha256(content);
      const key = groupDayKey(day, content.group);
      const history = approvals.get(key) ?? [];
      const state = stateOf(history, sha);
      const approved = state === 'approved' ? history[0]! : null;
      out.push({
        day,
        group: content.group,
        state,
        approvedVersion: approved?.version ?? null,
        approvedBy: approved?.approvedBy ?? null,
        approverName: approved?.approverName ?? null,
        approvedAtMs: approved?.approvedAtMs ?? null,
        contentSha256: sha,
        children: content.children,
        approvalReason: history[0]?.reason ?? null,
        firstApproval: history.length > 1 ? (firsts.get(key) ?? null) : null,
        flags: content.flags,
        handMarked: [...new Set(content.staffMarks.map((m) => m.childId))],
      });
    }
  }
  return { siteId, siteName: site.name, timeZone: site.timeZone, month, days: out };
}

/** Each group-day's first approval in the range, with every child's status as first signed (from its snapshot). */
async function firstApprovals(
  db: Queryable,
  siteId: string,
  from: string,
  to: string,
): Promise<Map<string, NonNullable<RegisterMonth['days'][number]['firstApproval']>>> {
  const rows = await db.query<{
    day: string;
    group_name: string;
    approved_at_ms: number;
    approver_name: string;
    children: { childId: string; status: 'present' | 'absent' }[];
  }>(
    `select a.day, a.group_name, a.approved_at_ms, p.display_name as approver_name, a.content->'children' as children
     from register_approvals a join accounts p on p.id = a.approved_by
     where a.site_id = $1 and a.day >= $2 and a.day <= $3 and a.version = 1`,
    [siteId, from, to],
  );
  return new Map(
    rows.map((r) => [
      groupDayKey(r.day, r.group_name),
      {
        approvedAtMs: Number(r.approved_at_ms),
        approverName: r.approver_name,
        statusByChild: Object.fromEntries(r.children.map((c) => [c.childId, c.status])),
      },
    ]),
  );
}

/** The flags a child carries on a day of the register, as short English words for the export's `flags` cell. */
export function childFlags(d: RegisterMonth['days'][number], childId: string): string[] {
  const f = d.flags;
  const words: [string, boolean][] = [
    ['burst', f.bursts.some((b) => b.childIds.includes(childId))],
    ['face-flagged', f.flaggedFaces.some((x) => x.childId === childId)],
    ['face-refused', f.refusedFaces.some((x) => x.childId === childId)],
    ['never-seen', f.neverByFace.some((x) => x.childId === childId)],
    ['backdated', (f.backdated ?? []).some((x) => x.childId === childId)],
    ['face-unexplained', (f.unexplainedFaces ?? []).some((x) => x.childId === childId)],
    ['hand-marked', d.handMarked.includes(childId)],
  ];
  return words.filter(([, on]) => on).map(([word]) => word);
}

export const MONTH_COLUMNS = [
  'day',
  'group',
  'child_id',
  'name',
  'status',
  'first_in',
  'first_in_method',
  'last_out',
  'last_out_method',
  'absence_reason',
  'absence_note',
  'absence_reported_by',
  'approval',
  'approved_version',
  'approved_by',
  'approved_at',
  'content_sha256',
  // Added 2026-12-07, after the columns above (a reader of the older file finds them where they were).
  'flags',
  'approval_reason',
  'status_at_first_approval',
  'first_approved_at',
] as const;

/** What the approval column says: a day not approved says so in capitals, so nobody counts it as signed. */
export function approvalText(d: RegisterMonth['days'][number]): string {
  if (d.state === 'approved') return 'approved';
  return d.state === 'changed' ? 'NOT APPROVED (changed since approval)' : 'NOT APPROVED';
}

/** One row per child and day (times HH:MM in the site's zone), after the header row MONTH_COLUMNS. */
export function monthTable(m: RegisterMonth): string[][] {
  const hm = (ms: number | null) => (ms === null ? '' : timeIn(ms, m.timeZone));
  const rows: string[][] = [];
  for (const d of m.days) {
    for (const c of d.children) {
      rows.push([
        d.day,
        d.group,
        c.childId,
        c.displayName,
        c.status,
        hm(c.firstInAtMs),
        c.firstInMethod ?? '',
        hm(c.lastOutAtMs),
        c.lastOutMethod ?? '',
        c.absenceReason ?? '',
        c.absenceNote,
        c.absenceReportedBy ?? '',
        approvalText(d),
        d.approvedVersion === null ? '' : String(d.approvedVersion),
        d.approverName === null ? '' : `${d.approverName} (${d.approvedBy})`,
        d.approvedAtMs === null ? '' : `${dayKeyIn(d.approvedAtMs, m.timeZone)} ${hm(d.approvedAtMs)}`,
        d.contentSha256,
        childFlags(d, c.childId).join(' '),
        d.approvalReason ?? '',
        d.firstApproval === null ? '' : (d.firstApproval.statusByChild[c.childId] ?? 'not on the register'),
        d.firstApproval === null ? '' : `${dayKeyIn(d.firstApproval.approvedAtMs, m.timeZone)} ${hm(d.firstApproval.approvedAtMs)}`,
      ]);
    }
  }
  return rows;
}
