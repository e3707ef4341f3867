// The words of a notice in Kazakh, Russian and English: "Aruzhan arrived at 08:05 (Gate 1)", with "recorded at 08:05,
// sent late" when the tablet was offline. Built only from the fields of a Notice, so nothing more can slip in. Also the
// e-mail that asks an address's owner to confirm notices: it names no child (it may reach a stranger).
import type { Notice, NoticeLanguage } from './notice';

interface Words {
  title: string;
  arrived: (n: Notice) => string;
  left: (n: Notice) => string;
  late: (n: Notice) => string;
  unsubscribe: string;
  confirmSubject: string;
  confirmBody: (link: string) => string;
}

const WORDS: Record<NoticeLanguage, Words> = {
  en: {
    title: 'Gate Kiosk',
    arrived: (n) => `${n.firstName} arrived at ${n.time} (${n.gate})`,
    left: (n) => `${n.firstName} left at ${n.time} (${n.gate})`,
    late: (n) => `recorded at ${n.time}, sent late`,
    unsubscribe: 'Stop these notices',
    confirmSubject: 'Confirm kindergarten notices to this address',
    confirmBody: (link) =>
      `Someone asked on a kindergarten's Gate Kiosk parents' page for arrival and departure notices to be sent to this ` +
      `address.\n\nIf it was you, open this link within 48 hours and confirm:\n${link}\n\n` +
      `If it was not you, ignore this e-mail: nothing will be sent here.`,
  },
  ru: {
    title: 'Gate Kiosk',
    arrived: (n) => `${n.firstName} пришёл(а) в ${n.time} (${n.gate})`,
    left: (n) => `${n.firstName} ушёл(ушла) в ${n.time} (${n.gate})`,
    late: (n) => `записано в ${n.time}, отправлено с опозданием`,
    unsubscribe: 'Отключить уведомления',
    confirmSubject: 'Подтвердите уведомления детского сада на этот адрес',
    confirmBody: (link) =>
      `На странице родителей Gate Kiosk детского сада попросили присылать на этот адрес уведомления о приходе и уходе ` +
      `ребёнка.\n\nЕсли это были вы, откройте ссылку в течение 48 часов и подтвердите:\n${link}\n\n` +
      `Если это были не вы, просто не обращайте внимания на это письмо: сюда ничего не придёт.`,
  },
  kk: {
    title: 'Gate Kiosk',
    arrived: (n) => `${n.firstName} ${n.time} келді (${n.gate})`,
    left: (n) => `${n.firstName} ${n.time} кетті (${n.gate})`,
    late: (n) => `${n.time} жазылды, кешігіп жіберілді`,
    unsubscribe: 'Хабарламаларды өшіру',
    confirmSubject: 'Балабақша хабарламаларын осы мекенжайға растаңыз',
    confirmBody: (link) =>
      `Балабақшаның Gate Kiosk ата-аналар бетінде баланың келгені мен кеткені туралы хабарламаларды осы мекенжайға ` +
      `жіберуді сұрады.\n\nБұл сіз болсаңыз, 48 сағат ішінде сілтемені ашып, растаңыз:\n${link}\n\n` +
      `Бұл сіз болмасаңыз, бұл хатқа назар аудармаңыз: мұнда ештеңе жіберілмейді.`,
  },
};

export function noticeText(notice: Notice, language: NoticeLanguage): { title: string; body: string } {
  const w = WORDS[language];
  const main = notice.direction === 'in' ? w.arrived(notice) : w.left(notice);
  return { title: w.title, body: notice.late ? `${main}; ${w.late(notice)}` : main };
}

export const unsubscribeWords = (language: NoticeLanguage): string => WORDS[language].unsubscribe;

/** The confirmation e-mail: subject and text with the link; no child, no kindergarten named. */
export function confirmationText(language: NoticeLanguage, link: string): { subject: string; text: string } {
  const w = WORDS[language];
  return { subject: w.confirmSubject, text: w.confirmBody(link) };
}
