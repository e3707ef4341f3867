// Face and bracelet at a booted gate: a twin or (with the site setting) any enrolled child needs both, but a child
// whose face cannot be matched (no consent, not enrolled) keeps the bracelet alone, so nobody is locked out.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, defaultGateConfig } from '../../../src/config';
import type { BraceletUid, ChildId, TemplateId } from '../../../src/core/types';
import { bootGate, type GateServices } from '../../../src/gate/boot';
import { GateDb } from '../../../src/storage/db';
import { randomUnit } from './gate-fixtures';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-roster.json'), 'utf8')) as {
  children: { id: string; braceletUid: string | null; faceConsent: boolean; twin?: boolean }[];
};

let booted: GateServices[] = [];
let n = 0;
afterEach(async () => {
  for (const s of booted) {
    s.controller.dispose();
    s.db.close();
    await s.db.delete();
  }
  booted = [];
});

async function boot(options: { twin?: string; siteFaceAndBracelet?: boolean; enrol: string[] }) {
  const roster = structuredClone(fixture);
  for (const c of roster.children) if (c.id === options.twin) c.twin = true;
  const services = await bootGate({
    config: defaultConfig,
    gate: defaultGateConfig,
    initialRoster: roster,
    db: new GateDb(`boot-pairing-${++n}`),
  });
  booted.push(services);
  // Enrolled: the child has templates in the live matcher (what enrolment leaves there); the setting as staff set it.
  for (const id of options.enrol) services.gallery.add(id as ChildId, `${id}-t` as TemplateId, randomUnit(id.length));
  services.settings.faceAndBracelet = options.siteFaceAndBracelet === true;
  return services;
}

const consentedWithBracelet = fixture.children.filter((c) => c.faceConsent && c.braceletUid !== null);
const noConsentWithBracelet = fixture.children.find((c) => !c.faceConsent && c.braceletUid !== null)!;

describe('face and bracelet at the booted gate', () => {
  it("an enrolled twin's bracelet alone asks for the face", async () => {
    const twin = consentedWithBracelet[0]!;
    const s = await boot({ twin: twin.id, enrol: [twin.id] });
    await s.controller.presentBracelet(twin.braceletUid as BraceletUid);
    expect(s.controller.view.screen).toEqual({ kind: 'confirm', need: 'face' });
    expect(await s.db.events.count()).toBe(0);
  });

  it('a twin who is not enrolled, and a child without face consent, check in with the bracelet alone even with the site setting', async () => {
    const twin = consentedWithBracelet[0]!;
    const s = await boot({ twin: twin.id, siteFaceAndBracelet: true, enrol: [] });
    await s.controller.presentBracelet(twin.braceletUid as BraceletUid);
    expect(s.controller.view.screen).toMatchObject({ kind: 'greeting', childId: twin.id, outcome: 'recorded' });
    await s.controller.presentBracelet(noConsentWithBracelet.braceletUid as BraceletUid);
    expect(s.controller.view.screen).toMatchObject({ kind: 'greeting', childId: noConsentWithBracelet.id, outcome: 'recorded' });
    expect(await s.db.events.count()).toBe(2);
  });

  it('with the site setting an enrolled child needs both; face matching paused (gallery emptied) gives the bracelet back alone', async () => {
    const child = consentedWithBracelet[1]!;
    const s = await boot({ siteFaceAndBracelet: true, enrol: [child.id] });
    await s.controller.presentBracelet(child.braceletUid as BraceletUid);
    expect(s.controller.view.screen).toEqual({ kind: 'confirm', need: 'face' });
    s.gallery.removeChild(child.id as ChildId);
    s.decider.reset();
    await s.controller.presentBracelet(child.braceletUid as BraceletUid);
    expect(s.controller.view.screen).toMatchObject({ kind: 'greeting', childId: child.id, outcome: 'recorded' });
  });
});
