import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { contract, isOpName } from './contract.js';
import { handlers } from './handlers.js';
import { ApiError, type ApiErrorBody, type ApiResponse } from './errors.js';
import type { Ctx, CoreSettings, SessionContext } from './context.js';
import { fieldErrors } from './validation.js';
import { translate, type Language } from '../i18n/translate.js';
import { resolveSession } from '../auth/sessions.js';
import { holdsAny } from '../masterdata/roles.js';
import { changeWriter } from '../sync/changes.js';
import { newId } from '../sync/ids.js';
import type { HybridClock } from '../sync/hlc.js';

export interface CallMeta {
  /** The session token: from the HttpOnly cookie (HTTP) or held by the IPC connection. */
  token?: string | undefined;
  lang?: Language;
}

export interface DispatcherDeps {
  db: Kysely<DB>;
  clock: HybridClock;
  device: { id: string; code: string };
  settings: CoreSettings;
  dataDir: string;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
}

/**
 * The one path to the data (DESIGN.md "One API surface"): validate the input against the
 * operation's schema, resolve the session, check the roles for the selected GP, run the handler
 * in one transaction, and turn every failure into a typed error in the caller's language.
 */
export function createDispatcher(deps: DispatcherDeps) {
  return async function dispatch(name: string, rawInput: unknown, meta: CallMeta = {}): Promise<ApiResponse<unknown>> {
    const lang = meta.lang ?? 'en';
    if (!isOpName(name)) return { ok: false, error: body(new ApiError('NOT_FOUND', 'errors.unknownOperation', { name }), lang) };
    const spec = contract[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error.issues, lang);
      return {
        ok: false,
        error: { code: 'VALIDATION', key: 'errors.validation', message: translate(lang, 'errors.validation'), fields },
      };
    }

    const now = deps.now();
    let deferred: ApiError | undefined;
    try {
      const result = await deps.db.transaction().execute(async (trx) => {
        const session = meta.token ? await resolveSession(trx, meta.token, now, deps.settings.idleTimeoutMinutes, { activity: !spec.passive }) : null;
        authorise(spec.access, session);
        const ctx: Ctx = {
          db: trx,
          now,
          nowIso: now.toISOString(),
          lang,
          device: deps.device,
          session,
          token: meta.token,
          hlc: () => deps.clock.now(),
          newId,
          settings: deps.settings,
          dataDir: deps.dataDir,
          change: changeWriter(trx, { tenantId: session?.tenantId ?? null, hlc: () => deps.clock.now(), nowIso: now.toISOString() }),
          audit: async (entry) => {
            const id = newId();
            await ctx.change.insert('audit_log', {
              id,
              tenant_id: session?.tenantId ?? null,
              at: now.toISOString(),
              user_id: session?.userId ?? null,
              action: entry.action,
              entity: entry.entity,
              entity_id: entry.entityId,
              changes: JSON.stringify(entry.changes),
            });
          },
        };
        const handler = handlers[name] as (ctx: Ctx, input: unknown) => Promise<unknown>;
        try {
          return await handler(ctx, parsed.data);
        } catch (e) {
          if (e instanceof ApiError && e.commit) {
            deferred = e;
            return undefined;
          }
          throw e;
        }
      });
      if (deferred) return { ok: false, error: body(deferred, lang) };
      return { ok: true, result };
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, error: body(e, lang) };
      deps.log(`operation ${name} failed`, e);
      return { ok: false, error: body(new ApiError('INTERNAL', 'errors.internal'), lang) };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

function authorise(access: (typeof contract)[keyof typeof contract]['access'], session: SessionContext | null): void {
  if (access === 'public') return;
  if (!session) throw new ApiError('UNAUTHENTICATED', 'errors.unauthenticated');
  if (access === 'signedIn') return;
  if (!holdsAny(session.roles, access)) throw new ApiError('FORBIDDEN', 'errors.forbidden');
}

function body(e: ApiError, lang: Language): ApiErrorBody {
  const fields = Object.fromEntries(
    Object.entries(e.fields).map(([path, f]) => [path, { ...f, message: translate(lang, f.key, f.params ?? {}) }]),
  );
  return {
    code: e.code,
    key: e.key,
    ...(Object.keys(e.params).length ? { params: e.params } : {}),
    message: translate(lang, e.key, e.params),
    ...(Object.keys(fields).length ? { fields } : {}),
  };
}
