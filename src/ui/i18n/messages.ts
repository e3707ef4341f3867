// Every string a person sees, in Kazakh, Russian and English. Components never hard-code text:
// they call t(key, params). Plural forms and formatting are the shared engine's (src/core/i18n.ts).
import { gateMessages } from './gate.messages';
import { pwaMessages } from './pwa.messages';
import { syncMessages } from './sync.messages';
import { readersMessages } from './readers.messages';
import { staffMessages } from './staff.messages';
import { rollcallMessages } from './rollcall.messages';
import { reportMessages } from './report.messages';
import { padTestMessages } from './padtest.messages';
import { pickupMessages } from './pickup.messages';

import { LOCALES, type Locale, type Message } from '../../core/i18n';

export type { Locale, Message };
export const locales = LOCALES;
/** A bundle of one area's strings; `en` defines the keys. */
export interface MessageBundle<K extends string> {
  en: Record<K, Message>;
  ru: Record<K, Message>;
  kk: Record<K, Message>;
}

const baseEn = {
  'app.title': 'Gate Kiosk',
  'boot.isolated': 'Cross-origin isolated: {threads} threads',
  'boot.notIsolated':
    'Not cross-origin isolated: recognition runs on one thread and is slower. Ask IT to serve the kiosk with COOP/COEP headers.',
  'pipeline.loading': 'Loading face models…',
  'pipeline.ready': 'Face models ready ({backend}, {threads} threads)',
  'pipeline.restarting': 'Recognition restarted (attempt {attempt})',
  'camera.starting': 'Starting the camera…',
  'camera.denied':
    'The camera is not allowed. Staff: allow the camera for this site in the browser settings. Bracelets and staff marking still work.',
  'camera.missing': 'No camera found. Staff: connect the camera. Bracelets and staff marking still work.',
  'camera.busy': 'The camera is used by another app. Staff: close it; the kiosk retries on its own.',
  'camera.failed': 'The camera could not start. The kiosk retries on its own; bracelets and staff marking still work.',
  'camera.lost':
    'The camera stopped (unplugged, turned off or taken by another app). The kiosk retries on its own; bracelets and staff marking still work.',
  'faces.count': { one: '{count} face', other: '{count} faces' },
  'faces.none': 'No face',
  'quality.good': 'Good',
  'quality.too-small': 'Come closer',
  'quality.turned': 'Look at the tablet',
  'quality.tilted': 'Hold your head straight',
  'quality.too-dark': 'Too dark',
  'quality.too-bright': 'Too bright',
  'quality.blurry': 'Hold still',
  'error.model-missing':
    'A face model file is missing. Staff: reload the page when online, or reinstall the kiosk (npm install). Bracelets still work.',
  'error.model-corrupt':
    'A face model file is damaged. Staff: reinstall the kiosk (npm install) or clear the site data and reload. Bracelets still work.',
  'error.manifest-missing': 'The list of face models could not be read. Staff: reload the page when online. Bracelets still work.',
  'error.runtime-failed': 'Face recognition could not start on this browser. Staff: update Chromium. Bracelets still work.',
  'error.worker-crashed': 'Face recognition stopped and is restarting. Bracelets still work.',
  'error.worker-timeout': 'Face recognition is not answering and is restarting. Bracelets still work.',
  'error.frame-invalid': 'The camera sent an unusable picture. Staff: check the camera.',
  'error.config-invalid': 'The kiosk settings are invalid. Staff: contact district IT.',
  'language.label': 'Language',
  'stats.timing': '{ms} ms per frame',
} satisfies Record<string, Message>;

// Each area of the app keeps its strings in its own bundle file (<area>.messages.ts) and is
// spread in here: English defines the keys, Russian and Kazakh must supply every one of them.
const en = {
  ...baseEn,
  ...gateMessages.en,
  ...pwaMessages.en,
  ...syncMessages.en,
  ...readersMessages.en,
  ...staffMessages.en,
  ...rollcallMessages.en,
  ...reportMessages.en,
  ...padTestMessages.en,
  ...pickupMessages.en,
};

