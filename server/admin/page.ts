// The district admin page (`/admin`): static HTML only. Its behaviour is in client/*.ts and its styles in
// client/admin.css, served from the server's own origin by routes.ts, so the page runs under a strict Content
// Security Policy (no inline script, style or handler, nothing from elsewhere). In Kazakh, Russian and English: every
// text here comes from the catalog (client/messages.ts), is marked with its key (data-t, data-t-placeholder), and is
// sent in English; client/locale.ts puts it into the admin's language at once. The CLI stays English (an IT tool).
import { LANGUAGE_NAMES, LOCALES, messages, type MessageKey } from './client/messages';
import { INTEGRITY_OPTIONS, type IntegrityOption } from '../services/integrity';
import { DEFAULT_RECOGNITION_TARGET } from '../services/recognition-reports';

/** The page's policy: only its own scripts, styles and API; no plugins, no <base>, never framed, forms post home. */
export const ADMIN_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Sent with the page and each of its files. */
export const adminSecurityHeaders: Record<string, string> = {
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
/** An element's text, marked with its key so the page can put it into the chosen language. */
const tx = (key: MessageKey): string => `data-t="${key}">${en(key)}`;
const ph = (key: MessageKey): string => `data-t-placeholder="${key}" placeholder="${en(key)}"`;

/** A number field of the integrity section, labelled, with the option's bounds and default (server/services/integrity.ts). */
const option = (name: IntegrityOption, label: MessageKey): string => {
  const { fallback, min, max } = INTEGRITY_OPTIONS[name];
  return `<label><span ${tx(label)}</span> <input id="${name}" name="${name}" type="number" min="${min}" max="${max}" step="1" value="${fallback}" required></label>`;
};

export function adminPageHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${en('page.title')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/admin/admin.css">
<script type="module" src="/admin/client/main.js"></script>
</head><body>
<header><b>Gate Kiosk</b> · <span ${tx('page.header')}</span>
<label class="lang"><span ${tx('language.label')}</span> <select id="lang">${LOCALES.map((l) => `<option value="${l}">${esc(LANGUAGE_NAMES[l])}</option>`).join('')}</select></label></header>
<main>
<section id="signin"><p id="signedIn" hidden><span id="who"></span> <button id="signOut" ${tx('signin.out')}</button></p>
<div id="passkeyArea"><button id="passkeySignIn" ${tx('signin.passkey')}</button>
<p id="inviteArea" hidden><span id="inviteHello"></span> <button id="inviteCreate" ${tx('signin.inviteCreate')}</button></p>
<p ${tx('signin.tokenInstead')}</p></div>
<label><span ${tx('token.label')}</span> <input id="token" type="password" size="40" autocomplete="off"></label>
<button id="connect" ${tx('token.connect')}</button> <span id="msg" role="status"></span>
<p ${tx('token.help')}</p></section>
<section id="dashboard" hidden aria-labelledby="dashboardTitle"><h3 id="dashboardTitle" ${tx('dashboard.title')}</h3>
<p class="muted" ${tx('dashboard.intro')}</p> <button id="dashboardRefresh" ${tx('dashboard.refresh')}</button>
<div id="dashboardOut" aria-live="polite"></div></section>
<section id="people" hidden><h3 id="peopleTitle" ${tx('accounts.title')}</h3><p class="muted" ${tx('accounts.intro')}</p>
<form id="newAccount"><label><span ${tx('accounts.name')}</span> <input name="personName" required></label>
<label><span ${tx('accounts.role')}</span> <select name="role">${(['parent', 'teacher', 'site-director', 'district-admin'] as const).map((r) => `<option value="${r}" ${tx(`role.${r}`)}</option>`).join('')}</select></label>
<label><span ${tx('accounts.children')}</span> <input name="childIds" size="30"></label>
<button ${tx('accounts.create')}</button></form>
<p class="muted" ${tx('accounts.site')}</p>
<div id="accountsOut"></div><p id="invitationOut" aria-live="polite"></p></section>
<section><h3 id="sitesTitle" ${tx('sites.title')}</h3><select id="site" aria-labelledby="sitesTitle"></select>
<form id="newSite"><input name="name" size="30" ${ph('sites.newName')} required> <button ${tx('sites.create')}</button></form>
<div id="settings"></div></section>
<section><h3 id="tabletsTitle" ${tx('tablets.title')}</h3><button id="code" ${tx('tablets.code')}</button> <span id="codeOut"></span><div id="devices"></div></section>
<section><h3 id="keysTitle" ${tx('keys.title')}</h3><div id="keys"></div></section>
<section><h3 id="childrenTitle" ${tx('children.title')}</h3>
<form id="newChild"><input name="displayName" ${ph('children.name')} required> <input name="group" ${ph('children.group')}>
<input name="bracelet" size="34" ${ph('children.bracelet')}> <button ${tx('children.add')}</button></form>
<div id="children"></div><div id="pickups" aria-live="polite"></div></section>
<section><h3 id="reportTitle" ${tx('report.title')}</h3><input id="day" type="date" aria-labelledby="reportTitle"> <button id="report" ${tx('report.show')}</button> <button id="csv" ${tx('report.csv')}</button>
<div id="reportOut"></div></section>
<section id="register"><h3 id="registerTitle" ${tx('register.title')}</h3>
<p class="muted" ${tx('register.intro')}</p>
<form id="registerForm"><label><span ${tx('register.day')}</span> <input id="registerDay" name="day" type="date" required></label> <button ${tx('register.show')}</button></form>
<p><label><span ${tx('register.month')}</span> <input id="registerMonth" name="month" type="month" required></label>
<button type="button" id="registerDownload-csv" ${tx('register.downloadCsv')}</button> <button type="button" id="registerDownload-xlsx" ${tx('register.downloadXlsx')}</button> <button type="button" id="registerDownload-json" ${tx('register.downloadJson')}</button></p>
<div id="registerOut" aria-live="polite"></div></section>
<section id="integrity"><h3 id="integrityTitle" ${tx('integrity.title')}</h3>
<p class="muted" ${tx('integrity.intro')}</p>
<form id="integrityForm" class="integrity-options"><label><span ${tx('integrity.day')}</span> <input id="integrityDay" name="day" type="date" required></label>
${option('burstCount', 'integrity.burstCount')}
${option('burstSeconds', 'integrity.burstSeconds')}
${option('faceDays', 'integrity.faceDays')}
<button ${tx('integrity.show')}</button></form>
<div id="integrityOut" aria-live="polite"></div></section>
<section id="recognition"><h3 id="recognitionTitle" ${tx('recognition.title')}</h3>
<p class="muted" ${tx('recognition.intro')}</p>
<form id="recognitionForm"><label><span ${tx('recognition.maxFpir')}</span> <input id="maxFpirUpper95" name="maxFpirUpper95" type="number" min="0.0001" max="1" step="0.0001" value="${DEFAULT_RECOGNITION_TARGET.maxFpirUpper95}" required></label>
<label><span ${tx('recognition.maxFnir')}</span> <input id="maxFnirUpper95" name="maxFnirUpper95" type="number" min="0.0001" max="1" step="0.0001" value="${DEFAULT_RECOGNITION_TARGET.maxFnirUpper95}" required></label>
<button ${tx('recognition.show')}</button></form>
<div id="recognitionOut" aria-live="polite"></div></section>
<section id="audit"><h3 id="auditTitle" ${tx('audit.title')}</h3>
<p class="muted" ${tx('audit.intro')}</p>
<div id="auditChains"></div><button id="auditVerifyAll" ${tx('chains.verifyAll')}</button>
<div class="audit-filter"><label><span ${tx('audit.site')}</span> <select id="auditSite"><option value="" ${tx('audit.allSites')}</option></select></label>
<label><span ${tx('audit.kind')}</span> <select id="auditKind"><option value="" ${tx('audit.allKinds')}</option></select></label> <button id="auditRefresh" ${tx('audit.refresh')}</button></div>
<table><thead><tr><th ${tx('audit.col.time')}</th><th ${tx('audit.col.site')}</th><th ${tx('audit.col.tablet')}</th><th ${tx('audit.col.kind')}</th><th ${tx('audit.col.who')}</th><th ${tx('audit.col.what')}</th></tr></thead><tbody id="auditRows"></tbody></table>
<p id="auditEmpty" hidden ${tx('audit.empty')}</p>
<button id="auditOlder" hidden ${tx('audit.older')}</button>
</section>
</main>
</body></html>`;
}
