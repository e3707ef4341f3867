// Every CSV the kiosk and the district write: no cell, nor a piece of one that a spreadsheet splits at ";" (Excel in a
// Russian or Kazakh locale), a tab or "|", starts a formula; plain text is left as it is.
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../../src/core/csv-cell';

describe('csvCell', () => {
  it('leaves names, times and dates as they are', () => {
    expect(['Аружан Б.', '08:15', '2026-12-06', 'O’Neil', 'Ер-Нұр'].map(csvCell)).toEqual([
      'Аружан Б.',
      '08:15',
      '2026-12-06',
      'O’Neil',
      'Ер-Нұр',
    ]);
  });

  it('writes a formula at the start of the cell as text', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('  @SUM(A1)')).toBe("  '@SUM(A1)");
    expect(csvCell('\t-2')).toBe("'\t'-2");
  });

  it('writes a formula after ";", a tab or "|" as text, where a spreadsheet would start a cell', () => {
    const cell = csvCell('болеет;=HYPERLINK("http://x";"x");+1|-2');
    expect(cell).toBe(`"болеет;'=HYPERLINK(""http://x"";""x"");'+1|'-2"`);
    for (const piece of cell.split(/[;|\t]/)) expect(piece).not.toMatch(/^\s*[=+\-@]/);
  });

  it('writes a formula after a line break inside a note as text: a spreadsheet splitting at ";" starts a row there', () => {
    const cell = csvCell('Sick\n=HYPERLINK(CHAR(104)&C2);\r-2+3;\r\n @x');
    expect(cell).toBe(`"Sick\n'=HYPERLINK(CHAR(104)&C2);\r'-2+3;\r\n '@x"`);
    for (const piece of cell.slice(1, -1).split(/\r\n|\r|\n|;/)) expect(piece).not.toMatch(/^\s*[=+\-@]/);
  });

  it('quotes a cell with a comma, a quote or a line break (RFC 4180)', () => {
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});
