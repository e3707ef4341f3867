// Opens the district database (PGlite folder or DATABASE_URL), migrates it and makes sure the district record
// exists; and starts the HTTP listener. Shared by `district:serve`, the CLI, the tests and the sync benchmark.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { openDatabase, type Database, type OpenOptions } from './db/database';
import { migrate } from './db/migrations';
import { ensureDistrict } from './services/district';

export async function openDistrictDatabase(options: OpenOptions & { districtName?: string }): Promise<Database> {
  const db = await openDatabase(options);
  await migrate(db);
  await ensureDistrict(db, options.districtName ?? 'Demo district', Date.now());
  return db;
}

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0: any free port). */
export function listen(app: Hono, host: string, port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      resolve({
        url: `http://${host}:${info.port}`,
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
