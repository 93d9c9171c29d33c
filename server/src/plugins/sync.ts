import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { pullRequest, pushEnvelope, wireChange, type BatchRefused as BatchRefusedBody, type PushResponse, type WireChange } from '@mgramseva/core/node';
import { AdminError, authenticateDevice } from '../admin-service.js';
import type { ServerContext } from '../app.js';
import { loadCatalogue } from '../sync/catalogue.js';
import { checkChange } from '../sync/validate.js';
import { applyBatch, BatchRefused } from '../sync/push.js';
import { pullPage } from '../sync/pull.js';

/**
 * POST /v1/sync/push and GET|POST /v1/sync/pull, for enrolled devices (bearer device token).
 * A device reads and writes only its own Gram Panchayat.
 */
export const syncPlugin: FastifyPluginAsync<ServerContext> = async (app, ctx) => {
  const catalogue = await loadCatalogue();

  const deviceOf = async (request: FastifyRequest) => {
    const device = await authenticateDevice(ctx.db, request.headers.authorization, ctx.now());
    if (!device) throw new AdminError(401, 'unauthenticated', 'This device is not enrolled, or its token was revoked or has expired.');
    return device;
  };

  app.post('/push', { bodyLimit: 16 * 1024 * 1024 }, async (request, reply) => {
    const device = await deviceOf(request);
    const batch = pushEnvelope.parse(request.body);
    if (batch.deviceId !== device.id) {
      const body: BatchRefusedBody = { error: 'forbidden', message: 'The batch names another device.', results: [] };
      return reply.code(403).send(body);
    }
    const changes: WireChange[] = [];
    const reasons: { mutationId: string; reason: string }[] = [];
    batch.changes.forEach((raw, i) => {
      const parsed = wireChange.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const id = (raw as { mutationId?: unknown } | null)?.mutationId;
        reasons.push({ mutationId: typeof id === 'string' ? id : `#${i}`, reason: `malformed:${issue.path.join('.')}: ${issue.message}` });
        return;
      }
      changes.push(parsed.data);
      const reason = checkChange(parsed.data, catalogue, device.tenantId);
      if (reason) reasons.push({ mutationId: parsed.data.mutationId, reason });
    });
    if (reasons.length) {
      const forbidden = reasons.some((r) => r.reason === 'other_tenant');
      const body: BatchRefusedBody = {
        error: forbidden ? 'forbidden' : 'malformed',
        message: 'Nothing of this batch was stored.',
        results: reasons,
      };
      return reply.code(forbidden ? 403 : 400).send(body);
    }
    try {
      const results = await applyBatch(ctx.db, device, batch.batchId, changes, catalogue, ctx.now());
      const body: PushResponse = { results, serverTime: ctx.now().toISOString() };
      return body;
    } catch (e) {
      if (e instanceof BatchRefused) {
        const body: BatchRefusedBody = { error: e.kind, message: 'Nothing of this batch was stored.', results: e.reasons };
        return reply.code(e.kind === 'forbidden' ? 403 : 400).send(body);
      }
      throw e;
    }
  });

  const pull = async (request: FastifyRequest) => {
    const device = await deviceOf(request);
    const { cursor, limit } = pullRequest.parse(request.method === 'GET' ? request.query : request.body ?? {});
    return pullPage(ctx.db, device, cursor, limit, ctx.now());
  };
  app.get('/pull', pull);
  app.post('/pull', pull);
};
