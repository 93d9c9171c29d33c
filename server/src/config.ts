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
