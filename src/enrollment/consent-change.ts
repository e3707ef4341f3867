// Applies a roster or consent change from outside district sync (the local fixture, a consent's expiry day passing)
// in ONE transaction: roster replaced, templates and child keys of every child who left or lost consent deleted,
// audited, and a purge receipt queued for the district (same queue and shape as sync's). Sync's own bundle apply
// calls replaceRoster inside its transaction and writes its receipts there.
import { localDayKey } from '../core/attendance-rules';
import { consentState } from '../core/consent';
import { createUuidV7 } from '../core/uuidv7';
import type { ChildId, TemplateId } from '../core/types';
import type { GateDb } from '../storage/db';
import type { Roster } from '../storage/roster-format';
import { readRosterInfo, replaceRoster, type PurgedChild, type ReplaceRosterResult } from '../storage/roster.repo';
import { RECEIPTS_KEY, type PurgeReceipt } from '../sync/bundle';

const uuid = createUuidV7();

export interface ChangeOptions {
  dayKey?: (ms: number) => string;
  newId?: (nowMs: number) => string;
}

function reasonFor(roster: Roster, p: PurgedChild, today: string): PurgeReceipt['reason'] {
  const child = roster.children.find((c) => c.id === p.childId);
  if (child === undefined) return 'child-removed';
  return consentState(child, today) === 'expired' ? 'consent-expired' : 'consent-revoked';
}

export async function applyRosterChange(
  db: GateDb,
  roster: Roster,
  nowMs: number,
  options: ChangeOptions = {},
): Promise<ReplaceRosterResult> {
  const today = (options.dayKey ?? localDayKey)(nowMs);
  const newId = options.newId ?? uuid;
  return db.transaction('rw', [db.children, db.templates, db.childKeys, db.meta, db.audit], async () => {
    const result = await replaceRoster(db, roster, nowMs);
    if (result.kind !== 'applied') return result;
    const receipts: PurgeReceipt[] = result.purged.map((p) => ({
      receiptId: newId(nowMs),
      childId: p.childId,
      templateIds: p.templateIds.slice(0, 100),
      purgedAtMs: nowMs,
      reason: reasonFor(roster, p, today),
      bundleVersion: roster.revision,
    }));
    if (receipts.length > 0) {
      const pending = ((await db.meta.get(RECEIPTS_KEY))?.value as PurgeReceipt[] | undefined) ?? [];
      await db.meta.put({ key: RECEIPTS_KEY, value: [...pending, ...receipts] });
    }
    return result;
  });
}

/**
 * Ends consents whose last day has passed (the tablet knows the day without a sync): those children lose face
 * consent in the held roster, their templates and keys are purged, and receipts queued. Returns how many ended.
 */
export async function expireConsents(db: GateDb, nowMs: number, options: ChangeOptions = {}): Promise<number> {
  const today = (options.dayKey ?? localDayKey)(nowMs);
  const info = await readRosterInfo(db);
  if (info === null) return 0;
  const children = await db.children.toArray();
  const ended = children.filter((c) => c.faceConsent && consentState(c, today) === 'expired');
  if (ended.length === 0) return 0;
  const endedIds = new Set(ended.map((c) => c.id));
  const roster: Roster = {
    format: 'gate-kiosk.roster/1',
    siteId: info.siteId,
    revision: info.revision,
    generatedAt: info.generatedAt,
    children: children.map((c) => (endedIds.has(c.id) ? { ...c, faceConsent: false, faceConsentEnded: 'expired' as const } : c)),
  };
  const result = await applyRosterChange(db, roster, nowMs, options);
  return result.kind === 'applied' ? ended.length : 0;
}

/** What the live matcher needs to forget a child at once. */
export interface LiveGallery {
  removeChild(childId: ChildId): number;
  readonly childCount: number;
}

/** applyRosterChange, then the purged children leave the live matcher before the next frame is decided. */
export async function applyRosterChangeLive(
  db: GateDb,
  gallery: LiveGallery,
  roster: Roster,
  nowMs: number,
  options: ChangeOptions = {},
): Promise<ReplaceRosterResult> {
  const result = await applyRosterChange(db, roster, nowMs, options);
  if (result.kind === 'applied') {
    const consented = new Set(roster.children.filter((c) => c.faceConsent).map((c) => c.id));
    for (const c of result.purged) gallery.removeChild(c.childId);
    for (const c of roster.children) if (!consented.has(c.id)) gallery.removeChild(c.id);
  }
  return result;
}

/**
 * After district sync applied a bundle (its own transaction already purged the stored templates and keys): removes
 * every child without face consent, or no longer on the roster, from the live matcher, before the gate re-boots.
 */
export async function dropUnconsentedFromGallery(db: GateDb, gallery: LiveGallery, known: readonly ChildId[]): Promise<number> {
  const children = await db.children.toArray();
  const consented = new Set(children.filter((c) => c.faceConsent).map((c) => c.id));
  let removed = 0;
  for (const id of new Set([...known, ...children.map((c) => c.id)]))
    if (!consented.has(id)) removed += gallery.removeChild(id) > 0 ? 1 : 0;
  return removed;
}

export interface LifetimeGallery extends LiveGallery {
  removeTemplate(templateId: TemplateId): boolean;
}

/**
 * Run while the kiosk is up (hourly, and at boot through bootGate): consents past their last day end (templates and
 * keys purged, receipts queued) and templates older than their lifetime stop matching (the roster says "re-enrol").
 */
export async function enforceConsentAndLifetime(
  db: GateDb,
  gallery: LifetimeGallery,
  lifetimeMs: number,
  nowMs: number,
  options: ChangeOptions = {},
): Promise<{ endedConsents: number; expiredTemplates: number }> {
  const endedConsents = await expireConsents(db, nowMs, options);
  if (endedConsents > 0) await dropUnconsentedFromGallery(db, gallery, []);
  const old = await db.templates.filter((t) => t.createdAtMs + lifetimeMs <= nowMs).primaryKeys();
  let expiredTemplates = 0;
  for (const id of old) if (gallery.removeTemplate(id)) expiredTemplates++;
  return { endedConsents, expiredTemplates };
}
