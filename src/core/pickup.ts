// Who may collect a child at check-out (issue 15), as pure decisions over the district's pickup entries
// (BundlePickups): a card, a pickup code (already checked against the hashes by the caller, src/protocol/pickup-code.ts)
// or a teacher's pick is authorised, not on the list, not valid today, or a do-not-release match. A do-not-release card
// wins over everything; nothing here guesses. Also the rules the district and the tablet share for a child's entries
// (two entries of one adult whose validity overlaps are refused), the late pickup rule after the site's closing time
// and the child-to-staff count per group. No DOM, no storage, no clock of its own.
import type { BundlePickups, PickupAdult } from './bundle-shape';
import type { ChildId } from './types';

/** How the adult who collected the child was confirmed at the door. */
export type PickupMethod = 'card' | 'code' | 'staff';

/** What a check-out event records about who collected the child (ids only). */
export interface PickupConfirmation {
  pickupId: string;
  method: PickupMethod;
}

/** What the adult presented for one child waiting to leave. */
export type PickupCredential =
  | { kind: 'card'; uid: string }
  /** A typed code: `matching` are the adults of this child whose code hash it matched (checked by the caller). */
  | { kind: 'code'; matching: readonly string[] }
  /** A teacher chose this adult from the child's list behind the staff PIN. */
  | { kind: 'staff'; pickupId: string };

export type PickupDecision =
  | { kind: 'authorised'; pickupId: string; method: PickupMethod; name: string; relation: string }
  /** Nobody on the child's list has this card or code. */
  | { kind: 'not-on-list' }
  /** An adult of the list, but not on this site day (before validFrom or after validTo). */
  | { kind: 'not-valid-today'; pickupId: string; name: string; validFrom: string | null; validTo: string | null }
  /** A card on a do-not-release entry of this child (a custody order): the reason is for staff. */
  | { kind: 'do-not-release'; entryId: string; name: string; reason: string };

export type PickupRefusal = Exclude<PickupDecision, { kind: 'authorised' }>;

/** Whether an adult's entry is in force on the site day `dayKey` (YYYY-MM-DD; both ends inclusive, null: open). */
export function validOn(adult: Pick<PickupAdult, 'validFrom' | 'validTo'>, dayKey: string): boolean {
  return (adult.validFrom === null || adult.validFrom <= dayKey) && (adult.validTo === null || dayKey <= adult.validTo);
}

/**
 * The decision for one child and one credential on the site day `dayKey`. `entries` are the child's (undefined: none,
 * so nobody is on the list). A do-not-release card is refused whatever else matches; a code that matched several adults
 * of the child is authorised as the first one valid today (the list's order), never as one that is not.
 */
export function decidePickup(entries: BundlePickups | undefined, credential: PickupCredential, dayKey: string): PickupDecision {
  const adults = entries?.adults ?? [];
  const denied = entries?.doNotRelease ?? [];
  let candidates: PickupAdult[];
  switch (credential.kind) {
    case 'card': {
      const deny = denied.find((d) => d.cards.includes(credential.uid));
      if (deny !== undefined) return { kind: 'do-not-release', entryId: deny.entryId, name: deny.name, reason: deny.reason };
      candidates = adults.filter((a) => a.cards.includes(credential.uid));
      break;
    }
    case 'code':
      candidates = adults.filter((a) => a.codeHash !== null && credential.matching.includes(a.pickupId));
      break;
    case 'staff':
      candidates = adults.filter((a) => a.pickupId === credential.pickupId);
      break;
  }
  if (candidates.length === 0) return { kind: 'not-on-list' };
  // An adult allowed under the name of a do-not-release entry (the order came after the entry, or both were typed): the
  // custody order wins, whatever the credential.
  const barred = denied.find((d) => candidates.some((a) => samePersonName(a.name, d.name)));
  if (barred !== undefined) return { kind: 'do-not-release', entryId: barred.entryId, name: barred.name, reason: barred.reason };
  const valid = candidates.find((a) => validOn(a, dayKey));
  if (valid === undefined) {
    const a = candidates[0]!;
    return { kind: 'not-valid-today', pickupId: a.pickupId, name: a.name, validFrom: a.validFrom, validTo: a.validTo };
  }
  return { kind: 'authorised', pickupId: valid.pickupId, method: credential.kind, name: valid.name, relation: valid.relation };
}

