// Wires notices for a running district from its environment: the channels it has (push always, with the VAPID key of
// server/notices/vapid.ts; e-mail when GK_SMTP_URL and GK_SMTP_FROM are set) and the background dispatcher, plus the
// options createApp takes so that ingest wakes the dispatcher. Tests and the benchmark build the same parts by hand.
import type { Database } from '../db/database';
import { NoticeDispatcher, type DispatcherOptions } from './dispatcher';
import { EmailChannel } from './email-channel';
import type { Channel, ChannelKind } from './notice';
import { PushChannel, type VapidKeys } from './push-channel';
import { cachedVapid, type VapidEnv } from './vapid';

export interface NoticeEnv extends VapidEnv {
  GK_SMTP_URL?: string | undefined;
  GK_SMTP_FROM?: string | undefined;
  GK_NOTICE_MAX_ATTEMPTS?: string | undefined;
}

export interface NoticeService {
  dispatcher: NoticeDispatcher;
  vapid: () => Promise<VapidKeys>;
  channels: ChannelKind[];
  /** The e-mail channel (it also sends the confirmation of a new address), when the district sends e-mail. */
  email: EmailChannel | null;
  stop(): Promise<void>;
}

export function startNoticeService(
  db: Database,
  options: { env?: NoticeEnv; publicOrigin: string; log?: (m: string) => void } & Partial<Omit<DispatcherOptions, 'db' | 'channels'>>,
): NoticeService {
  const { env = process.env, publicOrigin, ...rest } = options;
  const vapid = cachedVapid(db, env);
  const email =
    env.GK_SMTP_URL && env.GK_SMTP_FROM ? new EmailChannel({ smtpUrl: env.GK_SMTP_URL, from: env.GK_SMTP_FROM, publicOrigin }) : null;
  const channels: Partial<Record<ChannelKind, Channel>> = { push: new PushChannel(vapid), ...(email ? { email } : {}) };
  const maxAttempts = Number(env.GK_NOTICE_MAX_ATTEMPTS);
  const dispatcher = new NoticeDispatcher({
    db,
    channels,
    ...rest,
    ...(Number.isInteger(maxAttempts) && maxAttempts > 0 ? { maxAttempts } : {}),
  }).start();
  return {
    dispatcher,
    vapid,
    channels: Object.keys(channels) as ChannelKind[],
    email,
    async stop() {
      await dispatcher.stop();
      email?.close();
    },
  };
}
