// The parents' page's entry module (served as /parents/client/main.js under a strict CSP: no inline script or style):
// sign in with a passkey, or register one with the kindergarten's invitation (the code typed, or from the link's
// #invite=), then the parent's own children with today, recent days, face consent and absences, and the notices section. The page asks the
// server again every 30 seconds while it is visible, so a tablet's deletion receipt shows up without a reload.
import {
  checkInvitation,
  currentPerson,
  invitationFromAddress,
  PasskeyError,
  signInWithPasskey,
  signOut,
  type Me,
} from '../../account/client/passkey.js';
import { api, type Schemas } from './api.js';
import { childHtml, wireChildren } from './child-view.js';
import { formatDay, onLanguage, setUpLanguage, t } from './locale.js';
import { isMessageKey, type MessageKey } from './messages.js';
import { loadNotices, paintNotices, wireNotices } from './notices-view.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const REFRESH_MS = 30_000;
const escapeText = (s: string): string => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

let me: Me | null = null;
let shown: Schemas['ParentChildDetail'][] = [];
let status: (() => string) | null = null;

function say(text: (() => string) | null, ok = true): void {
  status = text;
  const msg = $('msg');
  msg.textContent = text === null ? '' : text();
  msg.className = ok ? 'ok' : 'err';
}

function sayError(error: unknown): void {
  const code = error instanceof PasskeyError ? error.code : 'other';
  const key = `error.${code}`;
  say(() => (isMessageKey(key) ? t(key as MessageKey) : t('error.other', { code })), false);
  if (code === 'session-required') void showSignedOut();
}

async function showSignedOut(): Promise<void> {
  me = null;
  shown = [];
  $('signin').hidden = false;
  $('account').hidden = true;
  $('children').innerHTML = '';
  $('notices').hidden = true;
}

function paintChildren(): void {
  const root = $('children');
  root.innerHTML = shown.length === 0 && me !== null ? `<p>${escapeText(t('children.none'))}</p>` : shown.map(childHtml).join('');
  wireChildren(root, {
    consent: (childId, action) =>
      void api<Schemas['ParentChildDetail']>('POST', `/parent/v1/children/${childId}/consent`, { action })
        .then((d) => {
          shown = shown.map((s) => (s.child.childId === childId ? d : s));
          paintChildren();
          say(() => t(action === 'grant' ? 'consent.granted' : 'consent.withdrawn'));
        })
        .catch(sayError),
    absence: (childId, report) =>
      void api<Schemas['Absence']>('POST', `/parent/v1/children/${childId}/absences`, report)
        .then(async (a) => {
          await loadChildren();
          say(() => t('absence.sent', { day: formatDay(a.day), reason: t(`absence.reason.${a.reason}` as MessageKey) }));
        })
        .catch(sayError),
  });
}

async function loadChildren(): Promise<void> {
  const list = await api<Schemas['ParentChild'][]>('GET', '/parent/v1/children');
  shown = await Promise.all(list.map((c) => api<Schemas['ParentChildDetail']>('GET', `/parent/v1/children/${c.childId}`)));
  paintChildren();
}

async function showSignedIn(person: Me): Promise<void> {
  me = person;
  $('signin').hidden = true;
  $('account').hidden = false;
  $('who').textContent = t('signedIn.as', { name: person.displayName });
  if (person.role !== 'parent') {
    say(() => t('error.not-allowed'), false);
    return;
  }
  say(null);
  await loadChildren();
  await loadNotices();
}

function setUp(): void {
  setUpLanguage();
  onLanguage(() => {
    if (status !== null) $('msg').textContent = status();
    if (me !== null) {
      $('who').textContent = t('signedIn.as', { name: me.displayName });
      if (me.role === 'parent') {
        paintChildren();
        if (!$('notices').hidden) paintNotices();
      }
    }
  });
  wireNotices((text) => say(text), sayError);
  $('signinButton').addEventListener('click', () => void signInWithPasskey().then(showSignedIn).catch(sayError));
  $('signoutButton').addEventListener('click', () => void signOut().then(showSignedOut));
  let start: (() => Promise<Me>) | null = null;
  const check = (code: string) =>
    checkInvitation(code)
      .then((invitation) => {
        start = invitation.start;
        $('inviteHello').textContent = t('invite.hello', { name: invitation.displayName });
        $('inviteNext').hidden = false;
        $('inviteCreate').focus();
      })
      .catch(sayError);
  $<HTMLFormElement>('inviteForm').addEventListener('submit', (e) => {
    e.preventDefault();
    void check($<HTMLInputElement>('inviteCode').value.trim());
  });
  $('inviteCreate').addEventListener('click', () => {
    if (start !== null) void start().then(showSignedIn).catch(sayError);
  });
  const invited = invitationFromAddress();
  void currentPerson().then(async (person) => {
    if (person !== null && invited === null) return showSignedIn(person).catch(sayError);
    await showSignedOut();
    if (invited !== null) {
      $<HTMLInputElement>('inviteCode').value = invited;
      await check(invited);
    }
  });
  setInterval(() => {
    if (document.visibilityState === 'visible' && me?.role === 'parent') void loadChildren().catch(sayError);
  }, REFRESH_MS);
}

setUp();
