// The CLI commands that work on the database itself rather than through the admin API: backup, restore and master key
// rotation. They never open a PGlite folder a server holds (its lock refuses), and restore and rotation refuse while
// this machine's district server runs (it holds the database and its master key). English, like the rest of the CLI.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FolderLockedError, holderAlive, readLockHolder } from '../db/data-dir';
import { backupPglite, backupPostgres, BackupError, restorePglite, restorePostgres } from '../ops/backup';
import { MasterKeyError, resolveMasterKey } from '../secrets/master-key';
import { rotateMasterKey } from '../secrets/rotate-master-key';
import { MasterKeyMismatchError } from '../secrets/seal-at-rest';
import { CliError, USAGE } from './cli-commands';

export interface DistrictPaths {
  /** .district: admin token, master key, server.json. */
  stateDir: string;
  /** .district/data (PGlite), unless DATABASE_URL. */
  dataDir: string;
  url: string | undefined;
  /** The URL of this machine's running district server, or null. */
  runningServer: string | null;
}

export const defaultPaths = (runningServer: string | null): DistrictPaths => ({
  stateDir: resolve('.district'),
  dataDir: resolve('.district', 'data'),
  url: process.env.DATABASE_URL,
  runningServer,
});

function refuseWhileRunning(p: DistrictPaths, what: string): void {
  const holder = p.url === undefined ? readLockHolder(p.dataDir) : null;
  if (p.runningServer !== null || (holder !== null && holderAlive(holder))) {
    throw new CliError(
      `A district server is running${p.runningServer !== null ? ` (${p.runningServer})` : ''}: stop it before ${what}` +
        (p.url !== undefined ? ', and every other server process on this database.' : '.'),
    );
  }
}

function explain(error: unknown): never {
  if (error instanceof FolderLockedError || error instanceof BackupError || error instanceof MasterKeyError) {
    throw new CliError(error.message);
  }
  throw error;
}

/** Runs `backup`, `restore` or `master-key rotate`; null for any other command (the admin API's). */
export async function runOfflineCommand(argv: string[], p: DistrictPaths): Promise<string | null> {
  const [command, arg] = argv.filter((a) => !a.startsWith('--'));
  const keyFile = join(p.stateDir, 'master.key');
  const env = process.env.DISTRICT_MASTER_KEY;
  try {
    switch (command) {
      case 'backup': {
        if (arg === undefined) throw new CliError(`Say where: backup FILE.\n\n${USAGE}`, 2);
        const file = resolve(arg);
        if (existsSync(file)) throw new CliError(`${file} exists already: choose a new file name (a backup never overwrites one).`);
        if (p.url !== undefined) await backupPostgres(p.url, file);
        else await backupPglite(p.dataDir, file);
        return `Backup written to ${file} (${p.url !== undefined ? 'pg_dump custom format' : 'PGlite data folder, tar.gz'}). It holds the district's secrets sealed under the master key: keep the master key (${env ? 'DISTRICT_MASTER_KEY' : keyFile}) safe and apart from it.`;
      }
      case 'restore': {
        if (arg === undefined) throw new CliError(`Say which: restore FILE.\n\n${USAGE}`, 2);
        refuseWhileRunning(p, 'restoring a backup');
        const { key } = await resolveMasterKey({ env, file: keyFile, createIfMissing: false });
        const options = { masterKey: key, replace: argv.includes('--replace') };
        const restored =
          p.url !== undefined ? await restorePostgres(p.url, resolve(arg), options) : await restorePglite(p.dataDir, resolve(arg), options);
        return [
          `Restored ${resolve(arg)}. New database epoch ${restored.epoch}: at their next sync tablets push again every event they still hold that the backup lacks.`,
          restored.previous !== null ? `What was there before is kept in ${restored.previous} (delete it when you no longer need it).` : '',
          restored.carriedForward === null
            ? ''
            : restored.carriedForward.kind === 'carried'
              ? `Decided since the backup and applied again: ${Object.entries(restored.carriedForward.changes)
                  .map(([what, n]) => `${what} ${n}`)
                  .join(', ')}.`
              : restored.carriedForward.reason === 'another-district'
                ? 'The database replaced was another district (a fresh one): nothing of it was applied to the backup.'
                : `The database replaced could not be read, so nothing decided after the backup was applied again: check unpaired tablets, withdrawn consents, disabled accounts and pickup lists against ${restored.previous ?? 'your records'}.`,
        ]
          .filter(Boolean)
          .join('\n');
      }
      case 'master-key': {
        if (arg !== 'rotate') throw new CliError(`Unknown: master-key ${arg ?? ''}. Say \`master-key rotate\`.`, 2);
        refuseWhileRunning(p, 'rotating the master key (every server holds it in memory)');
        const r = await rotateMasterKey({
          ...(p.url !== undefined ? { url: p.url } : { dataDir: p.dataDir }),
          keyFile,
          env,
          newEnv: process.env.DISTRICT_NEW_MASTER_KEY,
        });
        return r.keptIn === keyFile
          ? `Master key rotated (${r.fromKey} -> ${r.toKey}); ${r.resealed} secrets re-sealed. The new key is in ${keyFile}: replace every copy you keep of the old one. Backups made before need the old key.`
          : `Master key rotated (${r.fromKey} -> ${r.toKey}); ${r.resealed} secrets re-sealed. Start every server with DISTRICT_MASTER_KEY set to the value of DISTRICT_NEW_MASTER_KEY. Backups made before need the old key.`;
      }
      default:
        return null;
    }
  } catch (error) {
    if (error instanceof MasterKeyMismatchError) throw new CliError(error.message);
    return explain(error);
  }
}
