// The district admin page's entry module (served as /admin/client/main.js under a strict CSP: no inline script, style
// or handler): the language switch, connect with the admin token, sites and their settings with the biometrics switch,
// pairing codes, tablets with their purge receipts, the face template key, and the daily report with CSV download; a
// person signs in with their passkey instead (or registers it with their invitation, #invite=CODE).
// Children, the integrity signals, the recognition self-tests and the audit log have their own modules. Every text
// comes from messages.ts in the admin's language.
import {
  checkInvitation,
  currentPerson,
  invitationFromAddress,
  PasskeyError,
  signInWithPasskey,
  signOut,
  type Me,
} from '../../account/client/passkey.js';
import { loadAccounts, setUpAccounts } from './accounts.js';
import { loadAudit, setAuditSites, setUpAudit } from './audit.js';
import { loadChildren, setUpChildren } from './children.js';
import { loadDashboard, setUpDashboard } from './dashboard.js';
import { resetIntegrity, setUpIntegrity } from './integrity.js';
import { loadRecognition, setUpRecognition } from './recognition.js';
import { resetRegister, setUpRegister } from './register.js';
import {
  $,
  api,
  call,
  esc,
  input,
  keepToken,
  marked,
  paint,
  quietly,
  refusal,
  say,
  setUpRepaint,
  storedToken,
  when,
  type Schemas,
} from './dom.js';
import { formatTime, onLanguage, setUpLanguage, t } from './locale.js';

const site = (): string => $<HTMLSelectElement>('site').value;

/** Loaded once on connecting (its Refresh button reloads it): choosing another site does not change it. */
let dashboardShown = false;

async function loadSites(): Promise<void> {
  keepToken();
  const sites = await api<Schemas['Site'][]>('GET', '/admin/v1/sites');
  const select = $<HTMLSelectElement>('site');
  const keep = select.value;
  select.innerHTML = sites.map((s) => `<option value="${esc(s.siteId)}">${esc(s.name)}</option>`).join('');
  if (keep && sites.some((s) => s.siteId === keep)) select.value = keep;
  setAuditSites(sites);
  say(() => t('status.connected'), true);
  // The dashboard first, at the top of the page: what a director or the district reads at a glance.
  if (!dashboardShown && reaches('dashboard')) {
    dashboardShown = true;
    await loadDashboard(sites).catch(() => undefined);
  }
  await loadSite(sites.find((s) => s.siteId === site()));
}

type PadMode = NonNullable<Schemas['SiteSettings']['padMode']>;
const PAD_MODES: readonly PadMode[] = ['evidence', 'ask-bracelet', 'record-flagged'];

/**
 * A site's settings. The district's own (server/services/sites.ts DISTRICT_SETTINGS) are shown to a site's director
 * disabled, with why; they may still switch face recognition off.
 */
