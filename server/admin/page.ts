// The district admin page (`/admin`): static HTML only. Its behaviour is in client/*.ts and its styles in
// client/admin.css, served from the server's own origin by routes.ts, so the page runs under a strict Content
// Security Policy (no inline script, style or handler, nothing from elsewhere). English only, like the CLI.

/** The page's policy: only its own scripts, styles and API; no plugins, no <base>, never framed, forms post home. */
export const ADMIN_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Sent with the page and each of its files. */
export const adminSecurityHeaders: Record<string, string> = {
  'content-security-policy': ADMIN_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

export function adminPageHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Gate Kiosk district admin</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/admin/admin.css">
<script type="module" src="/admin/client/main.js"></script>
</head><body>
<header><b>Gate Kiosk</b> · district admin</header>
<main>
<section><label>Admin token <input id="token" type="password" size="40" autocomplete="off"></label>
<button id="connect">Connect</button> <span id="msg"></span>
<p>The token is printed by the server at its first start (file <code>.district/admin-token</code>).</p></section>
<section><h3>Sites</h3><select id="site"></select>
<form id="newSite"><input name="name" placeholder="New site name" required> <button>Create site</button></form>
<div id="settings"></div></section>
<section><h3>Tablets</h3><button id="code">Create a pairing code</button> <span id="codeOut"></span><div id="devices"></div></section>
<section><h3>Face template key</h3><div id="keys"></div></section>
<section><h3>Children</h3>
<form id="newChild"><input name="displayName" placeholder="Name" required> <input name="group" placeholder="Group">
<input name="bracelet" placeholder="Bracelet, e.g. mifare:04A1B2C3"> <button>Add child</button></form>
<div id="children"></div></section>
<section><h3>Daily report</h3><input id="day" type="date"> <button id="report">Show</button> <button id="csv">Download CSV</button>
<div id="reportOut"></div></section>
<section id="audit"><h3>Audit log</h3>
<p class="muted">What the district admin did here and what each tablet recorded (staff sign-ins, enrolments, purges, hand marks), newest first. Each tablet's log is a hash chain: an entry changed or removed after upload breaks it.</p>
<div id="auditChains"></div>
<div class="audit-filter"><label>Site <select id="auditSite"><option value="">All sites</option></select></label>
<label>Kind <select id="auditKind"><option value="">All kinds</option></select></label> <button id="auditRefresh">Refresh</button></div>
<table><thead><tr><th>Time</th><th>Site</th><th>Tablet</th><th>Kind</th><th>Who</th><th>What</th></tr></thead><tbody id="auditRows"></tbody></table>
<p id="auditEmpty" hidden>No entries match.</p>
<button id="auditOlder" hidden>Older entries</button>
</section>
</main>
</body></html>`;
}
