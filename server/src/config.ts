import path from 'node:path';
import type { ServerDbOptions } from './db/open.js';

/** DATABASE_URL → PostgreSQL (MGRAMSEVA_PG_SCHEMA: a schema other than public); otherwise SQLite under MGRAMSEVA_SERVER_DATA_DIR (or ./.server-data). */
export function dbOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerDbOptions & { describe: string } {
  const url = env['DATABASE_URL'];
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// URL');
    const pgSchema = env['MGRAMSEVA_PG_SCHEMA'];
    return {
      databaseUrl: url,
      ...(pgSchema ? { pgSchema } : {}),
      describe: `PostgreSQL ${url.replace(/\/\/[^@]*@/, '//…@')}${pgSchema ? ` schema ${pgSchema}` : ''}`,
    };
  }
  const dir = path.resolve(env['MGRAMSEVA_SERVER_DATA_DIR'] ?? path.join(process.cwd(), '.server-data'));
  const file = path.join(dir, 'central.sqlite');
  return { sqliteFile: file, describe: `SQLite ${file}` };
}

/**
 * Where attachment files are stored (plugins/files.ts): MGRAMSEVA_FILES_DIR; otherwise `files`
 * in the server data folder (MGRAMSEVA_SERVER_DATA_DIR, or ./.server-data), beside the SQLite file.
 * With PostgreSQL, point it at storage every server instance shares.
 */
export function filesDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['MGRAMSEVA_FILES_DIR'];
  if (dir) return path.resolve(dir);
  return path.resolve(env['MGRAMSEVA_SERVER_DATA_DIR'] ?? path.join(process.cwd(), '.server-data'), 'files');
}
