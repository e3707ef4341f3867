// The screen the children see: the live camera with a friendly frame guide, advice as icon + short text, and the
// greeting (first name, in/out, time, chime) once the event is on disk. No photo is ever shown or kept.
// Staff reach manual marking, the readers screen, the roll call and the failed-write alert through the PIN; the roll
// call also straight from the gate when staff turned on "roll call without PIN" on this tablet. It renders the runtime's
// view only: the runtime feeds the camera and the bracelet readers to the gate controller; the readers' status shows
// as a small indicator for staff. A bracelet tapped while a staff screen is open is recorded as usual, and its greeting
// (or "unknown bracelet") shows as a strip above that screen, so the child and the teacher both see it.
// Check-outs waiting for the adult who collects sit in a side panel (PickupPanel): the adult taps their card or types
// their code there while the next child checks in; "Teacher" opens the PIN, then the staff review (PickupReview).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KioskRuntime, KioskView } from '../../runtime/screen-api';
import { locales, type Locale, type MessageKey } from '../i18n/messages';
import { formatTime, type Params } from '../i18n/translate';
import { PinPad } from '../staff/PinPad';
import { ReadersScreen } from '../readers/ReadersScreen';
import { RollCallScreen } from '../staff/RollCallScreen';
import { StaffPanel } from '../staff/StaffPanel';
import { DiagnosticsScreen } from '../diagnostics/DiagnosticsScreen';
import { AdviceIcon } from './AdviceIcon';
import { CodePad, PickupPanel } from './PickupPanel';
import { PickupReview } from '../staff/PickupReview';
import type { ChildId } from '../../core/types';
import { playChime, unlockAudio } from './chime';
import { ReaderIndicator } from './ReaderIndicator';

interface Props {
  runtime: KioskRuntime;
  view: KioskView;
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Params) => string;
}

/** `roll-call`: opened from the staff panel (back to it); `roll-call-open`: from the gate without the PIN (back to the gate). */
type StaffStep =
  | 'closed'
  | 'pin-setup'
  | 'pin-panel'
  | 'panel'
  | 'readers'
  | 'diagnostics'
  | 'roll-call'
  | 'roll-call-open'
  | 'pin-alert'
  | 'pin-pickup'
  | 'pickup-review';