export type MessageKey = keyof typeof en;

const baseRu: Record<keyof typeof baseEn, Message> = {
  'app.title': 'Gate Kiosk',
  'boot.isolated': 'Изоляция источника включена: потоков {threads}',
  'boot.notIsolated':
    'Изоляция источника выключена: распознавание работает в одном потоке и медленнее. Попросите ИТ-службу включить заголовки COOP/COEP.',
  'pipeline.loading': 'Загрузка моделей лиц…',
  'pipeline.ready': 'Модели лиц готовы ({backend}, потоков {threads})',
  'pipeline.restarting': 'Распознавание перезапущено (попытка {attempt})',
  'camera.starting': 'Включаем камеру…',
  'camera.denied':
    'Доступ к камере запрещён. Сотрудник: разрешите камеру для этого сайта в настройках браузера. Браслеты и отметка сотрудником работают.',
  'camera.missing': 'Камера не найдена. Сотрудник: подключите камеру. Браслеты и отметка сотрудником работают.',
  'camera.busy': 'Камера занята другим приложением. Сотрудник: закройте его; киоск повторит попытку сам.',
  'camera.failed': 'Камера не запустилась. Киоск повторит попытку сам; браслеты и отметка сотрудником работают.',
  'camera.lost':
    'Камера отключилась (её отсоединили, выключили или заняло другое приложение). Киоск повторит попытку сам; браслеты и отметка сотрудником работают.',
  'faces.count': { one: '{count} лицо', few: '{count} лица', many: '{count} лиц', other: '{count} лица' },
  'faces.none': 'Лица нет',
  'quality.good': 'Хорошо',
  'quality.too-small': 'Подойдите ближе',
  'quality.turned': 'Посмотрите на планшет',
  'quality.tilted': 'Держите голову прямо',
  'quality.too-dark': 'Слишком темно',
  'quality.too-bright': 'Слишком светло',
  'quality.blurry': 'Не двигайтесь',
  'error.model-missing':
    'Нет файла модели лиц. Сотрудник: перезагрузите страницу при наличии сети или переустановите киоск (npm install). Браслеты работают.',
  'error.model-corrupt':
    'Файл модели лиц повреждён. Сотрудник: переустановите киоск (npm install) или очистите данные сайта и перезагрузите. Браслеты работают.',
  'error.manifest-missing':
    'Не удалось прочитать список моделей лиц. Сотрудник: перезагрузите страницу при наличии сети. Браслеты работают.',
  'error.runtime-failed': 'Распознавание лиц не запускается в этом браузере. Сотрудник: обновите Chromium. Браслеты работают.',
  'error.worker-crashed': 'Распознавание лиц остановилось и перезапускается. Браслеты работают.',
  'error.worker-timeout': 'Распознавание лиц не отвечает и перезапускается. Браслеты работают.',
  'error.frame-invalid': 'Камера прислала непригодный кадр. Сотрудник: проверьте камеру.',
  'error.config-invalid': 'Настройки киоска неверны. Сотрудник: обратитесь в ИТ-службу района.',
  'language.label': 'Язык',
  'stats.timing': '{ms} мс на кадр',
};

