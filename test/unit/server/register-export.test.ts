// The month's register for the funding body (issue 16): the JSON, CSV and XLSX exports carry one row per child and day
// with status, times, method, absence reason and the approval state, days not approved marked as such; the XLSX read
// back with exceljs holds the same cells as the CSV; a name that looks like a formula stays text; the CLI command
// prints CSV and JSON, writes XLSX to a file, and refuses a bad month or format with exit code 2.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CliError, runDistrictCommand, USAGE, type AdminCall } from '../../../server/admin/cli-commands';
import { MONTH_COLUMNS } from '../../../server/register/register-month';
import type { components } from '../../../src/protocol/api-types.generated';
import { useTestDistrict } from './district-fixture';
import { at, registerWorld, ZONE, type RegisterWorld } from './register-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();
let w: RegisterWorld;
let month: string;
let formulaChild: string;
let hiddenFormulaChild: string;

beforeAll(async () => {
  w = await registerWorld(d);
  month = w.day.slice(0, 7);
  d.clock.ms = Date.now() - 10 * 86_400_000;
  formulaChild = (
    await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${w.siteA}/children`, { displayName: '=HYPERLINK("x")', group: 'Moons' })
  ).body.childId;
  // A formula after a ";": Excel in a Russian or Kazakh locale splits a .csv line there, so that piece becomes a cell.
  hiddenFormulaChild = (
    await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${w.siteA}/children`, {
      displayName: 'Dana;=HYPERLINK("x"); @SUM(1)',
      group: 'Moons',
    })
  ).body.childId;
  d.clock.ms = null;
  await w.push(w.children.amina, at(w.day, '03:01:00'), 'face');
  await w.push(w.children.amina, at(w.day, '11:00:00'), 'bracelet', { direction: 'out' });
  await w.push(w.children.erlan, at(w.day, '03:30:00'), 'bracelet');
  // Stars approved by its director; Moons left unapproved.
  const day = (await d.admin<Schemas['RegisterDay']>('GET', `/admin/v1/sites/${w.siteA}/register?day=${w.day}`)).body;
  const stars = day.groups.find((g) => g.group === 'Stars')!;
  const r = await w.directorA.call('POST', `/admin/v1/sites/${w.siteA}/register/approvals`, {
    day: w.day,
    group: 'Stars',
    contentSha256: stars.contentSha256,
  });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
}, 120_000);

const path = () => `/admin/v1/sites/${w.siteA}/register/months/${month}`;
const hm = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

