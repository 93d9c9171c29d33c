import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { contract, isOpName } from './contract.js';
import { handlers } from './handlers.js';
import { ApiError, type ApiErrorBody, type ApiResponse } from './errors.js';
import type { Ctx, CoreSettings, SessionContext } from './context.js';
import type { Access, OperationSpec } from './operation.js';
import { AfterRelease } from './after-release.js';
import { fieldErrors } from './validation.js';
import { translate, type Language } from '../i18n/translate.js';
import { lookupSession, recordSessionUse } from '../auth/sessions.js';
import { holdsAny } from '../masterdata/roles.js';
import { changeWriter, type ChangeWriter } from '../sync/changes.js';
import { newId } from '../sync/ids.js';
import type { HybridClock } from '../sync/hlc.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { PdfPrinter } from '../platform/pdf.js';
import type { PrinterService } from '../printing/service.js';

export interface CallMeta {
  /** The session token: from the HttpOnly cookie (HTTP) or held by the IPC connection. */
  token?: string | undefined;
  lang?: Language;
}

export interface DispatcherDeps {
  /** The one writer connection. */
  db: Kysely<DB>;
  /** A second, query-only connection for read operations (WAL: it reads beside a running write). */
  reader: Kysely<DB>;
  hlc: HybridClock;
  device: { id: string; code: string };
  settings: CoreSettings;
  dataDir: string;
  clock: Clock;
  log: Logger;
  pdf: PdfPrinter;
  printer: PrinterService;
}

/**
 * The one path to the data (DESIGN.md "One API surface"): check who is calling (for anything not
 * public, before looking at the input, so a stranger learns nothing of an operation's fields),
 * validate the input against the operation's schema, run the handler — a write in the one write
 * transaction, a read on its own snapshot — then, with the database released, any rendering the
 * handler left (`afterRelease`); every failure becomes a typed error in the caller's language.
 */
export function createDispatcher(deps: DispatcherDeps) {
  return async function dispatch(name: string, rawInput: unknown, meta: CallMeta = {}): Promise<ApiResponse<unknown>> {
    const lang = meta.lang ?? 'en';
    if (!isOpName(name)) return { ok: false, error: body(new ApiError('NOT_FOUND', 'errors.unknownOperation', { name }), lang) };
    const spec: OperationSpec = contract[name];
    const now = deps.clock.now();
    let deferred: ApiError | undefined;
    try {
      const run = async (trx: Transaction<DB>, session: SessionContext | null) => {
        authorise(spec.access, session);
        const parsed = spec.input.safeParse(rawInput ?? {});
        if (!parsed.success) throw new ValidationFailure(parsed.error.issues);
        const ctx = contextFor(deps, trx, spec, session, meta, now, lang);
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
      };

      let result: unknown;
      if (spec.mode === 'write') {
        result = await deps.db.transaction().execute(async (trx) => {
          const found = meta.token ? await lookupSession(trx, meta.token, now, deps.settings.idleTimeoutMinutes) : null;
          if (found) await recordSessionUse(trx, found, now, !spec.passive);
          return run(trx, found?.session ?? null);
        });
      } else {
        result = await deps.reader.transaction().execute(async (trx) => {
          const found = meta.token ? await lookupSession(trx, meta.token, now, deps.settings.idleTimeoutMinutes) : null;
          // Noting the visit (or the idle end) is a small write of its own; the read does not wait for it.
          if (found) void recordSessionUse(deps.db, found, now, !spec.passive).catch((e: unknown) => deps.log.warn({ err: e }, 'could not record session use'));
          return run(trx, found?.session ?? null);
        });
      }
      if (deferred) return { ok: false, error: body(deferred, lang) };
      if (result instanceof AfterRelease) result = await result.run();
      return { ok: true, result };
    } catch (e) {
      if (e instanceof ValidationFailure) {
        return { ok: false, error: { code: 'VALIDATION', key: 'errors.validation', message: translate(lang, 'errors.validation'), fields: fieldErrors(e.issues, lang) } };
      }
      if (e instanceof ApiError) return { ok: false, error: body(e, lang) };
      deps.log.error({ err: e, op: name }, `operation ${name} failed`);
      return { ok: false, error: body(new ApiError('INTERNAL', 'errors.internal'), lang) };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

class ValidationFailure extends Error {
  constructor(readonly issues: Parameters<typeof fieldErrors>[0]) {
    super('validation');
  }
}

function contextFor(
  deps: DispatcherDeps,
  trx: Transaction<DB>,
  spec: OperationSpec,
  session: SessionContext | null,
  meta: CallMeta,
  now: Date,
  lang: Language,
): Ctx {
  const hlc = () => deps.hlc.now();
  let writer: ChangeWriter | undefined;
  const change = (): ChangeWriter => {
    if (spec.mode !== 'write') throw new Error('a read operation tried to write; declare it mode: "write"');
    writer ??= changeWriter(trx, { tenantId: session?.tenantId ?? null, hlc, nowIso: now.toISOString() });
    return writer;
  };
  const ctx: Ctx = {
    db: trx,
    mode: spec.mode,
    now,
    nowIso: now.toISOString(),
    lang,
    device: deps.device,
    session,
    token: meta.token,
    hlc,
    newId,
    settings: deps.settings,
    dataDir: deps.dataDir,
    pdf: deps.pdf,
    printer: deps.printer,
    clock: deps.clock,
    log: deps.log,
    change: {
      insert(table, row) {
        return change().insert(table, row);
      },
      update(table, id, patch) {
        return change().update(table, id, patch);
      },
    },
    audit: async (entry) => {
      await ctx.change.insert('audit_log', {
        id: newId(),
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
  return ctx;
}

function authorise(access: Access, session: SessionContext | null): void {
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