function settingsHtml(s: Schemas['Site'], district: boolean): string {
  const st = s.settings;
  // The server fills every setting in; the contract keeps padMode optional, and absent means evidence.
  const padMode: PadMode = st.padMode ?? 'evidence';
  const off = district ? '' : ' disabled';
  return (
    `<p>${esc(t('settings.face'))} <b id="faceState">${esc(t(st.biometricsEnabled ? 'settings.on' : 'settings.off'))}</b>` +
    (st.assessmentRef ? ` ${esc(t('settings.assessment', { ref: st.assessmentRef }))}` : '') +
    ` · ${esc(t('settings.bundle', { revision: s.revision }))}</p>` +
    (district ? '' : `<p id="districtOnly">${esc(t('settings.districtOnly'))}</p>`) +
    `<input id="ref" size="30" aria-label="${esc(t('settings.assessmentRef'))}" placeholder="${esc(t('settings.assessmentRef'))}" value="${esc(st.assessmentRef)}"${off}> ` +
    `<button id="bioOn"${off}>${esc(t('settings.bioOn'))}</button> <button id="bioOff">${esc(t('settings.bioOff'))}</button>` +
    `<form id="tuning"><p><label>${esc(t('settings.window'))} <input name="start" type="time" required value="${esc(st.nightlyWindow.start)}"></label> – ` +
    `<input name="end" type="time" required aria-label="${esc(t('settings.windowEnd'))}" value="${esc(st.nightlyWindow.end)}"></p>` +
    `<p><label>${esc(t('settings.days'))} <input name="days" type="number" min="1" max="14" required value="${st.maxOfflineFaceDays}"${off}></label></p>` +
    `<p><label for="padMode">${esc(t('settings.padMode'))}</label> <select id="padMode" name="padMode" aria-describedby="padModeHelp"${off}>` +
    PAD_MODES.map((m) => `<option value="${m}"${m === padMode ? ' selected' : ''}>${esc(t(`settings.padMode.${m}`))}</option>`).join('') +
    `</select></p><p id="padModeHelp">${esc(t('settings.padModeHelp'))}</p>` +
    `<p><label><input name="presenceEvidence" type="checkbox" aria-describedby="presenceHelp"${st.presenceEvidence === true ? ' checked' : ''}${off}> ` +
    `${esc(t('settings.presenceEvidence'))}</label></p><p id="presenceHelp">${esc(t('settings.presenceEvidenceHelp'))}</p>` +
    `<p><label>${esc(t('settings.pickupGroups'))}<br><textarea name="pickupGroups" rows="3" cols="30">${esc((st.pickupGroups ?? []).join('\n'))}</textarea></label></p>` +
    `<p><label>${esc(t('settings.closingTime'))} <input name="closingTime" type="time" value="${esc(st.closingTime ?? '')}"></label></p>` +
    `<p><label>${esc(t('settings.threshold'))} <input name="threshold" type="number" step="0.01" min="0.2" max="0.9" required value="${st.matchThreshold}"${off}></label> ` +
    `<label>${esc(t('settings.margin'))} <input name="margin" type="number" step="0.01" min="0" max="0.5" required value="${st.matchMargin}"${off}></label></p>` +
    `<p><label>${esc(t('settings.groupPoints'))}<br><textarea name="groupPoints" rows="3" cols="30" aria-describedby="groupPointsHelp"${off}>` +
    esc((st.groupOperatingPoints ?? []).map((p) => `${p.group} = ${p.matchThreshold} / ${p.matchMargin}`).join('\n')) +
    `</textarea></label></p><p id="groupPointsHelp">${esc(t('settings.groupPointsHelp'))}</p>` +
    `<p><button>${esc(t('settings.save'))}</button></p></form>`
  );
}

/**
 * The groups' operating points as typed, one per line `Group = threshold / margin` (empty lines ignored); null when a
 * line is not of that form.
 */
function parseGroupPoints(text: string): Schemas['GroupOperatingPoints'] | null {
  const points: Schemas['GroupOperatingPoints'] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '') continue;
    const m = /^(.+?)\s*=\s*([0-9.]+)\s*\/\s*([0-9.]+)$/.exec(line);
    if (m === null) return null;
    points.push({ group: m[1]!.trim(), matchThreshold: Number(m[2]), matchMargin: Number(m[3]) });
  }
  return points;
}

/** Set once the admin picks a day; until then the report's day follows the chosen site's today. */
let dayChosen = false;

async function loadSite(s: Schemas['Site'] | undefined): Promise<void> {
  if (s === undefined) {
    paint('settings', () => esc(t('sites.none')));
    return;
  }
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: s.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    Date.now(),
  );
  if (!dayChosen) input('day').value = today;
  resetIntegrity(s.siteId, today);
  resetRegister(s.siteId, today);
  const settingsPath = `/admin/v1/sites/${site()}/settings`;
  const district = reaches('districtSettings');
  paint(
    'settings',
    () => settingsHtml(s, district),
    () => {
      $('bioOn').addEventListener('click', () =>
        quietly(api('PUT', settingsPath, { biometricsEnabled: true, assessmentRef: input('ref').value || null }).then(loadSites)),
      );
      $('bioOff').addEventListener('click', () => {
        if (!confirm(t('confirm.bioOff'))) return;
        quietly(api('PUT', settingsPath, { biometricsEnabled: false }).then(loadSites));
      });
      $<HTMLFormElement>('tuning').addEventListener('submit', (e) => {
        e.preventDefault();
        const f = e.target as HTMLFormElement;
        const field = (name: string): string => (f.elements.namedItem(name) as HTMLInputElement).value;
        const groupPoints = district ? parseGroupPoints(field('groupPoints')) : [];
        if (groupPoints === null) return say(() => t('settings.groupPointsInvalid'), false);
        quietly(
          api('PUT', settingsPath, {
            nightlyWindow: { start: field('start'), end: field('end') },
            // A site's director sends only the site's own settings (the district's are shown disabled).
            ...(district
              ? {
                  maxOfflineFaceDays: Number(field('days')),
                  matchThreshold: Number(field('threshold')),
                  matchMargin: Number(field('margin')),
                  padMode: (f.elements.namedItem('padMode') as HTMLSelectElement).value,
                  presenceEvidence: (f.elements.namedItem('presenceEvidence') as HTMLInputElement).checked,
                  groupOperatingPoints: groupPoints,
                }
              : {}),
            pickupGroups: (f.elements.namedItem('pickupGroups') as HTMLTextAreaElement).value
              .split('\n')
              .map((g) => g.trim())
              .filter((g) => g !== ''),
            closingTime: field('closingTime') || null,
          })
            .then(loadSites)
            .then(() => say(() => t('status.settingsSaved'), true)),
        );
      });
    },
  );
  // Only the parts the signed-in person's role reaches (the server refuses the others anyway).
  const loads: [Section, () => Promise<void>][] = [
    ['tablets', loadDevices],
    ['children', () => loadChildren(site())],
    ['keys', loadKeys],
    ['audit', loadAudit],
    ['recognition', loadRecognition],
    ['people', loadAccounts],
  ];
  await Promise.all(loads.filter(([section]) => reaches(section)).map(([, load]) => load().catch(() => undefined)));
}