/** Parses our CSV (RFC 4180 quoting) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  return rows;
}

describe('monthly register export', () => {
  it('JSON: the days with attendance, each group with its approval state', async () => {
    const r = await d.admin<Schemas['RegisterMonth']>('GET', path());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ siteId: w.siteA, siteName: 'Sunflower', timeZone: ZONE, month });
    const days = r.body.days.filter((x) => x.day === w.day);
    expect(days.map((x) => [x.group, x.state, x.approvedVersion, x.approverName])).toEqual([
      ['Moons', 'unapproved', null, null],
      ['Stars', 'approved', 1, 'Director A'],
    ]);
    expect(r.body.days.every((x) => x.day.startsWith(month))).toBe(true);
  });

  it('JSON: a day nobody came to but with an absence recorded is a day of the register, not a gap', async () => {
    const shift = (n: number) => new Date(Date.parse(`${w.day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const quiet = shift(1).startsWith(month) ? shift(1) : shift(-1);
    const before = (await d.admin<Schemas['RegisterMonth']>('GET', path())).body.days.filter((x) => x.day === quiet);
    expect(before).toEqual([]);
    const r = await w.directorA.call('POST', `/admin/v1/sites/${w.siteA}/register/absences`, {
      childId: w.children.amina,
      day: quiet,
      reason: 'illness',
    });
    expect(r.status).toBe(200);
    const days = (await d.admin<Schemas['RegisterMonth']>('GET', path())).body.days.filter((x) => x.day === quiet);
    expect(days.map((x) => x.state)).toEqual(days.map(() => 'unapproved'));
    const amina = days.flatMap((x) => x.children).find((c) => c.childId === w.children.amina);
    expect(amina).toMatchObject({ status: 'absent', absenceReason: 'illness', absenceReportedBy: 'staff' });
  });

  it('CSV: one row per child and day with the right cells; unapproved days marked; a formula-like name is quoted', async () => {
    const res = await fetch(`${d.url}${path()}?format=csv`, { headers: { authorization: `Bearer ${d.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="register-${w.siteA}-${month}.csv"`);
    const text = await res.text();
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...MONTH_COLUMNS]);
    // No piece of a line, split as Excel in a Russian or Kazakh locale splits it (at ";"), starts a formula.
    const pieces = text.split(/\r\n|\r|\n/).flatMap((line) => line.split(';'));
    expect(pieces.filter((p) => /^\s*[=+\-@]/.test(p))).toEqual([]);
    const of = (childId: string) => rows.find((r) => r[0] === w.day && r[2] === childId)!;
    const col = (name: (typeof MONTH_COLUMNS)[number]) => MONTH_COLUMNS.indexOf(name);
    const amina = of(w.children.amina);
    expect(amina.slice(0, 13)).toEqual([
      w.day,
      'Stars',
      w.children.amina,
      'Amina S.',
      'present',
      hm(at(w.day, '03:01:00')),
      'face',
      hm(at(w.day, '11:00:00')),
      'bracelet',
      '',
      '',
      '',
      'approved',
    ]);
    expect(amina[col('approved_version')]).toBe('1');
    expect(amina[col('approved_by')]).toBe(`Director A (${w.directorA.accountId})`);
    expect(of(w.children.daniyar).slice(4, 13)).toEqual(['absent', '', '', '', '', 'none', '', '', 'approved']);
    expect(of(w.children.erlan)[col('approval')]).toBe('NOT APPROVED');
    expect(of(w.children.erlan)[col('approved_version')]).toBe('');
    expect(of(formulaChild)[col('name')]).toBe(`'=HYPERLINK("x")`);
    expect(of(hiddenFormulaChild)[col('name')]).toBe(`Dana;'=HYPERLINK("x"); '@SUM(1)`);
    // Another site's child never appears.
    expect(rows.some((r) => r[2] === w.children.timur)).toBe(false);
    // Every row of the day: 3 Stars + 3 Moons.
    expect(rows.filter((r) => r[0] === w.day)).toHaveLength(6);
  });

  it('XLSX: read back with exceljs, the same cells as the CSV', async () => {
    const csv = parseCsv(
      await (await fetch(`${d.url}${path()}?format=csv`, { headers: { authorization: `Bearer ${d.adminToken}` } })).text(),
    );
    const res = await fetch(`${d.url}${path()}?format=xlsx`, { headers: { authorization: `Bearer ${d.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe(`Register ${month}`);
    const cells: string[][] = [];
    sheet.eachRow((row) => {
      const values: string[] = [];
      for (let i = 1; i <= MONTH_COLUMNS.length; i++) values.push(String(row.getCell(i).value ?? ''));
      cells.push(values);
    });
    // The CSV quotes a formula-like cell for spreadsheets; the XLSX keeps the text as it is (a string cell, never a formula).
    const unquoted = csv.map((r) => r.map((c) => c.replace(/(^|;\s*)'(?=[=@])/g, '$1')));
    expect(cells).toEqual(unquoted);
    const formulaRow = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(3).value === formulaChild)!;
    expect(formulaRow.getCell(4).type).toBe(ExcelJS.ValueType.String);
  });

  it('the CLI prints the CSV and the JSON, writes the XLSX to a file and refuses a bad month or format', async () => {
    const call: AdminCall = (method, p, body) => d.admin(method, p, body);
    const cli = (...argv: string[]) => runDistrictCommand(argv, call);
    const csv = await cli('register', '--site', w.siteA, '--month', month, '--format', 'csv');
    expect(csv.split('\r\n')[0]).toBe(MONTH_COLUMNS.join(','));
    expect(csv).toContain(`${w.day},Stars,${w.children.amina},Amina S.,present`);
    expect(csv).toContain('NOT APPROVED');
    const json = JSON.parse(await cli('register', '--site', w.siteA, '--month', month)) as Schemas['RegisterMonth'];
    expect(json).toEqual((await d.admin('GET', path())).body);
    const file = join(mkdtempSync(join(tmpdir(), 'gk-register-')), 'march.xlsx');
    const said = await cli('register', '--site', w.siteA, '--month', month, '--format', 'xlsx', '--out', file);
    expect(said).toMatch(/^Wrote .*march\.xlsx: \d+ group-days of \d{4}-\d{2}, \d+ not approved\.$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(readFileSync(file)).buffer);
    expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('day');
    expect(USAGE).toMatch(/register --month YYYY-MM \[--site <id>\] \[--format json\|csv\|xlsx\]/);

    const refused = async (argv: string[], message: RegExp) => {
      const e = await cli(...argv).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CliError);
      expect((e as CliError).exitCode).toBe(2);
      expect((e as CliError).message).toMatch(message);
    };
    await refused(['register', '--site', w.siteA, '--month', '2026-13'], /month must be YYYY-MM/);
    await refused(['register', '--site', w.siteA], /Missing --month/);
    await refused(['register', '--site', w.siteA, '--month', month, '--format', 'pdf'], /format must be one of json, csv, xlsx/);
    await refused(['register', '--site', 'nope', '--month', month], /No site nope/);
  });

  it('a day approved again shows each child as first signed, the reason, and the flags of the change', async () => {
    // Daniyar, absent when Stars was approved, gets a check-in pushed afterwards with the tablet's clock set back to
    // that morning; the director approves the day again.
    await w.push(w.children.daniyar, at(w.day, '04:00:00'), 'bracelet');
    const stars = (await d.admin<Schemas['RegisterDay']>('GET', `/admin/v1/sites/${w.siteA}/register?day=${w.day}`)).body.groups.find(
      (g) => g.group === 'Stars',
    )!;
    const again = await w.directorA.call('POST', `/admin/v1/sites/${w.siteA}/register/approvals`, {
      day: w.day,
      group: 'Stars',
      contentSha256: stars.contentSha256,
      // A reason over two lines whose second starts a formula (a row of its own where Excel splits at ";").
      reason: 'late sync\n=HYPERLINK(CHAR(104)&C2);\r-2+3',
    });
    expect(again.status).toBe(200);
    const res = await fetch(`${d.url}${path()}?format=csv`, { headers: { authorization: `Bearer ${d.adminToken}` } });
    const text = await res.text();
    expect(
      text
        .split(/\r\n|\r|\n/)
        .flatMap((line) => line.split(';'))
        .filter((p) => /^\s*[=+\-@]/.test(p)),
    ).toEqual([]);
    const rows = parseCsv(text);
    const col = (name: (typeof MONTH_COLUMNS)[number]) => MONTH_COLUMNS.indexOf(name);
    const of = (childId: string) => rows.find((r) => r[0] === w.day && r[2] === childId)!;
    const daniyar = of(w.children.daniyar);
    expect([daniyar[col('status')], daniyar[col('approval')], daniyar[col('approved_version')]]).toEqual(['present', 'approved', '2']);
    expect(daniyar[col('status_at_first_approval')]).toBe('absent');
    expect(daniyar[col('approval_reason')]).toBe("late sync\n'=HYPERLINK(CHAR(104)&C2);\r'-2+3");
    expect(daniyar[col('first_approved_at')]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(daniyar[col('flags')]!.split(' ')).toEqual(expect.arrayContaining(['backdated', 'never-seen']));
    expect(of(w.children.amina)[col('status_at_first_approval')]).toBe('present');
    // A group approved once, or never: those cells are empty.
    expect(of(w.children.erlan)[col('status_at_first_approval')]).toBe('');
    expect(of(w.children.erlan)[col('approval_reason')]).toBe('');
  });
});
