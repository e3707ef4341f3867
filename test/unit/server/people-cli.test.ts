// `npm run district -- invite | accounts | account add | account disable` over the real admin API: an invitation made on
// the command line is shown once (code and link), redeems with a passkey, and the account is listed with it; a disabled
// account's person is signed out. The CLI stays English (a tool for district IT).
import { describe, expect, it } from 'vitest';
import { CliError, runDistrictCommand, type AdminCall } from '../../../server/admin/cli-commands';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, useTestDistrict } from './district-fixture';
import { callAs, redeem } from './people-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();
const call: AdminCall = (method, path, body) => d.admin(method, path, body);
const cli = (...argv: string[]) => runDistrictCommand(argv, call);

describe('people on the command line', () => {
  it('invites a new parent in one step, the code redeems once, the account lists and can be disabled', async () => {
    const siteId = await createSite(d, 'Sunflower');
    const child = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Amina S.' });
    const text = await cli('invite', 'Aigerim S.', '--role', 'parent', '--child', child.body.childId);
    const code = /code ([A-Z2-9-]{19})/.exec(text)![1]!;
    expect(text).toMatch(/link http:\/\/127\.0\.0\.1:\d+\/parents\/#invite=/);
    const redeemed = await redeem(d, code);
    expect(redeemed.status).toBe(200);
    const listed = JSON.parse(await cli('accounts', '--json')) as Schemas['Account'][];
    const account = listed.find((a) => a.displayName === 'Aigerim S.')!;
    expect(account).toMatchObject({ role: 'parent', childIds: [child.body.childId], passkeys: 1, pendingInvitation: null });
    expect(await cli('account', 'disable', account.accountId)).toMatch(/sessions ended/);
    expect((await callAs(d, redeemed.cookie, 'GET', '/parent/v1/children')).status).toBe(401);
    // A director for a site, then their invitation by account id.
    const director = JSON.parse(
      await cli('account', 'add', 'Director', '--role', 'site-director', '--site', siteId, '--json'),
    ) as Schemas['Account'];
    expect(director).toMatchObject({ role: 'site-director', siteId });
    expect(await cli('invite', director.accountId)).toMatch(/\/admin#invite=/);
    await expect(cli('invite', 'Nobody', '--role', 'parent')).rejects.toThrow(CliError);
    await expect(cli('invite', 'Nobody', '--role', 'janitor')).rejects.toThrow(/--role must be one of/);
  });
});
