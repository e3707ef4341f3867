// What the end of a face consent does to what the tablet stores, wherever it comes from (a district bundle, the local
// roster, a consent's last day passing): in ONE transaction the roster is replaced, the templates and wrapped key of
// every child who left or lost consent are deleted and audited (storage/roster.repo.ts), and a purge receipt is queued
// for each such child, and the child's drift summary (scores of past face check-ins) goes too. This file is the only
// writer of purge receipts.
import { siteDayKey } from '../core/site-day';
import { consentState } from '../core/consent';
import type { ChildId } from '../core/types';
import { createUuidV7 } from '../core/uuidv7';
import type { GateDb } from '../storage/db';
import { appendPurgeReceipts, type PurgeReceipt } from '../storage/purge-receipts.repo';
import { forgetDrift } from '../storage/drift.repo';
import type { Roster } from '../storage/roster-format';
import { applyRosterChanges, readRosterInfo, replaceRoster, type ReplaceRosterResult, type RosterChanges } from '../storage/roster.repo';

export type PurgeReason = PurgeReceipt['reason'];

export type PurgeResult =
  Exclude<ReplaceRosterResult, { kind: 'applied' }> | (Extract<ReplaceRosterResult, { kind: 'applied' }> & { receipts: number });

export interface PurgeOptions {
  /** Why a purged child's templates went (the receipt says it). */
  reasonOf: (childId: ChildId) => PurgeReason;
  /** The bundle version (or local roster revision) that ended the consent. */
  bundleVersion: number;
  newId?: (nowMs: number) => string;
}

const defaultNewId = createUuidV7();

/** The tables a purge writes; a caller that runs one inside its own transaction includes them all. */
export const purgeTables = (db: GateDb) => [db.children, db.templates, db.childKeys, db.meta, db.audit];

/**
 * Replaces the roster and purges every child without face consent in it (templates, key, audit entry), queueing one
 * receipt per purged child. Joins the caller's transaction when it has `purgeTables` in scope, so a bundle commits
 * with its purges or not at all.
 */
export async function replaceRosterAndPurge(db: GateDb, roster: Roster, nowMs: number, options: PurgeOptions): Promise<PurgeResult> {
  return withReceipts(db, () => replaceRoster(db, roster, nowMs), nowMs, options);
}

/** The same for a district delta: only the children it names change, and only they can be purged. */
export async function changeRosterAndPurge(db: GateDb, changes: RosterChanges, nowMs: number, options: PurgeOptions): Promise<PurgeResult> {
  return withReceipts(db, () => applyRosterChanges(db, changes, nowMs), nowMs, options);
}

async function withReceipts(
  db: GateDb,
  change: () => Promise<ReplaceRosterResult>,
  nowMs: number,
  options: PurgeOptions,
): Promise<PurgeResult> {
  const newId = options.newId ?? defaultNewId;
  return db.transaction('rw', purgeTables(db), async () => {
    const result = await change();
    if (result.kind !== 'applied') return result;
    const receipts: PurgeReceipt[] = result.purged.map((p) => ({
      receiptId: newId(nowMs),
      childId: p.childId,
      templateIds: p.templateIds.slice(0, 100),
      purgedAtMs: nowMs,
      reason: options.reasonOf(p.childId),
      bundleVersion: options.bundleVersion,
    }));
    await appendPurgeReceipts(db, receipts);
    await forgetDrift(
      db,
      result.purged.map((p) => p.childId),
    );
    return { ...result, receipts: receipts.length };
  });
}

export interface LocalChangeOptions {
  dayKey?: (ms: number) => string;
  newId?: (nowMs: number) => string;
}

/** A roster from outside district sync (the demo fixture, a consent's last day passing): purge reasons from the roster. */
export async function applyLocalRoster(db: GateDb, roster: Roster, nowMs: number, options: LocalChangeOptions = {}): Promise<PurgeResult> {
  const today = (options.dayKey ?? siteDayKey)(nowMs);
  const byId = new Map(roster.children.map((c) => [c.id, c]));
  return replaceRosterAndPurge(db, roster, nowMs, {
    bundleVersion: roster.revision,
    ...(options.newId ? { newId: options.newId } : {}),
    reasonOf: (childId) => {
      const child = byId.get(childId);
      if (child === undefined) return 'child-removed';
      return consentState(child, today) === 'expired' ? 'consent-expired' : 'consent-revoked';
    },
  });
}

/**
 * Ends consents whose last day has passed (the tablet knows the day without a sync): those children lose face consent
 * in the held roster, their templates and keys are purged, and receipts queued. Returns how many ended.
 */
export async function expireConsents(db: GateDb, nowMs: number, options: LocalChangeOptions = {}): Promise<ChildId[]> {
  const today = (options.dayKey ?? siteDayKey)(nowMs);
  const info = await readRosterInfo(db);
  if (info === null) return [];
  const children = await db.children.toArray();
  const ended = new Set(children.filter((c) => c.faceConsent && consentState(c, today) === 'expired').map((c) => c.id));
  if (ended.size === 0) return [];
  const roster: Roster = {
    format: 'gate-kiosk.roster/1',
    siteId: info.siteId,
    revision: info.revision,
    generatedAt: info.generatedAt,
    children: children.map((c) => (ended.has(c.id) ? { ...c, faceConsent: false, faceConsentEnded: 'expired' as const } : c)),
  };
  const result = await applyLocalRoster(db, roster, nowMs, options);
  return result.kind === 'applied' ? [...ended] : [];
}

/**
 * Templates and keys of children outside `consented` that are still on disk (nothing should leave any: every consent
 * change purges in its own transaction) are deleted before the matcher is filled. Returns how many templates went.
 */
export async function purgeUnconsentedLeftovers(db: GateDb, consented: ReadonlySet<ChildId>): Promise<number> {
  return db.transaction('rw', [db.templates, db.childKeys], async () => {
    const stray = await db.templates.filter((t) => !consented.has(t.childId)).primaryKeys();
    await db.templates.bulkDelete(stray);
    await db.childKeys.filter((k) => !consented.has(k.childId)).delete();
    return stray.length;
  });
}
