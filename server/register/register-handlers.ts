// The register's admin operations (api/openapi.yaml, tag register) as handlers of the district app (server/app.ts):
// read a day, approve a group's day, correct an absence, read an approved version, and the month as JSON, CSV or XLSX.
// Who may call each is in server/account/admin-access.ts; that only a person approves is checked in approveRegister.
import type { components } from '../../src/protocol/api-types.generated';
import type { Database } from '../db/database';
import { TOKEN, actorOf } from '../account/roles';
import type { Handler, HandlerInput } from '../app';
import { approveRegister, getApproval } from './register-approvals';
import { correctAbsence } from './register-corrections';
import { registerDay } from './register-day';
import { monthCsv, monthXlsx, registerFileName, registerFormat, XLSX_TYPE } from './register-export';
import { monthDays, registerMonth } from './register-month';

type Schemas = components['schemas'];

const principal = (i: HandlerInput) => i.principal ?? TOKEN;

export function registerHandlers(db: Database): Record<string, Handler> {
  return {
    getRegisterDay: async (i) => ({ status: 200, json: await registerDay(db, i.params.siteId!, i.query.day ?? '') }),
    approveRegister: async (i) => ({
      status: 200,
      json: await approveRegister(db, principal(i), i.params.siteId!, i.body as Schemas['RegisterApprove'], i.nowMs),
    }),
    correctRegisterAbsence: async (i) => ({
      status: 200,
      json: await correctAbsence(db, i.params.siteId!, i.body as Schemas['RegisterAbsenceCorrection'], actorOf(principal(i)), i.nowMs),
    }),
    getRegisterApproval: async (i) => ({ status: 200, json: await getApproval(db, i.params.approvalId!) }),
    registerMonth: async (i) => {
      // Both checked before any work, so a bad request says what is wrong with it.
      const format = registerFormat(i.query.format);
      monthDays(i.params.month!);
      const month = await registerMonth(db, i.params.siteId!, i.params.month!, i.nowMs);
      if (format === 'json') return { status: 200, json: month };
      const attachment = { 'content-disposition': `attachment; filename="${registerFileName(month, format)}"` };
      if (format === 'csv')
        return {
          status: 200,
          bytes: new TextEncoder().encode(monthCsv(month)),
          contentType: 'text/csv; charset=utf-8',
          headers: attachment,
        };
      return { status: 200, bytes: await monthXlsx(month), contentType: XLSX_TYPE, headers: attachment };
    },
  };
}
