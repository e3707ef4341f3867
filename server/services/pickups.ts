// Authorised pickups, the district's side: per child, the adults allowed to collect them (a name, a relation, their own
// NFC cards or bracelets, a pickup code kept only as a salted slow hash, a validity) and "do not release to" entries
// (custody orders, with the reason staff see). No photos, no biometrics of adults. Every change is checked whole before
// anything is written (a refusal changes nothing), recorded in the district audit log without the code, and moves the
// site's bundle version with the child named in the next delta (database triggers, migration 22). Cards: unique among
// the site's pickup adults, never a child's bracelet, never both allowed and denied for one child (checked with the
// site row locked, so two admins cannot add the same card at once).
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { isValidDay, newId } from '../ids';
import { hashPickupCode, isPickupCode, type PickupCodeHash } from './pickup-code';
import { overlappingEntry, samePersonName, type PickupPerson } from '../../src/core/pickup';

type Schemas = components['schemas'];
type PickupAdultAdmin = Schemas['PickupAdultAdmin'];
type DoNotRelease = Schemas['DoNotRelease'];
type ChildPickups = Schemas['ChildPickups'];
type BundlePickups = Schemas['BundlePickups'];

/** Adults allowed to collect one child. */
export const MAX_PICKUPS_PER_CHILD = 4;

interface AdultRow {
  id: string;
  site_id: string;
  child_id: string;
  name: string;
  relation: string;
  cards: string[];
  code_hash: PickupCodeHash | null;
  code_exposed_at_ms: number | null;
  valid_from: string | null;
  valid_to: string | null;
}

interface DenyRow {
  id: string;
  site_id: string;
  child_id: string;
  name: string;
  reason: string;
  cards: string[];
}

const toAdmin = (r: AdultRow): PickupAdultAdmin => ({
  pickupId: r.id,
  childId: r.child_id,
  name: r.name,
  relation: r.relation,
  cards: r.cards,
  hasCode: r.code_hash !== null,
  codeExposedAtMs: r.code_exposed_at_ms === null ? null : Number(r.code_exposed_at_ms),
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

const toDeny = (r: DenyRow): DoNotRelease => ({ entryId: r.id, childId: r.child_id, name: r.name, reason: r.reason, cards: r.cards });

const audit = (tx: Queryable, nowMs: number, actor: string, action: string, details: Record<string, unknown>) =>
  tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
    nowMs,
    actor,
    action,
    JSON.stringify(details),
  ]);

/** The child's site, with the site row locked for the rest of the transaction (card checks, then writes). */
async function lockChild(tx: Queryable, childId: string): Promise<string> {
  const [child] = await tx.query<{ site_id: string; removed_at_ms: number | null }>(
    'select site_id, removed_at_ms from children where id = $1',
    [childId],
  );
  if (!child || child.removed_at_ms !== null) throw new HttpError(404, 'child-not-found', `No child ${childId} on the roster.`);
  await tx.query('select id from sites where id = $1 for update', [child.site_id]);
  return child.site_id;
}

function checkCode(code: string): void {
  if (!isPickupCode(code))
    throw new HttpError(400, 'bad-pickup-code', 'A pickup code is 4 to 6 digits (0-9), nothing else. Choose another code.');
}

function checkValidity(from: string | null, to: string | null): void {
  if ((from !== null && !isValidDay(from)) || (to !== null && !isValidDay(to)))
    throw new HttpError(400, 'bad-validity', 'validFrom and validTo must be real days (YYYY-MM-DD).');
  if (from !== null && to !== null && to < from)
    throw new HttpError(400, 'bad-validity', 'validTo is before validFrom: give the last day the adult may collect the child.');
}

function checkCardOrCode(cards: readonly string[], hasCode: boolean): void {
  if (cards.length === 0 && !hasCode)
    throw new HttpError(
      400,
      'pickup-needs-card-or-code',
      'An adult who collects a child needs their own card or bracelet, a pickup code, or both.',
    );
}

const cardInUse = (uid: string, what: string) =>
  new HttpError(409, 'card-in-use', `Card ${uid} is ${what}. Each card or bracelet identifies one person; check the number.`);

