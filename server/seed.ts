// The demo district: one kindergarten with a few dozen fictional children (names made up, bracelets made up), some
// with a face consent from a guardian, none with templates (faces are enrolled on the tablet by staff); and a demo
// parent of the first child, whose invitation `npm start` prints.
import type { Database } from './db/database';
import { addMonths, dayKeyIn } from './ids';
import { createChild, grantConsent } from './services/roster';
import { createSite, listSites, updateSettings } from './services/sites';
import { createAccount } from './account/accounts';
import { createInvitation } from './account/invitations';

const FIRST = [
  'Aisha',
  'Nurali',
  'Dana',
  'Timur',
  'Amina',
  'Arman',
  'Zhansaya',
  'Daniyar',
  'Sofia',
  'Alikhan',
  'Milana',
  'Yerlan',
  'Kamila',
  'Askar',
  'Malika',
  'Ruslan',
  'Aruzhan',
  'Bekzat',
  'Inkar',
  'Miras',
  'Tomiris',
  'Sultan',
  'Adelia',
  'Nurlan',
  'Ayaru',
  'Damir',
  'Saule',
  'Ilyas',
  'Zarina',
  'Emir',
  'Alina',
  'Madi',
];
const LAST = ['A.', 'B.', 'D.', 'E.', 'K.', 'M.', 'N.', 'O.', 'S.', 'T.', 'Z.'];
const GROUPS = ['Sunflowers', 'Little bears', 'Stars'];

export const DEMO_SITE_ID = 'site_demo';

/** Seeds the demo district once; returns the demo site id (existing or new). */
export async function seedDemoDistrict(db: Database, nowMs: number): Promise<string> {
  const sites = await listSites(db);
  if (sites.some((s) => s.siteId === DEMO_SITE_ID)) return DEMO_SITE_ID;
  await createSite(db, { siteId: DEMO_SITE_ID, name: 'Demo kindergarten No. 1', timeZone: 'Asia/Almaty' }, nowMs);
  await updateSettings(db, DEMO_SITE_ID, { biometricsEnabled: true, assessmentRef: 'DEMO-DPIA-2025-01 (fictional)' }, 'seed', nowMs);
  const today = dayKeyIn(nowMs, 'Asia/Almaty');
  for (let i = 0; i < FIRST.length; i++) {
    const childId = `child_demo_${String(i + 1).padStart(2, '0')}`;
    const uid = `mifare:${(0x04a1b200 + i * 7919).toString(16).toUpperCase().padStart(8, '0')}`;
    await createChild(
      db,
      DEMO_SITE_ID,
      { childId, displayName: `${FIRST[i]} ${LAST[i % LAST.length]}`, group: GROUPS[i % GROUPS.length]!, bracelets: [uid] },
      nowMs,
    );
    // Every third child has a face consent (the others check in with the bracelet).
    if (i % 3 === 0) {
      await grantConsent(
        db,
        childId,
        { guardianName: `Guardian of ${FIRST[i]}`, guardianRelation: 'parent', grantedOn: today, expiresOn: addMonths(today, 12) },
        'seed',
        nowMs,
      );
    }
  }
  return DEMO_SITE_ID;
}

/**
 * A one-time invitation for the demo district's parent (an account linked to the first child of the demo site, made
 * once): `npm start` prints its link so the parents' page can be tried with a passkey at once.
 */
export async function demoParentInvitation(db: Database, siteId: string, nowMs: number): Promise<string> {
  const [existing] = await db.query<{ id: string }>(
    "select id from accounts where role = 'parent' and display_name = 'Demo parent' and disabled_at_ms is null limit 1",
  );
  let accountId = existing?.id;
  if (accountId === undefined) {
    const [child] = await db.query<{ id: string }>(
      'select id from children where site_id = $1 and removed_at_ms is null order by id limit 1',
      [siteId],
    );
    accountId = (await createAccount(db, { displayName: 'Demo parent', role: 'parent', childIds: [child!.id] }, 'seed', nowMs)).accountId;
  }
  return (await createInvitation(db, accountId, 'seed', nowMs)).code;
}
