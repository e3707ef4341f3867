// Opens the district database (PGlite folder or DATABASE_URL), migrates it, seals any secret an earlier version kept in
// plain text and makes sure the district record exists; and starts the HTTP listener. Shared by `district:serve`, the
// CLI, the tests and the benchmarks.
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { openDatabase, type Database, type OpenOptions } from './db/database';
import { migrate } from './db/migrations';
import { ensureDistrict } from './services/district';
import { ephemeralMasterKey } from './secrets/master-key';
import { sealSecretsAtRest } from './secrets/seal-at-rest';

/**
 * A persistent database (a PGlite folder or DATABASE_URL) needs the district's master key (server/secrets/master-key.ts
 * resolveMasterKey); one in memory gets a key that lives as long as it does.
 */
export async function openDistrictDatabase(options: OpenOptions & { districtName?: string }): Promise<Database> {
  if (options.masterKey === undefined && (options.url !== undefined || options.dataDir !== undefined)) {
    throw new Error('openDistrictDatabase: a database on disk or on a PostgreSQL server needs the master key (masterKey)');
  }
  const db = await openDatabase({ ...options, masterKey: options.masterKey ?? (await ephemeralMasterKey()) });
  try {
    await migrate(db);
    await sealSecretsAtRest(db);
    await ensureDistrict(db, options.districtName ?? 'Demo district', Date.now());
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0: any free port); with `tls`, HTTPS with that certificate and key (PEM). */
export function listen(app: Hono, host: string, port: number, tls?: { cert: Buffer; key: Buffer }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const https = tls === undefined ? {} : { createServer: createHttpsServer, serverOptions: { cert: tls.cert, key: tls.key } };
    const server = serve({ fetch: app.fetch, hostname: host, port, ...https }, (info: AddressInfo) => {
      resolve({
        url: `${tls === undefined ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    server.on('error', reject);
  });
}
