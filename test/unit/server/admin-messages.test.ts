// The district admin page's catalog (server/admin/client/messages.ts): every key in Kazakh, Russian and English with the
// same {params} and the plural forms each language needs, Russian and Kazakh counts worded right, the first language
// chosen as documented, every refusal code the server can send translated in each language, and every audit entry kind
// summarised in each language with nothing left unfilled.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  INTL_LOCALE,
  LOCALES,
  formatDay,
  messages,
  pickLocale,
  render,
  type Message,
  type MessageKey,
  type MessagePart,
} from '../../../server/admin/client/messages';
import { AUDIT_KINDS, auditSummary, auditSummaryForm, type SummaryInput } from '../../../server/services/audit-summary';

const keys = Object.keys(messages.en) as MessageKey[];
const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholders = (m: Message): string[] =>
  [...new Set(forms(m).flatMap((f) => [...f.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)))].sort();
/** Messages that are nothing but placeholders and punctuation, the same in every language. */
const onlyPlaceholders = (m: Message): boolean => forms(m).every((f) => f.replace(/\{\w+\}/g, '').replace(/[\s():]/g, '') === '');

describe('the admin page catalog', () => {
  it("has every key in Kazakh, Russian and English, with the same parameters and each language's plural forms", () => {
    expect(keys.length).toBeGreaterThan(200);
    for (const locale of LOCALES) {
      const categories = new Intl.PluralRules(INTL_LOCALE[locale]).resolvedOptions().pluralCategories;
      expect(Object.keys(messages[locale]).sort(), locale).toEqual([...keys].sort());
      for (const key of keys) {
        const m = messages[locale][key];
        expect(
          forms(m).every((f) => f.trim().length > 0),
          `${locale} ${key}`,
        ).toBe(true);
        expect(placeholders(m), `${locale} ${key}`).toEqual(placeholders(messages.en[key]));
        if (typeof messages.en[key] !== 'string') {
          expect(typeof m, `${locale} ${key} needs plural forms`).toBe('object');
          for (const c of categories)
            expect(typeof m === 'object' && (c in m || c === 'other'), `${locale} ${key} lacks "${c}"`).toBe(true);
        }
      }
    }
  });

  it('is written in Kazakh and Russian, not copied from English or from each other', () => {
    for (const key of keys) {
      if (onlyPlaceholders(messages.en[key])) continue;
      for (const locale of ['ru', 'kk'] as const) {
        expect(forms(messages[locale][key]).join(' '), `${locale} ${key}`).toMatch(/[а-яё]/i);
      }
      // One word may be the same in both (планшет, сервер); a phrase may not.
      if (forms(messages.kk[key]).some((f) => f.trim().includes(' ')))
        expect(messages.kk[key], `kk ${key} is the Russian text`).not.toEqual(messages.ru[key]);
    }
    // Kazakh letters that Russian does not have turn up throughout the Kazakh catalog.
    const kazakh = keys.filter((k) => /[әғқңөұүһі]/i.test(forms(messages.kk[k]).join(' '))).length;
    expect(kazakh / keys.length).toBeGreaterThan(0.6);
  });

  it('words Russian and Kazakh counts by their plural rules (1, 2, 5, 21)', () => {
    const revoked = (locale: 'ru' | 'kk', count: number) => render(locale, 'summary.consent.revoked', { child: 'Амина С.', count });
    expect([1, 2, 5, 21].map((n) => revoked('ru', n))).toEqual([
      'Согласие на распознавание лица отозвано: Амина С.; удалён 1 сохранённый шаблон',
      'Согласие на распознавание лица отозвано: Амина С.; удалено 2 сохранённых шаблона',
      'Согласие на распознавание лица отозвано: Амина С.; удалено 5 сохранённых шаблонов',
      'Согласие на распознавание лица отозвано: Амина С.; удалён 21 сохранённый шаблон',
    ]);
    // Kazakh keeps the noun singular after a number.
    expect([1, 2, 5, 21].map((n) => revoked('kk', n))).toEqual(
      [1, 2, 5, 21].map((n) => `Бетті тануға келісім кері қайтарылды: Амина С.; сақталған ${n} үлгі жойылды`),
    );
    expect([1, 2, 5, 21].map((count) => render('ru', 'status.rotatedTablets', { count }))).toEqual([
      '1 планшет обновит свои шаблоны при следующей синхронизации.',
      '2 планшета обновят свои шаблоны при следующей синхронизации.',
      '5 планшетов обновят свои шаблоны при следующей синхронизации.',
      '21 планшет обновит свои шаблоны при следующей синхронизации.',
    ]);
    expect([1, 2, 5, 21].map((count) => render('ru', 'summary.staff-sign-in-refused', { count }))).toEqual([
      'Неверный PIN-код сотрудника (1 ошибка подряд)',
      'Неверный PIN-код сотрудника (2 ошибки подряд)',
      'Неверный PIN-код сотрудника (5 ошибок подряд)',
      'Неверный PIN-код сотрудника (21 ошибка подряд)',
    ]);
    expect([1, 2].map((count) => render('en', 'status.rotatedTablets', { count }))).toEqual([
      '1 tablet renews its templates at its next sync.',
      '2 tablets renew theirs at their next sync.',
    ]);
  });

  it('formats numbers and lists in the language', () => {
    const patch: MessagePart[] = [
      { key: 'part.matchThreshold', params: { value: 0.45 } },
      { key: 'part.biometrics.off', params: {} },
    ];
    expect(render('ru', 'summary.site.settings', { changes: patch })).toBe(
      'Настройки изменены: порог совпадения 0,45 и распознавание лиц выключено',
    );
    expect(render('kk', 'summary.site.settings', { changes: patch })).toBe(
      'Баптаулар өзгертілді: сәйкестік шегі 0,45 және бетті тану өшірілді',
    );
    expect(render('en', 'summary.site.settings', { changes: patch })).toBe(
      'Settings changed: match threshold 0.45 and face recognition off',
    );
  });

  it("writes a consent's day in the language, the same day in every time zone", () => {
    expect(formatDay('ru', '2026-11-23')).toBe('23 нояб. 2026 г.');
    expect(formatDay('kk', '2026-11-23')).toBe('2026 ж. 23 қар.');
    expect(formatDay('en', '2026-11-23')).toBe('23 Nov 2026');
    expect(formatDay('en', 'someday')).toBe('someday');
  });

  it("starts in the saved language, else the browser's, else Russian", () => {
    expect(pickLocale('kk', ['en-US'])).toBe('kk');
    expect(pickLocale(null, ['kk-KZ', 'ru-RU'])).toBe('kk');
    expect(pickLocale(null, ['de-DE', 'ru-KZ', 'en'])).toBe('ru');
    expect(pickLocale(null, ['en-US'])).toBe('en');
    expect(pickLocale('fr', ['uz-UZ', 'tr'])).toBe('ru');
    expect(pickLocale(null, [])).toBe('ru');
  });
});

