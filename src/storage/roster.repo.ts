// The roster on the tablet (Dexie `children` + its revision in `meta`): replaced whole, in one transaction that also
// purges the face templates AND the wrapped key of every child who left or whose face consent is gone, with an audit
// entry for each. Never touches attendance events.
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

export async function readRosterInfo(db: GateDb): Promise<RosterInfo | null> {
  return (await getMeta(db, 'roster')) ?? null;
}

/**
 * Replaces the roster. Templates of children not in the new roster, or without face consent in it, are deleted in the
 * same transaction: a withdrawn consent takes effect at once and cannot be undone by a crash halfway.
 */
export async function replaceRoster(db: GateDb, roster: Roster, nowMs: number): Promise<ReplaceRosterResult> {
  return db.transaction('rw', [db.children, db.templates, db.childKeys, db.meta, db.audit], async () => {
    const held = await getMeta(db, 'roster');
    if (held !== undefined && held.siteId === roster.siteId && roster.revision < held.revision) {
      return { kind: 'rejected', reason: 'rolled-back', heldRevision: held.revision } as const;
    }
    const consented = new Set(roster.children.filter((c) => c.faceConsent).map((c) => c.id));
    const doomed = await db.templates.filter((t) => !consented.has(t.childId)).toArray();
    const keys = await db.childKeys.filter((k) => !consented.has(k.childId)).primaryKeys();
    const byChild = new Map<ChildId, PurgedChild>();
    for (const childId of keys) byChild.set(childId, { childId, templateIds: [], keyDeleted: true });
    for (const t of doomed) {
      const entry = byChild.get(t.childId) ?? { childId: t.childId, templateIds: [], keyDeleted: false };
      entry.templateIds.push(t.id);
      byChild.set(t.childId, entry);
    }
    await db.templates.bulkDelete(doomed.map((t) => t.id));
    await db.childKeys.bulkDelete(keys);
    await db.children.clear();
    await db.children.bulkAdd(roster.children);
    const info: RosterInfo = { siteId: roster.siteId, revision: roster.revision, generatedAt: roster.generatedAt, appliedAtMs: nowMs };
    await putMeta(db, 'roster', info);
    const purged = [...byChild.values()];
    for (const p of purged) {
      await appendAudit(
        db,
        {
          kind: 'purge',
          childId: p.childId,
          details: { templateIds: p.templateIds, keyDeleted: p.keyDeleted, rosterRevision: roster.revision },
        },
        nowMs,
      );
    }
    return { kind: 'applied', children: roster.children.length, purgedTemplates: doomed.length, purged } as const;
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
