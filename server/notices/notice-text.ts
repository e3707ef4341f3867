// The words of a notice in Kazakh, Russian and English: "Aruzhan arrived at 08:05 (Gate 1)", with "recorded at 08:05,
// sent late" when the tablet was offline. Built only from the fields of a Notice, so nothing more can slip in.
import type { Notice, NoticeLanguage } from './notice';

interface Words {
  title: string;
  arrived: (n: Notice) => string;
  left: (n: Notice) => string;
  late: (n: Notice) => string;
  unsubscribe: string;
}

const WORDS: Record<NoticeLanguage, Words> = {
  en: {
    title: 'Gate Kiosk',
    arrived: (n) => `${n.firstName} arrived at ${n.time} (${n.gate})`,
    left: (n) => `${n.firstName} left at ${n.time} (${n.gate})`,
    late: (n) => `recorded at ${n.time}, sent late`,
    unsubscribe: 'Stop these notices',
  },
  ru: {
    title: 'Gate Kiosk',
    arrived: (n) => `${n.firstName} пришёл(а) в ${n.time} (${n.gate})`,
    left: (n) => `${n.firstName} ушёл(ушла) в ${n.time} (${n.gate})`,
    late: (n) => `записано в ${n.time}, отправлено с опозданием`,
    unsubscribe: 'Отключить уведомления',
  },
  kk: {
    title: 'Gate Kiosk',
    arrived: (n) => `${n.firstName} ${n.time} келді (${n.gate})`,
    left: (n) => `${n.firstName} ${n.time} кетті (${n.gate})`,
    late: (n) => `${n.time} жазылды, кешігіп жіберілді`,
    unsubscribe: 'Хабарламаларды өшіру',
  },
};

export function noticeText(notice: Notice, language: NoticeLanguage): { title: string; body: string } {
  const w = WORDS[language];
  const main = notice.direction === 'in' ? w.arrived(notice) : w.left(notice);
  return { title: w.title, body: notice.late ? `${main}; ${w.late(notice)}` : main };
}

export const unsubscribeWords = (language: NoticeLanguage): string => WORDS[language].unsubscribe;
