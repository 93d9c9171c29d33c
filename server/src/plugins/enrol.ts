import type { FastifyPluginAsync } from 'fastify';
import { enrolRequest } from '@mgramseva/core/node';
import { enrolDevice } from '../admin-service.js';
import type { ServerContext } from '../app.js';

/** POST /v1/enrol {code, deviceName, tenantId?} → {deviceId, token, tenant}. */
export const enrolPlugin: FastifyPluginAsync<ServerContext> = async (app, ctx) => {
  app.post('/enrol', async (request) => {
    const input = enrolRequest.parse(request.body);
    return enrolDevice(ctx.db, input, ctx.now(), ctx.tokenTtlDays);
  });
};
