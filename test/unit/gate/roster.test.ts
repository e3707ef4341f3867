// The roster: a malformed district roster is refused whole (absences a parent reported are kept when well formed); applying one purges the templates of children who left
// or lost face consent in the same transaction; a rolled-back revision changes nothing; staff search finds children.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChildId, TemplateId } from '../../../src/core/types';
import { parseRoster, type Roster } from '../../../src/storage/roster-format';
import { loadChildren, readRosterInfo, replaceRoster, RosterIndex } from '../../../src/storage/roster.repo';
import { testDatabases } from '../../support/test-dbs';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-roster.json'), 'utf8')) as Record<
  string,
  unknown
>;
const demo = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'src', 'demo', 'demo-roster.json'), 'utf8')) as unknown;
const clone = () => structuredClone(fixture) as Record<string, unknown> & { children: Record<string, unknown>[] };

function parsed(input: unknown = fixture): Roster {
  const r = parseRoster(input);
  if (r.kind !== 'ok') throw new Error(r.problems.join('; '));
  return r.roster;
}

const freshDb = testDatabases('roster-test');

describe('parseRoster', () => {
  it('accepts the test fixture and the demo roster', () => {
    const r = parsed();
    expect(r.children).toHaveLength(6);
    expect(r.children[0]).toEqual({
      id: 'child-001',
      firstName: 'Aliya',
      lastName: 'K.',
      group: 'Balapan',
      braceletUid: 'mifare:04A11B2C',
      faceConsent: true,
    });
    expect(r.children.find((c) => c.id === 'child-005')!.braceletUid).toBeNull();
    expect(parseRoster(demo).kind).toBe('ok');
  });

  it.each<[string, (r: ReturnType<typeof clone>) => void, RegExp]>([
    ['a wrong format tag', (r) => (r.format = 'csv'), /format/],
    ['a negative revision', (r) => (r.revision = -1), /revision/],
    ['a duplicate child id', (r) => (r.children[1]!.id = 'child-001'), /child-001 appears twice/],
    ['one bracelet on two children', (r) => (r.children[1]!.braceletUid = 'mifare:04A11B2C'), /belongs to two children/],
    ['a bracelet id that is not canonical', (r) => (r.children[0]!.braceletUid = '04:a1:1b:2c'), /canonical/],
    ['a missing first name', (r) => (r.children[2]!.firstName = '  '), /firstName/],
    ['a consent that is not a boolean', (r) => (r.children[0]!.faceConsent = 'yes'), /faceConsent/],
    ['an id with a slash', (r) => (r.children[0]!.id = '../x'), /id is missing or malformed/],
    ['a twin flag that is not a boolean', (r) => Object.assign(r.children[0]!, { twin: 'yes' }), /twin/],
  ])('refuses %s, naming the problem', (_, mutate, problem) => {
    const r = clone();
    mutate(r);
    const result = parseRoster(r);
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.problems.join('\n')).toMatch(problem);
  });

  it('keeps a twin flag (face and bracelet must agree for that child); no flag means none', () => {
    const r = clone();
    Object.assign(r.children[0]!, { twin: true });
    Object.assign(r.children[1]!, { twin: false });
    const result = parseRoster(r);
    if (result.kind !== 'ok') throw new Error(result.problems.join('; '));
    expect(result.roster.children[0]!.twin).toBe(true);
    expect(result.roster.children[1]).not.toHaveProperty('twin');
    expect(result.roster.children[2]).not.toHaveProperty('twin');
  });

  it("keeps a child's reported absences, and refuses malformed ones", () => {
    const r = clone();
    Object.assign(r.children[0]!, { absences: [{ day: '2026-12-05', reason: 'other', note: 'dentist' }] });
    const result = parseRoster(r);
    if (result.kind !== 'ok') throw new Error(result.problems.join('; '));
    expect(result.roster.children[0]!.absences).toEqual([{ day: '2026-12-05', reason: 'other', note: 'dentist' }]);
    expect(result.roster.children[1]).not.toHaveProperty('absences');
    for (const bad of [[{ day: '5.12.2026', reason: 'illness' }], [{ day: '2026-12-05', reason: 'bored' }], 'illness']) {
      const b = clone();
      Object.assign(b.children[0]!, { absences: bad });
      expect(parseRoster(b).kind, JSON.stringify(bad)).toBe('invalid');
    }
  });

  it('refuses what is not a roster at all', () => {
    expect(parseRoster(null).kind).toBe('invalid');
    expect(parseRoster([]).kind).toBe('invalid');
    expect(parseRoster({ ...clone(), children: 'none' }).kind).toBe('invalid');
  });
});

