// Every string of the district admin page in Kazakh, Russian and English (served as /admin/client/messages.js, and
// imported by the server, which renders the audit log's English `summary` for the CLI with the same render()). English
// defines the keys; a key missing in Russian or Kazakh is a type error. Terms follow the kiosk's own catalogs
// (src/ui/i18n/*.messages.ts): consent, bracelet, tablet, sync, template, pairing, site. Numbers, lists and dates are
// formatted here too, with Intl in the language. Pure: no DOM, no imports.

export type Locale = 'kk' | 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['kk', 'ru', 'en'];
/** The Intl locale of each language (dates, numbers, plural rules, lists); en-GB as in the kiosk (day before month). */
export const INTL_LOCALE: Record<Locale, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
/** Each language named in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Locale, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
/** A string, or plural forms chosen by the `count` parameter with Intl.PluralRules. */
export type Message = string | PluralForms;

/** A piece of a message rendered on its own (a setting that changed, a child's name) and put into a parameter. */
export interface MessagePart {
  key: string;
  params: Record<string, string | number>;
}
/** A list of parts is rendered as a list in the language ("A, B and C"); a number with Intl in the locale. */
export type MessageParam = string | number | MessagePart[];

const en = {
  'page.title': 'Gate Kiosk district admin',
  'page.header': 'district admin',
  'language.label': 'Language',
  'token.label': 'Admin token',
  'token.connect': 'Connect',
  'token.help': 'The server prints the token at its first start and keeps it in the file .district/admin-token.',
  'status.connected': 'Connected.',
  'status.settingsSaved': 'Settings saved; tablets get them at their next sync.',
  'status.refusal': '{message} ({code})',
  'status.rotated': {
    one: 'Key version {keyVersion}: {count} stored template renewed.',
    other: 'Key version {keyVersion}: {count} stored templates renewed.',
  },
  'status.rotatedDropped': {
    one: '{count} unreadable template deleted: re-enrol that child.',
    other: '{count} unreadable templates deleted: re-enrol those children.',
  },
  'status.rotatedTablets': {
    one: '{count} tablet renews its templates at its next sync.',
    other: '{count} tablets renew theirs at their next sync.',
  },
  'status.guardianMissing': 'Enter the guardian who signed the consent.',

  'sites.title': 'Sites',
  'sites.newName': 'New site name',
  'sites.create': 'Create site',
  'sites.none': 'No site yet. Create one above.',
  'settings.face': 'Face recognition:',
  'settings.on': 'on',
  'settings.off': 'off',
  'settings.assessment': '(assessment {ref})',
  'settings.bundle': 'bundle version {revision}',
  'settings.assessmentRef': 'Assessment reference',
  'settings.bioOn': 'Switch face recognition on',
  'settings.bioOff': 'Switch it off',
  'settings.window': 'Nightly sync (site time):',
  'settings.days': 'Face matching stops after this many days offline:',
  'settings.threshold': 'Match threshold:',
  'settings.margin': 'Margin:',
  'settings.save': 'Save settings',
  'confirm.bioOff': 'Switch face recognition off? Every tablet of this site deletes its face templates at its next sync.',

  'tablets.title': 'Tablets',
  'tablets.code': 'Create a pairing code',
  'tablets.codeOut': 'Enter {code} on the tablet (valid until {time}, once).',
  'tablets.col.tablet': 'Tablet',
  'tablets.col.paired': 'Paired',
  'tablets.col.lastSeen': 'Last seen',
  'tablets.col.events': 'Events held',
  'tablets.unpaired': 'unpaired',
  'tablets.unpair': 'Unpair',
  'tablets.receipts': 'Purge receipts',
  'tablets.none': 'No tablet paired with this site yet. Create a pairing code and enter it on the tablet.',
  'receipts.none': 'No purge receipts from this tablet.',
  'receipts.col.child': 'Child',
  'receipts.col.reason': 'Reason',
  'receipts.col.templates': 'Templates',
  'receipts.col.purged': 'Purged',
  'receipts.reason.consent-revoked': 'consent withdrawn',
  'receipts.reason.consent-expired': 'consent expired',
  'receipts.reason.child-removed': 'child removed',
  'receipts.reason.biometrics-disabled': 'face recognition switched off',

  'keys.title': 'Face template key',
  'keys.current': 'Current version',
  'keys.kept': 'older versions kept until every tablet has renewed: {versions}',
  'keys.allCurrent': 'Every paired tablet holds the current version.',
  'keys.behind': {
    one: '{count} tablet still to renew (at its next sync; unpair it if it never comes back): {tablets}',
    other: '{count} tablets still to renew (at their next sync; unpair one that never comes back): {tablets}',
  },
  'keys.tabletVersion': '{name} (version {version})',
  'keys.versionUnknown': 'unknown',
  'keys.rotate': 'Rotate the key',
  'keys.rotateHelp':
    'Renews every stored face template under a new secret key; tablets renew theirs at their next sync. Do it on a schedule, or when a tablet or a backup may have been exposed.',
  'confirm.rotate':
    'Rotate the district face template key? Stored templates are renewed now, every tablet renews its own at its next sync.',

  'children.title': 'Children',
  'children.name': 'Name',
  'children.group': 'Group',
  'children.bracelet': 'Bracelet, e.g. mifare:04A1B2C3',
  'children.add': 'Add child',
  'children.none': "No children on this site's roster yet. Add them above.",
  'children.col.name': 'Name',
  'children.col.group': 'Group',
  'children.col.bracelets': 'Bracelets',
  'children.col.consent': 'Face consent',
  'children.col.templates': 'Templates',
  'children.col.twin': 'Twin of (face and bracelet)',
  'children.consentUntil': '{guardian}, until {date}',
  'children.revoke': 'Revoke',
  'children.guardian': 'Guardian name',
  'children.relation': 'Relation',
  'children.recordConsent': 'Record consent',
  'children.withdrew': '{guardian} withdrew it on {date}',
  'children.expired': 'consent of {guardian} expired on {date}',
  'children.clearTwin': 'Clear',
  'children.remove': 'Remove',
  'confirm.revokeConsent': "Revoke this consent? The child's face templates are deleted now and on every tablet at its next sync.",
  'confirm.clearTwin':
    'Clear this twin flag? After their next sync the tablets no longer ask these children for face and bracelet together.',
  'confirm.removeChild': 'Remove this child from the roster?',

  'report.title': 'Daily report',
  'report.show': 'Show',
  'report.csv': 'Download CSV',
  'report.col.name': 'Name',
  'report.col.group': 'Group',
  'report.col.in': 'In',
  'report.col.out': 'Out',
  'report.none': 'No children on the roster of this site that day.',

  'audit.title': 'Audit log',
  'audit.intro':
    "What the district admin did here and what each tablet recorded (staff sign-ins, enrolments, purges, hand marks), newest first. Each tablet's log is a hash chain: an entry changed or removed after upload breaks it.",
  'audit.site': 'Site',
  'audit.allSites': 'All sites',
  'audit.kind': 'Kind',
  'audit.allKinds': 'All kinds',
  'audit.refresh': 'Refresh',
  'audit.col.time': 'Time',
  'audit.col.site': 'Site',
  'audit.col.tablet': 'Tablet',
  'audit.col.kind': 'Kind',
  'audit.col.who': 'Who',
  'audit.col.what': 'What',
  'audit.district': 'district',
  'audit.empty': 'No entries match.',
  'audit.older': 'Older entries',
  'chains.verifyAll': 'Verify every entry again',
  'chains.none': 'No tablets yet.',
  'chains.col.tablet': 'Tablet',
  'chains.col.entries': 'Entries',
  'chains.col.chain': 'Hash chain',
  'chains.ok': 'verifies',
  'chains.okEmpty': '(nothing uploaded yet)',
  'chains.okUpTo': '(up to entry {seq})',
  'chains.broken': 'does not verify',
  'chains.problem.listing': "entry {seq}'s listed time, kind or child differ from its hashed contents.",
  'chains.problem.hash': 'entry {seq} was changed after upload: its contents no longer match its hash.',
  'chains.problem.link': 'entry {seq} does not link to the entry before it: an entry was changed, removed or inserted.',
  'chains.problem.gap': 'entries before {seq} are missing.',
  'chains.problem.ends-early':
    'the stored log differs from entry {seq} on from what the tablet uploaded (its accepted log ends at entry {headSeq}): entries were removed or replaced.',

  'kind.staff-sign-in': 'staff sign-in',
  'kind.staff-sign-in-refused': 'staff sign-in refused',
  'kind.enrolment': 'face enrolment',
  'kind.enrolment-refused': 'enrolment refused',
  'kind.twin-flag': 'twin flag (tablet)',
  'kind.purge': 'template purge (tablet)',
  'kind.manual-check-in': 'marked by hand',
  'kind.correction': 'correction',
  'kind.settings-change': 'tablet settings',
  'kind.rekey': 're-key (tablet)',
  'kind.consent.granted': 'consent recorded',
  'kind.consent.revoked': 'consent withdrawn',
  'kind.child.removed': 'child removed',
  'kind.device.paired': 'tablet paired',
  'kind.device.revoked': 'tablet unpaired',
  'kind.site.settings': 'site settings',
  'kind.template-key.rotated': 'key rotated',
  'kind.template-key.retired': 'key retired',
  'kind.template-key.renewed': 'key renewed (tablet)',
  'kind.twin-flag.recorded': 'twin flag recorded',
  'kind.twin-flag.cleared': 'twin flag cleared',
  'kind.security.pairing-refused': 'pairing refused',
  'kind.security.signature-refused': 'signature refused',
  'kind.security.admin-token-refused': 'wrong admin token',
  'kind.security.rate-limited': 'rate limit reached',
  'kind.security.events-refused': 'check-ins refused',
  'kind.admin-token.rotated': 'admin token rotated',
  'kind.template-key.fetched': 'key fetched (tablet)',
  'actor.district-admin': 'district admin',
  'actor.staff': 'staff (shared PIN)',
  'actor.tablet': 'tablet',
  'actor.server': 'server',

  'summary.staff-sign-in': 'Staff signed in',
  'summary.staff-sign-in-refused': {
    one: 'Wrong staff PIN ({count} failure in a row)',
    other: 'Wrong staff PIN ({count} failures in a row)',
  },
  'summary.enrolment': { one: 'Face enrolled for {child}: {count} template', other: 'Face enrolled for {child}: {count} templates' },
  'summary.enrolment.keyVersion': {
    one: 'Face enrolled for {child}: {count} template, key version {keyVersion}',
    other: 'Face enrolled for {child}: {count} templates, key version {keyVersion}',
  },
  'summary.enrolment-refused': 'Enrolment refused for {child}',
  'summary.enrolment-refused.no-consent': 'Enrolment refused for {child}: no active face consent',
  'summary.enrolment-refused.reason': 'Enrolment refused for {child}: {reason}',
  'summary.twin-flag': '{child} flagged with {other}: face and bracelet together',
  'summary.purge': {
    one: 'Face templates of {child} deleted on the tablet ({count} template)',
    other: 'Face templates of {child} deleted on the tablet ({count} templates)',
  },
  'summary.manual-check-in.in': '{child} marked in by hand',
  'summary.manual-check-in.out': '{child} marked out by hand',
  'summary.correction': 'A check-in or check-out corrected',
  'summary.correction.in': 'A check-in or check-out corrected (now in)',
  'summary.correction.out': 'A check-in or check-out corrected (now out)',
  'summary.correction.other': 'A check-in or check-out corrected (now {direction})',
  'summary.settings-change.pin': 'Staff PIN changed',
  'summary.settings-change.district.on': 'District settings applied (bundle version {bundleVersion}, face recognition on)',
  'summary.settings-change.district.off': 'District settings applied (bundle version {bundleVersion}, face recognition off)',
  'summary.settings-change.reader': 'Reader settings changed by staff',
  'summary.rekey': 'Face templates renewed from key version {fromVersion} to {toVersion} ({renewed} renewed, {dropped} unreadable)',
  'summary.consent.granted': 'Face consent recorded for {child}',
  'summary.consent.revoked': {
    one: 'Face consent withdrawn for {child}; {count} stored template deleted',
    other: 'Face consent withdrawn for {child}; {count} stored templates deleted',
  },
  'summary.child.removed': '{child} removed from the roster',
  'summary.device.paired': 'Tablet paired with a one-time code',
  'summary.device.revoked': 'Tablet unpaired',
  'summary.site.settings': 'Settings changed: {changes}',
  'summary.template-key.rotated': {
    one: 'Face template key rotated to version {keyVersion} ({count} stored template renewed)',
    other: 'Face template key rotated to version {keyVersion} ({count} stored templates renewed)',
  },
  'summary.template-key.retired': 'Old template key versions retired: {versions}',
  'summary.template-key.renewed': 'Tablet renewed its face templates to key version {keyVersion}',
  'summary.twin-flag.recorded': 'Twin flag recorded: {children}',
  'summary.twin-flag.cleared': 'Twin flag cleared for {child}',
  'summary.security.pairing-refused': {
    one: '{count} pairing attempt refused from {address} ({reasons})',
    other: '{count} pairing attempts refused from {address} ({reasons})',
  },
  'summary.security.signature-refused': {
    one: '{count} tablet request refused from {address}: its signature did not verify ({reasons})',
    other: '{count} tablet requests refused from {address}: their signatures did not verify ({reasons})',
  },
  'summary.security.admin-token-refused': {
    one: '{count} request with a wrong admin token from {address}',
    other: '{count} requests with a wrong admin token from {address}',
  },
  'summary.security.rate-limited': {
    one: '{count} request over the rate limit from {address} ({reasons})',
    other: '{count} requests over the rate limit from {address} ({reasons})',
  },
  'summary.security.events-refused': {
    one: '{count} check-in or check-out refused as implausible ({reasons})',
    other: '{count} check-ins or check-outs refused as implausible ({reasons})',
  },
  'summary.admin-token.rotated': 'Admin token rotated; the old one no longer works',
  'summary.template-key.fetched': 'Tablet fetched the face template key (version {keyVersion})',
  'part.reason': '{code}: {count}',
  'part.limit.pairingPerAddress': 'pairing from one address: {count}',
  'part.limit.pairingTotal': 'pairing from all addresses: {count}',
  'part.limit.devicePerAddress': 'tablet requests from one address: {count}',
  'part.limit.perDevice': 'requests of one tablet: {count}',
  'summary.other': '{kind}',
  'part.text': '{text}',
  'part.someChild': 'a child',
  'part.otherChild': 'another child',
  'part.biometrics.on': 'face recognition on',
  'part.biometrics.off': 'face recognition off',
  'part.nightlyWindow': 'nightly sync {start}–{end}',
  'part.assessmentRef': 'assessment reference {value}',
  'part.assessmentRef.cleared': 'assessment reference cleared',
  'part.matchThreshold': 'match threshold {value}',
  'part.matchMargin': 'match margin {value}',
  'part.maxOfflineFaceDays': {
    one: 'face matching for at most {count} day offline',
    other: 'face matching for at most {count} days offline',
  },
  'part.setting': '{setting} {value}',
  'part.setting.cleared': '{setting} cleared',

  'error.admin-token-required':
    "The token was not accepted. Paste the admin token from the file .district/admin-token on the server (it is printed at the server's first start) and press Connect.",
  'error.assessment-required':
    'Face recognition can only be switched on with the reference of the data-protection impact assessment: enter it in the "Assessment reference" field first.',
  'error.audit-chain':
    "A tablet's audit log does not continue the log the district holds. The tablet tries again at its next sync; if this stays, check its hash chain in the audit log.",
  'error.audit-hash':
    "A tablet sent an audit entry that does not match its hash, and it was refused. Check the tablet's hash chain in the audit log.",
  'error.bad-cursor': 'This page of the audit log is no longer valid. Press Refresh to start again from the newest entries.',
  'error.bad-day': 'The date is not valid. Pick a day in the date field and try again.',
  'error.bad-json': 'The server could not read the request. Reload the page and try again.',
  'error.bad-limit': 'The number of entries per page must be a whole number from 1 to 200.',
  'error.bad-proof': "The tablet's pairing proof does not verify. Create a new pairing code and pair the tablet again.",
  'error.bad-public-key': 'The tablet sent an unusable key. Create a new pairing code and pair the tablet again.',
  'error.bad-receipt-signature':
    "A purge receipt does not carry the tablet's valid signature and was refused. If this stays, unpair the tablet and pair it again.",
  'error.bad-time-zone': 'The time zone is not known. Use a name such as Asia/Almaty.',
  'error.biometrics-disabled':
    'Face recognition is switched off for this site, so face templates are not accepted. Switch it on in the site settings first.',
  'error.body-too-large': 'The request is too large. Send less at once.',
  'error.bracelet-taken':
    'This bracelet already belongs to another child. Check the bracelet number: one bracelet can belong to one child only.',
  'error.child-exists': 'This child is on the roster already. Reload the page to see the roster.',
  'error.child-not-found': 'This child is not on the roster (perhaps removed meanwhile). Reload the page.',
  'error.child-not-on-site': "This child is not on the roster of the tablet's site. Check which site the child belongs to.",
  'error.consent-expiry-before-grant': 'A consent cannot end before the day it was given. Check the dates.',
  'error.consent-not-found': 'This consent no longer exists. Reload the page.',
  'error.consent-required': "This child has no active face consent, so the face was not stored. Record the guardian's consent first.",
  'error.consent-too-long': 'A face consent lasts at most 12 months. Ask the guardian to renew it then.',
  'error.device-not-found': 'This tablet is not known (perhaps unpaired meanwhile). Reload the page.',
  'error.device-unknown': 'This tablet is not paired with the district. Create a pairing code and pair it again.',
  'error.device-revoked': 'This tablet was unpaired. To use it again, create a pairing code and pair it again.',
  'error.invalid-request':
    'The request is not valid: check the fields you filled in (required ones, numbers within their range) and try again.',
  'error.pairing-code-invalid': 'The pairing code is unknown, used or expired. Create a new code and enter it on the tablet.',
  'error.site-not-found': 'This site no longer exists. Reload the page and pick a site.',
  'error.template-id-taken': 'A tablet sent a face template that belongs to another child. Enrol the child again on the tablet.',
  'error.template-key-retired':
    'A tablet sent a template under a retired key version. It renews its templates at its next sync and sends them again; nothing to do.',
  'error.template-key-unknown': 'A tablet uses a face template key the district does not have. Unpair the tablet and pair it again.',
  'error.template-unreadable':
    'A face template does not open under the district key and was not stored. Enrol the child again on the tablet.',
  'error.unknown-kind': 'There is no such kind of audit entry. Pick one from the list.',
  'error.signature-missing': "The tablet's request was not signed. Update the kiosk on the tablet; if this stays, pair it again.",
  'error.signature-malformed': "The tablet's request signature is damaged. Update the kiosk on the tablet; if this stays, pair it again.",
  'error.signature-invalid': "The tablet's request signature does not verify. Unpair the tablet and pair it again.",
  'error.signature-expired': "The tablet's clock is wrong. Set the correct date and time on the tablet.",
  'error.digest-mismatch':
    "The tablet's request arrived damaged. The tablet tries again at its next sync; check the network if this stays.",
  'error.replay': 'The same request arrived twice and the copy was refused; nothing to do.',
  'error.not-found': 'The server has no such address. Reload the page; if this stays, update the district server.',
  'error.server-error': 'The server failed. Try again; if this stays, check the server log.',
  'error.contract-violation': 'The server produced an answer outside its contract. Check the server log and report it to the developers.',
  'error.bad-answer': 'The server answered with something unexpected. Check that the district server is running, then reload the page.',
  'error.bad-url': 'The address is not valid. Reload the page; if this stays, check the link.',
  'error.json-too-deep': 'The request is nested too deeply to be read. Reload the page and try again.',
  'error.rate-limited': 'Too many requests at once. Wait a minute and try again.',
  'error.admin-token-fixed': 'The admin token is set by DISTRICT_ADMIN_TOKEN on the server: set a new value there and restart the server.',
  'error.template-bad-length':
    'A tablet sent a face template of the wrong size, so it was not stored. Update the kiosk on the tablet; if this stays, unpair it.',
  'error.template-date-invalid':
    "A tablet sent a face template dated in the future or more than 12 months ago. Check the tablet's date and time, then enrol the child again.",
  'error.template-superseded':
    'A tablet sent an older enrolment of a child whose newer enrolment is stored; the older one was not kept. Nothing to do.',
  'error.template-limit':
    'A tablet sent more face templates for one enrolment of a child than the district keeps (10), so the rest was not stored. Enrol the child again on the tablet.',
  'error.https-required': 'The server takes requests over HTTPS only. Open the admin page with https://.',
  'error.network': 'The server did not answer. Check the network and that the district server is running, then try again.',
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof en;

const ru: Record<MessageKey, Message> = {
  'page.title': 'Gate Kiosk: администрирование района',
  'page.header': 'администрирование района',
  'language.label': 'Язык',
  'token.label': 'Токен администратора',
  'token.connect': 'Подключиться',
  'token.help': 'Сервер выводит токен при первом запуске и хранит его в файле .district/admin-token.',
  'status.connected': 'Подключено.',
  'status.settingsSaved': 'Настройки сохранены; планшеты получат их при следующей синхронизации.',
  'status.refusal': '{message} ({code})',
  'status.rotated': {
    one: 'Версия ключа {keyVersion}: обновлён {count} сохранённый шаблон.',
    few: 'Версия ключа {keyVersion}: обновлено {count} сохранённых шаблона.',
    many: 'Версия ключа {keyVersion}: обновлено {count} сохранённых шаблонов.',
    other: 'Версия ключа {keyVersion}: обновлено {count} сохранённого шаблона.',
  },
  'status.rotatedDropped': {
    one: 'Удалён {count} нечитаемый шаблон: запишите лицо этого ребёнка заново.',
    few: 'Удалено {count} нечитаемых шаблона: запишите лица этих детей заново.',
    many: 'Удалено {count} нечитаемых шаблонов: запишите лица этих детей заново.',
    other: 'Удалено {count} нечитаемого шаблона: запишите лица этих детей заново.',
  },
  'status.rotatedTablets': {
    one: '{count} планшет обновит свои шаблоны при следующей синхронизации.',
    few: '{count} планшета обновят свои шаблоны при следующей синхронизации.',
    many: '{count} планшетов обновят свои шаблоны при следующей синхронизации.',
    other: '{count} планшета обновят свои шаблоны при следующей синхронизации.',
  },
  'status.guardianMissing': 'Укажите законного представителя, подписавшего согласие.',

  'sites.title': 'Организации',
  'sites.newName': 'Название новой организации',
  'sites.create': 'Создать организацию',
  'sites.none': 'Организаций пока нет. Создайте первую выше.',
  'settings.face': 'Распознавание лиц:',
  'settings.on': 'включено',
  'settings.off': 'выключено',
  'settings.assessment': '(оценка воздействия {ref})',
  'settings.bundle': 'версия пакета {revision}',
  'settings.assessmentRef': 'Номер оценки воздействия',
  'settings.bioOn': 'Включить распознавание лиц',
  'settings.bioOff': 'Выключить',
  'settings.window': 'Ночная синхронизация (время организации):',
  'settings.days': 'Распознавание лиц останавливается, если планшет без связи столько дней:',
  'settings.threshold': 'Порог совпадения:',
  'settings.margin': 'Запас:',
  'settings.save': 'Сохранить настройки',
  'confirm.bioOff': 'Выключить распознавание лиц? Каждый планшет этой организации удалит шаблоны лиц при следующей синхронизации.',

  'tablets.title': 'Планшеты',
  'tablets.code': 'Создать код привязки',
  'tablets.codeOut': 'Введите {code} на планшете (действует до {time}, один раз).',
  'tablets.col.tablet': 'Планшет',
  'tablets.col.paired': 'Привязан',
  'tablets.col.lastSeen': 'Последняя связь',
  'tablets.col.events': 'Отметок получено',
  'tablets.unpaired': 'отвязан',
  'tablets.unpair': 'Отвязать',
  'tablets.receipts': 'Квитанции удаления',
  'tablets.none': 'К этой организации ещё не привязан ни один планшет. Создайте код привязки и введите его на планшете.',
  'receipts.none': 'От этого планшета нет квитанций удаления.',
  'receipts.col.child': 'Ребёнок',
  'receipts.col.reason': 'Причина',
  'receipts.col.templates': 'Шаблоны',
  'receipts.col.purged': 'Удалено',
  'receipts.reason.consent-revoked': 'согласие отозвано',
  'receipts.reason.consent-expired': 'срок согласия истёк',
  'receipts.reason.child-removed': 'ребёнок удалён из списка',
  'receipts.reason.biometrics-disabled': 'распознавание лиц выключено',

  'keys.title': 'Ключ шаблонов лиц',
  'keys.current': 'Текущая версия',
  'keys.kept': 'старые версии хранятся, пока их не обновят все планшеты: {versions}',
  'keys.allCurrent': 'У каждого привязанного планшета текущая версия.',
  'keys.behind': {
    one: 'Ещё не обновился {count} планшет (обновится при следующей синхронизации; отвяжите его, если он не вернётся): {tablets}',
    few: 'Ещё не обновились {count} планшета (при следующей синхронизации; отвяжите тот, что не вернётся): {tablets}',
    many: 'Ещё не обновились {count} планшетов (при следующей синхронизации; отвяжите тот, что не вернётся): {tablets}',
    other: 'Ещё не обновились {count} планшета (при следующей синхронизации; отвяжите тот, что не вернётся): {tablets}',
  },
  'keys.tabletVersion': '{name} (версия {version})',
  'keys.versionUnknown': 'неизвестна',
  'keys.rotate': 'Сменить ключ',
  'keys.rotateHelp':
    'Переводит все сохранённые шаблоны лиц на новый секретный ключ; планшеты обновят свои при следующей синхронизации. Делайте это по графику или если планшет или резервная копия могли попасть в чужие руки.',
  'confirm.rotate':
    'Сменить ключ шаблонов лиц района? Сохранённые шаблоны обновятся сейчас, каждый планшет обновит свои при следующей синхронизации.',

  'children.title': 'Дети',
  'children.name': 'Имя',
  'children.group': 'Группа',
  'children.bracelet': 'Браслет, например mifare:04A1B2C3',
  'children.add': 'Добавить ребёнка',
  'children.none': 'В списке детей этой организации пока никого нет. Добавьте детей выше.',
  'children.col.name': 'Имя',
  'children.col.group': 'Группа',
  'children.col.bracelets': 'Браслеты',
  'children.col.consent': 'Согласие на распознавание лица',
  'children.col.templates': 'Шаблоны',
  'children.col.twin': 'Близнец (лицо и браслет)',
  'children.consentUntil': '{guardian}, до {date}',
  'children.revoke': 'Отозвать',
  'children.guardian': 'ФИО законного представителя',
  'children.relation': 'Кем приходится',
  'children.recordConsent': 'Записать согласие',
  'children.withdrew': '{guardian} отозвал(а) согласие {date}',
  'children.expired': 'срок согласия ({guardian}) истёк {date}',
  'children.clearTwin': 'Снять',
  'children.remove': 'Удалить',
  'confirm.revokeConsent':
    'Отозвать это согласие? Шаблоны лица ребёнка удаляются сейчас и на каждом планшете при его следующей синхронизации.',
  'confirm.clearTwin':
    'Снять отметку близнецов? После следующей синхронизации планшеты перестанут требовать у этих детей лицо и браслет вместе.',
  'confirm.removeChild': 'Удалить этого ребёнка из списка детей?',

  'report.title': 'Отчёт за день',
  'report.show': 'Показать',
  'report.csv': 'Скачать CSV',
  'report.col.name': 'Имя',
  'report.col.group': 'Группа',
  'report.col.in': 'Приход',
  'report.col.out': 'Уход',
  'report.none': 'В тот день в списке детей этой организации никого не было.',

  'audit.title': 'Журнал аудита',
  'audit.intro':
    'Что здесь делал администратор района и что записал каждый планшет (входы сотрудников, запись лиц, удаления, отметки вручную), сначала новые. Журнал каждого планшета — цепочка хешей: запись, изменённая или удалённая после загрузки, разрывает её.',
  'audit.site': 'Организация',
  'audit.allSites': 'Все организации',
  'audit.kind': 'Вид',
  'audit.allKinds': 'Все виды',
  'audit.refresh': 'Обновить',
  'audit.col.time': 'Время',
  'audit.col.site': 'Организация',
  'audit.col.tablet': 'Планшет',
  'audit.col.kind': 'Вид',
  'audit.col.who': 'Кто',
  'audit.col.what': 'Что',
  'audit.district': 'район',
  'audit.empty': 'Подходящих записей нет.',
  'audit.older': 'Более старые записи',
  'chains.verifyAll': 'Проверить все записи заново',
  'chains.none': 'Планшетов пока нет.',
  'chains.col.tablet': 'Планшет',
  'chains.col.entries': 'Записей',
  'chains.col.chain': 'Цепочка хешей',
  'chains.ok': 'проверена',
  'chains.okEmpty': '(пока ничего не загружено)',
  'chains.okUpTo': '(до записи {seq})',
  'chains.broken': 'не проходит проверку',
  'chains.problem.listing': 'у записи {seq} время, вид или ребёнок не совпадают с её хешированным содержимым.',
  'chains.problem.hash': 'запись {seq} изменена после загрузки: её содержимое больше не совпадает с хешем.',
  'chains.problem.link': 'запись {seq} не ссылается на предыдущую: запись была изменена, удалена или вставлена.',
  'chains.problem.gap': 'записи до {seq} отсутствуют.',
  'chains.problem.ends-early':
    'начиная с записи {seq} сохранённый журнал расходится с тем, что загрузил планшет (его принятый журнал заканчивается записью {headSeq}): записи удалены или подменены.',

  'kind.staff-sign-in': 'вход сотрудника',
  'kind.staff-sign-in-refused': 'вход сотрудника отклонён',
  'kind.enrolment': 'запись лица',
  'kind.enrolment-refused': 'запись лица отклонена',
  'kind.twin-flag': 'отметка близнецов (планшет)',
  'kind.purge': 'удаление шаблонов (планшет)',
  'kind.manual-check-in': 'отметка вручную',
  'kind.correction': 'исправление',
  'kind.settings-change': 'настройки планшета',
  'kind.rekey': 'обновление ключа (планшет)',
  'kind.consent.granted': 'согласие записано',
  'kind.consent.revoked': 'согласие отозвано',
  'kind.child.removed': 'ребёнок удалён',
  'kind.device.paired': 'планшет привязан',
  'kind.device.revoked': 'планшет отвязан',
  'kind.site.settings': 'настройки организации',
  'kind.template-key.rotated': 'ключ сменён',
  'kind.template-key.retired': 'ключ выведен из работы',
  'kind.template-key.renewed': 'ключ обновлён (планшет)',
  'kind.twin-flag.recorded': 'отметка близнецов записана',
  'kind.twin-flag.cleared': 'отметка близнецов снята',
  'kind.security.pairing-refused': 'отклонённая привязка',
  'kind.security.signature-refused': 'отклонённая подпись',
  'kind.security.admin-token-refused': 'неверный токен администратора',
  'kind.security.rate-limited': 'превышен лимит запросов',
  'kind.security.events-refused': 'отклонённые отметки',
  'kind.admin-token.rotated': 'токен администратора заменён',
  'kind.template-key.fetched': 'ключ запрошен (планшет)',
  'actor.district-admin': 'администратор района',
  'actor.staff': 'сотрудник (общий PIN-код)',
  'actor.tablet': 'планшет',
  'actor.server': 'сервер',

  'summary.staff-sign-in': 'Сотрудник вошёл',
  'summary.staff-sign-in-refused': {
    one: 'Неверный PIN-код сотрудника ({count} ошибка подряд)',
    few: 'Неверный PIN-код сотрудника ({count} ошибки подряд)',
    many: 'Неверный PIN-код сотрудника ({count} ошибок подряд)',
    other: 'Неверный PIN-код сотрудника ({count} ошибки подряд)',
  },
  'summary.enrolment': {
    one: 'Лицо записано: {child}, {count} шаблон',
    few: 'Лицо записано: {child}, {count} шаблона',
    many: 'Лицо записано: {child}, {count} шаблонов',
    other: 'Лицо записано: {child}, {count} шаблона',
  },
  'summary.enrolment.keyVersion': {
    one: 'Лицо записано: {child}, {count} шаблон, версия ключа {keyVersion}',
    few: 'Лицо записано: {child}, {count} шаблона, версия ключа {keyVersion}',
    many: 'Лицо записано: {child}, {count} шаблонов, версия ключа {keyVersion}',
    other: 'Лицо записано: {child}, {count} шаблона, версия ключа {keyVersion}',
  },
  'summary.enrolment-refused': 'Запись лица отклонена: {child}',
  'summary.enrolment-refused.no-consent': 'Запись лица отклонена: {child}, нет действующего согласия на распознавание лица',
  'summary.enrolment-refused.reason': 'Запись лица отклонена: {child} ({reason})',
  'summary.twin-flag': '{child} и {other} отмечены как близнецы: лицо и браслет вместе',
  'summary.purge': {
    one: 'Шаблоны лица удалены на планшете: {child} ({count} шаблон)',
    few: 'Шаблоны лица удалены на планшете: {child} ({count} шаблона)',
    many: 'Шаблоны лица удалены на планшете: {child} ({count} шаблонов)',
    other: 'Шаблоны лица удалены на планшете: {child} ({count} шаблона)',
  },
  'summary.manual-check-in.in': '{child}: приход отмечен вручную',
  'summary.manual-check-in.out': '{child}: уход отмечен вручную',
  'summary.correction': 'Отметка прихода или ухода исправлена',
  'summary.correction.in': 'Отметка прихода или ухода исправлена (теперь приход)',
  'summary.correction.out': 'Отметка прихода или ухода исправлена (теперь уход)',
  'summary.correction.other': 'Отметка прихода или ухода исправлена (теперь {direction})',
  'summary.settings-change.pin': 'PIN-код сотрудника изменён',
  'summary.settings-change.district.on': 'Применены настройки района (версия пакета {bundleVersion}, распознавание лиц включено)',
  'summary.settings-change.district.off': 'Применены настройки района (версия пакета {bundleVersion}, распознавание лиц выключено)',
  'summary.settings-change.reader': 'Сотрудник изменил настройки считывателя',
  'summary.rekey': 'Шаблоны лиц переведены с версии ключа {fromVersion} на {toVersion} (обновлено: {renewed}, нечитаемых: {dropped})',
  'summary.consent.granted': 'Согласие на распознавание лица записано: {child}',
  'summary.consent.revoked': {
    one: 'Согласие на распознавание лица отозвано: {child}; удалён {count} сохранённый шаблон',
    few: 'Согласие на распознавание лица отозвано: {child}; удалено {count} сохранённых шаблона',
    many: 'Согласие на распознавание лица отозвано: {child}; удалено {count} сохранённых шаблонов',
    other: 'Согласие на распознавание лица отозвано: {child}; удалено {count} сохранённого шаблона',
  },
  'summary.child.removed': '{child}: удалён(а) из списка детей',
  'summary.device.paired': 'Планшет привязан одноразовым кодом',
  'summary.device.revoked': 'Планшет отвязан',
  'summary.site.settings': 'Настройки изменены: {changes}',
  'summary.template-key.rotated': {
    one: 'Ключ шаблонов лиц сменён на версию {keyVersion} (обновлён {count} сохранённый шаблон)',
    few: 'Ключ шаблонов лиц сменён на версию {keyVersion} (обновлено {count} сохранённых шаблона)',
    many: 'Ключ шаблонов лиц сменён на версию {keyVersion} (обновлено {count} сохранённых шаблонов)',
    other: 'Ключ шаблонов лиц сменён на версию {keyVersion} (обновлено {count} сохранённого шаблона)',
  },
  'summary.template-key.retired': 'Старые версии ключа шаблонов выведены из работы: {versions}',
  'summary.template-key.renewed': 'Планшет перевёл свои шаблоны лиц на версию ключа {keyVersion}',
  'summary.twin-flag.recorded': 'Отметка близнецов записана: {children}',
  'summary.twin-flag.cleared': 'Отметка близнецов снята: {child}',
  'summary.security.pairing-refused': {
    one: '{count} попытка привязки с адреса {address} отклонена ({reasons})',
    few: '{count} попытки привязки с адреса {address} отклонены ({reasons})',
    many: '{count} попыток привязки с адреса {address} отклонено ({reasons})',
    other: '{count} попытки привязки с адреса {address} отклонено ({reasons})',
  },
  'summary.security.signature-refused': {
    one: '{count} запрос планшета с адреса {address} отклонён: подпись не прошла проверку ({reasons})',
    few: '{count} запроса планшета с адреса {address} отклонены: подпись не прошла проверку ({reasons})',
    many: '{count} запросов планшета с адреса {address} отклонено: подпись не прошла проверку ({reasons})',
    other: '{count} запроса планшета с адреса {address} отклонено: подпись не прошла проверку ({reasons})',
  },
  'summary.security.admin-token-refused': {
    one: '{count} запрос с неверным токеном администратора с адреса {address}',
    few: '{count} запроса с неверным токеном администратора с адреса {address}',
    many: '{count} запросов с неверным токеном администратора с адреса {address}',
    other: '{count} запроса с неверным токеном администратора с адреса {address}',
  },
  'summary.security.rate-limited': {
    one: '{count} запрос сверх лимита с адреса {address} ({reasons})',
    few: '{count} запроса сверх лимита с адреса {address} ({reasons})',
    many: '{count} запросов сверх лимита с адреса {address} ({reasons})',
    other: '{count} запроса сверх лимита с адреса {address} ({reasons})',
  },
  'summary.security.events-refused': {
    one: '{count} отметка прихода или ухода отклонена как неправдоподобная ({reasons})',
    few: '{count} отметки прихода или ухода отклонены как неправдоподобные ({reasons})',
    many: '{count} отметок прихода или ухода отклонено как неправдоподобные ({reasons})',
    other: '{count} отметки прихода или ухода отклонено как неправдоподобные ({reasons})',
  },
  'summary.admin-token.rotated': 'Токен администратора заменён; старый больше не действует',
  'summary.template-key.fetched': 'Планшет запросил ключ шаблонов лиц (версия {keyVersion})',
  'part.reason': '{code}: {count}',
  'part.limit.pairingPerAddress': 'привязка с одного адреса: {count}',
  'part.limit.pairingTotal': 'привязка со всех адресов: {count}',
  'part.limit.devicePerAddress': 'запросы планшетов с одного адреса: {count}',
  'part.limit.perDevice': 'запросы одного планшета: {count}',
  'summary.other': '{kind}',
  'part.text': '{text}',
  'part.someChild': 'ребёнок',
  'part.otherChild': 'другой ребёнок',
  'part.biometrics.on': 'распознавание лиц включено',
  'part.biometrics.off': 'распознавание лиц выключено',
  'part.nightlyWindow': 'ночная синхронизация {start}–{end}',
  'part.assessmentRef': 'номер оценки воздействия {value}',
  'part.assessmentRef.cleared': 'номер оценки воздействия удалён',
  'part.matchThreshold': 'порог совпадения {value}',
  'part.matchMargin': 'запас совпадения {value}',
  'part.maxOfflineFaceDays': {
    one: 'распознавание лиц без связи не дольше {count} дня',
    few: 'распознавание лиц без связи не дольше {count} дней',
    many: 'распознавание лиц без связи не дольше {count} дней',
    other: 'распознавание лиц без связи не дольше {count} дня',
  },
  'part.setting': '{setting} {value}',
  'part.setting.cleared': '{setting}: значение удалено',

  'error.admin-token-required':
    'Токен не принят. Вставьте токен администратора из файла .district/admin-token на сервере (сервер выводит его при первом запуске) и нажмите «Подключиться».',
  'error.assessment-required':
    'Распознавание лиц можно включить только с номером оценки воздействия на защиту данных: сначала заполните поле «Номер оценки воздействия».',
  'error.audit-chain':
    'Журнал аудита планшета не продолжает журнал, который хранит район. Планшет повторит попытку при следующей синхронизации; если ошибка не исчезнет, проверьте его цепочку хешей в журнале аудита.',
  'error.audit-hash':
    'Планшет прислал запись журнала, не совпадающую с её хешем, и она отклонена. Проверьте цепочку хешей планшета в журнале аудита.',
  'error.bad-cursor': 'Эта страница журнала аудита устарела. Нажмите «Обновить», чтобы начать с самых новых записей.',
  'error.bad-day': 'Дата указана неверно. Выберите день в поле даты и попробуйте снова.',
  'error.bad-json': 'Сервер не смог прочитать запрос. Обновите страницу и попробуйте снова.',
  'error.bad-limit': 'Число записей на странице должно быть целым, от 1 до 200.',
  'error.bad-proof': 'Подтверждение привязки планшета не прошло проверку. Создайте новый код привязки и привяжите планшет заново.',
  'error.bad-public-key': 'Планшет прислал непригодный ключ. Создайте новый код привязки и привяжите планшет заново.',
  'error.bad-receipt-signature':
    'Квитанция удаления не подписана этим планшетом и отклонена. Если ошибка не исчезнет, отвяжите планшет и привяжите его заново.',
  'error.bad-time-zone': 'Неизвестный часовой пояс. Укажите название вида Asia/Almaty.',
  'error.biometrics-disabled':
    'Распознавание лиц в этой организации выключено, поэтому шаблоны лиц не принимаются. Сначала включите его в настройках организации.',
  'error.body-too-large': 'Запрос слишком большой. Отправляйте меньше за один раз.',
  'error.bracelet-taken': 'Этот браслет уже принадлежит другому ребёнку. Проверьте номер браслета: один браслет — только у одного ребёнка.',
  'error.child-exists': 'Этот ребёнок уже есть в списке. Обновите страницу, чтобы увидеть список.',
  'error.child-not-found': 'Этого ребёнка нет в списке детей (возможно, его только что удалили). Обновите страницу.',
  'error.child-not-on-site':
    'Этого ребёнка нет в списке детей организации, к которой привязан планшет. Проверьте, в какой организации ребёнок.',
  'error.consent-expiry-before-grant': 'Согласие не может закончиться раньше дня, когда оно дано. Проверьте даты.',
  'error.consent-not-found': 'Этого согласия больше нет. Обновите страницу.',
  'error.consent-required':
    'У этого ребёнка нет действующего согласия на распознавание лица, поэтому лицо не сохранено. Сначала запишите согласие законного представителя.',
  'error.consent-too-long':
    'Согласие на распознавание лица действует не больше 12 месяцев. Тогда попросите законного представителя продлить его.',
  'error.device-not-found': 'Этот планшет неизвестен (возможно, его только что отвязали). Обновите страницу.',
  'error.device-unknown': 'Этот планшет не привязан к району. Создайте код привязки и привяжите его заново.',
  'error.device-revoked': 'Этот планшет отвязан. Чтобы снова им пользоваться, создайте код привязки и привяжите его заново.',
  'error.invalid-request':
    'Запрос заполнен неверно: проверьте поля (обязательные заполнены, числа в допустимых пределах) и попробуйте снова.',
  'error.pairing-code-invalid': 'Код привязки неизвестен, уже использован или просрочен. Создайте новый код и введите его на планшете.',
  'error.site-not-found': 'Этой организации больше нет. Обновите страницу и выберите организацию.',
  'error.template-id-taken': 'Планшет прислал шаблон лица, который принадлежит другому ребёнку. Запишите лицо ребёнка на планшете заново.',
  'error.template-key-retired':
    'Планшет прислал шаблон на выведенной из работы версии ключа. Он обновит свои шаблоны при следующей синхронизации и пришлёт их снова; делать ничего не нужно.',
  'error.template-key-unknown': 'Планшет использует ключ шаблонов лиц, которого нет у района. Отвяжите планшет и привяжите его заново.',
  'error.template-unreadable': 'Шаблон лица не открывается ключом района и не сохранён. Запишите лицо ребёнка на планшете заново.',
  'error.unknown-kind': 'Такого вида записей журнала нет. Выберите вид из списка.',
  'error.signature-missing': 'Запрос планшета не подписан. Обновите киоск на планшете; если ошибка не исчезнет, привяжите его заново.',
  'error.signature-malformed':
    'Подпись запроса планшета повреждена. Обновите киоск на планшете; если ошибка не исчезнет, привяжите его заново.',
  'error.signature-invalid': 'Подпись запроса планшета не проходит проверку. Отвяжите планшет и привяжите его заново.',
  'error.signature-expired': 'На планшете неверное время. Установите на планшете правильные дату и время.',
  'error.digest-mismatch':
    'Запрос планшета пришёл повреждённым. Планшет повторит попытку при следующей синхронизации; если ошибка не исчезнет, проверьте сеть.',
  'error.replay': 'Один и тот же запрос пришёл дважды, повтор отклонён; делать ничего не нужно.',
  'error.not-found': 'На сервере нет такого адреса. Обновите страницу; если ошибка не исчезнет, обновите сервер района.',
  'error.server-error': 'Сбой сервера. Попробуйте снова; если ошибка не исчезнет, посмотрите журнал сервера.',
  'error.contract-violation': 'Сервер дал ответ вне своего контракта. Посмотрите журнал сервера и сообщите разработчикам.',
  'error.bad-answer': 'Сервер ответил что-то неожиданное. Проверьте, что сервер района запущен, и обновите страницу.',
  'error.bad-url': 'Адрес недействителен. Обновите страницу; если ошибка не исчезнет, проверьте ссылку.',
  'error.json-too-deep': 'Запрос слишком глубоко вложен, сервер его не читает. Обновите страницу и попробуйте снова.',
  'error.rate-limited': 'Слишком много запросов сразу. Подождите минуту и попробуйте снова.',
  'error.admin-token-fixed':
    'Токен администратора задан переменной DISTRICT_ADMIN_TOKEN на сервере: задайте там новое значение и перезапустите сервер.',
  'error.template-bad-length':
    'Планшет прислал шаблон лица неверного размера, он не сохранён. Обновите киоск на планшете; если ошибка не исчезнет, отвяжите его.',
  'error.template-date-invalid':
    'Планшет прислал шаблон лица с датой в будущем или старше 12 месяцев. Проверьте дату и время на планшете и запишите лицо ребёнка заново.',
  'error.template-superseded':
    'Планшет прислал более старую запись лица ребёнка, у которого уже сохранена более новая; старая не сохранена. Делать ничего не нужно.',
  'error.template-limit':
    'Планшет прислал для одной записи лица ребёнка больше шаблонов, чем хранит район (10); лишние не сохранены. Запишите лицо ребёнка на планшете заново.',
  'error.https-required': 'Сервер принимает запросы только по HTTPS. Откройте страницу администратора по адресу https://.',
  'error.network': 'Сервер не ответил. Проверьте сеть и что сервер района запущен, затем попробуйте снова.',
};

const kk: Record<MessageKey, Message> = {
  'page.title': 'Gate Kiosk: аудан әкімшілігі',
  'page.header': 'аудан әкімшілігі',
  'language.label': 'Тіл',
  'token.label': 'Әкімші токені',
  'token.connect': 'Қосылу',
  'token.help': 'Сервер токенді алғаш іске қосылғанда шығарады және оны .district/admin-token файлында сақтайды.',
  'status.connected': 'Қосылды.',
  'status.settingsSaved': 'Баптаулар сақталды; планшеттер оларды келесі синхрондау кезінде алады.',
  'status.refusal': '{message} ({code})',
  'status.rotated': {
    one: 'Кілт нұсқасы {keyVersion}: сақталған {count} үлгі жаңартылды.',
    other: 'Кілт нұсқасы {keyVersion}: сақталған {count} үлгі жаңартылды.',
  },
  'status.rotatedDropped': {
    one: 'Оқылмайтын {count} үлгі жойылды: сол баланың бетін қайта тіркеңіз.',
    other: 'Оқылмайтын {count} үлгі жойылды: сол балалардың бетін қайта тіркеңіз.',
  },
  'status.rotatedTablets': {
    one: '{count} планшет өз үлгілерін келесі синхрондау кезінде жаңартады.',
    other: '{count} планшет өз үлгілерін келесі синхрондау кезінде жаңартады.',
  },
  'status.guardianMissing': 'Келісімге қол қойған заңды өкілді көрсетіңіз.',

  'sites.title': 'Ұйымдар',
  'sites.newName': 'Жаңа ұйымның атауы',
  'sites.create': 'Ұйым құру',
  'sites.none': 'Әзірге ұйым жоқ. Жоғарыда біріншісін құрыңыз.',
  'settings.face': 'Бетті тану:',
  'settings.on': 'қосулы',
  'settings.off': 'өшірулі',
  'settings.assessment': '(әсерді бағалау {ref})',
  'settings.bundle': 'пакет нұсқасы {revision}',
  'settings.assessmentRef': 'Әсерді бағалау нөмірі',
  'settings.bioOn': 'Бетті тануды қосу',
  'settings.bioOff': 'Өшіру',
  'settings.window': 'Түнгі синхрондау (ұйым уақыты):',
  'settings.days': 'Планшет осынша күн байланыссыз болса, бетті тану тоқтайды:',
  'settings.threshold': 'Сәйкестік шегі:',
  'settings.margin': 'Қор:',
  'settings.save': 'Баптауларды сақтау',
  'confirm.bioOff': 'Бетті тануды өшіру керек пе? Бұл ұйымның әр планшеті келесі синхрондау кезінде бет үлгілерін жояды.',

  'tablets.title': 'Планшеттер',
  'tablets.code': 'Байланыстыру кодын жасау',
  'tablets.codeOut': 'Планшетке {code} кодын енгізіңіз ({time} дейін, бір рет жарамды).',
  'tablets.col.tablet': 'Планшет',
  'tablets.col.paired': 'Байланыстырылды',
  'tablets.col.lastSeen': 'Соңғы байланыс',
  'tablets.col.events': 'Алынған белгілер',
  'tablets.unpaired': 'ажыратылған',
  'tablets.unpair': 'Ажырату',
  'tablets.receipts': 'Жою түбіртектері',
  'tablets.none': 'Бұл ұйымға әлі бірде-бір планшет байланыстырылмаған. Байланыстыру кодын жасап, оны планшетке енгізіңіз.',
  'receipts.none': 'Бұл планшеттен жою түбіртектері жоқ.',
  'receipts.col.child': 'Бала',
  'receipts.col.reason': 'Себебі',
  'receipts.col.templates': 'Үлгілер',
  'receipts.col.purged': 'Жойылды',
  'receipts.reason.consent-revoked': 'келісім кері қайтарылды',
  'receipts.reason.consent-expired': 'келісімнің мерзімі өтті',
  'receipts.reason.child-removed': 'бала тізімнен шығарылды',
  'receipts.reason.biometrics-disabled': 'бетті тану өшірілді',

  'keys.title': 'Бет үлгілерінің кілті',
  'keys.current': 'Ағымдағы нұсқа',
  'keys.kept': 'барлық планшет жаңартқанша ескі нұсқалар сақталады: {versions}',
  'keys.allCurrent': 'Байланыстырылған әр планшетте ағымдағы нұсқа бар.',
  'keys.behind': {
    one: '{count} планшет әлі жаңартылмаған (келесі синхрондау кезінде жаңартады; ол қайтып оралмаса, оны ажыратыңыз): {tablets}',
    other: '{count} планшет әлі жаңартылмаған (келесі синхрондау кезінде жаңартады; қайтып оралмағанын ажыратыңыз): {tablets}',
  },
  'keys.tabletVersion': '{name} ({version} нұсқа)',
  'keys.versionUnknown': 'белгісіз',
  'keys.rotate': 'Кілтті ауыстыру',
  'keys.rotateHelp':
    'Сақталған барлық бет үлгілерін жаңа құпия кілтке көшіреді; планшеттер өз үлгілерін келесі синхрондау кезінде жаңартады. Мұны кесте бойынша немесе планшет не сақтық көшірме бөгде қолға түсуі мүмкін болғанда жасаңыз.',
  'confirm.rotate':
    'Ауданның бет үлгілері кілтін ауыстыру керек пе? Сақталған үлгілер қазір жаңартылады, әр планшет өз үлгілерін келесі синхрондау кезінде жаңартады.',

  'children.title': 'Балалар',
  'children.name': 'Аты',
  'children.group': 'Топ',
  'children.bracelet': 'Білезік, мысалы mifare:04A1B2C3',
  'children.add': 'Баланы қосу',
  'children.none': 'Бұл ұйымның балалар тізімінде әзірге ешкім жоқ. Балаларды жоғарыда қосыңыз.',
  'children.col.name': 'Аты',
  'children.col.group': 'Топ',
  'children.col.bracelets': 'Білезіктер',
  'children.col.consent': 'Бетті тануға келісім',
  'children.col.templates': 'Үлгілер',
  'children.col.twin': 'Егізі (бет және білезік)',
  'children.consentUntil': '{guardian}, {date} дейін',
  'children.revoke': 'Кері қайтару',
  'children.guardian': 'Заңды өкілдің аты-жөні',
  'children.relation': 'Туыстығы',
  'children.recordConsent': 'Келісімді тіркеу',
  'children.withdrew': '{guardian} келісімін {date} кері қайтарды',
  'children.expired': '{guardian} келісімінің мерзімі {date} өтті',
  'children.clearTwin': 'Алып тастау',
  'children.remove': 'Тізімнен шығару',
  'confirm.revokeConsent':
    'Бұл келісімді кері қайтару керек пе? Баланың бет үлгілері қазір және әр планшетте оның келесі синхрондауы кезінде жойылады.',
  'confirm.clearTwin':
    'Егіз белгісін алып тастау керек пе? Келесі синхрондаудан кейін планшеттер бұл балалардан бет пен білезікті бірге сұрамайды.',
  'confirm.removeChild': 'Бұл баланы балалар тізімінен шығару керек пе?',

  'report.title': 'Күндік есеп',
  'report.show': 'Көрсету',
  'report.csv': 'CSV жүктеп алу',
  'report.col.name': 'Аты',
  'report.col.group': 'Топ',
  'report.col.in': 'Келді',
  'report.col.out': 'Кетті',
  'report.none': 'Ол күні бұл ұйымның балалар тізімінде ешкім болмады.',

  'audit.title': 'Аудит журналы',
  'audit.intro':
    'Аудан әкімшісі мұнда не істегені және әр планшет не жазғаны (қызметкерлердің кіруі, бетті тіркеу, жою, қолмен белгілеу), жаңалары басында. Әр планшеттің журналы — хеш тізбегі: жүктелгеннен кейін өзгертілген не жойылған жазба оны үзеді.',
  'audit.site': 'Ұйым',
  'audit.allSites': 'Барлық ұйымдар',
  'audit.kind': 'Түрі',
  'audit.allKinds': 'Барлық түрлер',
  'audit.refresh': 'Жаңарту',
  'audit.col.time': 'Уақыты',
  'audit.col.site': 'Ұйым',
  'audit.col.tablet': 'Планшет',
  'audit.col.kind': 'Түрі',
  'audit.col.who': 'Кім',
  'audit.col.what': 'Не',
  'audit.district': 'аудан',
  'audit.empty': 'Сәйкес жазба жоқ.',
  'audit.older': 'Ескірек жазбалар',
  'chains.verifyAll': 'Барлық жазбаны қайта тексеру',
  'chains.none': 'Әзірге планшет жоқ.',
  'chains.col.tablet': 'Планшет',
  'chains.col.entries': 'Жазбалар',
  'chains.col.chain': 'Хеш тізбегі',
  'chains.ok': 'тексерілді',
  'chains.okEmpty': '(әзірге ештеңе жүктелмеген)',
  'chains.okUpTo': '({seq} жазбаға дейін)',
  'chains.broken': 'тексеруден өтпейді',
  'chains.problem.listing': '{seq} жазбаның уақыты, түрі немесе баласы оның хештелген мазмұнымен сәйкес келмейді.',
  'chains.problem.hash': '{seq} жазба жүктелгеннен кейін өзгертілген: мазмұны енді хешіне сәйкес келмейді.',
  'chains.problem.link': '{seq} жазба алдыңғы жазбамен байланыспайды: жазба өзгертілген, жойылған немесе қосылған.',
  'chains.problem.gap': '{seq} жазбаға дейінгі жазбалар жоқ.',
  'chains.problem.ends-early':
    'сақталған журнал {seq} жазбадан бастап планшет жүктегеннен өзгеше (оның қабылданған журналы {headSeq} жазбамен аяқталады): жазбалар жойылған немесе ауыстырылған.',

  'kind.staff-sign-in': 'қызметкердің кіруі',
  'kind.staff-sign-in-refused': 'қызметкердің кіруі қабылданбады',
  'kind.enrolment': 'бетті тіркеу',
  'kind.enrolment-refused': 'бетті тіркеу қабылданбады',
  'kind.twin-flag': 'егіз белгісі (планшет)',
  'kind.purge': 'үлгілерді жою (планшет)',
  'kind.manual-check-in': 'қолмен белгілеу',
  'kind.correction': 'түзету',
  'kind.settings-change': 'планшет баптаулары',
  'kind.rekey': 'кілтті жаңарту (планшет)',
  'kind.consent.granted': 'келісім тіркелді',
  'kind.consent.revoked': 'келісім кері қайтарылды',
  'kind.child.removed': 'бала тізімнен шығарылды',
  'kind.device.paired': 'планшет байланыстырылды',
  'kind.device.revoked': 'планшет ажыратылды',
  'kind.site.settings': 'ұйым баптаулары',
  'kind.template-key.rotated': 'кілт ауыстырылды',
  'kind.template-key.retired': 'кілт қолданыстан шығарылды',
  'kind.template-key.renewed': 'кілт жаңартылды (планшет)',
  'kind.twin-flag.recorded': 'егіз белгісі тіркелді',
  'kind.twin-flag.cleared': 'егіз белгісі алынды',
  'kind.security.pairing-refused': 'байланыстыру қабылданбады',
  'kind.security.signature-refused': 'қолтаңба қабылданбады',
  'kind.security.admin-token-refused': 'әкімші токені қате',
  'kind.security.rate-limited': 'сұраулар шегінен асты',
  'kind.security.events-refused': 'белгілер қабылданбады',
  'kind.admin-token.rotated': 'әкімші токені ауыстырылды',
  'kind.template-key.fetched': 'кілт сұралды (планшет)',
  'actor.district-admin': 'аудан әкімшісі',
  'actor.staff': 'қызметкер (ортақ PIN-код)',
  'actor.tablet': 'планшет',
  'actor.server': 'сервер',

  'summary.staff-sign-in': 'Қызметкер кірді',
  'summary.staff-sign-in-refused': {
    one: 'Қызметкердің PIN-коды қате (қатарынан {count} рет)',
    other: 'Қызметкердің PIN-коды қате (қатарынан {count} рет)',
  },
  'summary.enrolment': { one: 'Беті тіркелді: {child}, {count} үлгі', other: 'Беті тіркелді: {child}, {count} үлгі' },
  'summary.enrolment.keyVersion': {
    one: 'Беті тіркелді: {child}, {count} үлгі, кілт нұсқасы {keyVersion}',
    other: 'Беті тіркелді: {child}, {count} үлгі, кілт нұсқасы {keyVersion}',
  },
  'summary.enrolment-refused': 'Бетті тіркеу қабылданбады: {child}',
  'summary.enrolment-refused.no-consent': 'Бетті тіркеу қабылданбады: {child}, бетті тануға жарамды келісім жоқ',
  'summary.enrolment-refused.reason': 'Бетті тіркеу қабылданбады: {child} ({reason})',
  'summary.twin-flag': '{child} мен {other} егіз ретінде белгіленді: бет пен білезік бірге',
  'summary.purge': {
    one: 'Бет үлгілері планшетте жойылды: {child} ({count} үлгі)',
    other: 'Бет үлгілері планшетте жойылды: {child} ({count} үлгі)',
  },
  'summary.manual-check-in.in': '{child}: келуі қолмен белгіленді',
  'summary.manual-check-in.out': '{child}: кетуі қолмен белгіленді',
  'summary.correction': 'Келу немесе кету белгісі түзетілді',
  'summary.correction.in': 'Келу немесе кету белгісі түзетілді (енді келу)',
  'summary.correction.out': 'Келу немесе кету белгісі түзетілді (енді кету)',
  'summary.correction.other': 'Келу немесе кету белгісі түзетілді (енді {direction})',
  'summary.settings-change.pin': 'Қызметкер PIN-коды ауыстырылды',
  'summary.settings-change.district.on': 'Аудан баптаулары қолданылды (пакет нұсқасы {bundleVersion}, бетті тану қосулы)',
  'summary.settings-change.district.off': 'Аудан баптаулары қолданылды (пакет нұсқасы {bundleVersion}, бетті тану өшірулі)',
  'summary.settings-change.reader': 'Қызметкер оқу құрылғысының баптауларын өзгертті',
  'summary.rekey':
    'Бет үлгілері кілттің {fromVersion} нұсқасынан {toVersion} нұсқасына көшірілді (жаңартылды: {renewed}, оқылмады: {dropped})',
  'summary.consent.granted': 'Бетті тануға келісім тіркелді: {child}',
  'summary.consent.revoked': {
    one: 'Бетті тануға келісім кері қайтарылды: {child}; сақталған {count} үлгі жойылды',
    other: 'Бетті тануға келісім кері қайтарылды: {child}; сақталған {count} үлгі жойылды',
  },
  'summary.child.removed': '{child} балалар тізімінен шығарылды',
  'summary.device.paired': 'Планшет бір реттік кодпен байланыстырылды',
  'summary.device.revoked': 'Планшет ажыратылды',
  'summary.site.settings': 'Баптаулар өзгертілді: {changes}',
  'summary.template-key.rotated': {
    one: 'Бет үлгілерінің кілті {keyVersion} нұсқаға ауыстырылды (сақталған {count} үлгі жаңартылды)',
    other: 'Бет үлгілерінің кілті {keyVersion} нұсқаға ауыстырылды (сақталған {count} үлгі жаңартылды)',
  },
  'summary.template-key.retired': 'Үлгі кілтінің ескі нұсқалары қолданыстан шығарылды: {versions}',
  'summary.template-key.renewed': 'Планшет өз бет үлгілерін кілттің {keyVersion} нұсқасына көшірді',
  'summary.twin-flag.recorded': 'Егіз белгісі тіркелді: {children}',
  'summary.twin-flag.cleared': 'Егіз белгісі алынды: {child}',
  'summary.security.pairing-refused': {
    one: '{address} мекенжайынан байланыстырудың {count} әрекеті қабылданбады ({reasons})',
    other: '{address} мекенжайынан байланыстырудың {count} әрекеті қабылданбады ({reasons})',
  },
  'summary.security.signature-refused': {
    one: '{address} мекенжайынан планшеттің {count} сұрауы қабылданбады: қолтаңба тексеруден өтпеді ({reasons})',
    other: '{address} мекенжайынан планшеттің {count} сұрауы қабылданбады: қолтаңба тексеруден өтпеді ({reasons})',
  },
  'summary.security.admin-token-refused': {
    one: '{address} мекенжайынан әкімші токені қате {count} сұрау',
    other: '{address} мекенжайынан әкімші токені қате {count} сұрау',
  },
  'summary.security.rate-limited': {
    one: '{address} мекенжайынан шектен тыс {count} сұрау ({reasons})',
    other: '{address} мекенжайынан шектен тыс {count} сұрау ({reasons})',
  },
  'summary.security.events-refused': {
    one: 'Келу немесе кету туралы {count} белгі күмәнді деп қабылданбады ({reasons})',
    other: 'Келу немесе кету туралы {count} белгі күмәнді деп қабылданбады ({reasons})',
  },
  'summary.admin-token.rotated': 'Әкімші токені ауыстырылды; ескісі енді жарамсыз',
  'summary.template-key.fetched': 'Планшет бет үлгілерінің кілтін сұрады ({keyVersion} нұсқа)',
  'part.reason': '{code}: {count}',
  'part.limit.pairingPerAddress': 'бір мекенжайдан байланыстыру: {count}',
  'part.limit.pairingTotal': 'барлық мекенжайлардан байланыстыру: {count}',
  'part.limit.devicePerAddress': 'бір мекенжайдан планшет сұраулары: {count}',
  'part.limit.perDevice': 'бір планшеттің сұраулары: {count}',
  'summary.other': '{kind}',
  'part.text': '{text}',
  'part.someChild': 'бала',
  'part.otherChild': 'басқа бала',
  'part.biometrics.on': 'бетті тану қосылды',
  'part.biometrics.off': 'бетті тану өшірілді',
  'part.nightlyWindow': 'түнгі синхрондау {start}–{end}',
  'part.assessmentRef': 'әсерді бағалау нөмірі {value}',
  'part.assessmentRef.cleared': 'әсерді бағалау нөмірі өшірілді',
  'part.matchThreshold': 'сәйкестік шегі {value}',
  'part.matchMargin': 'сәйкестік қоры {value}',
  'part.maxOfflineFaceDays': { one: 'байланыссыз бетті тану ең көбі {count} күн', other: 'байланыссыз бетті тану ең көбі {count} күн' },
  'part.setting': '{setting} {value}',
  'part.setting.cleared': '{setting}: мәні өшірілді',

  'error.admin-token-required':
    'Токен қабылданбады. Сервердегі .district/admin-token файлынан әкімші токенін қойып (сервер оны алғаш іске қосылғанда шығарады), «Қосылу» түймесін басыңыз.',
  'error.assessment-required':
    'Бетті тануды деректерді қорғауға әсерді бағалау нөмірімен ғана қосуға болады: алдымен «Әсерді бағалау нөмірі» өрісін толтырыңыз.',
  'error.audit-chain':
    'Планшеттің аудит журналы аудандағы журналдың жалғасы емес. Планшет келесі синхрондау кезінде қайталайды; қате қайталанса, оның хеш тізбегін аудит журналынан тексеріңіз.',
  'error.audit-hash':
    'Планшет хешіне сәйкес келмейтін аудит жазбасын жіберді, ол қабылданбады. Планшеттің хеш тізбегін аудит журналынан тексеріңіз.',
  'error.bad-cursor': 'Аудит журналының бұл беті ескірді. Ең жаңа жазбалардан бастау үшін «Жаңарту» түймесін басыңыз.',
  'error.bad-day': 'Күн қате көрсетілген. Күн өрісінен күнді таңдап, қайталаңыз.',
  'error.bad-json': 'Сервер сұрауды оқи алмады. Бетті жаңартып, қайталаңыз.',
  'error.bad-limit': 'Бір беттегі жазбалар саны 1-ден 200-ге дейінгі бүтін сан болуы керек.',
  'error.bad-proof': 'Планшеттің байланыстыру растамасы тексеруден өтпеді. Жаңа байланыстыру кодын жасап, планшетті қайта байланыстырыңыз.',
  'error.bad-public-key': 'Планшет жарамсыз кілт жіберді. Жаңа байланыстыру кодын жасап, планшетті қайта байланыстырыңыз.',
  'error.bad-receipt-signature':
    'Жою түбіртегіне бұл планшет қол қоймаған, ол қабылданбады. Қате қайталанса, планшетті ажыратып, қайта байланыстырыңыз.',
  'error.bad-time-zone': 'Уақыт белдеуі белгісіз. Asia/Almaty сияқты атауды көрсетіңіз.',
  'error.biometrics-disabled':
    'Бұл ұйымда бетті тану өшірулі, сондықтан бет үлгілері қабылданбайды. Алдымен оны ұйым баптауларында қосыңыз.',
  'error.body-too-large': 'Сұрау тым үлкен. Бір жолы азырақ жіберіңіз.',
  'error.bracelet-taken': 'Бұл білезік басқа балаға тиесілі. Білезік нөмірін тексеріңіз: бір білезік тек бір балада болады.',
  'error.child-exists': 'Бұл бала тізімде бар. Тізімді көру үшін бетті жаңартыңыз.',
  'error.child-not-found': 'Бұл бала балалар тізімінде жоқ (мүмкін, жаңа ғана шығарылған). Бетті жаңартыңыз.',
  'error.child-not-on-site': 'Бұл бала планшет байланыстырылған ұйымның балалар тізімінде жоқ. Бала қай ұйымда екенін тексеріңіз.',
  'error.consent-expiry-before-grant': 'Келісім берілген күнінен бұрын аяқтала алмайды. Күндерді тексеріңіз.',
  'error.consent-not-found': 'Бұл келісім енді жоқ. Бетті жаңартыңыз.',
  'error.consent-required':
    'Бұл баланың бетті тануға жарамды келісімі жоқ, сондықтан беті сақталмады. Алдымен заңды өкілдің келісімін тіркеңіз.',
  'error.consent-too-long': 'Бетті тануға келісім ең көбі 12 ай жарамды. Сонда заңды өкілден оны ұзартуды сұраңыз.',
  'error.device-not-found': 'Бұл планшет белгісіз (мүмкін, жаңа ғана ажыратылған). Бетті жаңартыңыз.',
  'error.device-unknown': 'Бұл планшет ауданға байланыстырылмаған. Байланыстыру кодын жасап, оны қайта байланыстырыңыз.',
  'error.device-revoked': 'Бұл планшет ажыратылған. Оны қайта пайдалану үшін байланыстыру кодын жасап, қайта байланыстырыңыз.',
  'error.invalid-request':
    'Сұрау дұрыс толтырылмаған: өрістерді тексеріңіз (міндеттілері толтырылған, сандар рұқсат етілген шекте) және қайталаңыз.',
  'error.pairing-code-invalid': 'Байланыстыру коды белгісіз, қолданылған немесе мерзімі өткен. Жаңа код жасап, оны планшетке енгізіңіз.',
  'error.site-not-found': 'Бұл ұйым енді жоқ. Бетті жаңартып, ұйымды таңдаңыз.',
  'error.template-id-taken': 'Планшет басқа балаға тиесілі бет үлгісін жіберді. Баланың бетін планшетте қайта тіркеңіз.',
  'error.template-key-retired':
    'Планшет қолданыстан шығарылған кілт нұсқасындағы үлгіні жіберді. Ол үлгілерін келесі синхрондау кезінде жаңартып, қайта жібереді; ештеңе істеудің қажеті жоқ.',
  'error.template-key-unknown': 'Планшет ауданда жоқ бет үлгілері кілтін қолданады. Планшетті ажыратып, қайта байланыстырыңыз.',
  'error.template-unreadable': 'Бет үлгісі аудан кілтімен ашылмайды және сақталмады. Баланың бетін планшетте қайта тіркеңіз.',
  'error.unknown-kind': 'Аудит жазбасының мұндай түрі жоқ. Тізімнен түрін таңдаңыз.',
  'error.signature-missing':
    'Планшеттің сұрауына қол қойылмаған. Планшеттегі киоскіні жаңартыңыз; қате қайталанса, оны қайта байланыстырыңыз.',
  'error.signature-malformed':
    'Планшет сұрауының қолтаңбасы бүлінген. Планшеттегі киоскіні жаңартыңыз; қате қайталанса, оны қайта байланыстырыңыз.',
  'error.signature-invalid': 'Планшет сұрауының қолтаңбасы тексеруден өтпейді. Планшетті ажыратып, қайта байланыстырыңыз.',
  'error.signature-expired': 'Планшеттің уақыты қате. Планшетте дұрыс күн мен уақытты орнатыңыз.',
  'error.digest-mismatch':
    'Планшеттің сұрауы бүлініп келді. Планшет келесі синхрондау кезінде қайталайды; қате қайталанса, желіні тексеріңіз.',
  'error.replay': 'Бір сұрау екі рет келді, қайталанғаны қабылданбады; ештеңе істеудің қажеті жоқ.',
  'error.not-found': 'Серверде мұндай мекенжай жоқ. Бетті жаңартыңыз; қате қайталанса, аудан серверін жаңартыңыз.',
  'error.server-error': 'Серверде ақау болды. Қайталаңыз; қате қайталанса, сервер журналын қараңыз.',
  'error.contract-violation': 'Сервер келісімшарттан тыс жауап берді. Сервер журналын қарап, әзірлеушілерге хабарлаңыз.',
  'error.bad-answer': 'Сервер күтпеген жауап берді. Аудан сервері жұмыс істеп тұрғанын тексеріп, бетті жаңартыңыз.',
  'error.bad-url': 'Мекенжай жарамсыз. Бетті жаңартыңыз; қате қайталанса, сілтемені тексеріңіз.',
  'error.json-too-deep': 'Сұрау тым терең салынған, сервер оны оқымайды. Бетті жаңартып, қайталаңыз.',
  'error.rate-limited': 'Бір мезетте тым көп сұрау. Бір минут күтіп, қайталаңыз.',
  'error.admin-token-fixed':
    'Әкімші токені серверде DISTRICT_ADMIN_TOKEN айнымалысымен берілген: онда жаңа мән беріп, серверді қайта іске қосыңыз.',
  'error.template-bad-length':
    'Планшет өлшемі қате бет үлгісін жіберді, ол сақталмады. Планшеттегі киоскіні жаңартыңыз; қате қайталанса, оны ажыратыңыз.',
  'error.template-date-invalid':
    'Планшет болашақ күнмен немесе 12 айдан ескі бет үлгісін жіберді. Планшеттегі күн мен уақытты тексеріп, баланың бетін қайта тіркеңіз.',
  'error.template-superseded':
    'Планшет бетінің жаңарақ тіркеуі сақталған баланың ескі тіркеуін жіберді; ескісі сақталмады. Ештеңе істеудің қажеті жоқ.',
  'error.template-limit':
    'Планшет баланың бетінің бір тіркеуі үшін аудан сақтайтыннан (10) көп үлгі жіберді; артығы сақталмады. Баланың бетін планшетте қайта тіркеңіз.',
  'error.https-required': 'Сервер сұрауларды тек HTTPS арқылы қабылдайды. Әкімші бетін https:// мекенжайымен ашыңыз.',
  'error.network': 'Сервер жауап бермеді. Желіні және аудан сервері жұмыс істеп тұрғанын тексеріп, қайталаңыз.',
};

export const messages: Record<Locale, Record<MessageKey, Message>> = { en, ru, kk };

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** Whether `s` names one of the page's languages. */
export const isLocale = (s: string | null): s is Locale => s === 'kk' || s === 'ru' || s === 'en';

/**
 * The page's first language: the admin's saved choice, else the first of the browser's languages that the page has
 * (kk-KZ, ru-RU, en-US...), else Russian: district IT staff in Kazakhstan work in Russian at least as often as in
 * Kazakh, and a browser set to neither (say Uzbek or Turkish) is far likelier to belong to someone who reads Russian
 * than English. Kazakh is one click away on the switch.
 */
export function pickLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isLocale(base)) return base;
  }
  return 'ru';
}

