import Fastify, { type FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import type { ServerDb } from './db/open.js';
import { AdminError } from './admin-service.js';
import { adminPlugin } from './plugins/admin.js';
import { enrolPlugin } from './plugins/enrol.js';
import { syncPlugin } from './plugins/sync.js';
import { filesPlugin } from './plugins/files.js';
import { filesDirFromEnv } from './config.js';
import { loadCatalogue } from './sync/catalogue.js';

export interface ServerOptions {
  db: ServerDb;
  /** Bearer credential of the admin API; without it the admin API answers 503. */
  adminToken?: string | undefined;
  /** Device tokens expire after this many days (none by default: revoke instead). */
  tokenTtlDays?: number | undefined;
  now?: () => Date;
  logger?: boolean;
  /** Folder of attachment files (plugins/files.ts); default from the environment (config.ts). */
  filesDir?: string | undefined;
}

/** What every feature plugin gets. Later features (SMS relay, update feed) take the same. */
export interface ServerContext {
  db: ServerDb;
  adminToken: string | undefined;
  tokenTtlDays: number | undefined;
  now: () => Date;
}

/**
 * The central server: stateless (everything is in the database), so several instances can serve
 * one PostgreSQL. Each feature is a Fastify plugin under /v1.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  await loadCatalogue(); // fail at start, not at the first push, if core's schema cannot be read
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  const ctx: ServerContext = {
    db: options.db,
    adminToken: options.adminToken || undefined,
    tokenTtlDays: options.tokenTtlDays,
    now: options.now ?? (() => new Date()),
  };

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _request, reply) => {
    if (err instanceof AdminError) return reply.code(err.status).send({ error: err.code, message: err.message });
    if (err instanceof ZodError) {
      return reply.code(400).send({
        error: 'malformed',
        message: 'The request is not valid.',
        issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: 'malformed', message: 'The request could not be read.' });
    }
    app.log.error(err);
    return reply.code(500).send({ error: 'internal', message: 'Internal error; nothing of the request was stored.' });
  });

  app.get('/health', async () => ({ ok: true, time: ctx.now().toISOString() }));
  await app.register(adminPlugin, { prefix: '/v1/admin', ...ctx });
  await app.register(enrolPlugin, { prefix: '/v1', ...ctx });
  await app.register(syncPlugin, { prefix: '/v1/sync', ...ctx });
  await app.register(filesPlugin, { prefix: '/v1/files', ...ctx, filesDir: options.filesDir ?? filesDirFromEnv() });
  return app;
}
