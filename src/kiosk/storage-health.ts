// Storage the kiosk lives on: asks the browser to keep its data (storage.persist), reads usage and
// quota, and says when staff must be warned that space is running low.
import type { PwaConfig } from '../config';

export interface StorageReport {
  /** Bytes used by this origin (database, caches, service worker precache); null when unknown. */
  usageBytes: number | null;
  quotaBytes: number | null;
  /** The browser promised not to evict the kiosk's data under storage pressure. */
  persisted: boolean | null;
  level: StorageLevel;
}

export type StorageLevel = 'ok' | 'low' | 'unknown';

function storageLevel(
  usage: number | null,
  quota: number | null,
  config: Pick<PwaConfig, 'storageLowFreeBytes' | 'storageLowUsedRatio'>,
): StorageLevel {
  if (usage === null || quota === null || quota <= 0) return 'unknown';
  if (quota - usage < config.storageLowFreeBytes || usage / quota > config.storageLowUsedRatio) return 'low';
  return 'ok';
}

/** Asks once for persistent storage; resolves with whether the data is now persistent (null: no API). */
export async function requestPersistentStorage(storage: StorageManager | undefined = navigator.storage): Promise<boolean | null> {
  if (!storage?.persist) return null;
  try {
    if (await storage.persisted()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

export async function readStorage(
  config: Pick<PwaConfig, 'storageLowFreeBytes' | 'storageLowUsedRatio'>,
  storage: StorageManager | undefined = navigator.storage,
): Promise<StorageReport> {
  let usage: number | null = null;
  let quota: number | null = null;
  let persisted: boolean | null = null;
  try {
    const estimate = await storage?.estimate();
    usage = estimate?.usage ?? null;
    quota = estimate?.quota ?? null;
  } catch {
    // No estimate on this browser: shown as unknown.
  }
  try {
    persisted = storage?.persisted ? await storage.persisted() : null;
  } catch {
    persisted = null;
  }
  return { usageBytes: usage, quotaBytes: quota, persisted, level: storageLevel(usage, quota, config) };
}