export function GateScreen({ runtime, view, locale, setLocale, t }: Props) {
  const { commands } = runtime;
  const videoRef = useRef<HTMLVideoElement>(null);
  const [staff, setStaff] = useState<StaffStep>('closed');
  /** The waiting check-out a keypad or the staff review is open for. */
  const [codeFor, setCodeFor] = useState<ChildId | null>(null);
  const [reviewFor, setReviewFor] = useState<ChildId | null>(null);
  // The camera is shown here; the runtime decides when it runs (face recognition ready, faces may be matched, no
  // enrolment) and feeds its frames to the gate.
  useEffect(() => (videoRef.current ? commands.attachCamera('gate', videoRef.current) : undefined), []);
  // A tablet without a staff PIN (served from a real address) asks for one as soon as the gate shows (check-ins go on
  // under it): whoever installs the tablet chooses the PIN, not the first person to tap Staff.
  useEffect(() => {
    void commands
      .pinIsSet()
      .then((set) => !set && setStaff((s) => (s === 'closed' ? 'pin-setup' : s)))
      .catch(() => undefined);
  }, []);

  const { screen, alert, pickups } = view.gate;
  const codePending = codeFor === null ? undefined : pickups.find((p) => p.childId === codeFor);
  const reviewPending = reviewFor === null ? undefined : pickups.find((p) => p.childId === reviewFor);
  const { cameraError, recognition: clientState, readers: statuses } = view;
  const greetingKey = screen.kind === 'greeting' ? `${screen.childId}:${screen.atMs}:${screen.outcome}` : null;
  // An open staff screen holds the self-update off (src/pwa/update-policy.ts).
  const staffOpen = staff !== 'closed';
  useEffect(() => (staffOpen ? commands.holdForStaff() : undefined), [staffOpen]);
  // The PIN opens a staff session that ends after the panel's idle time without a touch, whichever staff screen is
  // showing: a roll call or readers screen left open for an hour goes back to the gate when closed, never into the
  // panel (the touch that presses Close counts only after the check).
  const session = useRef({ lastTouchMs: 0, expired: true });
  const idleMs = runtime.config.staff.idleCloseMs;
  useEffect(() => {
    if (!staffOpen) return undefined;
    const touched = (e: Event) => {
      const target = e.target as HTMLElement | null;
      // Keys count only in a field staff type into (a keyboard-wedge reader types too).
      if (e.type === 'keydown' && !(target?.closest?.('input, textarea, select') ?? null)) return;
      const s = session.current;
      const now = Date.now();
      if (now - s.lastTouchMs >= idleMs) s.expired = true;
      s.lastTouchMs = now;
    };
    document.addEventListener('pointerdown', touched, true);
    document.addEventListener('keydown', touched, true);
    return () => {
      document.removeEventListener('pointerdown', touched, true);
      document.removeEventListener('keydown', touched, true);
    };
  }, [staffOpen]);
  const unlocked = () => {
    session.current = { lastTouchMs: Date.now(), expired: false };
    setStaff('panel');
  };
  const sessionLive = () => {
    const s = session.current;
    return !s.expired && Date.now() - s.lastTouchMs < idleMs;
  };
  const backToPanel = () => setStaff(sessionLive() ? 'panel' : 'closed');
  useEffect(() => {
    if (screen.kind === 'greeting') playChime(screen.outcome === 'already' ? 'already' : screen.direction);
    // Only a new greeting chimes, not every re-render.
  }, [greetingKey]);

  // The review closes once its check-out is answered or lapsed (the greeting says who collected the child).
  useEffect(() => {
    if (staff === 'pickup-review' && reviewPending === undefined) setStaff('closed');
  }, [staff, reviewPending === undefined]);

  const overStaff = staffOpen ? ' gate-card-over-staff' : '';
  const faceOff = clientState.kind === 'failed';
  const advice = screen.kind === 'watching' ? screen.advice : null;
  const adviceText = faceOff
    ? t('gate.faceOff')
    : clientState.kind === 'loading'
      ? t('pipeline.loading')
      : cameraError
        ? t(cameraError)
        : advice === 'no-face'
          ? t('gate.noFace')
          : advice === 'hold'
            ? t('gate.hold')
            : advice === 'ask-bracelet'
              ? t('gate.askBracelet')
              : advice !== null
                ? t(`quality.${advice}`)
                : t('gate.prompt');

  return (
    <div class="gate" data-testid="gate" data-screen={screen.kind} onPointerDown={unlockAudio}>
      <div class="gate-camera">
        <video ref={videoRef} muted playsInline class="gate-video" />
        <div class={`gate-guide${advice === null || advice === 'hold' ? ' gate-guide-ok' : ''}`} aria-hidden="true" />
      </div>

      <div class="gate-advice" data-testid="advice" data-advice={advice ?? ''} aria-live="polite">
        <AdviceIcon advice={faceOff || cameraError ? null : advice} />
        <span>{adviceText}</span>
      </div>

      <div class="gate-topbar">
        <div class="gate-languages" role="group" aria-label={t('language.label')}>
          {locales.map((l) => (
            <button
              type="button"
              key={l}
              class={l === locale ? 'active' : ''}
              aria-pressed={l === locale}
              onClick={() => setLocale(l)}
              data-testid={`lang-${l}`}
            >
              {l.toUpperCase()}
            </button>
          ))}
        </div>
        <div class="gate-topbar-end">
          <ReaderIndicator statuses={statuses} t={t} />
          {view.settings.rollCallWithoutPin && (
            <button type="button" class="gate-rollcall-button" data-testid="rollcall-button" onClick={() => setStaff('roll-call-open')}>
              {t('rollcall.gateButton')}
            </button>
          )}
          <button type="button" class="gate-staff-button" data-testid="staff-button" onClick={() => setStaff('pin-panel')}>
            {t('gate.staffButton')}
          </button>
        </div>
      </div>

      {screen.kind === 'greeting' && (
        <div
          class={`gate-card gate-greeting gate-greeting-${screen.direction}${overStaff}`}
          data-testid="greeting"
          data-child-id={screen.childId}
          data-outcome={screen.outcome}
          data-direction={screen.direction}
          data-at={screen.atMs}
          role="status"
          aria-live="assertive"
        >
          <p class="gate-greeting-name">
            {t(screen.direction === 'in' ? 'gate.greeting.in' : 'gate.greeting.out', { name: screen.firstName })}
          </p>
          <p class="gate-greeting-time">
            {t(`gate.${screen.outcome}.${screen.direction}`, { time: formatTime(locale, new Date(screen.atMs)) })}
          </p>
          {screen.collectedBy !== undefined && (
            <p class="gate-greeting-time" data-testid="greeting-collected-by">
              {t('pickup.collectedBy', { adult: screen.collectedBy })}
            </p>
          )}
        </div>
      )}
      {screen.kind === 'pickup-asked' && (
        <div
          class={`gate-card gate-ask${overStaff}`}
          data-testid="pickup-asked"
          data-child-id={screen.childId}
          role="status"
          aria-live="assertive"
        >
          <p>{t('pickup.asked', { name: screen.firstName })}</p>
        </div>
      )}
      {(screen.kind === 'pickup-no-child' || screen.kind === 'pickup-refused') && (
        <div class={`gate-card gate-ask${overStaff}`} data-testid={screen.kind} role="status" aria-live="assertive">
          <p>{t(screen.kind === 'pickup-no-child' ? 'pickup.noChild' : 'pickup.refused')}</p>
        </div>
      )}
      <PickupPanel
        pickups={pickups}
        t={t}
        onCode={(childId) => setCodeFor(childId)}
        onTeacher={(childId) => {
          setReviewFor(childId);
          setStaff('pin-pickup');
        }}
      />
      {codePending !== undefined && staff === 'closed' && (
        <CodePad key={codePending.childId} pending={codePending} commands={commands} t={t} onClose={() => setCodeFor(null)} />
      )}
      {screen.kind === 'ask-bracelet' && (
        <div class="gate-card gate-ask" data-testid="ask-bracelet" data-reason={screen.reason} role="status" aria-live="assertive">
          <p>{t('gate.askBracelet')}</p>
        </div>
      )}
      {screen.kind === 'confirm' && (
        <div class="gate-card gate-ask" data-testid="confirm" data-need={screen.need} role="status" aria-live="assertive">
          <p>{t(screen.need === 'bracelet' ? 'gate.confirm.bracelet' : 'gate.confirm.face')}</p>
        </div>
      )}
      {screen.kind === 'mismatch' && (
        <div class="gate-card gate-ask" data-testid="mismatch" role="status" aria-live="assertive">
          <p>{t('gate.confirm.mismatch')}</p>
        </div>
      )}
      {screen.kind === 'unknown-bracelet' && (
        <div class={`gate-card gate-ask${overStaff}`} data-testid="unknown-bracelet" role="status" aria-live="assertive">
          <p>{t('gate.unknownBracelet')}</p>
        </div>
      )}

      {alert && screen.kind !== 'greeting' && (
        <div class="gate-blocking" data-testid="not-saved" data-code={alert.code} role="alertdialog" aria-live="assertive">
          <h2>{t('gate.notSaved.title')}</h2>
          <p class="gate-blocking-child">{t('gate.askBracelet')}</p>
          <p class="gate-blocking-staff" data-testid="not-saved-staff">
            {t(`gate.notSaved.staff.${alert.code}`)}
          </p>
          <p class="gate-blocking-detail">
            {formatTime(locale, new Date(alert.atMs))} · {alert.message}
          </p>
          <button type="button" data-testid="not-saved-unlock" onClick={() => setStaff('pin-alert')}>
            {t('gate.notSaved.unlock')}
          </button>
        </div>
      )}

      {staff === 'pickup-review' && reviewPending !== undefined && (
        <PickupReview
          pending={reviewPending}
          commands={commands}
          t={t}
          onClose={() => {
            setReviewFor(null);
            setStaff('closed');
          }}
        />
      )}
      {(staff === 'pin-setup' || staff === 'pin-panel' || staff === 'pin-alert' || staff === 'pin-pickup') && (
        <PinPad
          commands={commands}
          t={t}
          setup={staff === 'pin-setup'}
          onCancel={() => setStaff('closed')}
          onUnlocked={() => {
            if (staff === 'pin-alert') {
              commands.acknowledgeAlert();
              setStaff('closed');
            } else if (staff === 'pin-pickup') setStaff('pickup-review');
            else unlocked();
          }}
        />
      )}
      {staff === 'panel' && (
        <StaffPanel
          runtime={runtime}
          view={view}
          locale={locale}
          t={t}
          onClose={() => setStaff('closed')}
          onOpenReaders={() => setStaff('readers')}
          onOpenDiagnostics={() => setStaff('diagnostics')}
          onOpenRollCall={() => setStaff('roll-call')}
        />
      )}
      {(staff === 'roll-call' || staff === 'roll-call-open') && (
        // Without the PIN, closing goes back to the gate, never into the staff panel; with it, only while the session lasts.
        <RollCallScreen
          runtime={runtime}
          locale={locale}
          t={t}
          withoutPin={staff === 'roll-call-open'}
          sessionLive={sessionLive}
          onClose={() => (staff === 'roll-call' ? backToPanel() : setStaff('closed'))}
        />
      )}
      {staff === 'readers' && (
        <ReadersScreen runtime={runtime} view={view} locale={locale} t={t} onBack={backToPanel} onIdle={() => setStaff('closed')} />
      )}
      {staff === 'diagnostics' && (
        <DiagnosticsScreen runtime={runtime} view={view} locale={locale} t={t} onBack={backToPanel} onIdle={() => setStaff('closed')} />
      )}
    </div>
  );
}
