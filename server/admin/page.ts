// The district admin page (`/admin`): one self-contained HTML page that calls the admin API with the admin token
// (kept in sessionStorage only). Sites, settings with the biometrics switch, pairing codes, devices and their purge
// receipts, children with guardians and consents (grant, revoke), removal and twin flags, the nightly window,
// thresholds and offline limit, the district's face template key (versions, tablets still to renew, rotation), and the
// daily report with CSV download. No external assets.
export function adminPageHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Gate Kiosk district admin</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#17202a}
header{background:#1d3557;color:#fff;padding:12px 20px}main{padding:16px 20px;max-width:1100px}
section{background:#fff;border:1px solid #d9dee5;border-radius:8px;padding:12px 16px;margin-bottom:14px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e8ec;padding:4px 6px;text-align:left;vertical-align:top}
button{margin:2px}input,select{margin:2px}.err{color:#b00020}.ok{color:#136c2e}code{background:#eef;padding:1px 4px}
</style></head><body>
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
</main>
<script type="module">
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
const say = (text, ok) => { $('msg').textContent = text; $('msg').className = ok ? 'ok' : 'err'; };
$('token').value = sessionStorage.getItem('adminToken') || '';
$('day').value = new Date().toISOString().slice(0, 10);
async function api(method, path, body, raw) {
  const res = await fetch(path, { method, headers: { authorization: 'Bearer ' + $('token').value,
    ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (raw && res.ok) return res;
  const json = await res.json().catch(() => ({ code: 'bad-answer', message: 'The server answered with something unexpected.' }));
  if (!res.ok) { say(json.message + ' (' + json.code + ')', false); throw new Error(json.code); }
  return json;
}
const site = () => $('site').value;
async function loadSites() {
  sessionStorage.setItem('adminToken', $('token').value);
  const sites = await api('GET', '/admin/v1/sites');
  const keep = site();
  $('site').innerHTML = sites.map((s) => '<option value="' + esc(s.siteId) + '">' + esc(s.name) + '</option>').join('');
  if (keep && sites.some((s) => s.siteId === keep)) $('site').value = keep;
  say('Connected.', true);
  await loadSite(sites.find((s) => s.siteId === site()));
}
async function loadSite(s) {
  if (!s) { $('settings').textContent = 'No site yet.'; return; }
  const st = s.settings;
  $('settings').innerHTML = '<p>Face recognition: <b>' + (st.biometricsEnabled ? 'on' : 'off') + '</b>' +
    (st.assessmentRef ? ' (assessment ' + esc(st.assessmentRef) + ')' : '') + ' · bundle version ' + s.revision + '</p>' +
    '<input id="ref" placeholder="Assessment reference" value="' + esc(st.assessmentRef) + '"> ' +
    '<button id="bioOn">Switch face recognition on</button> <button id="bioOff">Switch it off</button>' +
    '<form id="tuning"><p>Nightly sync from <input name="start" type="time" required value="' + esc(st.nightlyWindow.start) + '"> to ' +
    '<input name="end" type="time" required value="' + esc(st.nightlyWindow.end) + '"> (site time) · ' +
    'face matching stops after <input name="days" type="number" min="1" max="14" required value="' + st.maxOfflineFaceDays + '"> days offline · ' +
    'match threshold <input name="threshold" type="number" step="0.01" min="0.2" max="0.9" required value="' + st.matchThreshold + '"> ' +
    'margin <input name="margin" type="number" step="0.01" min="0" max="0.5" required value="' + st.matchMargin + '"> ' +
    '<button>Save settings</button></p></form>';
  $('bioOn').onclick = () => api('PUT', '/admin/v1/sites/' + site() + '/settings', { biometricsEnabled: true, assessmentRef: $('ref').value || null }).then(loadSites).catch(() => {});
  $('bioOff').onclick = () => confirm('Switch face recognition off? Every tablet of this site deletes its face templates at its next sync.') &&
    api('PUT', '/admin/v1/sites/' + site() + '/settings', { biometricsEnabled: false }).then(loadSites).catch(() => {});
  $('tuning').onsubmit = (e) => { e.preventDefault(); const f = e.target;
    api('PUT', '/admin/v1/sites/' + site() + '/settings', { nightlyWindow: { start: f.start.value, end: f.end.value }, maxOfflineFaceDays: Number(f.days.value),
      matchThreshold: Number(f.threshold.value), matchMargin: Number(f.margin.value) }).then(loadSites).then(() => say('Settings saved; tablets get them at their next sync.', true)).catch(() => {}); };
  await Promise.all([loadDevices(), loadChildren(), loadKeys()]);
}
async function loadKeys() {
  const st = await api('GET', '/admin/v1/template-keys');
  const kept = st.versions.filter((v) => v.keyVersion !== st.currentVersion && v.retiredAtMs === null).map((v) => v.keyVersion);
  const behind = st.devices.filter((d) => d.keyVersion !== st.currentVersion);
  $('keys').innerHTML = '<p>Current version <b id="keyVersion">' + st.currentVersion + '</b>' +
    (kept.length ? ' · older versions kept until every tablet has renewed: ' + kept.join(', ') : '') + '</p><p id="keyTablets">' +
    (behind.length === 0 ? 'Every paired tablet holds the current version.' : behind.length + ' tablets still to renew (at their next sync; unpair one that never comes back): ' +
      behind.map((d) => esc(d.name) + ' (version ' + (d.keyVersion ?? 'unknown') + ')').join(', ')) + '</p>' +
    '<button id="rotateKey">Rotate the key</button> <small>Renews every stored face template under a new secret key; tablets renew theirs at their next sync. Do it on a schedule, or when a tablet or a backup may have been exposed.</small>';
  $('rotateKey').onclick = () => confirm('Rotate the district face template key? Stored templates are renewed now, every tablet renews its own at its next sync.') &&
    api('POST', '/admin/v1/template-keys/rotate').then((r) => {
      say('Key version ' + r.keyVersion + ': ' + r.renewedTemplates + ' stored templates renewed' + (r.droppedTemplates.length ? ', ' + r.droppedTemplates.length + ' unreadable ones deleted (re-enrol those children)' : '') +
        '; ' + r.tabletsToRenew + ' tablets renew theirs at their next sync.', true);
      return loadKeys();
    }).catch(() => {});
}
async function loadDevices() {
  const devices = await api('GET', '/admin/v1/sites/' + site() + '/devices');
  $('devices').innerHTML = '<table><tr><th>Tablet</th><th>Paired</th><th>Last seen</th><th>Events held</th><th></th></tr>' +
    devices.map((d) => '<tr><td>' + esc(d.name) + '<br><small>' + esc(d.deviceId) + '</small></td><td>' + new Date(d.pairedAtMs).toLocaleString() +
      '</td><td>' + (d.lastSeenAtMs ? new Date(d.lastSeenAtMs).toLocaleString() : '—') + '</td><td>' + d.head.seq + '</td><td>' +
      (d.revokedAtMs ? 'unpaired' : '<button data-revoke="' + esc(d.deviceId) + '">Unpair</button>') +
      ' <button data-receipts="' + esc(d.deviceId) + '">Purge receipts</button></td></tr>').join('') + '</table><div id="receipts"></div>';
  for (const b of document.querySelectorAll('[data-revoke]')) b.onclick = () => api('POST', '/admin/v1/devices/' + b.dataset.revoke + '/revoke').then(() => Promise.all([loadDevices(), loadKeys()]));
  for (const b of document.querySelectorAll('[data-receipts]')) b.onclick = async () => {
    const rs = await api('GET', '/admin/v1/devices/' + b.dataset.receipts + '/purge-receipts');
    $('receipts').innerHTML = rs.length === 0 ? '<p>No purge receipts from this tablet.</p>' : '<table><tr><th>Child</th><th>Reason</th><th>Templates</th><th>Purged</th></tr>' +
      rs.map((r) => '<tr><td>' + esc(r.childId) + '</td><td>' + esc(r.reason) + '</td><td>' + r.templateIds.length + '</td><td>' + new Date(r.purgedAtMs).toLocaleString() + '</td></tr>').join('') + '</table>';
  };
}
async function loadChildren() {
  const children = (await api('GET', '/admin/v1/sites/' + site() + '/children')).filter((c) => c.removedAtMs === null);
  const today = new Date().toISOString().slice(0, 10);
  const inYear = new Date(Date.now() + 364 * 864e5).toISOString().slice(0, 10);
  const nameOf = new Map(children.map((c) => [c.childId, c.displayName]));
  $('children').innerHTML = '<table><tr><th>Name</th><th>Group</th><th>Bracelets</th><th>Face consent</th><th>Templates</th><th>Twin of (face and bracelet)</th><th></th></tr>' +
    children.map((c) => {
      const active = c.consents.filter((k) => k.active);
      return '<tr><td>' + esc(c.displayName) + '</td><td>' + esc(c.group) + '</td><td>' + c.bracelets.map(esc).join('<br>') + '</td><td>' +
        (active.length ? active.map((k) => esc(k.guardianName) + ' until ' + esc(k.expiresOn) + ' <button data-revoke-consent="' + esc(k.consentId) + '">Revoke</button>').join('<br>')
          : '<input data-guardian="' + esc(c.childId) + '" placeholder="Guardian name"> <input data-relation="' + esc(c.childId) + '" placeholder="Relation" size="8"> <button data-grant="' + esc(c.childId) + '">Record consent</button>') +
        (c.consents.filter((k) => !k.active).length ? '<br><small>' + c.consents.filter((k) => !k.active).map((k) => esc(k.guardianName) + (k.revokedOn ? ' withdrew ' + esc(k.revokedOn) : ' expired ' + esc(k.expiresOn))).join('; ') + '</small>' : '') +
        '</td><td>' + c.templateCount + '</td><td>' + (c.twinOf ? c.twinOf.map((id) => esc(nameOf.get(id) ?? id)).join(', ') + ' <button data-untwin="' + esc(c.childId) + '">Clear</button>' : '—') +
        '</td><td><button data-remove="' + esc(c.childId) + '">Remove</button></td></tr>';
    }).join('') + '</table>';
  for (const b of document.querySelectorAll('[data-grant]')) b.onclick = () => {
    const name = document.querySelector('[data-guardian="' + b.dataset.grant + '"]').value.trim();
    if (!name) return say('Enter the guardian who signed the consent.', false);
    const relation = document.querySelector('[data-relation="' + b.dataset.grant + '"]').value.trim();
    api('POST', '/admin/v1/children/' + b.dataset.grant + '/consents', { guardianName: name, ...(relation ? { guardianRelation: relation } : {}), grantedOn: today, expiresOn: inYear }).then(loadChildren).catch(() => {});
  };
  for (const b of document.querySelectorAll('[data-revoke-consent]')) b.onclick = () => confirm('Revoke this consent? The child\\'s face templates are deleted now and on every tablet at its next sync.') &&
    api('POST', '/admin/v1/consents/' + b.dataset.revokeConsent + '/revoke').then(loadChildren);
  for (const b of document.querySelectorAll('[data-untwin]')) b.onclick = () => confirm('Clear this twin flag? After their next sync the tablets no longer ask these children for face and bracelet together.') &&
    api('POST', '/admin/v1/children/' + b.dataset.untwin + '/twins/clear').then(loadChildren);
  for (const b of document.querySelectorAll('[data-remove]')) b.onclick = () => confirm('Remove this child from the roster?') &&
    api('POST', '/admin/v1/children/' + b.dataset.remove + '/remove').then(loadChildren);
}
$('connect').onclick = () => loadSites().catch(() => {});
$('site').onchange = () => loadSites().catch(() => {});
$('newSite').onsubmit = (e) => { e.preventDefault(); api('POST', '/admin/v1/sites', { name: e.target.name.value }).then(loadSites).catch(() => {}); };
$('newChild').onsubmit = (e) => { e.preventDefault(); const f = e.target;
  api('POST', '/admin/v1/sites/' + site() + '/children', { displayName: f.displayName.value, group: f.group.value, bracelets: f.bracelet.value ? [f.bracelet.value] : [] }).then(loadChildren).catch(() => {}); };
$('code').onclick = async () => { const c = await api('POST', '/admin/v1/sites/' + site() + '/pairing-codes');
  $('codeOut').innerHTML = 'Enter <code>' + esc(c.code) + '</code> on the tablet (valid until ' + new Date(c.expiresAtMs).toLocaleString() + ', once).'; };
$('report').onclick = async () => { const r = await api('GET', '/admin/v1/sites/' + site() + '/report?day=' + $('day').value);
  const t = (ms) => ms === null ? '—' : new Date(ms).toLocaleTimeString();
  $('reportOut').innerHTML = '<table><tr><th>Name</th><th>Group</th><th>In</th><th>Out</th></tr>' + r.rows.map((x) => '<tr><td>' + esc(x.displayName) + '</td><td>' + esc(x.group) + '</td><td>' + t(x.firstInAtMs) + '</td><td>' + t(x.lastOutAtMs) + '</td></tr>').join('') + '</table>'; };
$('csv').onclick = async () => { const res = await api('GET', '/admin/v1/sites/' + site() + '/report?format=csv&day=' + $('day').value, undefined, true);
  const a = document.createElement('a'); a.href = URL.createObjectURL(await res.blob()); a.download = 'attendance-' + $('day').value + '.csv'; a.click(); };
if ($('token').value) loadSites().catch(() => {});
</script></body></html>`;
}
