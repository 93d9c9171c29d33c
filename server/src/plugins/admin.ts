import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AdminError, createGp, issueEnrolmentCode, listGps, revokeDevice, sha256 } from '../admin-service.js';
import type { ServerContext } from '../app.js';

/**
 * The administration API, under /v1/admin, with its own credential: `Authorization: Bearer
 * $MGRAMSEVA_ADMIN_TOKEN`. Without that variable the admin API is switched off (use the CLI).
 */
export const adminPlugin: FastifyPluginAsync<ServerContext> = async (app, ctx) => {
  app.addHook('onRequest', async (request) => {
    if (!ctx.adminToken) throw new AdminError(503, 'admin_disabled', 'The admin API is off: set MGRAMSEVA_ADMIN_TOKEN, or use the admin CLI.');
    const m = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    const given = Buffer.from(sha256(m?.[1] ?? ''));
    if (!m || !timingSafeEqual(given, Buffer.from(sha256(ctx.adminToken)))) {
      throw new AdminError(401, 'unauthenticated', 'Wrong or missing admin token.');
    }
  });

  app.post('/gps', async (request, reply) => {
    const created = await createGp(ctx.db, request.body as never, ctx.now());
    return reply.code(201).send(created);
  });

  app.get('/gps', async () => ({ gps: await listGps(ctx.db) }));

  app.post('/gps/:id/enrolment-codes', async (request, reply) => {
    const { id } = z.object({ id: z.string().min(1) }).parse(request.params);
    const { ttlMinutes } = z.object({ ttlMinutes: z.number().int().min(1).max(24 * 60).optional() }).parse(request.body ?? {});
    return reply.code(201).send(await issueEnrolmentCode(ctx.db, id, ctx.now(), ttlMinutes));
  });

  app.post('/devices/:id/revoke', async (request) => {
    const { id } = z.object({ id: z.string().min(1) }).parse(request.params);
    await revokeDevice(ctx.db, id, ctx.now());
    return { revoked: true };
  });
};
