// The screen the children see: the live camera with a friendly frame guide, advice as icon + short text, and the
// greeting (first name, in/out, time, chime) once the event is on disk. No photo is ever shown or kept.
// Staff reach manual marking, the readers screen and the failed-write alert through the PIN. Bracelet readers feed the
// same controller as the camera; their status shows as a small indicator for staff. A bracelet tapped while a staff
// screen is open is recorded as usual, and its greeting (or "unknown bracelet") shows as a strip above that screen,
// so the child and the teacher both see it.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { GateServices } from '../../gate/boot';
import type { GateView } from '../../gate/gate-controller';
import type { RecognitionClient } from '../../pipeline/recognition-client';
import { locales, type Locale, type MessageKey } from '../i18n/messages';
import { formatTime, type Params } from '../i18n/translate';
import { PinPad } from '../staff/PinPad';
import { ReadersScreen } from '../readers/ReadersScreen';
import { StaffPanel } from '../staff/StaffPanel';
import { DiagnosticsScreen } from '../diagnostics/DiagnosticsScreen';
import { AdviceIcon } from './AdviceIcon';
import { playChime, unlockAudio } from './chime';
import { ReaderIndicator } from './ReaderIndicator';
import { useGateCamera } from './use-gate-camera';
import { useReaderHub } from './use-reader-hub';
import { holdActivity, reportActivity } from '../../pwa/activity';
import { activityOfScreen } from '../../pwa/gate-activity';

interface Props {
  services: GateServices;
  client: RecognitionClient;
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Params) => string;
}

type StaffStep = 'closed' | 'pin-panel' | 'panel' | 'readers' | 'diagnostics' | 'pin-alert';

export function GateScreen({ services, client, locale, setLocale, t }: Props) {
  const { controller } = services;
  const videoRef = useRef<HTMLVideoElement>(null);
  const [view, setView] = useState<GateView>(controller.view);
  const [staff, setStaff] = useState<StaffStep>('closed');
  // The camera loop outlives a re-boot of the gate services (district sync applied a new roster or gallery): it
  // always feeds the current controller, never a disposed one.
  const current = useRef(controller);
  current.current = controller;
  // A face in front of the camera keeps the gate busy for the self-update (src/pwa/update-policy.ts).
  const onFaces = useMemo(
    () => (faces: Parameters<typeof controller.onFaces>[0], atMs: number) => {
      if (faces.length > 0) reportActivity('face');
      void current.current.onFaces(faces, atMs);
    },
    [],
  );
  // Enrolment takes the camera while it runs; with biometrics off (or offline too long) the camera is never opened.
  const [enrolling, setEnrolling] = useState(false);
  const { cameraError, clientState } = useGateCamera(videoRef, client, onFaces, services.faceMatching && !enrolling);

  const subscribed = useRef(controller);
  useEffect(() => {
    // A re-boot (new controller) keeps an unacknowledged "not saved" alert on screen.
    if (subscribed.current !== controller) {
      controller.carryAlert(subscribed.current.view.alert);
      subscribed.current = controller;
    }
    return controller.subscribe(setView);
  }, [controller]);
  const { hub, statuses } = useReaderHub(services);

  const { screen, alert } = view;
  const greetingKey = screen.kind === 'greeting' ? `${screen.childId}:${screen.atMs}:${screen.outcome}` : null;
  // A greeting or a bracelet request is activity; an open staff screen or an enrolment holds the update off entirely.
  useEffect(() => {
    const kind = activityOfScreen(screen);
    if (kind !== null) reportActivity(kind);
  }, [greetingKey ?? screen.kind]);
  const staffOpen = staff !== 'closed';
  useEffect(() => (enrolling ? holdActivity('enrolment') : staffOpen ? holdActivity('staff') : undefined), [staffOpen, enrolling]);
  useEffect(() => {
    if (screen.kind === 'greeting') playChime(screen.outcome === 'already' ? 'already' : screen.direction);
    // Only a new greeting chimes, not every re-render.
  }, [greetingKey]);

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
        </div>
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

      {(staff === 'pin-panel' || staff === 'pin-alert') && (
        <PinPad
          db={services.db}
          t={t}
          onCancel={() => setStaff('closed')}
          onUnlocked={() => {
            if (staff === 'pin-alert') {
              controller.acknowledgeAlert();
              setStaff('closed');
            } else setStaff('panel');
          }}
        />
      )}
      {staff === 'panel' && (
        <StaffPanel
          services={services}
          locale={locale}
          t={t}
          onClose={() => setStaff('closed')}
          onOpenReaders={() => setStaff('readers')}
          onOpenDiagnostics={() => setStaff('diagnostics')}
          client={client}
          onEnrolling={setEnrolling}
        />
      )}
      {staff === 'readers' && <ReadersScreen services={services} hub={hub} locale={locale} t={t} onBack={() => setStaff('panel')} />}
      {staff === 'diagnostics' && (
        <DiagnosticsScreen
          services={services}
          videoRef={videoRef}
          cameraError={cameraError}
          clientState={clientState}
          readers={statuses}
          locale={locale}
          t={t}
          onBack={() => setStaff('panel')}
        />
      )}
    </div>
  );
}
