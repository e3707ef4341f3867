// A tablet set to another time zone than its site's (a new tablet left on its factory zone, or a test machine in UTC
// in the hours when Almaty is already on tomorrow): consent dates and attendance days are still the site's. A consent
// the district granted for today only is active on the tablet at once, the child can be enrolled, and today's events
// are the site's today. Before this, the tablet counted days in its own zone and refused such a consent as "not yet
// active" (tablet behind the site) or "expired" (tablet ahead).
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { localDayKey } from '../../../src/core/attendance-rules';
import { siteDayKey } from '../../../src/core/site-day';
import type { ChildId, TemplateId } from '../../../src/core/types';
import { enrolChild } from '../../../src/enrollment/enrol';
import { EMBEDDER_MODEL_ID } from '../../../src/pipeline/models/embedder.model';
import { getMeta } from '../../../src/storage/meta.repo';
import { syncOnce } from '../../../src/sync/sync-once';
import { clientFor } from '../../../src/sync/pairing';
import { pullStep } from '../../../src/sync/pull';
import { noisy, randomUnit } from '../gate/gate-fixtures';
import { useTestDistrict } from '../server/district-fixture';
import { testDatabases } from '../../support/test-dbs';
import { dayKey, pairTablet, siteWithChildren } from './district-tablets';

const d = useTestDistrict();
const openDb = testDatabases('site-day');
const savedZone = process.env.TZ;
afterAll(() => {
  if (savedZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedZone;
});

/** A zone whose calendar day differs from the site's (Asia/Almaty) right now: UTC-11 or UTC+14, whichever differs. */
function zoneOnAnotherDay(): string {
  const site = dayKey(Date.now());
  for (const zone of ['Pacific/Pago_Pago', 'Pacific/Kiritimati']) {
    process.env.TZ = zone;
    if (localDayKey(Date.now()) !== site) return zone;
  }
  throw new Error('no zone on another day than Asia/Almaty found');
}

describe("the site's day on a tablet set to another zone", () => {
  it('a consent granted for today only is active at once, the child is enrolled, and today is the site’s', async () => {
    const { siteId, children } = await siteWithChildren(d, [], 1);
    const child = children[0]!;
    const today = dayKey(Date.now());
    const granted = await d.admin('POST', `/admin/v1/children/${child}/consents`, {
      guardianName: 'Parent',
      grantedOn: today,
      expiresOn: today,
    });
    expect(granted.status).toBe(200);

    const zone = zoneOnAnotherDay();
    expect(localDayKey(Date.now())).not.toBe(today); // the tablet's own zone is on another day
    const tablet = await pairTablet(d, siteId, `zone-${zone}`, openDb);
    // The kiosk's own sync, with no day function given: the days are the bundle's zone's.
    const synced = await syncOnce({
      db: tablet.db,
      clientFor: (p) => clientFor(p),
      now: Date.now,
      keepAckedDays: 7,
      steps: { afterPush: pullStep(tablet.db, Date.now) },
    });
    expect(synced).toEqual({ kind: 'done' });
    expect(await getMeta(tablet.db, 'sync:time-zone')).toBe('Asia/Almaty');
    expect((await tablet.db.children.get(child))?.faceConsent).toBe(true);
    expect(siteDayKey(Date.now())).toBe(today);

    const { vault, gallery } = await tablet.boot();
    const samples = Array.from({ length: 6 }, (_, i) => ({ embedding: noisy(randomUnit(7), 1, 70 + i), issues: [] }));
    const enrolled = await enrolChild(
      {
        db: tablet.db,
        vault,
        gallery,
        matchThreshold: 0.36,
        modelId: EMBEDDER_MODEL_ID,
        newTemplateId: () => `tz-${Math.random()}` as TemplateId,
      },
      child as ChildId,
      samples,
      Date.now(),
    );
    expect(enrolled.kind).toBe('enrolled');
  }, 60_000);
});
