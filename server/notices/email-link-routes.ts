// The pages behind the links of notice e-mails. The unsubscribe link of every notice: GET shows what it would stop and
// a button (mail scanners that follow links stop nothing); POST stops that one subscription, whether from the button or
// from a mail client's one-click unsubscribe (RFC 8058, body `List-Unsubscribe=One-Click`). The confirmation link of a
// new address, the same way: GET shows the address and a button, POST turns notices on there. Each token is its link's
// only key and does nothing else. Static HTML under the parents' page's strict CSP (no script at all), in the
// browser's language (Kazakh, Russian, English).
import type { Hono } from 'hono';
import type { Database } from '../db/database';
import { parentsSecurityHeaders } from '../parents/page';
import { pickLocale, render, type Locale, type MessageKey } from '../parents/client/messages';
import { confirmationOfToken, confirmWithToken, subscriptionOfToken, unsubscribeWithToken } from './subscriptions';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ENTITIES[c]!);

/** `a…@example.com` / the push service's host: enough to recognise, not the whole address. */
const masked = (channel: string, address: string): string => {
  if (channel !== 'email') return new URL(address).host;
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}…@${domain}`;
};

function page(locale: Locale, title: MessageKey, body: string): string {
  const t = (key: MessageKey, params?: Record<string, string>) => esc(render(locale, key, params));
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${t(title)}</title>
<link rel="stylesheet" href="/parents/parents.css"></head><body>
<header><h1>Gate Kiosk · ${t(title)}</h1></header>
<main>${body}</main></body></html>`;
}

export function mountEmailLinks(app: Hono, db: Database, now: () => number): void {
  const h = { ...parentsSecurityHeaders, 'cache-control': 'no-store' };
  const localeOf = (accept: string | undefined) =>
    pickLocale(
      null,
      (accept ?? '').split(',').map((p) => p.split(';')[0]!.trim()),
    );
  app.get('/notices/unsubscribe', async (c) => {
    const locale = localeOf(c.req.header('accept-language'));
    const t = (key: MessageKey, params?: Record<string, string>) => esc(render(locale, key, params));
    const token = c.req.query('t') ?? '';
    const found = await subscriptionOfToken(db, token);
    if (found === null) return c.html(page(locale, 'unsubscribe.title', `<p>${t('unsubscribe.unknown')}</p>`), 404, h);
    return c.html(
      page(
        locale,
        'unsubscribe.title',
        `<p>${t('unsubscribe.confirm', { address: masked(found.channel, found.address) })}</p>
<form method="post" action="/notices/unsubscribe?t=${encodeURIComponent(token)}"><button class="primary">${t('unsubscribe.button')}</button></form>`,
      ),
      200,
      h,
    );
  });
  app.post('/notices/unsubscribe', async (c) => {
    const locale = localeOf(c.req.header('accept-language'));
    const t = (key: MessageKey) => esc(render(locale, key));
    const done = await unsubscribeWithToken(db, c.req.query('t') ?? '', now());
    return c.html(
      page(locale, 'unsubscribe.title', `<p>${done ? t('unsubscribe.done') : t('unsubscribe.unknown')}</p>`),
      done ? 200 : 404,
      h,
    );
  });
  app.get('/notices/confirm', async (c) => {
    const locale = localeOf(c.req.header('accept-language'));
    const t = (key: MessageKey, params?: Record<string, string>) => esc(render(locale, key, params));
    const token = c.req.query('t') ?? '';
    const found = await confirmationOfToken(db, token, now());
    if (found === null) return c.html(page(locale, 'confirm.title', `<p>${t('confirm.unknown')}</p>`), 404, h);
    return c.html(
      page(
        locale,
        'confirm.title',
        `<p>${t('confirm.question', { address: masked('email', found.address) })}</p>
<form method="post" action="/notices/confirm?t=${encodeURIComponent(token)}"><button class="primary">${t('confirm.button')}</button></form>
<p>${t('confirm.notYou')}</p>`,
      ),
      200,
      h,
    );
  });
  app.post('/notices/confirm', async (c) => {
    const locale = localeOf(c.req.header('accept-language'));
    const t = (key: MessageKey) => esc(render(locale, key));
    const done = await confirmWithToken(db, c.req.query('t') ?? '', now());
    return c.html(page(locale, 'confirm.title', `<p>${done ? t('confirm.done') : t('confirm.unknown')}</p>`), done ? 200 : 404, h);
  });
}
