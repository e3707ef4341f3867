// Guided face enrolment of one child (behind the PIN, with the child in front of the tablet): the camera's frames go
// through the recognition client, the guided capture keeps 5 good samples over small pose changes and says why a
// frame was rejected; then the samples are enrolled (consent re-checked, duplicate check, sealed templates). Frames
// and embeddings live in memory only and the embeddings are wiped when the screen is done.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AnalysedFace, ChildId } from '../../core/types';
import { enrolChild, type EnrolResult } from '../../enrollment/enrol';
import { GuidedCapture, type CaptureState } from '../../enrollment/guided-capture';
import type { GateServices } from '../../gate/boot';
import type { RecognitionClient } from '../../pipeline/recognition-client';
import { EMBEDDER_MODEL_ID } from '../../pipeline/models/embedder.model';
import type { RosterChild } from '../../storage/roster-format';
import { useGateCamera } from '../gate/use-gate-camera';
import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';

interface Props {
  services: GateServices;
  client: RecognitionClient;
  child: RosterChild;
  t: (key: MessageKey, params?: Params) => string;
  /** `changed`: templates were stored (the roster re-reads its template state). */
  onDone: (changed: boolean) => void;
}

type Phase = { kind: 'capturing' } | { kind: 'saving' } | { kind: 'result'; result: EnrolResult };

export function EnrolScreen({ services, client, child, t, onDone }: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [attempt, setAttempt] = useState(0);
  const capture = useMemo(() => new GuidedCapture(performance.now()), [attempt]);
  const [state, setState] = useState<CaptureState>(capture.state);
  const [phase, setPhase] = useState<Phase>({ kind: 'capturing' });
  const [changed, setChanged] = useState(false);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const captureRef = useRef(capture);
  captureRef.current = capture;

  const name = (id: ChildId) => {
    const c = services.roster.get(id);
    return c ? `${c.firstName} ${c.lastName}`.trim() : id;
  };
  const enrol = async (confirmTwinOf?: ChildId) => {
    setPhase({ kind: 'saving' });
    const deps = {
      db: services.db,
      vault: services.vault,
      gallery: services.gallery,
      twinFlags: services.twinFlags,
      matchThreshold: services.matchThreshold,
      modelId: EMBEDDER_MODEL_ID,
    };
    const capture = captureRef.current;
    const result = await enrolChild(deps, child.id, capture.samples(), Date.now(), confirmTwinOf !== undefined ? { confirmTwinOf } : {});
    // Kept only while staff decide about a possible twin; otherwise gone now.
    if (!(result.kind === 'refused' && result.reason === 'looks-like-other-child')) capture.wipe();
    if (result.kind === 'enrolled') setChanged(true);
    setPhase({ kind: 'result', result });
  };
  // Stable for the camera hook; reads the current capture (a retry makes a new one).
  const onFaces = useMemo(
    () => (faces: AnalysedFace[], atMs: number) => {
      if (phaseRef.current.kind !== 'capturing') return;
      const next = captureRef.current.onFaces(faces, atMs);
      setState(next);
      if (next.done) {
        phaseRef.current = { kind: 'saving' };
        void enrol();
      }
    },
    [],
  );
  const { cameraError } = useGateCamera(videoRef, client, onFaces, phase.kind === 'capturing');
  useEffect(() => () => capture.wipe(), [capture]);

  const retry = () => {
    capture.wipe();
    setPhase({ kind: 'capturing' });
    setAttempt((n) => n + 1);
  };
  useEffect(() => setState(capture.state), [capture]);
  const close = () => {
    capture.wipe();
    onDone(changed);
  };

  const result = phase.kind === 'result' ? phase.result : null;
  const otherId = result?.kind === 'refused' ? result.otherChildId : undefined;
  return (
    <div
      class="staff-enrol"
      data-testid="enrol"
      data-phase={phase.kind}
      data-result={result?.kind === 'refused' ? result.reason : (result?.kind ?? '')}
    >
      <header class="staff-header">
        <h2>{t('enrol.title', { name: `${child.firstName} ${child.lastName}`.trim() })}</h2>
        <button type="button" onClick={close} data-testid="enrol-close">
          {t(phase.kind === 'result' ? 'enrol.close' : 'enrol.cancel')}
        </button>
      </header>
      <p class="enrol-privacy">{t('enrol.privacy')}</p>
      {phase.kind === 'capturing' && (
        <div class="enrol-capture">
          <video ref={videoRef} class="enrol-video" muted playsInline autoPlay />
          <p class="enrol-step" data-testid="enrol-step">
            {t(`enrol.step.${state.step}`)}
          </p>
          <progress max={state.needed} value={state.count} data-testid="enrol-progress" />
          <p data-testid="enrol-count">{t('enrol.progress', { count: state.count, needed: state.needed })}</p>
          <p class={state.feedback === 'accepted' ? 'staff-ok' : 'warning'} data-testid="enrol-feedback" aria-live="polite">
            {cameraError ? t(cameraError) : state.timedOut ? t('enrol.timedOut') : feedbackText(state, t)}
          </p>
          {state.timedOut && (
            <button type="button" onClick={retry} data-testid="enrol-retry">
              {t('enrol.retry')}
            </button>
          )}
        </div>
      )}
      {phase.kind === 'saving' && <p>{t('enrol.saving')}</p>}
      {result !== null && (
        <div class="enrol-result" data-testid="enrol-result">
          {result.kind === 'enrolled' && (
            <p class="staff-ok">
              {result.twinOf !== undefined
                ? t('enrol.twinDone', { name: name(child.id), other: name(result.twinOf) })
                : t('enrol.done', { name: name(child.id), count: result.templates })}
            </p>
          )}
          {result.kind === 'failed' && <p class="warning">{t('enrol.failed', { reason: result.message })}</p>}
          {result.kind === 'refused' && result.reason === 'looks-like-other-child' && otherId !== undefined && (
            <>
              <p class="warning" data-testid="enrol-duplicate">
                {t('enrol.duplicate', { other: name(otherId) })}
              </p>
              <button type="button" onClick={close} data-testid="enrol-wrong-child">
                {t('enrol.duplicate.wrong')}
              </button>
              <button type="button" onClick={() => void enrol(otherId)} data-testid="enrol-confirm-twins">
                {t('enrol.duplicate.twins')}
              </button>
            </>
          )}
          {result.kind === 'refused' && result.reason !== 'looks-like-other-child' && (
            <>
              <p class="warning">{t(`enrol.refused.${result.reason}`)}</p>
              <button type="button" onClick={retry} data-testid="enrol-retry">
                {t('enrol.retry')}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function feedbackText(state: CaptureState, t: (key: MessageKey, params?: Params) => string): string {
  const f = state.feedback;
  if (f === 'accepted' || f === 'no-face' || f === 'many-faces' || f === 'turn-more' || f === 'wait') return t(`enrol.feedback.${f}`);
  return t(`quality.${f}`);
}
