// What the public screen says of a refused check-out (the waiting row, the code keypad): calm, no names, no reasons.
import type { PickupMethod } from '../../core/pickup';
import type { MessageKey } from '../i18n/messages';

/** What of a refusal (runtime/screen-api PickupNotice) the public line depends on. */
type PickupNotice =
  { kind: 'not-on-list' | 'do-not-release' | 'not-valid-today' | 'list-stale'; method: PickupMethod } | { kind: 'code-locked' };

/**
 * The public line of a refusal: calm, no names, no reasons. An adult on the do-not-release list reads exactly what a
 * stranger's card or code reads: the screen never tells them they were recognised and refused. A code that is real but
 * not valid today reads like a wrong code too (it would tell a guesser the code exists); a card not valid today says so.
 */
export function publicNoticeKey(notice: PickupNotice): MessageKey {
  switch (notice.kind) {
    case 'not-on-list':
    case 'do-not-release':
      return `pickup.row.notice.not-on-list.${notice.method}`;
    case 'not-valid-today':
      return notice.method === 'code' ? 'pickup.row.notice.not-on-list.code' : 'pickup.row.notice.not-valid-today';
    case 'code-locked':
      return 'pickup.row.notice.code-locked';
    case 'list-stale':
      return 'pickup.row.notice.list-stale';
  }
}

/** The notice's kind as the public screen may show it (do-not-release reads as not-on-list). */
export function publicNoticeKind(notice: PickupNotice | null | undefined): string {
  if (notice === null || notice === undefined) return '';
  if (notice.kind === 'do-not-release') return 'not-on-list';
  return notice.kind === 'not-valid-today' && notice.method === 'code' ? 'not-on-list' : notice.kind;
}
