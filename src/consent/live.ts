// The end of a consent in the RUNNING gate: the live matcher forgets the child before the next frame is decided, and,
// while the kiosk runs (hourly, from src/runtime), consents past their last day end and templates past their lifetime
// stop matching, sync or not.
import type { ChildId, TemplateId } from '../core/types';
import type { GateDb } from '../storage/db';
import { expireConsents, type LocalChangeOptions } from './purge';

/** What the live matcher needs to forget a child at once. */
export interface LiveGallery {
  removeChild(childId: ChildId): number;
  removeTemplate(templateId: TemplateId): boolean;
}

/**
 * Removes from the live matcher every child without face consent in the stored roster, or no longer on it (`known`:
 * the children the running gate was booted with). Returns how many children it removed.
 */
export async function forgetUnconsented(db: GateDb, gallery: LiveGallery, known: readonly ChildId[]): Promise<number> {
  const children = await db.children.toArray();
  const consented = new Set(children.filter((c) => c.faceConsent).map((c) => c.id));
  let removed = 0;
  for (const id of new Set([...known, ...children.map((c) => c.id)])) if (!consented.has(id) && gallery.removeChild(id) > 0) removed++;
  return removed;
}

/**
 * Consents past their last day end (templates and keys purged, receipts queued, the children leave the matcher) and
 * templates older than their lifetime stop matching (the roster says "re-enrol").
 */
export async function enforceConsentAndLifetime(
  db: GateDb,
  gallery: LiveGallery,
  lifetimeMs: number,
  nowMs: number,
  options: LocalChangeOptions = {},
): Promise<{ endedConsents: number; expiredTemplates: number }> {
  const ended = await expireConsents(db, nowMs, options);
  for (const id of ended) gallery.removeChild(id);
  const old = await db.templates.filter((t) => t.createdAtMs + lifetimeMs <= nowMs).primaryKeys();
  let expiredTemplates = 0;
  for (const id of old) if (gallery.removeTemplate(id)) expiredTemplates++;
  return { endedConsents: ended.length, expiredTemplates };
}