let kazakhIntl: boolean | undefined;
/**
 * Whether this engine formats Kazakh for real. Some Chromium builds accept kk-KZ but format with the root locale's
 * patterns ("2026 M11 23", "0.45", "a, b"); Kazakh then gets the numeric date and the number format Kazakhstan uses with
 * either language (23.11.2026, 0,45, as in Russian) and lists joined with "және".
 */
function hasKazakhIntl(): boolean {
  kazakhIntl ??= /[а-яәғқңөұүі]/i.test(new Intl.DateTimeFormat('kk-KZ', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 15)));
  return kazakhIntl;
}
const numeric = (locale: Locale): boolean => locale === 'kk' && !hasKazakhIntl();
const formatLocale = (locale: Locale): string => (numeric(locale) ? INTL_LOCALE.ru : INTL_LOCALE[locale]);

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(formatLocale(locale), { useGrouping: false, maximumFractionDigits: 20 }).format(n);
}

function formatList(locale: Locale, items: string[]): string {
  if (!numeric(locale)) return new Intl.ListFormat(INTL_LOCALE[locale], { type: 'conjunction' }).format(items);
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} және ${items[items.length - 1]}`;
}

const NUMERIC_DATE: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const date = (locale: Locale, ms: number, options: Intl.DateTimeFormatOptions, numericOptions: Intl.DateTimeFormatOptions): string =>
  new Intl.DateTimeFormat(formatLocale(locale), numeric(locale) ? numericOptions : options).format(ms);

/** Date and time of an instant in this machine's time zone, in the language. */
export const formatDateTime = (locale: Locale, ms: number): string =>
  date(
    locale,
    ms,
    { dateStyle: 'medium', timeStyle: 'medium' },
    { ...NUMERIC_DATE, hour: '2-digit', minute: '2-digit', second: '2-digit' },
  );

/** Hours and minutes of an instant in this machine's time zone. */
export const formatTime = (locale: Locale, ms: number): string => {
  const hm: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  return date(locale, ms, hm, hm);
};

/** A calendar day given as YYYY-MM-DD (a consent's dates), shown as that day whatever the time zone. */
export function formatDay(locale: Locale, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (m === null) return day;
  return date(
    locale,
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])),
    { dateStyle: 'medium', timeZone: 'UTC' },
    { ...NUMERIC_DATE, timeZone: 'UTC' },
  );
}

function fill(locale: Locale, text: string, params: Record<string, MessageParam>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    if (typeof v === 'number') return formatNumber(locale, v);
    if (typeof v === 'string') return v;
    return formatList(
      locale,
      v.map((p) => renderPart(locale, p)),
    );
  });
}

/** The text of `key` in `locale`: the plural form for `count` (Intl.PluralRules), with {params} filled in. */
export function render(locale: Locale, key: MessageKey, params: Record<string, MessageParam> = {}): string {
  const message = messages[locale][key];
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = typeof params.count === 'number' ? params.count : 0;
    text = message[new Intl.PluralRules(INTL_LOCALE[locale]).select(count)] ?? message.other;
  }
  return fill(locale, text, params);
}

/** A part from the server; a key this page does not know (a newer server) shows its parameters as they are. */
export function renderPart(locale: Locale, part: MessagePart): string {
  return isMessageKey(part.key) ? render(locale, part.key, part.params) : Object.values(part.params).join(' ');
}
