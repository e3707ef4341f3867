// The bracelet readers staff added on this tablet and the gate's settings (face and bracelet, roll call without the
// PIN), kept in `meta` so that they come back after a reload. A serial reader is remembered by its USB ids; the browser keeps the permission itself (getPorts()).
import { isReaderProfileId, READER_PROFILES, type ReaderProfileId } from '../core/readers/profiles';
import type { AuditInput } from '../protocol/audit-chain';
import { appendAudit } from './audit.repo';
import type { GateDb } from './db';
import { getMeta, putMeta } from './meta.repo';

export type SavedReader =
  | {
      id: string;
      transport: 'serial';
      profile: ReaderProfileId;
      usbVendorId: number | null;
      usbProductId: number | null;
      addedAtMs: number;
    }
  | { id: string; transport: 'keyboard'; profile: ReaderProfileId; addedAtMs: number }
  | { id: string; transport: 'nfc'; addedAtMs: number };

export interface GateSiteSettings {
  /** Every child must show both face and bracelet, and both must name the same child (twin-flagged children always). */
  faceAndBracelet: boolean;
  /** The gate screen offers the emergency roll call without the staff PIN (it lists the children inside by name). */
  rollCallWithoutPin: boolean;
}

/** How the audit log names each setting staff change (the district's admin page summarises these details). */
const auditDetails: { [K in keyof GateSiteSettings]: (value: GateSiteSettings[K]) => NonNullable<AuditInput['details']> } = {
  faceAndBracelet: (on) => ({ source: 'staff', faceAndBracelet: on }),
  rollCallWithoutPin: (on) => ({ source: 'staff', setting: 'roll-call-without-pin', rollCallWithoutPin: on }),
};

function isSavedReader(value: unknown): value is SavedReader {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || typeof r.addedAtMs !== 'number') return false;
  if (r.transport === 'nfc') return true;
  if (typeof r.profile !== 'string' || !isReaderProfileId(r.profile)) return false;
  const transport = READER_PROFILES[r.profile].transport;
  return (r.transport === 'serial' && transport === 'serial') || (r.transport === 'keyboard' && transport === 'keyboard');
}

/** The saved readers; anything malformed in storage is left out rather than started. */
export async function loadReaders(db: GateDb): Promise<SavedReader[]> {
  // Typed as written, but checked as read: a reader started from a malformed record would fail in odd ways.
  const value: unknown = await getMeta(db, 'gate:readers');
  return Array.isArray(value) ? value.filter(isSavedReader) : [];
}

export async function saveReaders(db: GateDb, readers: readonly SavedReader[]): Promise<void> {
  await putMeta(
    db,
    'gate:readers',
    readers.map((r) => ({ ...r })),
  );
}

/** The gate's site settings; each is off unless staff turned it on. */
export async function loadGateSiteSettings(db: GateDb): Promise<GateSiteSettings> {
  const value = await getMeta(db, 'gate:settings');
  return { faceAndBracelet: value?.faceAndBracelet === true, rollCallWithoutPin: value?.rollCallWithoutPin === true };
}

/** Saves the settings after staff changed the one named `changed`, with an audit entry naming it (same transaction). */
export async function saveGateSiteSettings(
  db: GateDb,
  settings: GateSiteSettings,
  nowMs: number = Date.now(),
  changed: keyof GateSiteSettings = 'faceAndBracelet',
): Promise<void> {
  await db.transaction('rw', [db.meta, db.audit], async () => {
    await putMeta(db, 'gate:settings', { ...settings });
    await appendAudit(db, { kind: 'settings-change', details: auditDetails[changed](settings[changed]) }, nowMs);
  });
}
