// Staff screen for the bracelet readers (behind the PIN): add a USB serial reader through the browser's chooser, a
// keyboard reader or the tablet's own NFC; see each one's status; "tap a bracelet to test" shows the canonical id live
// (test taps are never recorded); remove a reader; the face-and-bracelet site setting. Says plainly that PC/SC readers
// (ACR122U) cannot be used from a web page. While it is open, bracelet taps are tests, so it closes itself after two
// minutes without a touch and the gate records taps again.
import { useEffect, useState } from 'preact/hooks';
import { READER_PROFILES, type ReaderProfileId } from '../../core/readers/profiles';
import { WEDGE_FORMATS, type WedgeFormat } from '../../core/readers/wedge-format';
import type { KioskRuntime, KioskView, ReaderChange, SavedReader, TestReading } from '../../runtime/screen-api';
import type { Locale, MessageKey } from '../i18n/messages';
import { formatTime, type Params } from '../i18n/translate';

interface Props {
  runtime: KioskRuntime;
  view: KioskView;
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  onBack: () => void;
  /** No staff touch for the staff idle time: the screen closes (default: as Back). */
  onIdle?: () => void;
}

const SERIAL_PROFILES = (Object.keys(READER_PROFILES) as ReaderProfileId[]).filter((p) => READER_PROFILES[p].transport === 'serial');
const MAX_READINGS = 6;

const hex4 = (n: number | null) => (n === null ? '????' : n.toString(16).toUpperCase().padStart(4, '0'));

