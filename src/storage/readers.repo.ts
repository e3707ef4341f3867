// The bracelet readers staff added on this tablet and the gate's site settings, kept in `meta` so that they come back
// after a reload. A serial reader is remembered by its USB ids; the browser keeps the permission itself (getPorts()).
import { isReaderProfileId, READER_PROFILES, type ReaderProfileId } from '../core/readers/profiles';
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
}

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

/** The gate's site settings; face-and-bracelet is off unless staff turned it on. */
export async function loadGateSiteSettings(db: GateDb): Promise<GateSiteSettings> {
  const value = await getMeta(db, 'gate:settings');
  return { faceAndBracelet: value?.faceAndBracelet === true };
}

/** Saves the settings staff changed, with an entry in the audit log (same transaction). */
export async function saveGateSiteSettings(db: GateDb, settings: GateSiteSettings, nowMs: number = Date.now()): Promise<void> {
  await db.transaction('rw', [db.meta, db.audit], async () => {
    await putMeta(db, 'gate:settings', { ...settings });
    await appendAudit(db, { kind: 'settings-change', details: { source: 'staff', faceAndBracelet: settings.faceAndBracelet } }, nowMs);
  });
}
