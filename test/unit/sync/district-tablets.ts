// Tablets of a district for sync tests: a site with children and consents on a real test district server, and kiosk
// tablets (fake-indexeddb) paired through the real endpoint that sync, boot their matcher from what is on disk and enrol
// synthetic faces through the kiosk's enrolment code.
import { expect } from 'vitest';
import { dayKeyAt } from '../../../src/core/attendance-rules';
import { Gallery } from '../../../src/core/match';
import type { ChildId, TemplateId } from '../../../src/core/types';
import { enrolChild } from '../../../src/enrollment/enrol';
import { EMBEDDER_MODEL_ID } from '../../../src/pipeline/models/embedder.model';
import type { GateDb } from '../../../src/storage/db';
import { loadGallery } from '../../../src/storage/gallery.repo';
import { TemplateVault } from '../../../src/storage/template-vault';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { pullStep } from '../../../src/sync/pull';
import { syncOnce } from '../../../src/sync/sync-once';
import type { components } from '../../../src/protocol/api-types.generated';
import { noisy, randomUnit } from '../gate/gate-fixtures';
import { createSite, pairingCode, type TestDistrict } from '../server/district-fixture';

type Schemas = components['schemas'];

export const dayKey = (ms: number): string => dayKeyAt(ms, 300); // Asia/Almaty, the test sites' zone
const inMonths = (n: number) => dayKey(Date.now() + n * 30 * 86_400_000);
let braceletSeq = 0;

/** A site with biometrics on and `count` children (bracelets mifare:…), those in `consented` with a face consent. */
export async function siteWithChildren(district: TestDistrict, consented: number[], count = 3) {
  const siteId = await createSite(district);
  expect(
    (await district.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-TEST-1' })).status,
  ).toBe(200);
  const children: ChildId[] = [];
  const bracelets: string[] = [];
  for (let i = 0; i < count; i++) {
    const uid = `mifare:${(0xd0e0f000 + braceletSeq++).toString(16).toUpperCase()}`;
    const c = await district.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
      displayName: `Child${i} Tablets`,
      group: 'Suns',
      bracelets: [uid],
    });
    children.push(c.body.childId as ChildId);
    bracelets.push(uid);
  }
  for (const i of consented) {
    const k = await district.admin('POST', `/admin/v1/children/${children[i]}/consents`, {
      guardianName: 'Parent',
      grantedOn: dayKey(Date.now()),
      expiresOn: inMonths(11),
    });
    expect(k.status).toBe(200);
  }
  return { siteId, children, bracelets };
}

/** A face seen by the camera: the child's direction `face` plus seeded noise. */
export const camera = (face: number, seed: number): Float32Array => noisy(randomUnit(face), 1, seed);

export interface TestTablet {
  db: GateDb;
  deviceId: string;
  sync(): ReturnType<typeof syncOnce>;
  /** What the gate does at boot: a fresh vault and matcher from what is on disk. */
  boot(): Promise<{ vault: TemplateVault; gallery: Gallery; recognise(camera: Float32Array): { childId: ChildId; score: number } | null }>;
  enrol(childId: ChildId, face: number, options?: { confirmTwinOf?: ChildId; twinFlags?: Set<ChildId> }): ReturnType<typeof enrolChild>;
}

export async function pairTablet(
  district: TestDistrict,
  siteId: string,
  name: string,
  openDb: (name: string) => GateDb,
): Promise<TestTablet> {
  const db = openDb(`tablet-${name}-${Math.random()}`);
  const paired = await pairKiosk(db, { baseUrl: district.url, code: await pairingCode(district, siteId), deviceName: name });
  if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
  const boot = async () => {
    const vault = await TemplateVault.open(db, Date.now());
    const gallery = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    const consented = new Set((await db.children.toArray()).filter((c) => c.faceConsent).map((c) => c.id));
    await loadGallery(db, vault, gallery, consented, { modelId: EMBEDDER_MODEL_ID, nowMs: Date.now(), lifetimeMs: 365 * 86_400_000 });
    return { vault, gallery, recognise: (face: Float32Array) => gallery.search(vault.rotation.apply(face)).best };
  };
  let k = 0;
  return {
    db,
    deviceId: paired.pairing.deviceId,
    sync: () =>
      syncOnce({
        db,
        clientFor: (p) => clientFor(p),
        now: Date.now,
        keepAckedDays: 7,
        steps: { afterPush: pullStep(db, Date.now, undefined, { dayKey }) },
      }),
    boot,
    async enrol(childId, face, options = {}) {
      const { vault, gallery } = await boot();
      const samples = Array.from({ length: 6 }, (_, i) => ({ embedding: noisy(randomUnit(face), 1, face * 10 + i), issues: [] }));
      return enrolChild(
        {
          db,
          vault,
          gallery,
          matchThreshold: 0.36,
          modelId: EMBEDDER_MODEL_ID,
          newTemplateId: () => `${name}-${++k}` as TemplateId,
          dayKey,
          ...(options.twinFlags ? { twinFlags: options.twinFlags } : {}),
        },
        childId,
        samples,
        Date.now(),
        options.confirmTwinOf !== undefined ? { confirmTwinOf: options.confirmTwinOf } : {},
      );
    },
  };
}
