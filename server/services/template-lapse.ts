// What happens to consents on days nobody writes anything, swept at start and every hour, each site on its own day
// in one transaction. The district's copy of a child's face templates lasts no longer than the consent, and never more
// than 12 months: a withdrawal and a removal delete them at once (server/services/roster.ts); a consent that simply runs
// out, or an enrolment older than the template lifetime, has its templates deleted here (an audit entry per child), and
// a later consent then needs a new enrolment, as the parents' page says. And a consent recorded to start later (a
// renewal after a gap, a first consent given ahead) is announced on its first day: its row is touched, so the site's
// bundle moves and its tablets take it at their next sync (they end consents on their own, but cannot start one).
import type { Database } from '../db/database';
import { dayKeyIn } from '../ids';
import { activeConsentSql } from './roster';
import { TEMPLATE_LIFETIME_MS } from './template-limits';

export interface LapsedTemplates {
  children: number;
  templates: number;
  /** Consents whose first day came since the last sweep, announced to the tablets. */
  consentsStarted: number;
}

export async function purgeLapsedTemplates(db: Database, nowMs: number): Promise<LapsedTemplates> {
  const out: LapsedTemplates = { children: 0, templates: 0, consentsStarted: 0 };
  const sites = await db.query<{ id: string; time_zone: string }>('select id, time_zone from sites order by id');
  for (const site of sites) {
    const day = dayKeyIn(nowMs, site.time_zone);
    await db.transaction(async (tx) => {
      // The children's rows first, as an upload and a withdrawal lock them: an upload committing meanwhile is seen.
      const gone = await tx.query<{ child_id: string; n: number; lapsed: boolean }>(
        `with candidates as (
           select ch.id, not ${activeConsentSql('ch.id', '$2')} as lapsed from children ch
           where ch.site_id = $1 and exists (select 1 from templates t where t.child_id = ch.id)
           for update of ch),
         gone as (
           delete from templates t using candidates c
           where t.child_id = c.id and (c.lapsed or t.created_at_ms < $3)
           returning t.child_id, c.lapsed)
         select child_id, count(*)::int as n, bool_or(lapsed) as lapsed from gone group by child_id order by child_id`,
        [site.id, day, nowMs - TEMPLATE_LIFETIME_MS],
      );
      for (const g of gone) {
        await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
          nowMs,
          'district',
          'templates.lapsed',
          JSON.stringify({ childId: g.child_id, templatesDeleted: g.n, why: g.lapsed ? 'no-consent' : 'older-than-12-months' }),
        ]);
        out.children++;
        out.templates += g.n;
      }
      // Consents whose first day came since the last sweep (today's, on a first sweep): touched once, which stamps
      // their children and moves the site's version (the consents table's triggers).
      const [marker] = await tx.query<{ consents_started_on: string | null }>(
        'select consents_started_on from sites where id = $1 for update',
        [site.id],
      );
      if (marker?.consents_started_on !== day) {
        const started = await tx.query(
          `update consents c set granted_on = c.granted_on from children ch
           where ch.id = c.child_id and ch.site_id = $1 and c.revoked_on is null and c.granted_on <= $2
             and c.granted_on > coalesce($3, to_char(($2::date - 1), 'YYYY-MM-DD')) and c.expires_on >= $2
           returning c.id`,
          [site.id, day, marker?.consents_started_on ?? null],
        );
        out.consentsStarted += started.length;
        await tx.query('update sites set consents_started_on = $2 where id = $1', [site.id, day]);
      }
    });
  }
  return out;
}