/** Parts of the page by what they need: the district (keys, people), a site's changes, or only reading a site. */
type Section =
  | 'dashboard'
  | 'tablets'
  | 'children'
  | 'keys'
  | 'audit'
  | 'integrity'
  | 'recognition'
  | 'people'
  | 'newSite'
  | 'newChild'
  | 'districtSettings';
const NOT_FOR: Record<Me['role'], readonly Section[]> = {
  'district-admin': [],
  'site-director': ['keys', 'people', 'newSite', 'districtSettings'],
  teacher: ['tablets', 'keys', 'audit', 'integrity', 'recognition', 'people', 'newSite', 'newChild', 'districtSettings'],
  parent: [
    'dashboard',
    'tablets',
    'children',
    'keys',
    'audit',
    'integrity',
    'recognition',
    'people',
    'newSite',
    'newChild',
    'districtSettings',
  ],
};
/** Whether the signed-in person (or the token, which reaches everything) may use a part of the page. */
const reaches = (section: Section): boolean => person === null || !NOT_FOR[person.role].includes(section);

/** Hides the parts of the page the signed-in person's role does not reach. */
function showSections(): void {
  const parts: Record<Section, HTMLElement | null> = {
    tablets: $('tabletsTitle').closest('section'),
    children: $('childrenTitle').closest('section'),
    keys: $('keysTitle').closest('section'),
    audit: $('audit'),
    integrity: $('integrity'),
    recognition: $('recognition'),
    people: null, // shown by loadAccounts when the list loads
    dashboard: null, // shown by loadDashboard when it loads
    newSite: $('newSite'),
    newChild: $('newChild'),
    districtSettings: null, // settingsHtml shows them disabled
  };
  for (const [section, el] of Object.entries(parts) as [Section, HTMLElement | null][]) if (el !== null) el.hidden = !reaches(section);
}

function keysHtml(st: Schemas['TemplateKeyStatus']): string {
  const older = st.versions.filter((v) => v.keyVersion !== st.currentVersion);
  const ofSites = older.filter((v) => v.sites > 0).map((v) => t('keys.versionSites', { version: v.keyVersion, count: v.sites }));
  const kept = older.filter((v) => v.sites === 0 && v.retiredAtMs === null).map((v) => v.keyVersion);
  const behind = st.devices.filter((d) => d.keyVersion !== d.siteVersion);
  const tablets = behind
    .map((d) => t('keys.tabletVersion', { name: d.name, version: d.keyVersion ?? t('keys.versionUnknown') }))
    .join(', ');
  return (
    `<p>${esc(t('keys.current'))} <b id="keyVersion">${st.currentVersion}</b>` +
    (ofSites.length ? ` · ${esc(t('keys.sites', { versions: ofSites.join(', ') }))}` : '') +
    (kept.length ? ` · ${esc(t('keys.kept', { versions: kept.join(', ') }))}` : '') +
    '</p><p id="keyTablets">' +
    esc(behind.length === 0 ? t('keys.allCurrent') : t('keys.behind', { count: behind.length, tablets })) +
    '</p>' +
    `<button id="rotateKey">${esc(t('keys.rotate'))}</button> <small>${esc(t('keys.rotateHelp'))}</small>`
  );
}

