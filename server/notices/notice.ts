// What a notice is and the one interface every channel implements (web push, e-mail; SMS or a messenger later): a
// channel gets the notice and one subscription and says whether it was delivered, should be retried, or is gone.
import type { Direction } from '../../src/core/attendance-rules';

export type NoticeLanguage = 'kk' | 'ru' | 'en';
export type ChannelKind = 'push' | 'email';

/** Everything a notice may say: the child's first name, the time and the gate, which way; nothing else leaves. */
export interface Notice {
  firstName: string;
  /** `HH:MM` in the site's time zone, when the tablet recorded the event. */
  time: string;
  /** The tablet's name. */
  gate: string;
  direction: Direction;
  /** Recorded offline long before the district received it: the notice says it comes late. */
  late: boolean;
}

export interface Subscription {
  id: string;
  channel: ChannelKind;
  /** A push endpoint (URL) or an e-mail address. */
  address: string;
  keys: { p256dh: string; auth: string } | null;
  language: NoticeLanguage;
  unsubscribeToken: string;
}

export type SendResult =
  | { kind: 'sent' }
  /** Worth another try later (network, 5xx, 429). */
  | { kind: 'retry'; reason: string }
  /** The subscription no longer exists (push 404/410): remove it. */
  | { kind: 'expired'; reason: string }
  /** Will not work whatever we do (a 4xx other than those): give up this notice. */
  | { kind: 'failed'; reason: string };

export interface Channel {
  readonly kind: ChannelKind;
  send(notice: Notice, subscription: Subscription): Promise<SendResult>;
}
