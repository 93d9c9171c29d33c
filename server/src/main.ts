import { buildServer } from './app.js';
import { dbOptionsFromEnv } from './config.js';
import { openServerDb } from './db/open.js';

/**
 * `npm run server` — the central server. PORT (8090), HOST (0.0.0.0), DATABASE_URL (PostgreSQL;
 * else SQLite under MGRAMSEVA_SERVER_DATA_DIR), MGRAMSEVA_ADMIN_TOKEN (admin API),
 * MGRAMSEVA_DEVICE_TOKEN_DAYS (optional device token lifetime), MGRAMSEVA_FILES_DIR (attachment
 * files; default <data dir>/files).
 */
const port = Number(process.env['PORT'] ?? 8090);
const host = process.env['HOST'] ?? '0.0.0.0';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a number from 0 to 65535, got "${process.env['PORT']}"`);
  process.exit(2);
}
const ttl = process.env['MGRAMSEVA_DEVICE_TOKEN_DAYS'] ? Number(process.env['MGRAMSEVA_DEVICE_TOKEN_DAYS']) : undefined;

const dbOptions = dbOptionsFromEnv();
const { db, close } = await openServerDb(dbOptions);
const app = await buildServer({ db, adminToken: process.env['MGRAMSEVA_ADMIN_TOKEN'], tokenTtlDays: ttl });
const address = await app.listen({ host, port });
console.log(
  `mGramSeva central server on ${address} (${dbOptions.describe}; admin API ${process.env['MGRAMSEVA_ADMIN_TOKEN'] ? 'on' : 'off'})`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app.close().then(close).finally(() => process.exit(0));
  });
}
