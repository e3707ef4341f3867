// The roster on the tablet (Dexie `children` + its revision in `meta`): replaced whole, or changed for some children
// (a district delta), in one transaction that also purges the face templates AND the wrapped key of every child who
// left or whose face consent is gone, with an audit entry for each. Never touches attendance events.
import type { ChildId, TemplateId } from '../core/types';
import { appendAudit } from './audit.repo';
import type { GateDb } from './db';
import { getMeta, putMeta } from './meta.repo';
import type { Roster, RosterChild } from './roster-format';

/** What the tablet knows about the roster it holds (the children themselves are in `children`). */
export interface RosterInfo {
  siteId: string;
  revision: number;
  generatedAt: string;
  appliedAtMs: number;
}

export type ReplaceRosterResult =
  | { kind: 'applied'; children: number; purgedTemplates: number; purged: PurgedChild[] }
  /** The tablet already holds a newer roster of this site: nothing changed. */
  | { kind: 'rejected'; reason: 'rolled-back'; heldRevision: number };

/** A child whose templates and key the roster change deleted. */
export interface PurgedChild {
  childId: ChildId;
  templateIds: TemplateId[];
  /** Whether a wrapped key was deleted (a child may have a key and no templates after a failed enrolment). */
  keyDeleted: boolean;
}

/** Changes of some children: the new entries of those that changed (or arrived) and the ids of those who left. */
export interface RosterChanges {
  siteId: string;
  revision: number;
  generatedAt: string;
  upserts: RosterChild[];
  removed: ChildId[];
}

export async function readRosterInfo(db: GateDb): Promise<RosterInfo | null> {
  return (await getMeta(db, 'roster')) ?? null;
}

const TABLES = (db: GateDb) => [db.children, db.templates, db.childKeys, db.meta, db.audit];

async function rolledBack(db: GateDb, siteId: string, revision: number): Promise<ReplaceRosterResult | null> {
  const held = await getMeta(db, 'roster');
  if (held !== undefined && held.siteId === siteId && revision < held.revision)
    return { kind: 'rejected', reason: 'rolled-back', heldRevision: held.revision };
  return null;
}

/**
 * Deletes the templates and wrapped keys of the children `doomed` says must lose them, with a `purge` audit entry each.
 * `among`: only these children are looked at (a delta); absent: every child the tablet holds anything of.
 */
async function purge(
  db: GateDb,
  doomed: (childId: ChildId) => boolean,
  revision: number,
  nowMs: number,
  among?: readonly ChildId[],
): Promise<{ purged: PurgedChild[]; templates: number }> {
  const templates = await (among ? db.templates.where('childId').anyOf([...among]) : db.templates.toCollection())
    .filter((t) => doomed(t.childId))
    .toArray();
  const keys = await (among ? db.childKeys.where('childId').anyOf([...among]) : db.childKeys.toCollection())
    .filter((k) => doomed(k.childId))
    .primaryKeys();
  const byChild = new Map<ChildId, PurgedChild>();
  for (const childId of keys) byChild.set(childId, { childId, templateIds: [], keyDeleted: true });
  for (const t of templates) {
    const entry = byChild.get(t.childId) ?? { childId: t.childId, templateIds: [], keyDeleted: false };
    entry.templateIds.push(t.id);
    byChild.set(t.childId, entry);
  }
  await db.templates.bulkDelete(templates.map((t) => t.id));
  await db.childKeys.bulkDelete(keys);
  const purged = [...byChild.values()];
  for (const p of purged) {
    await appendAudit(
      db,
      { kind: 'purge', childId: p.childId, details: { templateIds: p.templateIds, keyDeleted: p.keyDeleted, rosterRevision: revision } },
      nowMs,
    );
  }
  return { purged, templates: templates.length };
}

/**
 * Replaces the roster. Templates of children not in the new roster, or without face consent in it, are deleted in the
 * same transaction: a withdrawn consent takes effect at once and cannot be undone by a crash halfway.
 */
export async function replaceRoster(db: GateDb, roster: Roster, nowMs: number): Promise<ReplaceRosterResult> {
  return db.transaction('rw', TABLES(db), async () => {
    const refused = await rolledBack(db, roster.siteId, roster.revision);
    if (refused !== null) return refused;
    const consented = new Set(roster.children.filter((c) => c.faceConsent).map((c) => c.id));
    const { purged, templates } = await purge(db, (id) => !consented.has(id), roster.revision, nowMs);
    await db.children.clear();
    await db.children.bulkAdd(roster.children);
    const info: RosterInfo = { siteId: roster.siteId, revision: roster.revision, generatedAt: roster.generatedAt, appliedAtMs: nowMs };
    await putMeta(db, 'roster', info);
    return { kind: 'applied', children: roster.children.length, purgedTemplates: templates, purged } as const;
  });
}

/**
 * Changes the entries of some children and removes others, with the same purge as replaceRoster for the children it
 * names (the others keep what they have).
 */
export async function applyRosterChanges(db: GateDb, changes: RosterChanges, nowMs: number): Promise<ReplaceRosterResult> {
  return db.transaction('rw', TABLES(db), async () => {
    const refused = await rolledBack(db, changes.siteId, changes.revision);
    if (refused !== null) return refused;
    const consented = new Set(changes.upserts.filter((c) => c.faceConsent).map((c) => c.id));
    const named = [...changes.upserts.map((c) => c.id), ...changes.removed];
    const { purged, templates } = await purge(db, (id) => !consented.has(id), changes.revision, nowMs, named);
    await db.children.bulkDelete(changes.removed);
    await db.children.bulkPut(changes.upserts);
    const info: RosterInfo = { siteId: changes.siteId, revision: changes.revision, generatedAt: changes.generatedAt, appliedAtMs: nowMs };
    await putMeta(db, 'roster', info);
    return { kind: 'applied', children: await db.children.count(), purgedTemplates: templates, purged } as const;
  });
}

export function loadChildren(db: GateDb): Promise<RosterChild[]> {
  return db.children.toArray();
}

/** The roster in memory for the gate: lookups by id and by bracelet, and the search staff use. */
export class RosterIndex {
  private readonly byId = new Map<ChildId, RosterChild>();
  private readonly byBracelet = new Map<string, ChildId>();

  constructor(readonly children: readonly RosterChild[]) {
    for (const c of children) {
      this.byId.set(c.id, c);
      if (c.braceletUid !== null) this.byBracelet.set(c.braceletUid, c.id);
    }
  }

  get(id: ChildId): RosterChild | undefined {
    return this.byId.get(id);
  }

  childOfBracelet(uid: string): ChildId | undefined {
    return this.byBracelet.get(uid);
  }

  /** Children with an active face consent: the only ones whose templates may be loaded. */
  consented(): Set<ChildId> {
    return new Set(this.children.filter((c) => c.faceConsent).map((c) => c.id));
  }

  /** Staff search: every word of the query must start a word of the name or group (case- and accent-insensitive). */
  search(query: string): RosterChild[] {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const sorted = [...this.children].sort((a, b) => a.firstName.localeCompare(b.firstName) || a.lastName.localeCompare(b.lastName));
    if (words.length === 0) return sorted;
    return sorted.filter((c) => {
      const hay = fold(`${c.firstName} ${c.lastName} ${c.group}`).split(/[\s.-]+/);
      return words.every((w) => hay.some((h) => h.startsWith(w)));
    });
  }
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}
