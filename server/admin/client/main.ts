// The district admin page's entry module (served as /admin/client/main.js under a strict CSP: no inline script, style
// or handler): connect with the admin token, sites and their settings with the biometrics switch, pairing codes,
// tablets with their purge receipts, the face template key, and the daily report with CSV download. Children and the
// audit log have their own modules.
import { loadAudit, setAuditSites, setUpAudit } from './audit.js';
import { loadChildren, setUpChildren } from './children.js';
import { $, api, call, esc, input, keepToken, marked, quietly, say, storedToken, when, type Schemas } from './dom.js';

const site = (): string => $<HTMLSelectElement>('site').value;

async function loadSites(): Promise<void> {
  keepToken();
  const sites = await api<Schemas['Site'][]>('GET', '/admin/v1/sites');
  const select = $<HTMLSelectElement>('site');
  const keep = select.value;
  select.innerHTML = sites.map((s) => `<option value="${esc(s.siteId)}">${esc(s.name)}</option>`).join('');
  if (keep && sites.some((s) => s.siteId === keep)) select.value = keep;
  setAuditSites(sites);
  say('Connected.', true);
  await loadSite(sites.find((s) => s.siteId === site()));
}

async function loadSite(s: Schemas['Site'] | undefined): Promise<void> {
  if (s === undefined) {
    $('settings').textContent = 'No site yet.';
    return;
  }
  const st = s.settings;
  $('settings').innerHTML = `<p>Face recognition: <b>${st.biometricsEnabled ? 'on' : 'off'}</b>` +
    (st.assessmentRef ? ` (assessment ${esc(st.assessmentRef)})` : '') + ` · bundle version ${s.revision}</p>` +
    `<input id="ref" placeholder="Assessment reference" value="${esc(st.assessmentRef)}"> ` +
    '<button id="bioOn">Switch face recognition on</button> <button id="bioOff">Switch it off</button>' +
    `<form id="tuning"><p>Nightly sync from <input name="start" type="time" required value="${esc(st.nightlyWindow.start)}"> to ` +
    `<input name="end" type="time" required value="${esc(st.nightlyWindow.end)}"> (site time) · ` +
    `face matching stops after <input name="days" type="number" min="1" max="14" required value="${st.maxOfflineFaceDays}"> days offline · ` +
    `match threshold <input name="threshold" type="number" step="0.01" min="0.2" max="0.9" required value="${st.matchThreshold}"> ` +
    `margin <input name="margin" type="number" step="0.01" min="0" max="0.5" required value="${st.matchMargin}"> ` +
    '<button>Save settings</button></p></form>';
  const settingsPath = `/admin/v1/sites/${site()}/settings`;
  $('bioOn').addEventListener('click', () => quietly(api('PUT', settingsPath, { biometricsEnabled: true, assessmentRef: input('ref').value || null }).then(loadSites)));
  $('bioOff').addEventListener('click', () => {
    if (!confirm('Switch face recognition off? Every tablet of this site deletes its face templates at its next sync.')) return;
    quietly(api('PUT', settingsPath, { biometricsEnabled: false }).then(loadSites));
  });
  $<HTMLFormElement>('tuning').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target as HTMLFormElement;
    const field = (name: string): string => (f.elements.namedItem(name) as HTMLInputElement).value;
    quietly(api('PUT', settingsPath, {
      nightlyWindow: { start: field('start'), end: field('end') }, maxOfflineFaceDays: Number(field('days')),
      matchThreshold: Number(field('threshold')), matchMargin: Number(field('margin')),
    }).then(loadSites).then(() => say('Settings saved; tablets get them at their next sync.', true)));
  });
  await Promise.all([loadDevices(), loadChildren(site()), loadKeys(), loadAudit()]);
}

