// The recognition report's strings: every key in Kazakh, Russian and English (the types check that), each language
// with the same {parameters} in every form, and Russian and Kazakh really translated (only formulas may stay the same).
import { describe, expect, it } from 'vitest';
import { reportMessages } from '../../../src/ui/i18n/report.messages';
import type { Message } from '../../../src/ui/i18n/messages';

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
/** Keys whose text is only numbers and symbols around parameters, the same in every language. */
const formulas = new Set(['report.counts', 'report.percent', 'report.interval', 'report.model']);

describe('report messages', () => {
  it('have the same parameters in every language and form', () => {
    for (const [key, en] of Object.entries(reportMessages.en)) {
      const expected = params(forms(en)[0]!);
      for (const locale of ['en', 'ru', 'kk'] as const) {
        const message = reportMessages[locale][key as keyof typeof reportMessages.en];
        for (const text of forms(message)) expect(params(text), `${locale} ${key}`).toEqual(expected);
      }
    }
  });
  it('are translated into Russian and Kazakh', () => {
    for (const [key, en] of Object.entries(reportMessages.en)) {
      if (formulas.has(key)) continue;
      for (const locale of ['ru', 'kk'] as const) {
        const text = forms(reportMessages[locale][key as keyof typeof reportMessages.en]).join(' ');
        expect(text, `${locale} ${key}`).not.toBe(forms(en).join(' '));
        expect(text, `${locale} ${key}`).toMatch(/[а-яәғқңөұүі]/i);
      }
    }
  });
});
