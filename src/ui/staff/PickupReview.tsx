// Behind the staff PIN: one waiting check-out as staff see it. What was refused and why (a do-not-release card with
// its name and reason, a card not on the list with its number, a permission not valid today), the child's adults to
// choose from after checking their document (only those valid today can be chosen), the do-not-release entries, and
// ending the check-out (the child stays checked in). Nothing here is shown on the gate itself.
import { useState } from 'preact/hooks';
import type { ChildId } from '../../core/types';
import type { KioskCommands, PendingPickup, PickupNotice } from '../../runtime/screen-api';
import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';

type T = (key: MessageKey, params?: Params) => string;

interface Props {
  pending: PendingPickup;
  commands: Pick<KioskCommands, 'pickupByStaff' | 'cancelPickup' | 'pickupChoices'>;
  t: T;
  onClose: () => void;
}

function noticeText(notice: PickupNotice, name: string, t: T): string {
  switch (notice.kind) {
    case 'do-not-release':
      return t('pickup.review.notice.do-not-release', { adult: notice.name, reason: notice.reason, name });
    case 'not-on-list':
      return notice.method === 'card'
        ? t('pickup.review.notice.not-on-list.card', { card: notice.card ?? '', name })
        : t(`pickup.review.notice.not-on-list.${notice.method}`, { name });
    case 'not-valid-today':
      return t('pickup.review.notice.not-valid-today', {
        adult: notice.name,
        name,
        from: notice.validFrom ?? t('pickup.review.open'),
        to: notice.validTo ?? t('pickup.review.open'),
      });
    case 'code-locked':
      return t('pickup.review.notice.code-locked', { name });
    case 'list-stale':
      return t('pickup.review.notice.list-stale', {
        adult: notice.name,
        name,
        since: new Date(notice.asOfMs).toISOString().slice(0, 16).replace('T', ' '),
      });
  }
}

export function PickupReview({ pending, commands, t, onClose }: Props) {
  const choices = commands.pickupChoices(pending.childId as ChildId);
  const [feedback, setFeedback] = useState<{ text: string; warning: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const name = pending.firstName;
  const choose = async (pickupId: string) => {
    if (busy) return;
    setBusy(true);
    const answer = await commands.pickupByStaff(pending.childId, pickupId);
    setBusy(false);
    if (answer.kind === 'recorded') {
      setFeedback({ text: t('pickup.review.done', { name, adult: answer.name }), warning: false });
      setTimeout(onClose, 1500);
    } else if (answer.kind === 'refused') setFeedback({ text: noticeText(answer.notice, name, t), warning: true });
    else if (answer.kind === 'failed') setFeedback({ text: `${t('gate.notSaved.title')}: ${answer.message}`, warning: true });
    else setFeedback({ text: t('pickup.keypad.gone'), warning: true });
  };
  const title = t('pickup.review.title', { name });
  return (
    <div class="modal" data-testid="pickup-review" role="dialog" aria-modal="true" aria-label={title}>
      <div class="staff-panel pickup-review">
        <h2>{title}</h2>
        {pending.notice && (
          <p class="warning pickup-review-notice" data-testid="pickup-review-notice" data-notice={pending.notice.kind} role="alert">
            {noticeText(pending.notice, name, t)}
          </p>
        )}
        {choices.doNotRelease.length > 0 && (
          <section aria-label={t('pickup.review.deny.title')}>
            <h3>{t('pickup.review.deny.title')}</h3>
            <ul data-testid="pickup-review-deny">
              {choices.doNotRelease.map((d, i) => (
                <li key={i}>{t('pickup.review.deny', { name: d.name, reason: d.reason })}</li>
              ))}
            </ul>
          </section>
        )}
        {choices.adults.length === 0 ? (
          <p>{t('pickup.review.none')}</p>
        ) : (
          <>
            <p>{t('pickup.review.choose')}</p>
            <ul class="pickup-review-adults">
              {choices.adults.map((a) => (
                <li key={a.pickupId}>
                  <button
                    type="button"
                    data-testid="pickup-review-adult"
                    data-pickup-id={a.pickupId}
                    disabled={!a.validToday || busy}
                    onClick={() => void choose(a.pickupId)}
                  >
                    {a.relation !== '' ? t('pickup.review.relation', { name: a.name, relation: a.relation }) : a.name}
                  </button>
                  {!a.validToday && (
                    <span class="warning">
                      {' '}
                      {t('pickup.review.notValid', {
                        from: a.validFrom ?? t('pickup.review.open'),
                        to: a.validTo ?? t('pickup.review.open'),
                      })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {feedback && (
          <p class={feedback.warning ? 'warning' : 'staff-feedback'} data-testid="pickup-review-feedback" aria-live="polite">
            {feedback.text}
          </p>
        )}
        <div class="pickup-review-actions">
          <button
            type="button"
            data-testid="pickup-review-cancel"
            onClick={() => {
              commands.cancelPickup(pending.childId);
              onClose();
            }}
          >
            {t('pickup.review.cancel')}
          </button>
          <button type="button" class="link" data-testid="pickup-review-close" onClick={onClose}>
            {t('pickup.review.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
