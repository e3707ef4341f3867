// The month's register as files for the funding body: CSV (cells a spreadsheet would run as a formula are quoted, as in
// the daily report) and XLSX through exceljs, one sheet with the same header and rows and the unapproved days marked.
import ExcelJS from 'exceljs';
import type { components } from '../../src/protocol/api-types.generated';
import { HttpError } from '../errors';
import { csvCell } from '../../src/core/csv-cell';
import { MONTH_COLUMNS, monthTable } from './register-month';

type RegisterMonth = components['schemas']['RegisterMonth'];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const REGISTER_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

/** The `format` of a request (absent: json); anything else is refused with the formats there are. */
export function registerFormat(value: string | undefined): RegisterFormat {
  if (value === undefined || value === '') return 'json';
  if ((REGISTER_FORMATS as readonly string[]).includes(value)) return value as RegisterFormat;
  throw new HttpError(400, 'bad-format', `The format must be one of ${REGISTER_FORMATS.join(', ')}; got "${value}".`);
}

export const registerFileName = (m: RegisterMonth, format: 'csv' | 'xlsx'): string => `register-${m.siteId}-${m.month}.${format}`;

export function monthCsv(m: RegisterMonth): string {
  const lines = [MONTH_COLUMNS.join(','), ...monthTable(m).map((row) => row.map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export async function monthXlsx(m: RegisterMonth): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Gate Kiosk';
  // Fixed dates: the same register gives the same cells whenever it is exported.
  book.created = new Date(Date.UTC(2000, 0, 1));
  book.modified = book.created;
  const sheet = book.addWorksheet(`Register ${m.month}`);
  sheet.addRow([...MONTH_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  const approvalColumn = MONTH_COLUMNS.indexOf('approval') + 1;
  for (const row of monthTable(m)) {
    const added = sheet.addRow(row);
    // Strings stay strings: exceljs never evaluates them, and a leading = in a name is not a formula here.
    if (row[approvalColumn - 1] !== 'approved') added.getCell(approvalColumn).font = { bold: true, color: { argb: 'FFB00020' } };
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((col) => {
    col.width = 14;
  });
  sheet.getColumn(MONTH_COLUMNS.indexOf('name') + 1).width = 24;
  sheet.getColumn(MONTH_COLUMNS.indexOf('content_sha256') + 1).width = 66;
  return new Uint8Array(await book.xlsx.writeBuffer());
}
