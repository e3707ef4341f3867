// Strings of the site PAD test (staff panel, issue 14): staff present real faces, printed photos and phone or screen
// replays, and the kiosk counts what its presentation-attack check said. English, Russian and Kazakh.
import type { Message, MessageBundle } from './messages';

const en = {
  'padtest.open': 'Site PAD test',
  'padtest.title': 'Site presentation-attack test',
  'padtest.back': 'Back',
  'padtest.intro':
    'Measure the photo and screen check on this tablet, in its own light. Use only adults who agree (staff), never children. Choose what you hold to the camera, then hold it still in front of the tablet for a few seconds. Only numbers are kept, in this screen, until you close it.',
  'padtest.start.genuine': 'A real face',
  'padtest.start.print': 'A printed photo',
  'padtest.start.screen': 'A phone or screen showing a photo',
  'padtest.presenting': 'Hold it in front of the camera… {frames} of {needed} frames',
  'padtest.noFace': 'No face was seen for long enough: nothing was counted. Try again closer to the tablet.',
  'padtest.result.live': 'The check said: live (a face check-in would be allowed).',
  'padtest.result.attack': 'The check said: attack (a face check-in would be refused).',
  'padtest.result.unsure': 'The check said: unsure (refused under ask-bracelet, recorded with a flag otherwise).',
  'padtest.kind': 'What was shown',
  'padtest.trials': 'Trials',
  'padtest.errors': 'Errors',
  'padtest.rate': 'Rate (95% interval)',
  'padtest.row.genuine': 'Real faces not taken as live (BPCER)',
  'padtest.row.print': 'Printed photos taken as live (APCER, print)',
  'padtest.row.screen': 'Phones and screens taken as live (APCER, screen)',
  'padtest.none': '—',
  'padtest.unsure': { one: '{count} attack was called unsure.', other: '{count} attacks were called unsure.' },
  'padtest.export': 'Export the numbers (JSON)',
  'padtest.clear': 'Start a new test',
  'padtest.caption': 'Results of this test',
} satisfies Record<string, Message>;

type Key = keyof typeof en;

const ru: Record<Key, Message> = {
  'padtest.open': 'Проверка защиты от фото',
  'padtest.title': 'Проверка защиты от фото и экранов на месте',
  'padtest.back': 'Назад',
  'padtest.intro':
    'Измерьте проверку фото и экранов на этом планшете, при его освещении. Используйте только согласных взрослых (сотрудников), никогда не детей. Выберите, что вы показываете камере, и подержите это неподвижно перед планшетом несколько секунд. Сохраняются только числа и только на этом экране, пока вы его не закроете.',
  'padtest.start.genuine': 'Настоящее лицо',
  'padtest.start.print': 'Распечатанное фото',
  'padtest.start.screen': 'Телефон или экран с фото',
  'padtest.presenting': 'Держите перед камерой… {frames} из {needed} кадров',
  'padtest.noFace': 'Лицо было видно слишком недолго: ничего не засчитано. Попробуйте ещё раз ближе к планшету.',
  'padtest.result.live': 'Проверка сказала: живое лицо (отметка по лицу была бы разрешена).',
  'padtest.result.attack': 'Проверка сказала: подмена (отметка по лицу была бы отклонена).',
  'padtest.result.unsure': 'Проверка не уверена (в режиме «браслет» отклоняется, иначе записывается с пометкой).',
  'padtest.kind': 'Что показывали',
  'padtest.trials': 'Попыток',
  'padtest.errors': 'Ошибок',
  'padtest.rate': 'Доля (95% интервал)',
  'padtest.row.genuine': 'Настоящие лица, не признанные живыми (BPCER)',
  'padtest.row.print': 'Распечатки, признанные живыми (APCER, печать)',
  'padtest.row.screen': 'Телефоны и экраны, признанные живыми (APCER, экран)',
  'padtest.none': '—',
  'padtest.unsure': {
    one: '{count} подмена названа неуверенной.',
    few: '{count} подмены названы неуверенными.',
    many: '{count} подмен названы неуверенными.',
    other: '{count} подмены названы неуверенными.',
  },
  'padtest.export': 'Выгрузить числа (JSON)',
  'padtest.clear': 'Начать новую проверку',
  'padtest.caption': 'Результаты этой проверки',
};

const kk: Record<Key, Message> = {
  'padtest.open': 'Фотодан қорғауды тексеру',
  'padtest.title': 'Фото мен экраннан қорғауды орнында тексеру',
  'padtest.back': 'Артқа',
  'padtest.intro':
    'Осы планшеттегі фото мен экранды тексеруді оның өз жарығында өлшеңіз. Тек келісім берген ересектерді (қызметкерлерді) пайдаланыңыз, ешқашан балаларды емес. Камераға не көрсететініңізді таңдап, оны планшеттің алдында бірнеше секунд қозғалтпай ұстаңыз. Тек сандар сақталады, тек осы экранда, сіз оны жапқанша.',
  'padtest.start.genuine': 'Шынайы бет',
  'padtest.start.print': 'Басып шығарылған фото',
  'padtest.start.screen': 'Фото көрсетілген телефон немесе экран',
  'padtest.presenting': 'Камераның алдында ұстаңыз… {needed} кадрдың {frames}',
  'padtest.noFace': 'Бет жеткілікті уақыт көрінбеді: ештеңе есептелмеді. Планшетке жақынырақ келіп, қайталаңыз.',
  'padtest.result.live': 'Тексеру нәтижесі: тірі бет (бет арқылы белгілеуге рұқсат етілер еді).',
  'padtest.result.attack': 'Тексеру нәтижесі: алмастыру (бет арқылы белгілеу қабылданбас еді).',
  'padtest.result.unsure': 'Тексеру сенімсіз (білезік режимінде қабылданбайды, әйтпесе белгімен жазылады).',
  'padtest.kind': 'Не көрсетілді',
  'padtest.trials': 'Әрекеттер',
  'padtest.errors': 'Қателер',
  'padtest.rate': 'Үлесі (95% аралық)',
  'padtest.row.genuine': 'Тірі деп танылмаған шынайы беттер (BPCER)',
  'padtest.row.print': 'Тірі деп танылған басылған фотолар (APCER, басылым)',
  'padtest.row.screen': 'Тірі деп танылған телефондар мен экрандар (APCER, экран)',
  'padtest.none': '—',
  'padtest.unsure': { one: '{count} алмастыру сенімсіз деп аталды.', other: '{count} алмастыру сенімсіз деп аталды.' },
  'padtest.export': 'Сандарды жүктеп алу (JSON)',
  'padtest.clear': 'Жаңа тексеруді бастау',
  'padtest.caption': 'Осы тексерудің нәтижелері',
};

export const padTestMessages: MessageBundle<Key> = { en, ru, kk };
