// The parents' page (`/parents/`): static HTML only, its behaviour in client/*.ts and its styles in client/parents.css,
// all from the district's own origin under the same strict Content Security Policy as the admin page. It works on a
// phone (one column, large targets) and installs as an app (manifest.webmanifest, an icon). Every text comes from
// client/messages.ts, marked with its key (data-t), sent in English and put into the parent's language at once.
import { ADMIN_CSP } from '../admin/page';
import { LANGUAGE_NAMES, LOCALES, messages, type MessageKey } from './client/messages';

export const parentsSecurityHeaders: Record<string, string> = {
  'content-security-policy': ADMIN_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ENTITIES[c]!);
const en = (key: MessageKey): string => {
  const m = messages.en[key];
  return esc(typeof m === 'string' ? m : m.other);
};
const tx = (key: MessageKey): string => `data-t="${key}">${en(key)}`;

export function parentsPageHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${en('page.title')}</title>
<meta name="theme-color" content="#1d3557">
<link rel="manifest" href="/parents/manifest.webmanifest">
<link rel="icon" href="/parents/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/parents/parents.css">
<script type="module" src="/parents/client/main.js"></script>
</head><body>
<header><h1>Gate Kiosk · <span ${tx('page.header')}</span></h1>
<label class="lang"><span ${tx('language.label')}</span> <select id="lang">${LOCALES.map((l) => `<option value="${l}">${esc(LANGUAGE_NAMES[l])}</option>`).join('')}</select></label></header>
<main>
<p id="msg" role="status" aria-live="polite"></p>
<section id="signin" hidden aria-labelledby="signinTitle">
<h2 id="signinTitle" ${tx('signin.title')}</h2>
<p ${tx('signin.intro')}</p>
<button id="signinButton" class="primary" ${tx('signin.button')}</button>
<h2 id="inviteTitle" ${tx('invite.title')}</h2>
<p ${tx('invite.intro')}</p>
<form id="inviteForm"><label for="inviteCode" ${tx('invite.code')}</label>
<input id="inviteCode" name="code" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" required>
<button ${tx('invite.check')}</button></form>
<div id="inviteNext" hidden><p id="inviteHello"></p><button id="inviteCreate" class="primary" ${tx('invite.create')}</button></div>
</section>
<section id="account" hidden><p id="who"></p><button id="signoutButton" ${tx('signout')}</button></section>
<div id="children"></div>
<section id="notices" hidden aria-labelledby="noticesTitle">
<h2 id="noticesTitle" ${tx('notices.title')}</h2>
<p ${tx('notices.intro')}</p>
<button id="noticesPush" class="primary" ${tx('notices.push.on')}</button>
<form id="noticesEmailForm"><label for="noticesEmail" ${tx('notices.email.label')}</label>
<input id="noticesEmail" name="email" type="email" autocomplete="email" maxlength="254" required>
<button ${tx('notices.email.on')}</button></form>
<ul id="noticesList"></ul>
<button id="noticesStop" ${tx('notices.stop')}</button>
</section>
</main>
</body></html>`;
}

/** Installable as an app on the parent's phone: its own start page and scope, the district's icon. */
export function parentsManifest(): string {
  return JSON.stringify({
    name: 'Gate Kiosk — parents',
    short_name: 'Gate Kiosk',
    start_url: '/parents/',
    scope: '/parents/',
    display: 'standalone',
    background_color: '#f6f7f9',
    theme_color: '#1d3557',
    icons: [{ src: '/parents/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any maskable' }],
  });
}
