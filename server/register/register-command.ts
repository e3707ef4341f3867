// `npm run district -- register --site S --month YYYY-MM [--format csv|xlsx|json] [--out FILE]`: the month's register
// for the funding body through the admin API. CSV and JSON go to stdout; XLSX is binary, so it is written to a file
// (--out, else register-<site>-<month>.xlsx here) from the API's JSON with the same builder the server uses.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { components } from '../../src/protocol/api-types.generated';
import { HttpError } from '../errors';
import { monthXlsx, registerFileName, registerFormat } from './register-export';
import { monthDays } from './register-month';

type Schemas = components['schemas'];

export interface RegisterCommandOptions {
  month: string | undefined;
  format: string | undefined;
  out: string | undefined;
}

/** Both refusals the server would give, said before any call (exit 2: a usage error). */
function checked<T>(fn: () => T, usage: (message: string) => Error): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof HttpError) throw usage(error.message);
    throw error;
  }
}

export async function registerCommand(
  o: RegisterCommandOptions,
  siteId: string,
  api: <T>(method: string, path: string) => Promise<T>,
  text: (path: string) => Promise<string>,
  usage: (message: string) => Error,
): Promise<string> {
  if (o.month === undefined) throw usage('Missing --month YYYY-MM.');
  const month = o.month;
  checked(() => monthDays(month), usage);
  const format = checked(() => registerFormat(o.format), usage);
  const path = `/admin/v1/sites/${encodeURIComponent(siteId)}/register/months/${month}`;
  if (format === 'csv') return (await text(`${path}?format=csv`)).trimEnd();
  const register = await api<Schemas['RegisterMonth']>('GET', path);
  if (format === 'json') return JSON.stringify(register, null, 2);
  const file = resolve(o.out ?? registerFileName(register, 'xlsx'));
  await writeFile(file, await monthXlsx(register));
  const groupDays = register.days.length;
  const unapproved = register.days.filter((d) => d.state !== 'approved').length;
  return `Wrote ${file}: ${groupDays} group-days of ${register.month}, ${unapproved} not approved.`;
}
