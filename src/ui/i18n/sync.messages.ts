// Strings of district sync that staff see (face matching paused, a refused bundle or answer, an unpaired tablet, a
// pairing refused), in English, Russian and Kazakh. Each says what happened, that check-ins are safe, and what to do.
import type { Message, MessageBundle } from './messages';

const en = {
  'sync.faceStopped.offline':
    'Face recognition is paused: this tablet has not reached the district since {date}. Staff: connect it to the network. Bracelets and staff marking still work.',
  'sync.faceStopped.biometricsOff':
    'Face recognition is switched off for this site by the district. Bracelets and staff marking work as usual.',
  'sync.problem.answer-unverified':
    'An answer that claimed to come from the district failed its security check and was ignored: nothing on the tablet changed and check-ins stay on it. Staff: tell district IT (the network may be intercepted).',
  'sync.problem.bundle-digest':
    'The list of children on this tablet did not match the district’s and could not be repaired; the current list stays. Staff: contact district IT.',
  'sync.problem.district-not-https':
    'The district address is not secure (no HTTPS): this tablet pairs only with an https:// address. Staff: ask district IT for the right address.',
  'sync.problem.district-address-invalid': 'The district address is not a web address. Staff: enter it as https://…',
  'sync.problem.pairing-fingerprint-missing':
    'The pairing link is incomplete: it lacks the district key’s fingerprint (…&k=…). Staff: open the whole link from district IT, or paste it into the code field.',
  'sync.problem.pairing-key-mismatch':
    'The server that answered is not the district of this pairing link; nothing was stored. Staff: check the address and contact district IT.',
  'sync.problem.bundle-shape':
    'The list of children from the district is damaged and was not used; the previous list stays. Staff: contact district IT.',
  'sync.problem.bundle-rollback':
    'The district sent an older list of children than this tablet has; it was refused and the current list stays. Staff: contact district IT.',
  'sync.problem.bundle-expired':
    'The list of children from the district had expired and was not used. Staff: check the tablet’s date and time.',
  'sync.problem.bundle-site':
    'The district sent the list of another site; it was refused and the current list stays. Staff: contact district IT.',
  'sync.problem.device-revoked':
    'This tablet was unpaired by the district: it deleted the children’s names, faces and pickup lists it held. Check-ins stay on the tablet. Staff: ask district IT for a new pairing code.',
  'sync.problem.device-unknown':
    'The district does not know this tablet. Check-ins stay on the tablet. Staff: ask district IT to pair it again.',
  'sync.problem.pairing-code-invalid': 'The pairing code is unknown, used or expired. Staff: ask district IT for a new code.',
  'sync.problem.signature-expired':
    'The district refused this tablet’s clock. Check-ins stay on the tablet. Staff: set the correct date and time.',
  'sync.problem.chain': 'The district refused part of this tablet’s check-ins. They stay on the tablet. Staff: contact district IT.',
  'sync.problem.other': 'Sync with the district needs attention ({code}). Check-ins stay on the tablet. Staff: contact district IT.',
  'sync.pair.title': 'Pair this tablet with the district',
  'sync.pair.address': 'District server address',
  'sync.pair.code': 'One-time pairing code, or the whole pairing link',
  'sync.pair.submit': 'Pair',
  'sync.pair.done': 'This tablet is paired with site {site}. It syncs on its own from now on.',
  'sync.pair.badCode': 'A pairing code has 12 letters and digits, like ABCD-EFGH-JKLM. Ask district IT for one.',
  'sync.pair.unreachable': 'The district server at {address} did not answer. Check the address and the network, then try again.',
  'sync.pair.back': 'Back to the gate',
} satisfies Record<string, Message>;

type Key = keyof typeof en;

