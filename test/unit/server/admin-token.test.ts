// The district admin token: a weak one ("1", "admin", a repeated letter) is refused at start with a message that says
// what to use instead; the token kept in its file (mode 600) can be rotated through the admin API and the CLI, after
// which the old token is refused at once, also by another server process that shares the file; a token that comes
// from DISTRICT_ADMIN_TOKEN is not rotated behind the operator's back.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminTokenProblem, adminTokensFor, fileAdminToken, newAdminToken, WeakAdminTokenError } from '../../../server/admin/admin-token';
import { runDistrictCommand } from '../../../server/admin/cli-commands';
import { createApp } from '../../../server/app';
import { listen } from '../../../server/setup';
import type { components } from '../../../src/protocol/api-types.generated';
import { useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();
const tokenFile = () => join(mkdtempSync(join(tmpdir(), 'gk-token-')), '.district', 'admin-token');
const bearer = (token: string) => `Bearer ${token}`;

describe('a weak admin token', () => {
  it('is refused, with what is wrong and what to use instead', () => {
    for (const weak of ['1', 'admin', 'password123', 'a'.repeat(40), 'abababababababababababab', '12345678901234567890'])
      expect(adminTokenProblem(weak), weak).not.toBeNull();
    for (const strong of [newAdminToken(), 'correct-horse-battery-staple-2026', 'Kq8v-3Zr!pL0x#Wm7t$Yh2'])
      expect(adminTokenProblem(strong), strong).toBeNull();
    expect(() => adminTokensFor('1', tokenFile())).toThrow(WeakAdminTokenError);
    expect(() => adminTokensFor('1', tokenFile())).toThrow(
      /DISTRICT_ADMIN_TOKEN is too weak: it has 1 characters.*openssl rand -base64 32/,
    );
  });
});

describe('the admin token file', () => {
  it('is made on the first start with mode 600 and a strong token', () => {
    const file = tokenFile();
    const tokens = adminTokensFor(undefined, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, 'utf8').trim();
    expect(adminTokenProblem(token)).toBeNull();
    expect(tokens.matches(bearer(token))).toBe(true);
    expect(tokens.matches(bearer(`${token}x`))).toBe(false);
  });

  it('rotates through the admin API and the CLI: the old token is refused at once, by every process sharing the file', async () => {
    const file = tokenFile();
    const tokens = fileAdminToken(file);
    const other = fileAdminToken(file); // a second server process on the same machine
    const first = readFileSync(file, 'utf8').trim();
    const server = await listen(createApp({ db: d.db, adminToken: tokens, securityLog: d.security }), '127.0.0.1', 0);
    try {
      const get = (token: string) => fetch(`${server.url}/admin/v1/sites`, { headers: { authorization: bearer(token) } });
      expect((await get(first)).status).toBe(200);
      const rotated = await fetch(`${server.url}/admin/v1/admin-token/rotate`, {
        method: 'POST',
        headers: { authorization: bearer(first) },
      });
      const { token: second } = (await rotated.json()) as { token: string };
      expect(rotated.status).toBe(200);
      expect(readFileSync(file, 'utf8').trim()).toBe(second);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect((await get(first)).status).toBe(401);
      expect((await get(second)).status).toBe(200);
      expect(other.matches(bearer(first))).toBe(false);
      expect(other.matches(bearer(second))).toBe(true);

      // The CLI over the same API.
      const call = async <T>(method: string, path: string, body?: unknown) => {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { authorization: bearer(second), 'content-type': 'application/json' },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, body: (await res.json()) as T };
      };
      const printed = await runDistrictCommand(['admin-token', 'rotate'], call);
      const third = readFileSync(file, 'utf8').trim();
      expect(printed).toContain(`New admin token: ${third}`);
      expect((await get(second)).status).toBe(401);

      const audit = await fetch(`${server.url}/admin/v1/audit?kind=admin-token.rotated`, { headers: { authorization: bearer(third) } });
      const page = (await audit.json()) as Schemas['AuditPage'];
      expect(page.entries.map((e) => [e.actor, e.summary])).toEqual([
        ['district-admin', 'Admin token rotated; the old one no longer works'],
        ['district-admin', 'Admin token rotated; the old one no longer works'],
      ]);
    } finally {
      await server.close();
    }
  });

  it('is not rotated when the token comes from DISTRICT_ADMIN_TOKEN: the admin is told to change the variable', async () => {
    const r = await d.admin<Schemas['Error']>('POST', '/admin/v1/admin-token/rotate');
    expect(r).toMatchObject({ status: 409, body: { code: 'admin-token-fixed' } });
    expect(r.body.message).toMatch(/set a new value there .* and restart the server/);
    expect((await d.admin('GET', '/admin/v1/sites')).status).toBe(200);
  });
});
