// The check-outs waiting for their adult, beside the gate (never in the middle: the next child checks in meanwhile).
// Each row names the child, says what the adult does (tap your card, enter your code), the time left, and after a
// refusal a calm line that a teacher will help; custody details are never shown here, only to staff after the PIN
// (src/ui/staff/PickupReview.tsx). "Enter code" opens the code keypad (CodePad), "Teacher" the PIN then the review.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChildId } from '../../core/types';
import type { KioskCommands, PendingPickup } from '../../runtime/screen-api';
import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';
import { publicNoticeKey, publicNoticeKind } from './pickup-notice';

type T = (key: MessageKey, params?: Params) => string;

interface Props {
  pickups: readonly PendingPickup[];
  t: T;
  onCode: (childId: ChildId) => void;
  onTeacher: (childId: ChildId) => void;
}

export function PickupPanel({ pickups, t, onCode, onTeacher }: Props) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (pickups.length === 0) return;
    const id = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(id);
  }, [pickups.length]);
  if (pickups.length === 0) return null;
  return (
    <aside class="pickup-panel" data-testid="pickup-panel" aria-label={t('pickup.panel.title')}>
      <h2>{t('pickup.panel.title')}</h2>
      <ul>
        {pickups.map((p) => (
          <li
            key={p.childId}
            class={p.notice ? 'pickup-row pickup-row-notice' : 'pickup-row'}
            data-testid="pickup-row"
            data-child-id={p.childId}
          >
            <p class="pickup-row-name">{p.firstName}</p>
            <p class="pickup-row-what" aria-live="polite" data-testid="pickup-row-notice" data-notice={publicNoticeKind(p.notice)}>
              {p.notice ? t(publicNoticeKey(p.notice)) : t('pickup.row.waiting')}
            </p>
            <p class="pickup-row-left">{t('pickup.row.left', { count: Math.max(1, Math.ceil((p.expiresAtMs - now) / 60_000)) })}</p>
            <div class="pickup-row-actions">
              {p.codeLocked !== true && (
                <button type="button" data-testid="pickup-code" onClick={() => onCode(p.childId)}>
                  {t('pickup.row.enterCode')}
                </button>
              )}
              <button type="button" class="link" data-testid="pickup-teacher" onClick={() => onTeacher(p.childId)}>
                {t('pickup.row.teacher')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </aside>
  );
}

interface CodeProps {
  pending: PendingPickup;
  commands: Pick<KioskCommands, 'pickupCode'>;
  t: T;
  onClose: () => void;
}

const MAX_CODE = 6;

/** The adult's own keypad for a pickup code: digits shown as dots, checked on the tablet (WebCrypto PBKDF2). */
export function CodePad({ pending, commands, t, onClose }: CodeProps) {
  const [code, setCodeState] = useState('');
  const codeRef = useRef('');
  const setCode = (next: string) => {
    codeRef.current = next;
    setCodeState(next);
  };
  const [status, setStatus] = useState<{ key: MessageKey; params?: Params; warning: boolean } | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async () => {
    if (checking) return;
    const typed = codeRef.current;
    setChecking(true);
    setStatus({ key: 'pickup.keypad.checking', warning: false });
    const answer = await commands.pickupCode(pending.childId, typed).catch(() => ({ kind: 'not-waiting' }) as const);
    setChecking(false);
    setCode('');
    if (answer.kind === 'recorded') {
      setStatus({ key: 'pickup.keypad.done', params: { adult: answer.name }, warning: false });
      setTimeout(onClose, 1500);
    } else if (answer.kind === 'bad-code') setStatus({ key: 'pickup.keypad.badCode', warning: true });
    else if (answer.kind === 'refused')
      setStatus({
        key: publicNoticeKind(answer.notice) === 'not-on-list' ? 'pickup.keypad.wrong' : publicNoticeKey(answer.notice),
        warning: true,
      });
    else if (answer.kind === 'failed') setStatus({ key: 'gate.notSaved.title', warning: true });
    else setStatus({ key: 'pickup.keypad.gone', warning: true });
  };
  const press = (digit: string) => {
    if (checking) return;
    setStatus(null);
    if (codeRef.current.length < MAX_CODE) setCode(codeRef.current + digit);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (/^[0-9]$/.test(e.key)) press(e.key);
      else if (e.key === 'Backspace') setCode(codeRef.current.slice(0, -1));
      else if (e.key === 'Enter') void submit();
      else if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const title = t('pickup.keypad.title', { name: pending.firstName });
  return (
    <div class="modal" data-testid="pickup-code-pad" role="dialog" aria-modal="true" aria-label={title}>
      <div class="pin-pad">
        <h2>{title}</h2>
        <p class="pin-status">{t('pickup.keypad.hint')}</p>
        <p class="pin-dots" aria-hidden="true">
          {'●'.repeat(code.length) || '\u00a0'}
        </p>
        <p class="visually-hidden" aria-live="polite">
          {t('pickup.keypad.entered', { count: code.length })}
        </p>
        <p class={status?.warning ? 'warning' : 'pin-status'} data-testid="pickup-code-status" aria-live="polite">
          {status ? t(status.key, status.params) : '\u00a0'}
        </p>
        <div class="pin-keys">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
            <button type="button" key={d} onClick={() => press(d)} data-testid={`code-digit-${d}`}>
              {d}
            </button>
          ))}
          <button type="button" onClick={() => setCode('')}>
            {t('pickup.keypad.clear')}
          </button>
          <button type="button" onClick={() => press('0')} data-testid="code-digit-0">
            0
          </button>
          <button type="button" class="primary" onClick={() => void submit()} data-testid="code-ok" disabled={checking}>
            {t('pickup.keypad.ok')}
          </button>
        </div>
        <button type="button" class="link" onClick={onClose} data-testid="code-cancel">
          {t('pickup.keypad.cancel')}
        </button>
      </div>
    </div>
  );
}
