// Turns the page into a kiosk: navigation guards, fullscreen (tap-to-start where the browser wants
// a gesture), screen wake lock, persistent storage and a periodic low-storage check. Its state is
// read by the diagnostics panel.
import { h, render } from 'preact';
import { defaultPwaConfig, type PwaConfig } from '../config';
import type { Locale } from '../ui/i18n/messages';
import { enterFullscreen, isFullscreen } from './fullscreen';
import { KioskLayer } from './KioskLayer';
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

let current: { wakeLock: ScreenWakeLock; persistGranted: boolean | null; storage: StorageReport | null } | null = null;

export function kioskState(): KioskState {
  return {
    fullscreen: typeof document !== 'undefined' && isFullscreen(document),
    wakeLock: current?.wakeLock.state ?? 'unsupported',
    persistGranted: current?.persistGranted ?? null,
    storage: current?.storage ?? null,
  };
}

export interface KioskOptions {
  locale: Locale;
  config?: Readonly<PwaConfig>;
}

export function installKioskGuards({ locale, config = defaultPwaConfig }: KioskOptions): () => void {
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

  const host = document.createElement('div');
  host.id = 'kiosk-layer';
  document.body.appendChild(host);
  const start = async () => {
    await enterFullscreen();
    await wakeLock.acquire();
  };
  void enterFullscreen().then((ok) => {
    render(
      h(KioskLayer, {
        locale,
        needsTap: !ok && canFullscreen && !import.meta.env.DEV,
        onStart: start,
        subscribeNeedsTap: (l) => {
          tapListeners.add(l);
          return () => tapListeners.delete(l);
        },
        subscribeStorage: (l) => {
          storageListeners.add(l);
          if (state.storage) l(state.storage);
          return () => storageListeners.delete(l);
        },
      }),
      host,
    );
  });

  return () => {
    clearInterval(storageTimer);
    document.removeEventListener('fullscreenchange', onFullscreenChange);
    wakeLock.stop();
    removeGuards();
    render(null, host);
    host.remove();
    current = null;
  };
}