const ru: Record<Key, Message> = {
  'sync.faceStopped.offline':
    'Распознавание лиц приостановлено: планшет не связывался с районом с {date}. Сотрудник: подключите его к сети. Браслеты и отметка сотрудником работают.',
  'sync.faceStopped.biometricsOff':
    'Распознавание лиц для этой организации выключено районом. Браслеты и отметка сотрудником работают как обычно.',
  'sync.problem.answer-unverified':
    'Ответ, якобы от района, не прошёл проверку подписи и отброшен: на планшете ничего не изменилось, отметки сохраняются на нём. Сотрудник: сообщите в ИТ-службу района (сеть может перехватываться).',
  'sync.problem.bundle-digest':
    'Список детей на планшете не совпал со списком района и не был исправлен; остаётся текущий список. Сотрудник: обратитесь в ИТ-службу района.',
  'sync.problem.district-not-https':
    'Адрес района не защищён (нет HTTPS): планшет привязывается только к адресу https://. Сотрудник: уточните правильный адрес в ИТ-службе района.',
  'sync.problem.district-address-invalid': 'Адрес района не является веб-адресом. Сотрудник: введите его в виде https://…',
  'sync.problem.pairing-fingerprint-missing':
    'Ссылка привязки неполная: в ней нет отпечатка ключа района (…&k=…). Сотрудник: откройте ссылку от ИТ-службы района целиком или вставьте её в поле кода.',
  'sync.problem.pairing-key-mismatch':
    'Ответивший сервер — не район из ссылки привязки; ничего не сохранено. Сотрудник: проверьте адрес и обратитесь в ИТ-службу района.',
  'sync.problem.bundle-shape':
    'Список детей от района повреждён и не применён; остаётся прежний список. Сотрудник: обратитесь в ИТ-службу района.',
  'sync.problem.bundle-rollback':
    'Район прислал более старый список детей, чем есть на планшете; он отклонён, текущий список остаётся. Сотрудник: обратитесь в ИТ-службу района.',
  'sync.problem.bundle-expired': 'Список детей от района просрочен и не применён. Сотрудник: проверьте дату и время на планшете.',
  'sync.problem.bundle-site':
    'Район прислал список другой организации; он отклонён, текущий список остаётся. Сотрудник: обратитесь в ИТ-службу района.',
  'sync.problem.device-revoked':
    'Район отвязал этот планшет: имена, лица и списки забирающих детей с него удалены. Отметки сохраняются на планшете. Сотрудник: попросите в ИТ-службе района новый код привязки.',
  'sync.problem.device-unknown':
    'Район не знает этот планшет. Отметки сохраняются на планшете. Сотрудник: попросите ИТ-службу района привязать его заново.',
  'sync.problem.pairing-code-invalid':
    'Код привязки неизвестен, уже использован или просрочен. Сотрудник: попросите в ИТ-службе района новый код.',
  'sync.problem.signature-expired':
    'Район не принял время планшета. Отметки сохраняются на планшете. Сотрудник: установите правильные дату и время.',
  'sync.problem.chain':
    'Район отклонил часть отметок этого планшета. Они сохраняются на планшете. Сотрудник: обратитесь в ИТ-службу района.',
  'sync.problem.other':
    'Синхронизация с районом требует внимания ({code}). Отметки сохраняются на планшете. Сотрудник: обратитесь в ИТ-службу района.',
  'sync.pair.title': 'Привязка планшета к району',
  'sync.pair.address': 'Адрес сервера района',
  'sync.pair.code': 'Одноразовый код привязки или вся ссылка привязки',
  'sync.pair.submit': 'Привязать',
  'sync.pair.done': 'Планшет привязан к организации {site}. Дальше он синхронизируется сам.',
  'sync.pair.badCode': 'Код привязки состоит из 12 букв и цифр, например ABCD-EFGH-JKLM. Попросите его в ИТ-службе района.',
  'sync.pair.unreachable': 'Сервер района по адресу {address} не ответил. Проверьте адрес и сеть и попробуйте снова.',
  'sync.pair.back': 'Вернуться ко входу',
};

