// What the public screen says of a refused check-out (the waiting row, the code keypad): calm, no names, no reasons.
import type { PickupMethod } from '../../core/pickup';
import type { MessageKey } from '../i18n/messages';

/** What of a refusal (runtime/screen-api PickupNotice) the public line depends on. */
type PickupNotice = { kind: 'not-on-list' | 'do-not-release'; method: PickupMethod } | { kind: 'not-valid-today' | 'code-locked' };

/**
 * The public line of a refusal: calm, no names, no reasons. An adult on the do-not-release list reads exactly what a
 * stranger's card or code reads: the screen never tells them they were recognised and refused.
 */
export function publicNoticeKey(notice: PickupNotice): MessageKey {
  switch (notice.kind) {
    case 'not-on-list':
    case 'do-not-release':
      return `pickup.row.notice.not-on-list.${notice.method}`;
    case 'not-valid-today':
      return 'pickup.row.notice.not-valid-today';
    case 'code-locked':
      return 'pickup.row.notice.code-locked';
  }
}

/** The notice's kind as the public screen may show it (do-not-release reads as not-on-list). */
export function publicNoticeKind(notice: PickupNotice | null | undefined): string {
  if (notice === null || notice === undefined) return '';
  return notice.kind === 'do-not-release' ? 'not-on-list' : notice.kind;
}
