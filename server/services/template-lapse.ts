// The district's copy of a child's face templates lasts no longer than the consent, and never more than 12 months. A
// withdrawal and a removal delete them at once (server/services/roster.ts); a consent that simply runs out, or an
// enrolment older than the template lifetime, is not a write anyone makes, so this sweep deletes those templates (at
// start and every hour): a later consent then needs a new enrolment, as the parents' page says. Each site on its own
// day, one transaction per site, an audit entry per child.
import type { Database } from '../db/database';
import { dayKeyIn } from '../ids';
import { activeConsentSql } from './roster';
import { TEMPLATE_LIFETIME_MS } from './template-limits';

export interface LapsedTemplates {
  children: number;
  templates: number;
}

export async function purgeLapsedTemplates(db: Database, nowMs: number): Promise<LapsedTemplates> {
  const out: LapsedTemplates = { children: 0, templates: 0 };
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
    });
  }
  return out;
}
