// The kiosk shell drawn above every screen: a tap-to-start cover while the browser still wants a
// gesture for fullscreen and the wake lock, and a staff warning when storage runs low.
import { useEffect, useState } from 'preact/hooks';
import { locales, type Locale } from '../ui/i18n/messages';
import { translate } from '../ui/i18n/translate';
import { formatBytes } from './format-bytes';
import type { StorageReport } from './storage-health';

export interface KioskLayerProps {
  locale: Locale;
  /** Starts in the tap-to-start state (fullscreen was refused without a gesture). */
  needsTap: boolean;
  /** Called on the tap: enters fullscreen and takes the wake lock. */
  onStart: () => Promise<void>;
  /** Re-asks whether the kiosk left fullscreen and needs a tap again. */
  subscribeNeedsTap: (listener: (needsTap: boolean) => void) => () => void;
  subscribeStorage: (listener: (report: StorageReport) => void) => () => void;
}

export function KioskLayer({ locale, needsTap: initialNeedsTap, onStart, subscribeNeedsTap, subscribeStorage }: KioskLayerProps) {
  const [needsTap, setNeedsTap] = useState(initialNeedsTap);
  const [storage, setStorage] = useState<StorageReport | null>(null);
  useEffect(() => subscribeNeedsTap(setNeedsTap), [subscribeNeedsTap]);
  useEffect(() => subscribeStorage(setStorage), [subscribeStorage]);

  const start = () => {
    setNeedsTap(false);
    void onStart();
  };
  const low = storage?.level === 'low' && storage.quotaBytes !== null && storage.usageBytes !== null;
  // The first screen after a power cut may face a child or a teacher of any language: all three.
  const ordered = [locale, ...locales.filter((l) => l !== locale)];
  return (
    <div class="kiosk-layer">
      {needsTap && (
        <button type="button" class="kiosk-tap-to-start" data-testid="tap-to-start" onClick={start}>
          {ordered.map((l) => (
            <span key={l} lang={l}>
              {translate(l, 'kiosk.tapToStart')}
            </span>
          ))}
          <small>{translate(locale, 'kiosk.tapToStart.hint')}</small>
        </button>
      )}
      {low && (
        <p class="kiosk-banner" role="alert" data-testid="storage-low">
          {translate(locale, 'kiosk.storageLow', { free: formatBytes(locale, Math.max(0, storage.quotaBytes! - storage.usageBytes!)) })}
        </p>
      )}
    </div>
  );
}
