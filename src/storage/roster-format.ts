// The roster a district sends (and the demo fixture in the same shape): validation of the JSON into typed children.
// Refuses loudly and whole: one bad child, a duplicate id or a duplicate bracelet rejects the roster, nothing is half-applied.
import { parseBraceletUid } from '../core/readers/canonical-uid';
import type { BraceletUid, ChildId } from '../core/types';

export const ROSTER_FORMAT = 'gate-kiosk.roster/1';

export interface RosterChild {
  id: ChildId;
  firstName: string;
  /** Last name or initial, as the district sends it (shown to staff only). */
  lastName: string;
  group: string;
  /** Canonical bracelet id (`mifare:…`, `em4100:…`), or null when the child has none yet. */
  braceletUid: BraceletUid | null;
  /** An active parental consent to face recognition. False: the child is never in the face gallery. */
  faceConsent: boolean;
  /** A twin (or look-alike sibling) is enrolled: the face alone is never enough, face and bracelet must agree. */
  twin?: boolean;
  /** Why there is no face consent, when the district says so: it was withdrawn, or it ran out. Absent: never given. */
  faceConsentEnded?: 'revoked' | 'expired';
  /** Last day (YYYY-MM-DD) of the active face consent; the tablet purges the templates the day after, sync or not. */
  faceConsentExpiresOn?: string;
  /** Days (today on, as of the last sync) a parent or staff said the child will be absent, with the reason. */
  absences?: { day: string; reason: 'illness' | 'family' | 'holiday' | 'other'; note?: string }[];
}

export interface Roster {
  format: typeof ROSTER_FORMAT;
  siteId: string;
  /** Increases with every change the district makes; a lower revision than the one applied is a rollback. */
  revision: number;
  /** When the district produced it (ISO 8601). */
  generatedAt: string;
  children: RosterChild[];
}

export type RosterParse = { kind: 'ok'; roster: Roster } | { kind: 'invalid'; problems: string[] };

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_NAME = 80;

function text(value: unknown, max: number, allowEmpty = false): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if ((!allowEmpty && trimmed === '') || trimmed.length > max) return null;
  return trimmed;
}

const MAX_ABSENCES = 100;
const ABSENCE_REASONS = ['illness', 'family', 'holiday', 'other'] as const;
type Absence = NonNullable<RosterChild['absences']>[number];

/** A child's absences as the district's roster carries them, or null when they are malformed. */
function parseAbsences(value: unknown): Absence[] | null {
  if (!Array.isArray(value) || value.length > MAX_ABSENCES) return null;
  const out: Absence[] = [];
  for (const a of value as unknown[]) {
    if (typeof a !== 'object' || a === null) return null;
    const { day, reason, note } = a as Record<string, unknown>;
    const known = ABSENCE_REASONS.find((r) => r === reason);
    if (typeof day !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(day) || known === undefined) return null;
    if (note !== undefined && (typeof note !== 'string' || note.length > 300)) return null;
    out.push({ day, reason: known, ...(typeof note === 'string' && note !== '' ? { note } : {}) });
  }
  return out;
}

/** Validates roster JSON (already parsed). Reports up to 20 problems, each naming the child's index. */
export function parseRoster(input: unknown): RosterParse {
  const problems: string[] = [];
  const add = (p: string) => {
    if (problems.length < 20) problems.push(p);
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { kind: 'invalid', problems: ['not a JSON object'] };
  const raw = input as Record<string, unknown>;
  if (raw.format !== ROSTER_FORMAT) add(`format must be "${ROSTER_FORMAT}"`);
  const siteId = typeof raw.siteId === 'string' && ID_RE.test(raw.siteId) ? raw.siteId : null;
  if (siteId === null) add('siteId is missing or malformed');
  const revision = raw.revision;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) add('revision must be a non-negative integer');
  const generatedAt = typeof raw.generatedAt === 'string' && !Number.isNaN(Date.parse(raw.generatedAt)) ? raw.generatedAt : null;
  if (generatedAt === null) add('generatedAt must be an ISO 8601 date');
  if (!Array.isArray(raw.children)) {
    add('children must be an array');
    return { kind: 'invalid', problems };
  }
  const ids = new Set<string>();
  const bracelets = new Set<string>();
  const children: RosterChild[] = [];
  raw.children.forEach((value: unknown, i: number) => {
    if (typeof value !== 'object' || value === null) return add(`children[${i}] is not an object`);
    const c = value as Record<string, unknown>;
    const id = typeof c.id === 'string' && ID_RE.test(c.id) ? c.id : null;
    const firstName = text(c.firstName, MAX_NAME);
    const lastName = text(c.lastName, MAX_NAME, true);
    const group = text(c.group, MAX_NAME, true);
    if (id === null) add(`children[${i}].id is missing or malformed`);
    else if (ids.has(id)) add(`children[${i}].id ${id} appears twice`);
    if (firstName === null) add(`children[${i}].firstName is missing or too long`);
    if (lastName === null) add(`children[${i}].lastName must be a string of at most ${MAX_NAME} characters`);
    if (group === null) add(`children[${i}].group must be a string of at most ${MAX_NAME} characters`);
    if (typeof c.faceConsent !== 'boolean') add(`children[${i}].faceConsent must be true or false`);
    if (c.twin !== undefined && typeof c.twin !== 'boolean') add(`children[${i}].twin must be true or false when given`);
    if (c.faceConsentEnded !== undefined && c.faceConsentEnded !== 'revoked' && c.faceConsentEnded !== 'expired')
      add(`children[${i}].faceConsentEnded must be "revoked" or "expired" when given`);
    if (
      c.faceConsentExpiresOn !== undefined &&
      (typeof c.faceConsentExpiresOn !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(c.faceConsentExpiresOn))
    ) {
      add(`children[${i}].faceConsentExpiresOn must be a YYYY-MM-DD day when given`);
    }
    const absences = c.absences === undefined ? [] : parseAbsences(c.absences);
    if (absences === null) add(`children[${i}].absences must be at most ${MAX_ABSENCES} of { day: YYYY-MM-DD, reason, note? } when given`);
    let braceletUid: BraceletUid | null = null;
    if (c.braceletUid !== null && c.braceletUid !== undefined) {
      const parsed = typeof c.braceletUid === 'string' ? parseBraceletUid(c.braceletUid) : null;
      if (parsed === null || parsed.kind !== 'uid') add(`children[${i}].braceletUid is not a canonical bracelet id`);
      else if (bracelets.has(parsed.uid)) add(`children[${i}].braceletUid ${parsed.uid} belongs to two children`);
      else braceletUid = parsed.uid;
    }
    if (id === null || firstName === null || lastName === null || group === null || typeof c.faceConsent !== 'boolean' || absences === null)
      return;
    ids.add(id);
    if (braceletUid !== null) bracelets.add(braceletUid);
    children.push({
      id: id as ChildId,
      firstName,
      lastName,
      group,
      braceletUid,
      faceConsent: c.faceConsent,
      ...(c.twin === true ? { twin: true } : {}),
      ...(c.faceConsentEnded === 'revoked' || c.faceConsentEnded === 'expired' ? { faceConsentEnded: c.faceConsentEnded } : {}),
      ...(typeof c.faceConsentExpiresOn === 'string' ? { faceConsentExpiresOn: c.faceConsentExpiresOn } : {}),
      ...(absences.length > 0 ? { absences } : {}),
    });
  });
  if (problems.length > 0) return { kind: 'invalid', problems };
  return {
    kind: 'ok',
    roster: { format: ROSTER_FORMAT, siteId: siteId!, revision: revision as number, generatedAt: generatedAt!, children },
  };
}
