// One message engine (src/core/i18n.ts) for the kiosk's screens and the district admin page: plural forms per
// language, numbers and lists in the language, and a parameter a message lacks left visible rather than dropped.
import { describe, expect, it } from 'vitest';
import { createCatalog, formatTime, type Locale, type MessagePart } from '../../../src/core/i18n';
import { render } from '../../../server/admin/client/messages';
import { formatTime as kioskTime, translate } from '../../../src/ui/i18n/translate';

describe('the shared message engine', () => {
  it("picks each language's plural form, in the kiosk and on the admin page alike", () => {
    expect(['kk', 'ru', 'en'].map((l) => translate(l as Locale, 'faces.count', { count: 1 }))).toEqual(['1 бет', '1 лицо', '1 face']);
    expect(translate('ru', 'faces.count', { count: 3 })).toBe('3 лица');
    expect(translate('ru', 'faces.count', { count: 5 })).toBe('5 лиц');
    expect(render('en', 'status.rotated', { keyVersion: 2, count: 1 })).toBe('Key version 2: 1 stored template renewed.');
    expect(render('en', 'status.rotated', { keyVersion: 2, count: 4 })).toBe('Key version 2: 4 stored templates renewed.');
    expect(kioskTime('ru', Date.UTC(2026, 10, 23, 9, 5))).toBe(formatTime('ru', Date.UTC(2026, 10, 23, 9, 5)));
  });

  it('formats numbers and lists in the language and leaves a missing parameter visible', () => {
    const catalog = createCatalog({
      en: { a: 'threshold {value} for {children}; {missing}' },
      ru: { a: 'порог {value} для {children}; {missing}' },
      kk: { a: 'шек {value}: {children}; {missing}' },
    });
    const children: MessagePart[] = [
      { key: 'a', params: { value: 1, children: 'A', missing: 'x' } },
      { key: 'unknown', params: { name: 'Bekzat' } },
    ];
    expect(catalog.render('ru', 'a', { value: 0.45, children: [] })).toBe('порог 0,45 для ; {missing}');
    expect(catalog.render('en', 'a', { value: 0.45, children: children.slice(1).concat(children.slice(1)) })).toBe(
      'threshold 0.45 for Bekzat and Bekzat; {missing}',
    );
    expect(catalog.has('a')).toBe(true);
    expect(catalog.has('b')).toBe(false);
  });
});