/** Refuses cards that are a child's bracelet, another pickup adult's card at the site, or denied for the same child. */
async function checkAdultCards(tx: Queryable, siteId: string, childId: string, cards: readonly string[], pickupId: string): Promise<void> {
  if (cards.length === 0) return;
  const [bracelet] = await tx.query<{ uid: string }>('select uid from bracelets where uid = any($1::text[])', [cards]);
  if (bracelet) throw cardInUse(bracelet.uid, "a child's bracelet");
  const [other] = await tx.query<{ cards: string[] }>(
    'select cards from pickup_adults where site_id = $1 and id <> $2 and cards && $3::text[]',
    [siteId, pickupId, cards],
  );
  if (other)
    throw cardInUse(
      other.cards.find((c) => cards.includes(c))!,
      'the card of another adult who collects a child at this site',
    );
  const [denied] = await tx.query<{ cards: string[] }>('select cards from do_not_release where child_id = $1 and cards && $2::text[]', [
    childId,
    cards,
  ]);
  if (denied)
    throw cardInUse(
      denied.cards.find((c) => cards.includes(c))!,
      'on a do-not-release entry of this child',
    );
}

/**
 * Refuses a second entry of the same adult (name and relation) for the child whose validity overlaps one there
 * (src/core/pickup.ts overlappingEntry; tablets refuse a bundle with such a pair).
 */
/** Refuses an adult named like one of the child's do-not-release entries: a custody order is not undone by a new entry. */
async function checkNotDenied(tx: Queryable, childId: string, name: string): Promise<void> {
  const denied = (await tx.query<DenyRow>('select * from do_not_release where child_id = $1', [childId])).find((d) =>
    samePersonName(d.name, name),
  );
  if (denied)
    throw new HttpError(
      409,
      'do-not-release-named',
      `${denied.name} is on this child's do-not-release list. An adult under a custody order cannot be added to the pickup list; remove the do-not-release entry first if the order has ended.`,
    );
}

async function checkOverlap(tx: Queryable, childId: string, entry: PickupPerson): Promise<void> {
  const others = await tx.query<AdultRow>('select * from pickup_adults where child_id = $1 and id <> $2', [childId, entry.pickupId]);
  const pair = overlappingEntry([
    entry,
    ...others.map((o) => ({ pickupId: o.id, name: o.name, relation: o.relation, validFrom: o.valid_from, validTo: o.valid_to })),
  ]);
  if (pair !== null)
    throw new HttpError(
      409,
      'pickup-overlaps',
      `${entry.name} is already on this child's list (entry ${pair[0].pickupId === entry.pickupId ? pair[1].pickupId : pair[0].pickupId}) for some of these days. Change the dates of that entry instead.`,
    );
}

const unique = (cards: readonly string[] | undefined): string[] => [...new Set(cards ?? [])];

export async function listPickups(db: Queryable, childId: string): Promise<ChildPickups> {
  const [child] = await db.query<{ removed_at_ms: number | null }>('select removed_at_ms from children where id = $1', [childId]);
  if (!child || child.removed_at_ms !== null) throw new HttpError(404, 'child-not-found', `No child ${childId} on the roster.`);
  const guardians = (
    await db.query<{ account_id: string; display_name: string; barred_by: string | null }>(
      `select a.id as account_id, a.display_name,
              (select r.id from do_not_release r where r.child_id = k.child_id and r.account_id = a.id order by r.created_at_ms limit 1) as barred_by
       from account_children k join accounts a on a.id = k.account_id
       where k.child_id = $1 and a.role = 'parent' and a.disabled_at_ms is null order by a.display_name, a.id`,
      [childId],
    )
  ).map((g) => ({ accountId: g.account_id, displayName: g.display_name, barredBy: g.barred_by }));
  const [group] = await readPickups(db, [childId]);
  if (!group) return { childId, adults: [], doNotRelease: [], guardians };
  const exposed = new Map(
    (
      await db.query<{ id: string; code_exposed_at_ms: number | null }>(
        'select id, code_exposed_at_ms from pickup_adults where child_id = $1 and code_exposed_at_ms is not null',
        [childId],
      )
    ).map((r) => [r.id, Number(r.code_exposed_at_ms)]),
  );
  return {
    childId,
    adults: group.adults.map((a) => toAdminFromBundle(a, exposed.get(a.pickupId) ?? null)),
    doNotRelease: group.doNotRelease,
    guardians,
  };
}

