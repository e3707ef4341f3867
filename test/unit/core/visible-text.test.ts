// Text a tablet pushed is shown as it reads: a right-to-left override cannot turn "\u202E.K rumiT" into "Timur K.",
// control characters cannot hide, and a note keeps its line breaks; ordinary Kazakh, Russian and English text is untouched.
import { describe, expect, it } from 'vitest';
import { visibleLine, visibleNote } from '../../../src/core/visible-text';

describe('visible text', () => {
  it('replaces direction overrides, isolates and control characters, nothing else', () => {
    expect(visibleLine('\u202E.K rumiT')).toBe('\uFFFD.K rumiT');
    expect(visibleLine('Aigerim\u2066 S.\u2069')).toBe('Aigerim\uFFFD S.\uFFFD');
    expect(visibleLine('Saule\u0000\u0007\u009B')).toBe('Saule\uFFFD\uFFFD\uFFFD');
    expect(visibleLine('line\nbreak')).toBe('line\uFFFDbreak');
    for (const plain of ['Әлия Сәрсенова', 'Алия Сарсенова', 'Aliya S.', 'Group "Stars" — 2']) expect(visibleLine(plain)).toBe(plain);
  });

  it('keeps a note’s tabs and line breaks', () => {
    expect(visibleNote('came with\n\tgrandmother\r\n')).toBe('came with\n\tgrandmother\r\n');
    expect(visibleNote('ok\u202E')).toBe('ok\uFFFD');
  });
});
