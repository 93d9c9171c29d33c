import os from 'node:os';
import { sql } from 'kysely';
import type { Handlers } from '../api/handlers.js';
import { signedIn } from '../api/context.js';
import { fail } from '../api/errors.js';
import { holdsAny } from '../masterdata/roles.js';
import { translate } from '../i18n/translate.js';
import { DRIFT_WARNING_MS, postJson, SyncFailure, syncClientFor } from './client.js';
import type { EnrolResponse } from './protocol.js';
import { SUPERSEDED } from './converge.js';
import { tokenSealer } from './device-secret.js';

type SyncOps = 'sync.enrol' | 'sync.status' | 'sync.rejects' | 'sync.now';

export const syncHandlers: Handlers<SyncOps> = {
  'sync.enrol': async (ctx, input) => {
    const initialized = (await ctx.db.selectFrom('tenants').select('id').limit(1).executeTakeFirst()) !== undefined;
    if (initialized) {
      // On a desktop with a GP, only its administrator connects it.
      if (!ctx.session) throw fail.unauthenticated();
      if (!holdsAny(ctx.session.roles, ['GP_ADMIN'])) throw fail.forbidden();
    }
    const tenantId = ctx.session?.tenantId;
    // The network call runs inside this operation's transaction: enrolment is a rare admin step,
    // bounded by a 15-second timeout.
    let reply: { status: number; json: unknown };
    try {
      reply = await postJson(fetch, input.serverUrl, '/v1/enrol', {
        code: input.code,
        deviceName: os.hostname().slice(0, 100) || 'desktop',
        ...(tenantId ? { tenantId } : {}),
      }, { timeoutMs: 15_000 });
    } catch (e) {
      if (e instanceof SyncFailure) throw fail.field('serverUrl', e.key);
      throw e;
    }
    const body = reply.json as Partial<EnrolResponse> & { error?: string; message?: string };
    if (reply.status === 401) throw fail.field('code', 'sync.enrol.badCode');
    if (reply.status === 409 && body.error === 'other_tenant') throw fail.field('code', 'sync.enrol.otherGramPanchayat');
    if (reply.status === 400) throw fail.field('code', 'sync.enrol.codeFormat');
    if (reply.status !== 200 || !body.deviceId || !body.token || !body.tenant) throw fail.field('serverUrl', 'sync.error.notAServer');

    const previous = await ctx.db.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirst();
    const sameGp = previous && previous.tenant_id === body.tenant.id && previous.server_url === input.serverUrl;
    const row = {
      server_url: input.serverUrl,
      device_token: tokenSealer(ctx.dataDir).seal(body.token),
      server_device_id: body.deviceId,
      tenant_id: body.tenant.id,
      // Re-enrolling with the same server and GP keeps the cursor; anything else starts over
      // (applying is idempotent, so pulling again is harmless).
      pull_cursor: sameGp ? previous.pull_cursor : 0,
      enrolled_at: ctx.nowIso,
      last_error_key: null,
      last_error_detail: null,
    };
    if (previous) await ctx.db.updateTable('sync_state').set(row).where('id', '=', 1).execute();
    else await ctx.db.insertInto('sync_state').values({ id: 1, ...row }).execute();
    if (ctx.session) {
      await ctx.audit({ action: 'sync.enrol', entity: 'device', entityId: body.deviceId, changes: { serverUrl: input.serverUrl } });
    }
    syncClientFor(ctx.device.id)?.syncSoon();
    return { serverDeviceId: body.deviceId, tenant: body.tenant };
  },

  'sync.status': async (ctx) => {
    signedIn(ctx);
    const state = await ctx.db.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirst();
    const tenantId = state?.tenant_id ?? ctx.session!.tenantId;
    const pending = await ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('pushed_at', 'is', null)
      .where((eb) => eb.or([eb('tenant_id', '=', tenantId), eb('tenant_id', 'is', null)]))
      .executeTakeFirstOrThrow();
    const rejects = await ctx.db
      .selectFrom('sync_rejects')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(sql<number>`CASE WHEN reason LIKE ${`${SUPERSEDED}%`} THEN 1 ELSE 0 END`).as('superseded'),
        // A losing demand is on record twice (its push refused, then its copy replaced): count demands.
        sql<number>`COUNT(DISTINCT CASE WHEN reason LIKE ${`${SUPERSEDED}%`} AND table_name = 'demands' THEN row_id END)`.as('demands'),
      ])
      .executeTakeFirstOrThrow();
    const superseded = Number(rejects.superseded ?? 0);
    const drift = state?.clock_drift_ms ?? null;
    const client = syncClientFor(ctx.device.id);
    return {
      enrolled: !!state,
      serverUrl: state?.server_url ?? null,
      tenantId,
      serverDeviceId: state?.server_device_id ?? null,
      online: state ? (client?.online ?? null) : null,
      lastSuccessAt: state?.last_success_at ?? null,
      lastAttemptAt: state?.last_attempt_at ?? null,
      pendingChanges: Number(pending.n),
      rejectedChanges: Number(rejects.n) - superseded,
      supersededDemands: Number(rejects.demands ?? 0),
      lastError: state?.last_error_key ? { key: state.last_error_key, message: translate(ctx.lang, state.last_error_key) } : null,
      clockDriftMs: drift,
      clockWarning:
        drift !== null && Math.abs(drift) > DRIFT_WARNING_MS
          ? translate(ctx.lang, drift > 0 ? 'sync.clock.ahead' : 'sync.clock.behind', { minutes: Math.round(Math.abs(drift) / 60_000) })
          : null,
    };
  },

  'sync.rejects': async (ctx, input) => {
    const rows = await ctx.db.selectFrom('sync_rejects').selectAll().orderBy('id', 'desc').limit(input.limit).execute();
    return rows.map((r) => ({ direction: r.direction, table: r.table_name, rowId: r.row_id, reason: r.reason, at: r.at }));
  },

  'sync.now': async (ctx) => {
    signedIn(ctx);
    const client = syncClientFor(ctx.device.id);
    if (!client) return { started: false };
    // Not awaited: the round needs the database this operation's transaction is holding.
    client.syncSoon();
    return { started: true };
  },
};