async function loadKeys(): Promise<void> {
  const st = await api<Schemas['TemplateKeyStatus']>('GET', '/admin/v1/template-keys');
  const kept = st.versions.filter((v) => v.keyVersion !== st.currentVersion && v.retiredAtMs === null).map((v) => v.keyVersion);
  const behind = st.devices.filter((d) => d.keyVersion !== st.currentVersion);
  $('keys').innerHTML = `<p>Current version <b id="keyVersion">${st.currentVersion}</b>` +
    (kept.length ? ` · older versions kept until every tablet has renewed: ${kept.join(', ')}` : '') + '</p><p id="keyTablets">' +
    (behind.length === 0 ? 'Every paired tablet holds the current version.' : `${behind.length} tablets still to renew (at their next sync; unpair one that never comes back): ` +
      behind.map((d) => `${esc(d.name)} (version ${d.keyVersion ?? 'unknown'})`).join(', ')) + '</p>' +
    '<button id="rotateKey">Rotate the key</button> <small>Renews every stored face template under a new secret key; tablets renew theirs at their next sync. Do it on a schedule, or when a tablet or a backup may have been exposed.</small>';
  $('rotateKey').addEventListener('click', () => {
    if (!confirm('Rotate the district face template key? Stored templates are renewed now, every tablet renews its own at its next sync.')) return;
    quietly(api<Schemas['TemplateKeyRotation']>('POST', '/admin/v1/template-keys/rotate').then((r) => {
      say(`Key version ${r.keyVersion}: ${r.renewedTemplates} stored templates renewed` +
        (r.droppedTemplates.length ? `, ${r.droppedTemplates.length} unreadable ones deleted (re-enrol those children)` : '') +
        `; ${r.tabletsToRenew} tablets renew theirs at their next sync.`, true);
      return Promise.all([loadKeys(), loadAudit()]);
    }));
  });
}

async function loadDevices(): Promise<void> {
  const devices = await api<Schemas['Device'][]>('GET', `/admin/v1/sites/${site()}/devices`);
  $('devices').innerHTML = '<table><tr><th>Tablet</th><th>Paired</th><th>Last seen</th><th>Events held</th><th></th></tr>' +
    devices.map((d) => `<tr><td>${esc(d.name)}<br><small>${esc(d.deviceId)}</small></td><td>${when(d.pairedAtMs)}</td><td>${when(d.lastSeenAtMs)}</td><td>${d.head.seq}</td><td>` +
      (d.revokedAtMs ? 'unpaired' : `<button data-revoke="${esc(d.deviceId)}">Unpair</button>`) +
      ` <button data-receipts="${esc(d.deviceId)}">Purge receipts</button></td></tr>`).join('') + '</table><div id="receipts"></div>';
  for (const [b, deviceId] of marked('revoke')) {
    b.addEventListener('click', () => quietly(api('POST', `/admin/v1/devices/${deviceId}/revoke`).then(() => Promise.all([loadDevices(), loadKeys(), loadAudit()]))));
  }
  for (const [b, deviceId] of marked('receipts')) {
    b.addEventListener('click', () => quietly(api<Schemas['PurgeReceipt'][]>('GET', `/admin/v1/devices/${deviceId}/purge-receipts`).then((rs) => {
      $('receipts').innerHTML = rs.length === 0 ? '<p>No purge receipts from this tablet.</p>' : '<table><tr><th>Child</th><th>Reason</th><th>Templates</th><th>Purged</th></tr>' +
        rs.map((r) => `<tr><td>${esc(r.childId)}</td><td>${esc(r.reason)}</td><td>${r.templateIds.length}</td><td>${when(r.purgedAtMs)}</td></tr>`).join('') + '</table>';
    })));
  }
}

function setUp(): void {
  input('token').value = storedToken();
  input('day').value = new Date().toISOString().slice(0, 10);
  $('connect').addEventListener('click', () => quietly(loadSites()));
  $('site').addEventListener('change', () => quietly(loadSites()));
  $<HTMLFormElement>('newSite').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = ((e.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement).value;
    quietly(api('POST', '/admin/v1/sites', { name }).then(loadSites));
  });
  $('code').addEventListener('click', () => quietly(api<Schemas['PairingCode']>('POST', `/admin/v1/sites/${site()}/pairing-codes`).then((c) => {
    $('codeOut').innerHTML = `Enter <code>${esc(c.code)}</code> on the tablet (valid until ${when(c.expiresAtMs)}, once).`;
  })));
  $('report').addEventListener('click', () => quietly(api<Schemas['DailyReport']>('GET', `/admin/v1/sites/${site()}/report?day=${input('day').value}`).then((r) => {
    const t = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleTimeString());
    $('reportOut').innerHTML = '<table><tr><th>Name</th><th>Group</th><th>In</th><th>Out</th></tr>' +
      r.rows.map((x) => `<tr><td>${esc(x.displayName)}</td><td>${esc(x.group)}</td><td>${t(x.firstInAtMs)}</td><td>${t(x.lastOutAtMs)}</td></tr>`).join('') + '</table>';
  })));
  $('csv').addEventListener('click', () => quietly(call('GET', `/admin/v1/sites/${site()}/report?format=csv&day=${input('day').value}`).then(async (res) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await res.blob());
    a.download = `attendance-${input('day').value}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  })));
  setUpChildren(site, loadAudit);
  setUpAudit();
  if (input('token').value) quietly(loadSites());
}

setUp();
