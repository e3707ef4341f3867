// Twin flags across a site's tablets, on the real district server (PGlite) and kiosk tablets on fake-indexeddb: staff
// confirm a twin at enrolment on tablet A; after A and B sync, tablet B's booted gate asks those children for their
// bracelet (it greeted the child by face alone before), the district shows the pair, an admin can clear it on every
// tablet, and only a pair of the tablet's own site is taken.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultConfig, defaultGateConfig } from '../../../src/config';
import type { Decision } from '../../../src/core/decide';
import type { BraceletUid } from '../../../src/core/types';
import { bootGate, type GateServices } from '../../../src/gate/boot';
import { appendAudit } from '../../../src/storage/audit.repo';
import type { components } from '../../../src/protocol/api-types.generated';
import { runDistrictCommand } from '../../../server/admin/cli-commands';
import { face } from '../gate/gate-fixtures';
import { useTestDistrict } from '../server/district-fixture';
import { testDatabases } from '../../support/test-dbs';
import { camera, pairTablet, siteWithChildren, type TestTablet } from './district-tablets';

type Schemas = components['schemas'];

const d = useTestDistrict();

const openDb = testDatabases('twins');

/** The tablet's gate as it boots from its database. */
async function gateOf(tablet: TestTablet): Promise<GateServices> {
  return bootGate({ config: defaultConfig, gate: defaultGateConfig, db: tablet.db });
}

/** A child with face `faceSeed` stands in front of the camera: frames until the gate decides. */
function standInFront(gate: GateServices, faceSeed: number, startMs: number): Decision {
  for (let i = 0; i < 60; i++) {
    const decision = gate.decider.onFrame([face({ embedding: camera(faceSeed, 1000 + i) })], startMs + i * 80);
    if (decision.kind !== 'retry' && decision.kind !== 'hold') return decision;
  }
  throw new Error('the gate decided nothing');
}

const children = async (siteId: string) => (await d.admin<Schemas['ChildAdmin'][]>('GET', `/admin/v1/sites/${siteId}/children`)).body;

describe('a twin flag confirmed on one tablet', { timeout: 60_000 }, () => {
  it("reaches the district and makes the site's other tablet ask those children for their bracelet", async () => {
    const site = await siteWithChildren(d, [0, 1], 2);
    const [first, second] = site.children as [(typeof site.children)[0], (typeof site.children)[0]];
    const a = await pairTablet(d, site.siteId, 'twin-a', openDb);
    const b = await pairTablet(d, site.siteId, 'twin-b', openDb);
    await a.sync();
    await b.sync();
    expect(await a.enrol(first, 61)).toMatchObject({ kind: 'enrolled' });
    await a.sync();
    await b.sync();
    // Before: B's gate greets the first child by face alone.
    const before = await gateOf(b);
    expect(standInFront(before, 61, 10_000)).toMatchObject({ kind: 'recognized', childId: first, method: 'face' });
    before.controller.dispose();

    // On A, the second child (the twin: the same face) is stopped by the duplicate check; staff confirm the twin.
    expect(await a.enrol(second, 61)).toMatchObject({ kind: 'refused', reason: 'looks-like-other-child', otherChildId: first });
    expect(await a.enrol(second, 61, { confirmTwinOf: first })).toMatchObject({ kind: 'enrolled', twinOf: first });
    expect(await a.sync()).toEqual({ kind: 'done' });
    // The district holds the pair (admin roster, CLI).
    const onDistrict = await children(site.siteId);
    expect(onDistrict.find((c) => c.childId === first)?.twinOf).toEqual([second]);
    expect(onDistrict.find((c) => c.childId === second)?.twinOf).toEqual([first]);
    const cli = await runDistrictCommand(['children', '--site', site.siteId], (m, p, body) => d.admin(m, p, body));
    expect(cli).toMatch(new RegExp(`${first}\\s.*\\s${second}\\n`));

    // After B syncs, its gate asks the twins for their bracelet, and the bracelet decides which twin it is.
    expect(await b.sync()).toEqual({ kind: 'done' });
    expect(
      (await b.db.children.toArray())
        .filter((c) => c.twin === true)
        .map((c) => c.id)
        .sort(),
    ).toEqual([first, second].sort());
    const after = await gateOf(b);
    expect(after.twinFlags.has(first) && after.twinFlags.has(second)).toBe(true);
    expect(standInFront(after, 61, 20_000)).toEqual({ kind: 'confirm', need: 'bracelet' });
    expect(after.decider.onInput({ kind: 'bracelet', uid: site.bracelets[1] as BraceletUid }, 20_000 + 61 * 80)).toMatchObject({
      kind: 'recognized',
      childId: second,
      method: 'bracelet',
    });
    // A bracelet alone is not enough for a twin whose face the gate can match: it asks for the face.
    after.decider.reset();
    expect(after.decider.onInput({ kind: 'bracelet', uid: site.bracelets[0] as BraceletUid }, 40_000)).toEqual({
      kind: 'confirm',
      need: 'face',
    });
    after.controller.dispose();
    // The flag stays through later bundles.
    expect(
      (await d.admin('POST', `/admin/v1/sites/${site.siteId}/children`, { displayName: 'Newcomer Tablets', group: 'Suns' })).status,
    ).toBe(200);
    expect(await b.sync()).toEqual({ kind: 'done' });
    expect((await b.db.children.toArray()).filter((c) => c.twin === true)).toHaveLength(2);

    // The district admin clears the flag (confirmed by mistake): after their next sync neither tablet asks for both.
    const cleared = await runDistrictCommand(['child', 'twins-clear', first], (m, p, body) => d.admin(m, p, body));
    expect(cleared).toMatch(/has no twin flag now/);
    expect((await children(site.siteId)).some((c) => c.twinOf !== undefined)).toBe(false);
    expect(await a.sync()).toEqual({ kind: 'done' });
    expect(await b.sync()).toEqual({ kind: 'done' });
    for (const tablet of [a, b]) {
      const gate = await gateOf(tablet);
      expect(gate.twinFlags.size).toBe(0);
      expect(gate.decider.onInput({ kind: 'bracelet', uid: site.bracelets[0] as BraceletUid }, 50_000)).toMatchObject({
        kind: 'recognized',
        childId: first,
        method: 'bracelet',
      });
      gate.controller.dispose();
    }
  });

  it('a twin-flag entry naming a child of another site changes nothing there', async () => {
    const mine = await siteWithChildren(d, [0], 1);
    const theirs = await siteWithChildren(d, [0], 1);
    const a = await pairTablet(d, mine.siteId, 'twin-x', openDb);
    await a.sync();
    await appendAudit(a.db, { kind: 'twin-flag', childId: mine.children[0]!, details: { twinOf: theirs.children[0]! } }, Date.now());
    expect(await a.sync()).toEqual({ kind: 'done' });
    // The entry is in the district's copy of the tablet's audit log, but no flag was set on either site.
    const audit = await d.admin<Schemas['AuditEntry'][]>('GET', `/admin/v1/devices/${a.deviceId}/audit`);
    expect(audit.body.some((e) => e.kind === 'twin-flag')).toBe(true);
    expect((await children(mine.siteId))[0]!.twinOf).toBeUndefined();
    expect((await children(theirs.siteId))[0]!.twinOf).toBeUndefined();
  });
});