/** Every refusal code in the server's source: HttpError(status, 'code', ...), the device auth's refuse('code', ...), error bodies. */
function serverCodes(): Set<string> {
  const files = readdirSync('server', { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.startsWith('admin/client/'),
  );
  const codes = new Set<string>();
  for (const f of files) {
    const text = readFileSync(join('server', f), 'utf8');
    for (const m of text.matchAll(/new HttpError\(\s*(\d{3}),\s*'([a-z0-9-]+)'/g)) codes.add(m[2]!);
    for (const m of text.matchAll(/\brefuse\(\s*'([a-z0-9-]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/errorBody\(\s*'([a-z0-9-]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/\{\s*code:\s*'([a-z0-9-]+)'/g)) codes.add(m[1]!);
    // A refusal whose code is not written out here would escape this test: only the device auth's refuse() may do that.
    const computed = [...text.matchAll(/new HttpError\((?!\s*\d{3},\s*')\s*([^)]*)/g)].map((m) => `${f}: ${m[1]}`);
    expect(computed).toEqual(f === join('device', 'auth.ts') ? ['device/auth.ts: 401, code, message'] : []);
  }
  return codes;
}

describe('refusals on the admin page', () => {
  it('has a translation that says what to do for every code the server can send, in each language', () => {
    const codes = serverCodes();
    expect(codes.size).toBeGreaterThanOrEqual(40);
    for (const code of ['admin-token-required', 'site-not-found', 'consent-too-long', 'signature-expired', 'server-error', 'not-found'])
      expect(codes).toContain(code);
    const missing = LOCALES.flatMap((locale) =>
      [...codes].filter((code) => !(`error.${code}` in messages[locale])).map((code) => `${locale}: ${code}`),
    );
    expect(missing).toEqual([]);
    expect(render('ru', 'error.admin-token-required')).toMatch(
      /^Токен не принят\. Вставьте токен администратора из файла \.district\/admin-token/,
    );
  });
});

const SAMPLES: Record<string, Partial<SummaryInput>> = {
  'staff-sign-in-refused': { details: { failures: 3 } },
  enrolment: { childId: 'c1', details: { templateIds: ['t1', 't2'], keyVersion: 2 } },
  'enrolment-refused': { childId: 'c1', details: { reason: 'no-consent' } },
  'twin-flag': { childId: 'c1', details: { twinOf: 'c2' } },
  purge: { childId: 'c1', details: { templateIds: ['t1'] } },
  'manual-check-in': { childId: 'c1', details: { direction: 'out' } },
  correction: { details: { direction: 'in' } },
  'settings-change': { details: { source: 'district', bundleVersion: 7, biometricsEnabled: true } },
  rekey: { details: { fromVersion: 1, toVersion: 2, renewed: 5, dropped: 0 } },
  'face-refused': {
    childId: 'c1',
    details: { padResult: 'unsure', padReason: 'few-frames', liveness: null, frames: 2, model: 'liveness-v1', rule: 'ask-bracelet' },
  },
  'consent.granted': { details: { childId: 'c1' } },
  'consent.revoked': { details: { childId: 'c1', templatesDeleted: 2 } },
  'child.removed': { details: { childId: 'c1' } },
  'site.settings': {
    details: {
      patch: { biometricsEnabled: false, nightlyWindow: { start: '01:00', end: '04:00' }, maxOfflineFaceDays: 3, assessmentRef: null },
    },
  },
  'template-key.rotated': { details: { keyVersion: 3, renewedTemplates: 21 } },
  'template-key.retired': { details: { versions: [1, 2] } },
  'template-key.renewed': { details: { keyVersion: 3 } },
  'twin-flag.recorded': { details: { children: ['c1', 'c2'] } },
  'twin-flag.cleared': { details: { childId: 'c1' } },
  'template-key.fetched': { details: { keyVersion: 2 } },
  'pickup.added': { details: { childId: 'c1', pickupId: 'p1', name: 'Дана С.', cards: 1, hasCode: true } },
  'pickup.changed': { details: { childId: 'c1', pickupId: 'p1', name: 'Дана С.', changed: ['name', 'code', 'validity'] } },
  'pickup.removed': { details: { childId: 'c1', pickupId: 'p1', name: 'Дана С.' } },
  'do-not-release.added': { details: { childId: 'c1', entryId: 'e1', name: 'Марат К.', cards: 0 } },
  'do-not-release.removed': { details: { childId: 'c1', entryId: 'e1', name: 'Марат К.' } },
  'pickup-refused': { childId: 'c1', details: { outcome: 'do-not-release', method: 'card', card: 'mifare:0D000001', entryId: 'e1' } },
  'staff-on-duty': { details: { dutyId: 'd1', group: 'Балапан' } },
  'staff-off-duty': { details: { dutyId: 'd1', group: null } },
  'reader-state': { details: { state: 'problem', readers: ['keyboard:listening', 'serial:disconnected'] } },
  'recognition-report.received': {
    details: { galleryChildren: 21, computedAtMs: 1, fpirUpper95: 0.01, fnirUpper95: 0.04, status: 'stored' },
  },
  'security.pairing-refused': { details: { count: 2000, address: '10.0.0.5', reasons: { 'pairing-code-invalid': 2000 } } },
  'security.signature-refused': { details: { count: 3, address: '10.0.0.5', reasons: { 'signature-invalid': 2, replay: 1 } } },
  'security.admin-token-refused': { details: { count: 21, address: '10.0.0.6', reasons: { 'admin-token-required': 21 } } },
  'security.rate-limited': { details: { count: 5, address: '10.0.0.7', reasons: { pairingPerAddress: 4, perDevice: 1 } } },
  'security.events-refused': { details: { count: 2, address: '10.0.0.8', reasons: { 'child-not-on-site': 2 } } },
};
Object.assign(SAMPLES, {
  'notice.subscribed': { details: { accountId: 'acct_p1', channel: 'email', how: 'parent' } },
  'notice.unsubscribed': { details: { accountId: 'acct_p1', how: 'link', channel: 'email' } },
});
const NAMES: Record<string, string> = { c1: 'Амина С.', c2: 'Айгерим С.' };

describe('audit summaries', () => {
  it('summarise every kind in each language with every parameter filled, the English line rendered from the same form', () => {
    for (const kind of AUDIT_KINDS) {
      const input: SummaryInput = {
        source: kind.includes('.') ? 'district' : 'tablet',
        kind,
        actor: 'admin',
        childId: null,
        details: {},
        ...SAMPLES[kind],
      };
      const nameOf = (id: string) => NAMES[id] ?? id;
      const form = auditSummaryForm(input, nameOf);
      expect(form.key, kind).not.toBe('summary.other');
      expect(auditSummary(input, nameOf)).toBe(render('en', form.key, form.params));
      for (const locale of LOCALES) expect(render(locale, form.key, form.params), `${locale} ${kind}`).not.toMatch(/[{}]/);
    }
    const settings = auditSummaryForm(
      { source: 'district', kind: 'site.settings', actor: 'admin', childId: null, ...SAMPLES['site.settings'] } as SummaryInput,
      (id) => id,
    );
    expect(render('en', settings.key, settings.params)).toBe(
      'Settings changed: face recognition off, nightly sync 01:00–04:00, face matching for at most 3 days offline and assessment reference cleared',
    );
    expect(render('ru', settings.key, settings.params)).toBe(
      'Настройки изменены: распознавание лиц выключено, ночная синхронизация 01:00–04:00, распознавание лиц без связи не дольше 3 дней и номер оценки воздействия удалён',
    );
  });

  it("name the tablet's roll-call-without-PIN setting, on and off, rather than calling it a reader setting", () => {
    const summary = (on: boolean) =>
      auditSummary(
        {
          source: 'tablet',
          kind: 'settings-change',
          actor: null,
          childId: null,
          details: { source: 'staff', setting: 'roll-call-without-pin', rollCallWithoutPin: on },
        },
        (id) => id,
      );
    expect(summary(true)).toBe('Staff allowed the roll call from the gate screen without the PIN');
    expect(summary(false)).toBe('Staff turned off the roll call from the gate screen without the PIN');
    const reader = auditSummary(
      { source: 'tablet', kind: 'settings-change', actor: null, childId: null, details: { source: 'staff', faceAndBracelet: true } },
      (id) => id,
    );
    expect(reader).toBe('Reader settings changed by staff');
  });
});
