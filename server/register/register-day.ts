// The register of a site's day as the admin page shows it (api/openapi.yaml `RegisterDay`): each group's content and
// its hash, whether it is approved, changed since approval or not yet approved, every approved version and the
// corrections made to the day.
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';
import { approvalsBetween, groupDayKey, stateOf } from './register-approvals';
import { contentSha256, registerContents } from './register-content';
import { correctionsOf } from './register-corrections';

type Schemas = components['schemas'];

export async function registerDay(db: Queryable, siteId: string, day: string): Promise<Schemas['RegisterDay']> {
  const contents = await registerContents(db, siteId, day);
  const approvals = await approvalsBetween(db, siteId, day, day);
  const corrections = await correctionsOf(db, siteId, day);
  const groups: Schemas['RegisterGroupDay'][] = [];
  for (const content of contents) {
    const sha = await contentSha256(content);
    const history = approvals.get(groupDayKey(day, content.group)) ?? [];
    groups.push({
      group: content.group,
      state: stateOf(history, sha),
      contentSha256: sha,
      content,
      approvals: history,
      corrections: corrections.filter((c) => c.group === content.group),
    });
  }
  return { siteId, day, timeZone: contents[0]?.timeZone ?? (await siteZone(db, siteId)), groups };
}

async function siteZone(db: Queryable, siteId: string): Promise<string> {
  const rows = await db.query<{ time_zone: string }>('select time_zone from sites where id = $1', [siteId]);
  return rows[0]?.time_zone ?? 'UTC';
}