describe('replaceRoster', () => {
  const template = (id: string, childId: string) => ({
    id: id as TemplateId,
    childId: childId as ChildId,
    modelId: 'm',
    createdAtMs: 1,
    keyVersion: 1,
    iv: new Uint8Array(12),
    ciphertext: new Uint8Array(2064),
  });

  it('stores the children and the revision', async () => {
    const db = freshDb();
    expect(await replaceRoster(db, parsed(), 1000)).toEqual({ kind: 'applied', children: 6, purgedTemplates: 0, purged: [] });
    expect(await loadChildren(db)).toHaveLength(6);
    expect(await readRosterInfo(db)).toEqual({
      siteId: 'test-kindergarten',
      revision: 3,
      generatedAt: '2025-09-01T03:00:00Z',
      appliedAtMs: 1000,
    });
  });

  it('purges the templates of a child whose consent was withdrawn or who left, and keeps the others', async () => {
    const db = freshDb();
    await replaceRoster(db, parsed(), 1000);
    await db.templates.bulkAdd([template('t1', 'child-001'), template('t2', 'child-002'), template('t3', 'child-003')]);
    const key = (childId: string) => ({ childId: childId as ChildId, wrapped: new Uint8Array(40), createdAtMs: 1 });
    await db.childKeys.bulkAdd([key('child-001'), key('child-002'), key('child-003')]);
    const next = clone();
    next.revision = 4;
    next.children[0]!.faceConsent = false; // child-001 withdrew
    next.children = next.children.filter((c) => c.id !== 'child-003'); // child-003 left
    expect(await replaceRoster(db, parsed(next), 2000)).toMatchObject({ kind: 'applied', children: 5, purgedTemplates: 2 });
    expect((await db.templates.toArray()).map((t) => t.id)).toEqual(['t2']);
    // The keys go with the templates, and each purge is in the audit log.
    expect(await db.childKeys.toCollection().primaryKeys()).toEqual(['child-002']);
    expect((await db.audit.toArray()).map((e) => [e.kind, e.childId])).toEqual([
      ['purge', 'child-001'],
      ['purge', 'child-003'],
    ]);
  });

  it('refuses an older revision of the same site and changes nothing', async () => {
    const db = freshDb();
    await replaceRoster(db, parsed(), 1000);
    const old = clone();
    old.revision = 2;
    old.children = [];
    expect(await replaceRoster(db, parsed(old), 2000)).toEqual({ kind: 'rejected', reason: 'rolled-back', heldRevision: 3 });
    expect(await loadChildren(db)).toHaveLength(6);
  });
});

describe('RosterIndex', () => {
  const index = new RosterIndex(parsed().children);
  it('finds a child by bracelet and by id', () => {
    expect(index.childOfBracelet('mifare:04A2C3D4')).toBe('child-002');
    expect(index.childOfBracelet('mifare:00000000')).toBeUndefined();
    expect(index.get('child-003' as ChildId)?.firstName).toBe('Dana');
  });
  it('lists only consented children for the gallery', () => {
    expect([...index.consented()].sort()).toEqual(['child-001', 'child-002', 'child-003', 'child-005', 'child-006']);
  });
  it('searches by the start of any name or group word, ignoring case', () => {
    expect(index.search('ali').map((c) => c.id)).toEqual(['child-001']);
    expect(index.search('AQQU').map((c) => c.firstName)).toEqual(['Nurlan', 'Saule']);
    expect(index.search('kun d').map((c) => c.id)).toEqual(['child-003']);
    expect(index.search('  ')).toHaveLength(6);
    expect(index.search('zzz')).toEqual([]);
  });
});