export function ReadersScreen({ runtime, view, locale, t, onBack, onIdle = onBack }: Props) {
  const { commands } = runtime;
  const { roster, readers: statuses, readerSupport, settings } = view;
  const [saved, setSaved] = useState<SavedReader[]>([]);
  const [readings, setReadings] = useState<TestReading[]>([]);
  const [serialProfile, setSerialProfile] = useState<ReaderProfileId>('pn532');
  const [wedgeFormat, setWedgeFormat] = useState<WedgeFormat>('wedge-hex');
  const [feedback, setFeedback] = useState<MessageKey | null>(null);
  const [touchedAt, setTouchedAt] = useState(Date.now());

  useEffect(() => {
    void commands.savedReaders().then(setSaved);
    commands.testReaders((r) => setReadings((list) => [r, ...list].slice(0, MAX_READINGS)));
    return () => commands.testReaders(null);
  }, []);

  // Idle (no staff touch: a card tapped on the reader is no staff member) closes to the gate.
  useEffect(() => {
    const id = setTimeout(onIdle, runtime.config.staff.idleCloseMs);
    return () => clearTimeout(id);
  }, [touchedAt]);

  const show = (change: ReaderChange) => {
    if (change.kind === 'saved') setSaved(change.readers);
    else setFeedback(change.code === 'keyboard-exists' ? 'readers.keyboardExists' : `readers.refused.${change.code}`);
  };
  // The serial chooser needs the click's gesture: the command asks for it before anything is awaited.
  const addSerial = async () => {
    setFeedback(null);
    show(await commands.addSerialReader(serialProfile));
  };
  const addKeyboard = async () => {
    setFeedback(null);
    show(await commands.addKeyboardReader(wedgeFormat));
  };
  const addNfc = async () => {
    setFeedback(null);
    show(await commands.addNfcReader());
  };
  const remove = async (id: string) => show(await commands.removeReader(id));
  const toggleFaceAndBracelet = (on: boolean) => void commands.setFaceAndBracelet(on);

  const profileName = (r: SavedReader) => t(`readers.profile.${r.transport === 'nfc' ? 'web-nfc' : r.profile}`);
  const stateOf = (id: string) => statuses.find((s) => s.reader.id === id)?.state ?? 'disconnected';

  return (
    <div
      class="modal"
      data-testid="readers-screen"
      role="dialog"
      aria-modal="true"
      aria-label={t('readers.title')}
      onPointerDown={() => setTouchedAt(Date.now())}
      onKeyDown={() => setTouchedAt(Date.now())}
    >
      <div class="staff-panel readers-screen">
        <header class="staff-header">
          <h2>{t('readers.title')}</h2>
          <button type="button" onClick={onBack} data-testid="readers-back">
            {t('readers.back')}
          </button>
        </header>
        {feedback && (
          <p class="warning" data-testid="readers-feedback" aria-live="polite">
            {t(feedback)}
          </p>
        )}

        <ul class="staff-events readers-list">
          {saved.length === 0 && <li>{t('readers.none')}</li>}
          {saved.map((r) => (
            <li key={r.id} data-testid="reader" data-reader-id={r.id} data-state={stateOf(r.id)}>
              <span>
                {profileName(r)}
                {r.transport === 'serial' && <> · {t('readers.usbIds', { vendor: hex4(r.usbVendorId), product: hex4(r.usbProductId) })}</>}
              </span>
              <span class={`reader-state reader-state-${stateOf(r.id)}`}>{t(`readers.state.${stateOf(r.id)}`)}</span>
              <button type="button" onClick={() => void remove(r.id)} data-testid="reader-remove">
                {t('readers.remove')}
              </button>
            </li>
          ))}
        </ul>

        <div class="readers-add">
          <label>
            {t('readers.profile')}{' '}
            <select
              value={serialProfile}
              onChange={(e) => setSerialProfile((e.currentTarget as HTMLSelectElement).value as ReaderProfileId)}
              data-testid="reader-serial-profile"
            >
              {SERIAL_PROFILES.map((p) => (
                <option key={p} value={p}>
                  {t(`readers.profile.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void addSerial()} data-testid="reader-add-serial">
            {t('readers.addSerial')}
          </button>
        </div>
        {!readerSupport.serial && <p class="warning">{t('readers.refused.unsupported')}</p>}
        <div class="readers-add">
          <label>
            {t('readers.profile')}{' '}
            <select
              value={wedgeFormat}
              onChange={(e) => setWedgeFormat((e.currentTarget as HTMLSelectElement).value as WedgeFormat)}
              data-testid="reader-wedge-format"
            >
              {WEDGE_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`readers.profile.${f}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void addKeyboard()} data-testid="reader-add-keyboard">
            {t('readers.addKeyboard')}
          </button>
        </div>
        {readerSupport.nfc && (
          <div class="readers-add">
            <button type="button" onClick={() => void addNfc()} data-testid="reader-add-nfc">
              {t('readers.addNfc')}
            </button>
          </div>
        )}

        <section class="readers-test" data-testid="reader-test" aria-live="polite">
          <h3>{t('readers.test.title')}</h3>
          <p class="readers-hint">{t('readers.test.hint')}</p>
          {readings.length === 0 && <p>{t('readers.test.waiting')}</p>}
          <ul class="staff-events">
            {readings.map((r) => {
              const childId = r.kind === 'uid' ? roster.childOfBracelet(r.uid) : undefined;
              const child = childId !== undefined ? roster.get(childId) : undefined;
              return (
                <li key={`${r.atMs}-${r.readerId}`} data-testid="reader-reading" data-uid={r.kind === 'uid' ? r.uid : ''}>
                  <span>
                    {formatTime(locale, new Date(r.atMs))} ·{' '}
                    {r.kind === 'refused'
                      ? t('readers.test.refused', { code: r.code })
                      : child
                        ? t('readers.test.child', { uid: r.uid, name: `${child.firstName} ${child.lastName}`.trim() })
                        : t('readers.test.unknown', { uid: r.uid })}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>

        <label class="readers-setting">
          <input
            type="checkbox"
            checked={settings.faceAndBracelet}
            onChange={(e) => toggleFaceAndBracelet((e.currentTarget as HTMLInputElement).checked)}
            data-testid="face-and-bracelet"
          />{' '}
          {t('readers.faceAndBracelet')}
        </label>
        <p class="readers-hint">{t('readers.faceAndBracelet.note')}</p>
        <p class="readers-pcsc" data-testid="readers-pcsc">
          {t('readers.pcsc')}
        </p>
      </div>
    </div>
  );
}