function toAdminFromBundle(a: Schemas['PickupAdult'], codeExposedAtMs: number | null): PickupAdultAdmin {
  const { codeHash, ...rest } = a;
  return { ...rest, hasCode: codeHash !== null, codeExposedAtMs: codeHash === null ? null : codeExposedAtMs };
}

/**
 * After a tablet of `siteId` was unpaired (inside the unpairing's transaction): every pickup code the site has now was
 * on it, as a hash a copy of the tablet can be searched for offline. Marks them for the admin page until a new code is
 * set, and says so in the audit log. The codes keep working: the director decides.
 */
export async function markPickupCodesExposed(tx: Queryable, siteId: string, actor: string, nowMs: number): Promise<number> {
  const marked = await tx.query<{ id: string }>(
    'update pickup_adults set code_exposed_at_ms = $2 where site_id = $1 and code_hash is not null and code_exposed_at_ms is null returning id',
    [siteId, nowMs],
  );
  if (marked.length > 0) await audit(tx, nowMs, actor, 'pickup.codes-exposed', { siteId, adults: marked.length });
  return marked.length;
}

export async function addPickupAdult(
  db: Database,
  childId: string,
  input: Schemas['PickupAdultCreate'],
  actor: string,
  nowMs: number,
): Promise<PickupAdultAdmin> {
  if (input.code !== undefined) checkCode(input.code);
  const validFrom = input.validFrom ?? null;
  const validTo = input.validTo ?? null;
  checkValidity(validFrom, validTo);
  const cards = unique(input.cards);
  checkCardOrCode(cards, input.code !== undefined);
  // Slow on purpose (pickup-code.ts): made before the site is locked.
  const codeHash = input.code !== undefined ? await hashPickupCode(input.code) : null;
  return db.transaction(async (tx) => {
    const siteId = await lockChild(tx, childId);
    const [{ n } = { n: 0 }] = await tx.query<{ n: number }>('select count(*)::int as n from pickup_adults where child_id = $1', [childId]);
    if (n >= MAX_PICKUPS_PER_CHILD)
      throw new HttpError(
        409,
        'too-many-pickups',
        `A child has at most ${MAX_PICKUPS_PER_CHILD} adults allowed to collect them. Remove one before adding another.`,
      );
    const pickupId = newId('pick');
    await checkAdultCards(tx, siteId, childId, cards, pickupId);
    await checkNotDenied(tx, childId, input.name);
    await checkOverlap(tx, childId, { pickupId, name: input.name, relation: input.relation ?? '', validFrom, validTo });
    const [row] = await tx.query<AdultRow>(
      `insert into pickup_adults (id, site_id, child_id, name, relation, cards, code_hash, valid_from, valid_to, created_at_ms, updated_at_ms)
       values ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $10) returning *`,
      [
        pickupId,
        siteId,
        childId,
        input.name,
        input.relation ?? '',
        cards,
        codeHash === null ? null : JSON.stringify(codeHash),
        validFrom,
        validTo,
        nowMs,
      ],
    );
    await audit(tx, nowMs, actor, 'pickup.added', {
      siteId,
      childId,
      pickupId,
      name: input.name,
      relation: input.relation ?? '',
      cards: cards.length,
      hasCode: codeHash !== null,
      validFrom,
      validTo,
    });
    return toAdmin(row!);
  });
}