/** Two names for one person, letter case and runs of spaces aside. */
export function samePersonName(a: string, b: string): boolean {
  const key = (n: string) => n.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  return key(a) === key(b);
}

/** A pickup code as the contract allows it: 4 to 6 ASCII digits, nothing else (checked before any hashing). */
export function isPickupCode(code: string): boolean {
  return /^[0-9]{4,6}$/.test(code);
}

/** Whether a child of `group` needs an authorised adult to check out under the site's `pickupGroups`. */
export function needsPickup(group: string, pickupGroups: readonly string[] | undefined): boolean {
  return (pickupGroups ?? []).includes(group);
}

/** An adult's entry as the overlap rule reads it. */
export type PickupPerson = Pick<PickupAdult, 'pickupId' | 'name' | 'relation' | 'validFrom' | 'validTo'>;

const personKey = (a: PickupPerson) => `${a.name.trim().toLocaleLowerCase()}\u0000${a.relation.trim().toLocaleLowerCase()}`;

const overlaps = (a: PickupPerson, b: PickupPerson) =>
  (a.validFrom === null || b.validTo === null || a.validFrom <= b.validTo) &&
  (b.validFrom === null || a.validTo === null || b.validFrom <= a.validTo);

/**
 * Two entries of one child for the same adult (same name and relation, letter case and spaces aside) whose validity
 * overlaps: a teacher choosing from the list could not tell them apart, and a change of validity is an update of the
 * entry, not a second one. Returns the first such pair, or null. The district refuses such an entry (409
 * `pickup-overlaps`) and a tablet refuses a bundle that has one.
 */
export function overlappingEntry(adults: readonly PickupPerson[]): [PickupPerson, PickupPerson] | null {
  for (let i = 0; i < adults.length; i++) {
    for (let j = i + 1; j < adults.length; j++) {
      const a = adults[i]!;
      const b = adults[j]!;
      if (personKey(a) === personKey(b) && overlaps(a, b)) return [a, b];
    }
  }
  return null;
}

/** Minutes after midnight of an `HH:MM` time, or null when it is not one. */
export function minutesOfDay(hhmm: string): number | null {
  const m = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(hhmm);
  return m === null ? null : Number(m[1]) * 60 + Number(m[2]);
}

/**
 * The late pickup alert: whether the site's wall clock (minutes after midnight) is past its closing time. Null or a
 * malformed closing time: never late. Children still inside then are late pickups.
 */
export function isAfterClosing(siteMinutes: number, closingTime: string | null | undefined): boolean {
  if (closingTime === null || closingTime === undefined) return false;
  const closing = minutesOfDay(closingTime);
  return closing !== null && siteMinutes >= closing;
}

/** One group's children inside and staff on duty for it, with the ratio staff read ("12 : 1"; null without staff). */
export interface GroupStaffing {
  group: string;
  children: number;
  staff: number;
  /** Children per adult, rounded up; null when no adult is signed in for the group. */
  childrenPerStaff: number | null;
}

/**
 * Children inside per group against staff signed in for that group. Groups with children or staff, by name; a staff
 * member signed in without a group counts for none (they are listed on site, not in a ratio).
 */
export function groupStaffing(
  inside: readonly { childId: ChildId }[],
  groupOf: (id: ChildId) => string | undefined,
  staffGroups: readonly (string | null)[],
): GroupStaffing[] {
  const children = new Map<string, number>();
  for (const c of inside) {
    const g = groupOf(c.childId);
    if (g !== undefined) children.set(g, (children.get(g) ?? 0) + 1);
  }
  const staff = new Map<string, number>();
  for (const g of staffGroups) if (g !== null) staff.set(g, (staff.get(g) ?? 0) + 1);
  const groups = [...new Set([...children.keys(), ...staff.keys()])].sort((a, b) => a.localeCompare(b));
  return groups.map((group) => {
    const c = children.get(group) ?? 0;
    const s = staff.get(group) ?? 0;
    return { group, children: c, staff: s, childrenPerStaff: s === 0 ? null : Math.ceil(c / s) };
  });
}