function rotated(r: Schemas['TemplateKeyRotation']): string {
  return [
    t('status.rotated', { keyVersion: r.keyVersion, count: r.renewedTemplates }),
    ...(r.droppedTemplates.length ? [t('status.rotatedDropped', { count: r.droppedTemplates.length })] : []),
    t('status.rotatedTablets', { count: r.tabletsToRenew }),
  ].join(' ');
}

async function loadKeys(): Promise<void> {
  const st = await api<Schemas['TemplateKeyStatus']>('GET', '/admin/v1/template-keys');
  paint(
    'keys',
    () => keysHtml(st),
    () =>
      $('rotateKey').addEventListener('click', () => {
        if (!confirm(t('confirm.rotate'))) return;
        quietly(
          api<Schemas['TemplateKeyRotation']>('POST', '/admin/v1/template-keys/rotate').then((r) => {
            say(() => rotated(r), true);
            return Promise.all([loadKeys(), loadAudit()]);
          }),
        );
      }),
  );
}

const REASONS: Record<Schemas['PurgeReceipt']['reason'], Parameters<typeof t>[0]> = {
  'consent-revoked': 'receipts.reason.consent-revoked',
  'consent-expired': 'receipts.reason.consent-expired',
  'child-removed': 'receipts.reason.child-removed',
  'biometrics-disabled': 'receipts.reason.biometrics-disabled',
};

function receiptsHtml(rs: Schemas['PurgeReceipt'][] | null): string {
  if (rs === null) return '';
  if (rs.length === 0) return `<p>${esc(t('receipts.none'))}</p>`;
  return (
    `<table><tr><th>${esc(t('receipts.col.child'))}</th><th>${esc(t('receipts.col.reason'))}</th><th>${esc(t('receipts.col.templates'))}</th><th>${esc(t('receipts.col.purged'))}</th></tr>` +
    rs
      .map(
        (r) =>
          `<tr><td>${esc(r.childId)}</td><td>${esc(t(REASONS[r.reason]))}</td><td>${r.templateIds.length}</td><td>${when(r.purgedAtMs)}</td></tr>`,
      )
      .join('') +
    '</table>'
  );
}

async function loadDevices(): Promise<void> {
  const devices = await api<Schemas['Device'][]>('GET', `/admin/v1/sites/${site()}/devices`);
  let receipts: Schemas['PurgeReceipt'][] | null = null;
  const html = (): string =>
    (devices.length === 0
      ? `<p>${esc(t('tablets.none'))}</p>`
      : `<table><tr><th>${esc(t('tablets.col.tablet'))}</th><th>${esc(t('tablets.col.paired'))}</th><th>${esc(t('tablets.col.lastSeen'))}</th><th>${esc(t('tablets.col.events'))}</th><th></th></tr>` +
        devices
          .map(
            (d) =>
              `<tr><td>${esc(d.name)}<br><small>${esc(d.deviceId)}</small></td><td>${when(d.pairedAtMs)}${d.pairedBy ? `<br><small>${esc(t('tablets.pairedBy', { name: d.pairedBy }))}</small>` : ''}</td><td>${when(d.lastSeenAtMs)}</td><td>${d.head.seq}</td><td>` +
              (d.revokedAtMs
                ? esc(t('tablets.unpaired'))
                : `<button data-revoke="${esc(d.deviceId)}">${esc(t('tablets.unpair'))}</button>`) +
              ` <button data-receipts="${esc(d.deviceId)}">${esc(t('tablets.receipts'))}</button></td></tr>`,
          )
          .join('') +
        '</table>') + `<div id="receipts">${receiptsHtml(receipts)}</div>`;
  paint('devices', html, () => {
    for (const [b, deviceId] of marked('revoke')) {
      b.addEventListener('click', () =>
        quietly(api('POST', `/admin/v1/devices/${deviceId}/revoke`).then(() => Promise.all([loadDevices(), loadKeys(), loadAudit()]))),
      );
    }
    for (const [b, deviceId] of marked('receipts')) {
      b.addEventListener('click', () =>
        quietly(
          api<Schemas['PurgeReceipt'][]>('GET', `/admin/v1/devices/${deviceId}/purge-receipts`).then((rs) => {
            receipts = rs;
            $('receipts').innerHTML = receiptsHtml(receipts);
          }),
        ),
      );
    }
  });
}