export async function updatePickupAdult(
  db: Database,
  pickupId: string,
  patch: Schemas['PickupAdultPatch'],
  actor: string,
  nowMs: number,
): Promise<PickupAdultAdmin> {
  if (typeof patch.code === 'string') checkCode(patch.code);
  const codeHash = typeof patch.code === 'string' ? await hashPickupCode(patch.code) : null;
  return db.transaction(async (tx) => {
    const [found] = await tx.query<AdultRow>('select * from pickup_adults where id = $1', [pickupId]);
    if (!found) throw new HttpError(404, 'pickup-not-found', `No pickup adult ${pickupId}. Reload the list.`);
    const siteId = await lockChild(tx, found.child_id);
    const [current] = await tx.query<AdultRow>('select * from pickup_adults where id = $1', [pickupId]);
    if (!current) throw new HttpError(404, 'pickup-not-found', `No pickup adult ${pickupId}. Reload the list.`);
    const cards = patch.cards !== undefined ? unique(patch.cards) : current.cards;
    const nextHash = patch.code === undefined ? current.code_hash : codeHash;
    const validFrom = patch.validFrom !== undefined ? patch.validFrom : current.valid_from;
    const validTo = patch.validTo !== undefined ? patch.validTo : current.valid_to;
    checkValidity(validFrom, validTo);
    checkCardOrCode(cards, nextHash !== null);
    await checkAdultCards(tx, siteId, current.child_id, cards, pickupId);
    if (patch.name !== undefined) await checkNotDenied(tx, current.child_id, patch.name);
    await checkOverlap(tx, current.child_id, {
      pickupId,
      name: patch.name ?? current.name,
      relation: patch.relation ?? current.relation,
      validFrom,
      validTo,
    });
    const [row] = await tx.query<AdultRow>(
      `update pickup_adults set name = $2, relation = $3, cards = $4::text[], code_hash = $5, valid_from = $6, valid_to = $7, updated_at_ms = $8,
         code_exposed_at_ms = case when $9 then null else code_exposed_at_ms end
       where id = $1 returning *`,
      [
        pickupId,
        patch.name ?? current.name,
        patch.relation ?? current.relation,
        cards,
        nextHash === null ? null : JSON.stringify(nextHash),
        validFrom,
        validTo,
        nowMs,
        // A new code, or none: what was on the unpaired tablet no longer opens anything.
        patch.code !== undefined,
      ],
    );
    // What changed, by field; a code only as set or removed.
    const changed: string[] = [];
    if (patch.name !== undefined && patch.name !== current.name) changed.push('name');
    if (patch.relation !== undefined && patch.relation !== current.relation) changed.push('relation');
    if (patch.cards !== undefined && [...cards].sort().join() !== [...current.cards].sort().join()) changed.push('cards');
    if (typeof patch.code === 'string') changed.push('code');
    if (patch.code === null && current.code_hash !== null) changed.push('code-removed');
    if (validFrom !== current.valid_from || validTo !== current.valid_to) changed.push('validity');
    await audit(tx, nowMs, actor, 'pickup.changed', {
      siteId,
      childId: current.child_id,
      pickupId,
      name: row!.name,
      changed,
      cards: cards.length,
      validFrom,
      validTo,
    });
    return toAdmin(row!);
  });
}

export async function removePickupAdult(db: Database, pickupId: string, actor: string, nowMs: number): Promise<PickupAdultAdmin> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<AdultRow>('delete from pickup_adults where id = $1 returning *', [pickupId]);
    if (!row) throw new HttpError(404, 'pickup-not-found', `No pickup adult ${pickupId}. Reload the list.`);
    await audit(tx, nowMs, actor, 'pickup.removed', { siteId: row.site_id, childId: row.child_id, pickupId, name: row.name });
    return toAdmin(row);
  });
}

