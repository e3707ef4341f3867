// The staff PIN keypad (touch or keyboard). The PIN is checked against the stored PBKDF2 hash; nothing is unlocked
// until the check says ok. Digits are shown as dots only. After repeated wrong PINs the keypad waits (the back-off is
// stored, so a reload shows the same countdown). A bracelet reader's burst never gets here (src/readers/wedge-guard.ts);
// the keys a person types are handed over a few ms late, so Enter right after the last digit reads the PIN from a ref.
// A tablet without a PIN (a kiosk served from a real address starts without one) asks for the tablet's own, twice; the
// gate opens the keypad for that as soon as it starts (`setup`: no cancel), so the adult installing the tablet chooses
// it, not whoever taps Staff first.
import { useEffect, useRef, useState } from 'preact/hooks';
import { pinProblem } from '../../core/staff-pin-rules';
import type { KioskCommands } from '../../runtime/screen-api';
import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';

interface Props {
  commands: Pick<KioskCommands, 'attemptPin' | 'pinLock' | 'pinIsSet' | 'firstPin'>;
  t: (key: MessageKey, params?: Params) => string;
  onUnlocked: () => void;
  onCancel: () => void;
  /** The tablet has no PIN yet and nothing else may happen until one is chosen: no cancel. */
  setup?: boolean;
}

const MAX_DIGITS = 8;

export function PinPad({ commands, t, onUnlocked, onCancel, setup = false }: Props) {
  const [pin, setPinState] = useState('');
  const pinRef = useRef('');
  const setPin = (next: string | ((p: string) => string)) => {
    pinRef.current = typeof next === 'function' ? next(pinRef.current) : next;
    setPinState(pinRef.current);
  };
  const [state, setState] = useState<'idle' | 'checking' | 'wrong'>('idle');
  /** Unlocking, or choosing the tablet's first PIN (then typing it again). */
  const [mode, setMode] = useState<'unlock' | 'choose' | 'repeat'>(setup ? 'choose' : 'unlock');
  const chosen = useRef('');
  const [note, setNote] = useState<MessageKey | null>(null);
  const [lockedUntil, setLockedUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const locked = lockedUntil > now;
  /** Choosing the tablet's first PIN at start: nothing to go back to. */
  const mustChoose = setup && mode !== 'unlock';

  useEffect(() => {
    void commands
      .pinLock()
      .then((l) => setLockedUntil(l.lockedUntilMs))
      .catch(() => undefined);
    void commands
      .pinIsSet()
      .then((set) => !set && setMode('choose'))
      .catch(() => undefined);
  }, [commands]);

  /** The first PIN: typed once (checked against the rules), then again; set only when both agree. */
  const choose = async (typed: string) => {
    setPin('');
    if (mode === 'choose') {
      const problem = pinProblem(typed);
      if (problem !== null) return setNote(problem === 'format' ? 'staff.pin.invalid' : 'staff.pin.guessable');
      chosen.current = typed;
      setNote(null);
      return setMode('repeat');
    }
    const first = chosen.current;
    chosen.current = '';
    setMode('choose');
    if (typed !== first) return setNote('staff.pin.mismatch');
    setState('checking');
    const outcome = await commands.firstPin(typed).catch(() => 'invalid' as const);
    setState('idle');
    if (outcome === 'set') return onUnlocked();
    // Someone set one meanwhile (another screen): it is that PIN that opens staff mode now.
    if (outcome === 'already-set') setMode('unlock');
    setNote(outcome === 'already-set' ? 'staff.pin.prompt' : 'staff.pin.invalid');
  };

  useEffect(() => {
    if (!locked) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [locked]);

  const submit = async () => {
    const typed = pinRef.current;
    if (state === 'checking' || typed === '' || locked) return;
    if (mode !== 'unlock') return void choose(typed);
    setState('checking');
    const verdict = await commands.attemptPin(typed).catch(() => ({ kind: 'wrong', failures: 0, lockedUntilMs: 0 }) as const);
    setPin('');
    setNow(Date.now());
    if (verdict.kind === 'ok') onUnlocked();
    else if (verdict.kind === 'not-set') {
      setState('idle');
      setMode('choose');
    } else {
      if (verdict.kind === 'wrong' || verdict.kind === 'locked') setLockedUntil(verdict.lockedUntilMs);
      setState('wrong');
    }
  };
  const press = (digit: string) => {
    if (state === 'checking' || locked) return;
    setState('idle');
    if (mode === 'unlock') setNote(null);
    setPin((p) => (p.length < MAX_DIGITS ? p + digit : p));
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (/^[0-9]$/.test(e.key)) press(e.key);
      else if (e.key === 'Backspace') setPin((p) => p.slice(0, -1));
      else if (e.key === 'Enter') void submit();
      else if (e.key === 'Escape' && !mustChoose) onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div class="modal" data-testid="pin-pad" role="dialog" aria-modal="true" aria-label={t('staff.pin.title')}>
      <div class="pin-pad">
        <h2>{t(mode === 'unlock' ? 'staff.pin.prompt' : mode === 'choose' ? 'staff.pin.choose' : 'staff.pin.repeat')}</h2>
        <p class="pin-dots" data-testid="pin-dots" aria-hidden="true">
          {'●'.repeat(pin.length) || '\u00a0'}
        </p>
        <p class={state === 'wrong' || locked || note !== null ? 'warning' : 'pin-status'} data-testid="pin-status" aria-live="polite">
          {locked
            ? t(state === 'wrong' ? 'staff.pin.wrongWait' : 'staff.pin.locked', { seconds: Math.ceil((lockedUntil - now) / 1000) })
            : state === 'wrong'
              ? t('staff.pin.wrong')
              : state === 'checking'
                ? t('staff.pin.checking')
                : note !== null
                  ? t(note)
                  : '\u00a0'}
        </p>
        <div class="pin-keys">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
            <button type="button" key={d} onClick={() => press(d)} data-testid={`pin-digit-${d}`}>
              {d}
            </button>
          ))}
          <button type="button" onClick={() => setPin('')}>
            {t('staff.pin.clear')}
          </button>
          <button type="button" onClick={() => press('0')} data-testid="pin-digit-0">
            0
          </button>
          <button
            type="button"
            class="primary"
            onClick={() => void submit()}
            data-testid="pin-ok"
            disabled={state === 'checking' || locked}
          >
            {t('staff.pin.ok')}
          </button>
        </div>
        {mustChoose ? (
          <p class="pin-setup-note" data-testid="pin-setup-note">
            {t('staff.pin.setupNote')}
          </p>
        ) : (
          <button type="button" class="link" onClick={onCancel} data-testid="pin-cancel">
            {t('staff.cancel')}
          </button>
        )}
      </div>
    </div>
  );
}