/** A person signed in with a passkey: who, and a sign-out button instead of the passkey button. */
let person: Me | null = null;
function showPerson(p: Me | null): void {
  person = p;
  $('signedIn').hidden = p === null;
  $('passkeyArea').hidden = p !== null;
  $('who').textContent = p === null ? '' : t('signin.as', { name: p.displayName, role: t(`role.${p.role}`) });
  showSections();
}

function passkeyRefused(error: unknown): void {
  const code = error instanceof PasskeyError ? error.code : 'passkey-refused';
  say(() => refusal(code, error instanceof Error ? error.message : ''), false);
}

function setUpSignIn(): void {
  $('passkeySignIn').addEventListener(
    'click',
    () =>
      void signInWithPasskey()
        .then((p) => {
          showPerson(p);
          return loadSites();
        })
        .catch(passkeyRefused),
  );
  $('signOut').addEventListener('click', () => void signOut().then(() => location.reload()));
  const code = invitationFromAddress();
  if (code !== null) {
    void checkInvitation(code)
      .then((invitation) => {
        $('inviteArea').hidden = false;
        $('inviteHello').textContent = t('signin.inviteHello', { name: invitation.displayName });
        $('inviteCreate').addEventListener(
          'click',
          () =>
            void invitation
              .start()
              .then((p) => {
                $('inviteArea').hidden = true;
                showPerson(p);
                return loadSites();
              })
              .catch(passkeyRefused),
        );
      })
      .catch(passkeyRefused);
  }
  void currentPerson().then((p) => {
    if (p === null || input('token').value) return;
    showPerson(p);
    quietly(loadSites());
  });
}

function setUp(): void {
  setUpLanguage();
  setUpRepaint();
  onLanguage(() => showPerson(person));
  setUpSignIn();
  setUpAccounts(site, loadAudit);
  input('token').value = storedToken();
  // Today where the admin is (the browser's zone), until a site's own today replaces it.
  input('day').value = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
  input('day').addEventListener('change', () => (dayChosen = true));
  input('integrityDay').value = input('day').value;
  $('connect').addEventListener('click', () => quietly(loadSites()));
  $('site').addEventListener('change', () => quietly(loadSites()));
  $<HTMLFormElement>('newSite').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = ((e.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement).value;
    quietly(api('POST', '/admin/v1/sites', { name }).then(loadSites));
  });
  $('code').addEventListener('click', () =>
    quietly(
      api<Schemas['PairingCode']>('POST', `/admin/v1/sites/${site()}/pairing-codes`).then((c) => {
        // The code goes in as a marker so that it can sit in <code> wherever the language puts it.
        paint('codeOut', () =>
          esc(t('tablets.codeOut', { code: '\u0000', time: when(c.expiresAtMs) })).replace(
            '\u0000',
            `<code>${esc(`${location.origin}/#pair=${c.code}&k=${c.fingerprint}`)}</code>`,
          ),
        );
      }),
    ),
  );
  $('report').addEventListener('click', () =>
    quietly(
      api<Schemas['DailyReport']>('GET', `/admin/v1/sites/${site()}/report?day=${input('day').value}`).then((r) => {
        const time = (ms: number | null) => (ms === null ? '—' : formatTime(ms));
        paint('reportOut', () =>
          r.rows.length === 0
            ? `<p>${esc(t('report.none'))}</p>`
            : `<table><tr><th>${esc(t('report.col.name'))}</th><th>${esc(t('report.col.group'))}</th><th>${esc(t('report.col.in'))}</th><th>${esc(t('report.col.out'))}</th></tr>` +
              r.rows
                .map(
                  (x) =>
                    `<tr><td>${esc(x.displayName)}</td><td>${esc(x.group)}</td><td>${time(x.firstInAtMs)}</td><td>${time(x.lastOutAtMs)}</td></tr>`,
                )
                .join('') +
              '</table>',
        );
      }),
    ),
  );
  $('csv').addEventListener('click', () =>
    quietly(
      call('GET', `/admin/v1/sites/${site()}/report?format=csv&day=${input('day').value}`).then(async (res) => {
        const a = document.createElement('a');
        a.href = URL.createObjectURL(await res.blob());
        a.download = `attendance-${input('day').value}.csv`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      }),
    ),
  );
  setUpChildren(site, loadAudit);
  setUpIntegrity(site);
  setUpDashboard();
  setUpRegister(site);
  setUpRecognition();
  setUpAudit();
  // A person signed in with their passkey connects with the token field left empty: their session cookie goes instead.
  if (input('token').value) quietly(loadSites());
}

setUp();