export async function addDoNotRelease(
  db: Database,
  childId: string,
  input: Schemas['DoNotReleaseCreate'],
  actor: string,
  nowMs: number,
): Promise<DoNotRelease> {
  const cards = unique(input.cards);
  return db.transaction(async (tx) => {
    const siteId = await lockChild(tx, childId);
    if (cards.length > 0) {
      const [bracelet] = await tx.query<{ uid: string }>('select uid from bracelets where uid = any($1::text[])', [cards]);
      if (bracelet) throw cardInUse(bracelet.uid, "a child's bracelet");
      const [allowed] = await tx.query<{ cards: string[] }>('select cards from pickup_adults where child_id = $1 and cards && $2::text[]', [
        childId,
        cards,
      ]);
      if (allowed)
        throw cardInUse(
          allowed.cards.find((c) => cards.includes(c))!,
          'the card of an adult allowed to collect this child',
        );
    }
    // The same person allowed by name would still collect the child with their code or a teacher's choice.
    const [allowedByName] = (await tx.query<AdultRow>('select * from pickup_adults where child_id = $1', [childId])).filter((a) =>
      samePersonName(a.name, input.name),
    );
    if (allowedByName)
      throw new HttpError(
        409,
        'pickup-adult-named',
        `${allowedByName.name} is on this child's pickup list: remove that entry first, then add the do-not-release entry.`,
      );
    if (input.accountId !== undefined) {
      const [guardian] = await tx.query(
        `select 1 from account_children k join accounts a on a.id = k.account_id where k.child_id = $1 and k.account_id = $2 and a.role = 'parent'`,
        [childId, input.accountId],
      );
      if (!guardian)
        throw new HttpError(
          400,
          'not-a-guardian-account',
          "That account is not one of this child's parents' page accounts. Choose from the list.",
        );
    }
    const entryId = newId('deny');
    const [row] = await tx.query<DenyRow>(
      `insert into do_not_release (id, site_id, child_id, name, reason, cards, created_at_ms, account_id)
       values ($1, $2, $3, $4, $5, $6::text[], $7, $8) returning *`,
      [entryId, siteId, childId, input.name, input.reason, cards, nowMs, input.accountId ?? null],
    );
    await audit(tx, nowMs, actor, 'do-not-release.added', {
      siteId,
      childId,
      entryId,
      name: input.name,
      cards: cards.length,
      ...(input.accountId !== undefined ? { accountBarred: input.accountId } : {}),
    });
    return toDeny(row!);
  });
}

export async function removeDoNotRelease(db: Database, entryId: string, actor: string, nowMs: number): Promise<DoNotRelease> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<DenyRow>('delete from do_not_release where id = $1 returning *', [entryId]);
    if (!row) throw new HttpError(404, 'do-not-release-not-found', `No do-not-release entry ${entryId}. Reload the list.`);
    await audit(tx, nowMs, actor, 'do-not-release.removed', { siteId: row.site_id, childId: row.child_id, entryId, name: row.name });
    return toDeny(row);
  });
}

/** Inside the transaction that removes a child from the roster: their pickup adults and entries go with them. */
export async function deleteChildPickups(tx: Queryable, childId: string): Promise<void> {
  await tx.query('delete from pickup_adults where child_id = $1', [childId]);
  await tx.query('delete from do_not_release where child_id = $1', [childId]);
}

/** The entries of these children as the bundle carries them: one item per child that has any, in the order of `childIds`. */
export async function readPickups(tx: Queryable, childIds: readonly string[]): Promise<BundlePickups[]> {
  if (childIds.length === 0) return [];
  const adults = await tx.query<AdultRow>('select * from pickup_adults where child_id = any($1::text[]) order by created_at_ms, id', [
    childIds,
  ]);
  const denied = await tx.query<DenyRow>('select * from do_not_release where child_id = any($1::text[]) order by created_at_ms, id', [
    childIds,
  ]);
  const groups = new Map<string, BundlePickups>();
  const group = (childId: string) => {
    let g = groups.get(childId);
    if (g === undefined) groups.set(childId, (g = { childId, adults: [], doNotRelease: [] }));
    return g;
  };
  for (const a of adults)
    group(a.child_id).adults.push({
      pickupId: a.id,
      childId: a.child_id,
      name: a.name,
      relation: a.relation,
      cards: a.cards,
      codeHash: a.code_hash,
      validFrom: a.valid_from,
      validTo: a.valid_to,
    });
  for (const d of denied) group(d.child_id).doNotRelease.push(toDeny(d));
  return childIds.filter((id) => groups.has(id)).map((id) => groups.get(id)!);
}