const kk: Record<Key, Message> = {
  'sync.faceStopped.offline':
    'Бетті тану тоқтатылды: планшет {date} бастап ауданмен байланысқан жоқ. Қызметкер: оны желіге қосыңыз. Білезіктер мен қызметкердің белгілеуі жұмыс істейді.',
  'sync.faceStopped.biometricsOff':
    'Бұл ұйымда бетті тануды аудан өшірген. Білезіктер мен қызметкердің белгілеуі әдеттегідей жұмыс істейді.',
  'sync.problem.answer-unverified':
    'Аудан атынан келген жауап қолтаңба тексерісінен өтпеді және қабылданбады: планшетте ештеңе өзгерген жоқ, белгілер планшетте сақталады. Қызметкер: аудандық IT қызметіне хабарлаңыз (желі ұсталуы мүмкін).',
  'sync.problem.bundle-digest':
    'Планшеттегі балалар тізімі аудан тізімімен сәйкес келмеді және түзетілмеді; қазіргі тізім қалады. Қызметкер: аудандық IT қызметіне хабарласыңыз.',
  'sync.problem.district-not-https':
    'Аудан мекенжайы қорғалмаған (HTTPS жоқ): планшет тек https:// мекенжайына байланыстырылады. Қызметкер: дұрыс мекенжайды аудандық IT қызметінен сұраңыз.',
  'sync.problem.district-address-invalid': 'Аудан мекенжайы веб-мекенжай емес. Қызметкер: оны https://… түрінде енгізіңіз.',
  'sync.problem.pairing-fingerprint-missing':
    'Байланыстыру сілтемесі толық емес: онда аудан кілтінің саусақ ізі жоқ (…&k=…). Қызметкер: аудандық IT қызметінен келген сілтемені толық ашыңыз немесе оны код өрісіне қойыңыз.',
  'sync.problem.pairing-key-mismatch':
    'Жауап берген сервер байланыстыру сілтемесіндегі аудан емес; ештеңе сақталмады. Қызметкер: мекенжайды тексеріп, аудандық IT қызметіне хабарласыңыз.',
  'sync.problem.bundle-shape':
    'Аудандан келген балалар тізімі бүлінген және қолданылмады; бұрынғы тізім қалады. Қызметкер: аудандық IT қызметіне хабарласыңыз.',
  'sync.problem.bundle-rollback':
    'Аудан планшеттегіден ескі балалар тізімін жіберді; ол қабылданбады, қазіргі тізім қалады. Қызметкер: аудандық IT қызметіне хабарласыңыз.',
  'sync.problem.bundle-expired':
    'Аудандан келген балалар тізімінің мерзімі өткен және қолданылмады. Қызметкер: планшеттің күні мен уақытын тексеріңіз.',
  'sync.problem.bundle-site':
    'Аудан басқа ұйымның тізімін жіберді; ол қабылданбады, қазіргі тізім қалады. Қызметкер: аудандық IT қызметіне хабарласыңыз.',
  'sync.problem.device-revoked':
    'Аудан бұл планшетті ажыратты: балалардың аттары, беттері және алып кететіндер тізімдері одан өшірілді. Белгілер планшетте сақталады. Қызметкер: аудандық IT қызметінен жаңа байланыстыру кодын сұраңыз.',
  'sync.problem.device-unknown':
    'Аудан бұл планшетті танымайды. Белгілер планшетте сақталады. Қызметкер: аудандық IT қызметінен оны қайта байланыстыруды сұраңыз.',
  'sync.problem.pairing-code-invalid':
    'Байланыстыру коды белгісіз, қолданылған немесе мерзімі өткен. Қызметкер: аудандық IT қызметінен жаңа код сұраңыз.',
  'sync.problem.signature-expired':
    'Аудан планшеттің уақытын қабылдамады. Белгілер планшетте сақталады. Қызметкер: дұрыс күн мен уақытты орнатыңыз.',
  'sync.problem.chain':
    'Аудан бұл планшеттің белгілерінің бір бөлігін қабылдамады. Олар планшетте сақталады. Қызметкер: аудандық IT қызметіне хабарласыңыз.',
  'sync.problem.other':
    'Ауданмен синхрондау назар аударуды қажет етеді ({code}). Белгілер планшетте сақталады. Қызметкер: аудандық IT қызметіне хабарласыңыз.',
  'sync.pair.title': 'Планшетті ауданға байланыстыру',
  'sync.pair.address': 'Аудан серверінің мекенжайы',
  'sync.pair.code': 'Бір реттік байланыстыру коды немесе бүкіл сілтеме',
  'sync.pair.submit': 'Байланыстыру',
  'sync.pair.done': 'Планшет {site} ұйымына байланыстырылды. Енді ол өзі синхрондалады.',
  'sync.pair.badCode': 'Байланыстыру коды 12 әріп пен цифрдан тұрады, мысалы ABCD-EFGH-JKLM. Оны аудандық IT қызметінен сұраңыз.',
  'sync.pair.unreachable': '{address} мекенжайындағы аудан сервері жауап бермеді. Мекенжай мен желіні тексеріп, қайталап көріңіз.',
  'sync.pair.back': 'Кіреберіске оралу',
};

export const syncMessages: MessageBundle<Key> = { en, ru, kk };

/** The staff message of a sync problem code (src/sync: answers, bundles, pairing), or null for one without its own. */
export function syncProblemKey(code: string): Key | null {
  if (code === 'chain-gap' || code === 'chain-conflict') return 'sync.problem.chain';
  const key = `sync.problem.${code}`;
  return key in en && key !== 'sync.problem.other' && key !== 'sync.problem.chain' ? (key as Key) : null;
}
