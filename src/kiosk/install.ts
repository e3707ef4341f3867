// Turns the page into a kiosk: navigation guards, fullscreen (tap-to-start where the browser wants a gesture), screen
// wake lock, persistent storage and a periodic low-storage check. No framework here: the tap-to-start cover and the
// storage warning are drawn by src/ui/KioskLayer.tsx from the shell's state; the diagnostics read kioskState().
import { defaultPwaConfig, type PwaConfig } from '../config';
import { enterFullscreen, isFullscreen } from './fullscreen';
import { installNavigationGuards } from './navigation-guard';
import { readStorage, requestPersistentStorage, type StorageReport } from './storage-health';
import { keepScreenOn, type ScreenWakeLock, type WakeLockState } from './wake-lock';

export interface KioskState {
  fullscreen: boolean;
  wakeLock: WakeLockState;
  /** Result of navigator.storage.persist(): null until answered or where there is no API. */
  persistGranted: boolean | null;
  storage: StorageReport | null;
}

/** The installed shell, for the layer drawn above every screen. */
export interface KioskShell {
  /** Whether the kiosk waits for a tap to go fullscreen (checked once at install; then told by subscribeNeedsTap). */
  initialNeedsTap: Promise<boolean>;
  subscribeNeedsTap(listener: (needsTap: boolean) => void): () => void;
  subscribeStorage(listener: (report: StorageReport) => void): () => void;
  /** The tap: enters fullscreen and takes the wake lock. */
  start(): Promise<void>;
  uninstall(): void;
}

let current: { wakeLock: ScreenWakeLock; persistGranted: boolean | null; storage: StorageReport | null } | null = null;

export function kioskState(): KioskState {
  return {
    fullscreen: typeof document !== 'undefined' && isFullscreen(document),
    wakeLock: current?.wakeLock.state ?? 'unsupported',
    persistGranted: current?.persistGranted ?? null,
    storage: current?.storage ?? null,
  };
}

export function installKioskGuards(config: Readonly<PwaConfig> = defaultPwaConfig): KioskShell {
  const removeGuards = installNavigationGuards(window);
  const wakeLock = keepScreenOn();
  const state = { wakeLock, persistGranted: null as boolean | null, storage: null as StorageReport | null };
  current = state;

  const storageListeners = new Set<(r: StorageReport) => void>();
  const checkStorage = async () => {
    state.storage = await readStorage(config);
    if (state.storage.level === 'low') console.warn('[gate-kiosk] storage is low', state.storage);
    for (const l of storageListeners) l(state.storage);
  };
  void requestPersistentStorage().then((granted) => {
    state.persistGranted = granted;
    return checkStorage();
  });
  const storageTimer = setInterval(() => void checkStorage(), config.storageCheckMs);

  // Fullscreen needs a gesture unless the app is installed with display: fullscreen. The
  // development server skips the cover: a developer's browser is not a kiosk.
  const canFullscreen = typeof document.documentElement.requestFullscreen === 'function';
  const tapListeners = new Set<(needsTap: boolean) => void>();
  const onFullscreenChange = () => {
    const needsTap = canFullscreen && !import.meta.env.DEV && !isFullscreen();
    for (const l of tapListeners) l(needsTap);
  };
  document.addEventListener('fullscreenchange', onFullscreenChange);

  return {
    initialNeedsTap: enterFullscreen().then((ok) => !ok && canFullscreen && !import.meta.env.DEV),
    subscribeNeedsTap(listener) {
      tapListeners.add(listener);
      return () => tapListeners.delete(listener);
    },
    subscribeStorage(listener) {
      storageListeners.add(listener);
      if (state.storage) listener(state.storage);
      return () => storageListeners.delete(listener);
    },
    async start() {
      await enterFullscreen();
      await wakeLock.acquire();
    },
    uninstall() {
      clearInterval(storageTimer);
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      wakeLock.stop();
      removeGuards();
      current = null;
    },
  };
}
