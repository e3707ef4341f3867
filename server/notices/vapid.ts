// The district's VAPID key pair (RFC 8292): from GK_VAPID_PUBLIC_KEY / GK_VAPID_PRIVATE_KEY when the district sets
// them, otherwise made once and kept in the database with the private half sealed under the master key, as the
// district's other secrets are; every server process then signs with the same key.
import webpush from 'web-push';
import type { Database } from '../db/database';
import type { VapidKeys } from './push-channel';

/** What the sealed VAPID private key is for (a sealed value opens only for its purpose). */
export const VAPID_KEY_PURPOSE = 'notices/vapid-private-key';

export interface VapidEnv {
  GK_VAPID_PUBLIC_KEY?: string | undefined;
  GK_VAPID_PRIVATE_KEY?: string | undefined;
  GK_VAPID_SUBJECT?: string | undefined;
}

export async function vapidKeys(db: Database, env: VapidEnv = process.env): Promise<VapidKeys> {
  const subject = env.GK_VAPID_SUBJECT || 'mailto:notices@gate-kiosk.invalid';
  if (env.GK_VAPID_PUBLIC_KEY && env.GK_VAPID_PRIVATE_KEY)
    return { publicKey: env.GK_VAPID_PUBLIC_KEY, privateKey: env.GK_VAPID_PRIVATE_KEY, subject };
  const read = async () =>
    (await db.query<{ public_key: string; private_key: string }>('select public_key, private_key from notice_vapid'))[0];
  let row = await read();
  if (row === undefined) {
    const made = webpush.generateVAPIDKeys();
    const sealed = await db.secrets.seal(VAPID_KEY_PURPOSE, made.privateKey);
    // Two processes starting at once: the first one's pair wins, the other reads it.
    await db.query(
      'insert into notice_vapid (id, public_key, private_key, created_at_ms) values (1, $1, $2, $3) on conflict (id) do nothing',
      [made.publicKey, sealed, Date.now()],
    );
    row = (await read())!;
  }
  return { publicKey: row.public_key, privateKey: await db.secrets.open(VAPID_KEY_PURPOSE, row.private_key), subject };
}

/** Caches the pair for a process (the database is read once). */
export function cachedVapid(db: Database, env: VapidEnv = process.env): () => Promise<VapidKeys> {
  let keys: Promise<VapidKeys> | null = null;
  return () => {
    keys ??= vapidKeys(db, env).catch((error: unknown) => {
      keys = null;
      throw error;
    });
    return keys;
  };
}