const baseKk: Record<keyof typeof baseEn, Message> = {
  'app.title': 'Gate Kiosk',
  'boot.isolated': 'Көздің оқшаулануы қосулы: {threads} ағын',
  'boot.notIsolated': 'Көздің оқшаулануы өшірулі: тану бір ағында баяу жұмыс істейді. IT қызметінен COOP/COEP тақырыптарын қосуды сұраңыз.',
  'pipeline.loading': 'Бет модельдері жүктелуде…',
  'pipeline.ready': 'Бет модельдері дайын ({backend}, {threads} ағын)',
  'pipeline.restarting': 'Тану қайта іске қосылды ({attempt}-әрекет)',
  'camera.starting': 'Камера қосылуда…',
  'camera.denied':
    'Камераға рұқсат жоқ. Қызметкер: браузер баптауларында осы сайтқа камераны рұқсат етіңіз. Білезіктер мен қызметкер белгісі жұмыс істейді.',
  'camera.missing': 'Камера табылмады. Қызметкер: камераны қосыңыз. Білезіктер мен қызметкер белгісі жұмыс істейді.',
  'camera.busy': 'Камераны басқа қолданба пайдаланып тұр. Қызметкер: оны жабыңыз; киоск өзі қайталайды.',
  'camera.failed': 'Камера іске қосылмады. Киоск өзі қайталайды; білезіктер мен қызметкер белгісі жұмыс істейді.',
  'camera.lost':
    'Камера тоқтап қалды (ажыратылды, сөндірілді немесе оны басқа қолданба алды). Киоск өзі қайталайды; білезіктер мен қызметкер белгісі жұмыс істейді.',
  'faces.count': { one: '{count} бет', other: '{count} бет' },
  'faces.none': 'Бет жоқ',
  'quality.good': 'Жақсы',
  'quality.too-small': 'Жақынырақ келіңіз',
  'quality.turned': 'Планшетке қараңыз',
  'quality.tilted': 'Басыңызды тік ұстаңыз',
  'quality.too-dark': 'Тым қараңғы',
  'quality.too-bright': 'Тым жарық',
  'quality.blurry': 'Қозғалмаңыз',
  'error.model-missing':
    'Бет моделінің файлы жоқ. Қызметкер: желі болғанда бетті қайта жүктеңіз немесе киоскті қайта орнатыңыз (npm install). Білезіктер жұмыс істейді.',
  'error.model-corrupt':
    'Бет моделінің файлы бүлінген. Қызметкер: киоскті қайта орнатыңыз (npm install) немесе сайт деректерін тазалап, қайта жүктеңіз. Білезіктер жұмыс істейді.',
  'error.manifest-missing': 'Бет модельдерінің тізімі оқылмады. Қызметкер: желі болғанда бетті қайта жүктеңіз. Білезіктер жұмыс істейді.',
  'error.runtime-failed': 'Бұл браузерде бетті тану іске қосылмайды. Қызметкер: Chromium-ды жаңартыңыз. Білезіктер жұмыс істейді.',
  'error.worker-crashed': 'Бетті тану тоқтап, қайта іске қосылуда. Білезіктер жұмыс істейді.',
  'error.worker-timeout': 'Бетті тану жауап бермей, қайта іске қосылуда. Білезіктер жұмыс істейді.',
  'error.frame-invalid': 'Камера жарамсыз кадр жіберді. Қызметкер: камераны тексеріңіз.',
  'error.config-invalid': 'Киоск баптаулары қате. Қызметкер: аудандық IT қызметіне хабарласыңыз.',
  'language.label': 'Тіл',
  'stats.timing': 'Кадрға {ms} мс',
};

const ru: Record<MessageKey, Message> = {
  ...baseRu,
  ...gateMessages.ru,
  ...pwaMessages.ru,
  ...syncMessages.ru,
  ...readersMessages.ru,
  ...staffMessages.ru,
  ...rollcallMessages.ru,
  ...reportMessages.ru,
  ...padTestMessages.ru,
  ...pickupMessages.ru,
};

const kk: Record<MessageKey, Message> = {
  ...baseKk,
  ...gateMessages.kk,
  ...pwaMessages.kk,
  ...syncMessages.kk,
  ...readersMessages.kk,
  ...staffMessages.kk,
  ...rollcallMessages.kk,
  ...reportMessages.kk,
  ...padTestMessages.kk,
  ...pickupMessages.kk,
};

export const messages: Record<Locale, Record<MessageKey, Message>> = { kk, ru, en };
