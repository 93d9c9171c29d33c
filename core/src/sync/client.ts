import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.js';
import type { HybridClock } from './hlc.js';
import { newId } from './ids.js';
import { applyPage } from './apply.js';
import { maxHlc } from './merge.js';
import { SUPERSEDED } from './converge.js';
import type { BatchRefused, ChangeResult, EnrolResponse, PulledChange, PullResponse, PushResponse, WireChange } from './protocol.js';
import { PROTOCOL_VERSION } from './protocol.js';
import { databaseFolder, syncFiles } from './files.js';
import { tokenSealer, type TokenSealer } from './device-secret.js';

/**
 * The device side of replication. Idle until the desktop is enrolled (a desktop that never
 * enrols works offline forever). Once enrolled, on an interval and on demand: push the outbox in
 * batches (a row is marked pushed only after the server answered for it), then pull pages and
 * apply each in one transaction with its cursor (apply.ts). Failures back off exponentially;
 * everything it needs to resume is in SQLite (outbox, sync_state), so it survives restarts.
 *
 * It shares the app's Kysely handle and keeps each transaction to one batch or page, so a clerk's
 * operation waits at most one short transaction; network waits happen outside transactions.
 */
export interface SyncClientOptions {
  db: Kysely<DB>;
  clock: HybridClock;
  log?: (message: string, error?: unknown) => void;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Between successful rounds (default 30 s). */
  intervalMs?: number;
  /** Ceiling of the back-off after failures (default 10 min). */
  maxBackoffMs?: number;
  pushBatch?: number;
  pullPage?: number;
  requestTimeoutMs?: number;
  /** Delay of the first round after start() (default 1 s). */
  firstDelayMs?: number;
  /**
   * After each pulled page is committed: what the domains check in what arrived (billing: two
   * desktops' overlapping bills, billing/overlaps.ts). A failure is logged, never fails the round.
   */
  afterPage?: (changes: readonly PulledChange[]) => Promise<void>;
}

export interface SyncRound {
  enrolled: boolean;
  pushed: number;
  pulled: number;
  rejected: number;
  error?: SyncFailure;
}

/** A failure with an i18n key (resources/locales/<lang>/sync.json) and technical detail. */
export class SyncFailure extends Error {
  constructor(
    readonly key: string,
    readonly detail: string,
    readonly status?: number,
  ) {
    super(`${key}: ${detail}`);
    this.name = 'SyncFailure';
  }
}

/**
 * The latest HLC stamp this device wrote (outbox) or received (sync_state), so a reopened core's
 * clock continues after it: a later local edit must never carry an older stamp than an earlier one.
 */
export async function lastKnownStamp(db: Kysely<DB>): Promise<string | undefined> {
  const own = await db.selectFrom('outbox').select((eb) => eb.fn.max('hlc').as('hlc')).executeTakeFirst();
  const remote = await db.selectFrom('sync_state').select('max_remote_hlc').where('id', '=', 1).executeTakeFirst();
  const best = maxHlc(own?.hlc ?? null, remote?.max_remote_hlc ?? null);
  return best || undefined;
}

/** Clock difference from the server above which the status warns (DESIGN.md). */
export const DRIFT_WARNING_MS = 2 * 60_000;

const clients = new Map<string, SyncClient>();

/** The running client of a core (by its local device id), for the sync.* handlers. */
export function syncClientFor(localDeviceId: string): SyncClient | undefined {
  return clients.get(localDeviceId);
}

export class SyncClient {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SyncRound> | undefined;
  private stopped = true;
  /** Set by stop(): a running round finishes its current batch or page and ends. */
  private stopping = false;
  private failures = 0;
  /** null until the first attempt; then whether the last exchange reached the server. */
  online: boolean | null = null;
  nextAttemptAt: Date | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => Date;
  private readonly log: (message: string, error?: unknown) => void;

  constructor(
    private readonly localDeviceId: string,
    private readonly options: SyncClientOptions,
  ) {
    this.fetchImpl = options.fetch ?? ((...a) => fetch(...a));
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => {});
  }

  /** Begin background rounds (the first one soon). Idempotent. */
  async start(): Promise<void> {
    clients.set(this.localDeviceId, this);
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    this.schedule(this.options.firstDelayMs ?? 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (clients.get(this.localDeviceId) === this) clients.delete(this.localDeviceId);
    await this.running?.catch(() => undefined);
  }

  /** Run a round now (or join the one running). Never throws: the outcome is in the result. */
  syncNow(): Promise<SyncRound> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Ask for a round soon without waiting for it (from inside an operation's transaction). */
  syncSoon(): void {
    if (this.stopped) {
      setTimeout(() => void this.syncNow(), 0);
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.nextAttemptAt = new Date(this.now().getTime() + delayMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.syncNow().then((r) => {
        if (!r.enrolled) return this.schedule(this.options.intervalMs ?? 30_000);
        if (r.error) {
          this.failures += 1;
          const ceiling = this.options.maxBackoffMs ?? 10 * 60_000;
          const base = Math.min(ceiling, (this.options.intervalMs ?? 30_000) * 2 ** Math.min(this.failures, 10));
          this.schedule(Math.round(base * (0.75 + Math.random() * 0.5)));
        } else {
          this.failures = 0;
          this.schedule(this.options.intervalMs ?? 30_000);
        }
      });
    }, delayMs);
    this.timer.unref?.();
  }

  private async round(): Promise<SyncRound> {
    try {
      return await this.attempt();
    } catch (e) {
      // Only when the database itself failed (closing, disk full): nothing to record it in.
      this.log('sync round failed', e);
      return { enrolled: true, pushed: 0, pulled: 0, rejected: 0, error: new SyncFailure('sync.error.internal', String(e)) };
    }
  }

  /** The data folder (beside the SQLite file: device key, documents), looked up once; undefined in memory. */
  private folder: Promise<string | undefined> | undefined;
  private sealer: TokenSealer | null | undefined;

  private dataFolder(): Promise<string | undefined> {
    this.folder ??= databaseFolder(this.options.db);
    return this.folder;
  }

  /** The state with the device token unsealed (sync/device-secret.ts); a legacy plain token is sealed now. */
  private async unsealed(state: DB['sync_state']): Promise<DB['sync_state']> {
    if (this.sealer === undefined) {
      const folder = await this.dataFolder();
      this.sealer = folder ? tokenSealer(folder) : null;
    }
    if (!this.sealer) return state;
    let token: string;
    try {
      token = this.sealer.open(state.device_token);
    } catch (e) {
      throw new SyncFailure('sync.error.deviceKey', e instanceof Error ? e.message : String(e));
    }
    if (!this.sealer.isSealed(state.device_token)) {
      await this.options.db.updateTable('sync_state').set({ device_token: this.sealer.seal(token) }).where('id', '=', 1).execute();
    }
    return { ...state, device_token: token };
  }

  private async attempt(): Promise<SyncRound> {
    const db = this.options.db;
    const stored = await db.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!stored) return { enrolled: false, pushed: 0, pulled: 0, rejected: 0 };
    const round: SyncRound = { enrolled: true, pushed: 0, pulled: 0, rejected: 0 };
    const startedIso = this.now().toISOString();
    let state = stored;
    try {
      state = await this.unsealed(stored);
      await this.pushAll(state, round);
      await this.pullAll(state, round);
      if (this.stopping) return round;
      this.online = true;
      await db
        .updateTable('sync_state')
        .set({ last_success_at: this.now().toISOString(), last_attempt_at: startedIso, last_error_key: null, last_error_detail: null })
        .where('id', '=', 1)
        .execute();
      // Attachment files (sync/files.ts): bounded per round, never throws, records its own failure.
      const dataDir = await this.dataFolder();
      if (dataDir) await syncFiles({ db, state, dataDir, fetch: this.fetchImpl, now: this.now, log: this.log, stopping: () => this.stopping });
    } catch (e) {
      const failure = e instanceof SyncFailure ? e : new SyncFailure('sync.error.internal', e instanceof Error ? e.message : String(e));
      if (!(e instanceof SyncFailure)) this.log('sync round failed', e);
      this.online = failure.status !== undefined; // it answered, so we are online
      round.error = failure;
      await db
        .updateTable('sync_state')
        .set({ last_attempt_at: startedIso, last_error_key: failure.key, last_error_detail: failure.detail.slice(0, 500) })
        .where('id', '=', 1)
        .execute();
    }
    return round;
  }

  private async pushAll(state: DB['sync_state'], round: SyncRound): Promise<void> {
    const db = this.options.db;
    const size = this.options.pushBatch ?? 500;
    for (let guard = 0; guard < 10_000 && !this.stopping; guard++) {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('pushed_at', 'is', null)
        .where((eb) => eb.or([eb('tenant_id', '=', state.tenant_id), eb('tenant_id', 'is', null)]))
        .orderBy('seq')
        .limit(size)
        .execute();
      if (rows.length === 0) return;
      const changes: WireChange[] = rows.map((r) => ({
        mutationId: r.mutation_id,
        seq: r.seq,
        table: r.table_name,
        rowId: r.row_id,
        op: r.op,
        data: JSON.parse(r.data) as WireChange['data'],
        hlc: r.hlc,
      }));
      const body = { protocol: PROTOCOL_VERSION, deviceId: state.server_device_id, batchId: newId(), changes };
      const { status, json } = await this.request(state, '/v1/sync/push', body);
      let results: ChangeResult[];
      if (status === 200) {
        results = (json as PushResponse).results;
      } else if ((status === 400 || status === 403) && (json as BatchRefused)?.results?.length) {
        // Nothing was stored. The changes named are refused for good; the rest go again next time.
        const refused = (json as BatchRefused).results;
        results = refused.map((r) => ({ mutationId: r.mutationId, status: 'rejected', reason: r.reason }));
      } else {
        throw this.failureFor(status, json);
      }
      await this.acknowledge(rows, results);
      round.pushed += results.filter((r) => r.status !== 'rejected').length;
      round.rejected += results.filter((r) => r.status === 'rejected' && r.reason !== SUPERSEDED).length;
      if (status !== 200) throw new SyncFailure('sync.error.rejected', JSON.stringify(results.slice(0, 5)), status);
    }
  }

  /** Mark answered changes pushed, keep refusals visible, adopt stamps the server clamped. */
  private async acknowledge(rows: Selectable<DB['outbox']>[], results: ChangeResult[]): Promise<void> {
    const byId = new Map(rows.map((r) => [r.mutation_id, r]));
    const nowIso = this.now().toISOString();
    await this.options.db.transaction().execute(async (trx) => {
      const answered = results.map((r) => r.mutationId).filter((id) => byId.has(id));
      for (let i = 0; i < answered.length; i += 500) {
        await trx.updateTable('outbox').set({ pushed_at: nowIso }).where('mutation_id', 'in', answered.slice(i, i + 500)).execute();
      }
      for (const r of results) {
        const row = byId.get(r.mutationId);
        if (!row) continue;
        if (r.status === 'rejected') {
          await trx
            .insertInto('sync_rejects')
            .values({
              direction: 'push',
              mutation_id: r.mutationId,
              table_name: row.table_name,
              row_id: row.row_id,
              reason: r.reason ?? 'rejected',
              data: row.data,
              at: nowIso,
            })
            .execute();
        }
        if (r.hlc && r.hlc !== row.hlc) {
          // Our clock ran ahead; the server re-stamped the change. Adopt its stamp for the
          // fields that still carry ours, so this device merges like everyone else.
          const fc = await trx
            .selectFrom('field_clocks')
            .select('clocks')
            .where('table_name', '=', row.table_name)
            .where('row_id', '=', row.row_id)
            .executeTakeFirst();
          if (fc) {
            const clocks = JSON.parse(fc.clocks) as Record<string, string>;
            for (const k of Object.keys(clocks)) if (clocks[k] === row.hlc) clocks[k] = r.hlc;
            await trx
              .updateTable('field_clocks')
              .set({ clocks: JSON.stringify(clocks) })
              .where('table_name', '=', row.table_name)
              .where('row_id', '=', row.row_id)
              .execute();
          }
        }
      }
    });
  }

  private async pullAll(state: DB['sync_state'], round: SyncRound): Promise<void> {
    const limit = this.options.pullPage ?? 500;
    let cursor = state.pull_cursor;
    for (let guard = 0; guard < 10_000 && !this.stopping; guard++) {
      const { status, json } = await this.request(state, '/v1/sync/pull', { cursor, limit });
      if (status !== 200) throw this.failureFor(status, json);
      const page = json as PullResponse;
      const { applied } = await applyPage(this.options.db, this.options.clock, page.changes, page.nextCursor, this.now().toISOString());
      round.pulled += applied;
      cursor = page.nextCursor;
      if (applied > 0 && this.options.afterPage) {
        await this.options.afterPage(page.changes).catch((e: unknown) => this.log('after-pull check failed', e));
      }
      if (!page.hasMore) return;
    }
  }

  private async request(state: DB['sync_state'], path: string, body: unknown): Promise<{ status: number; json: unknown }> {
    return postJson(this.fetchImpl, state.server_url, path, body, {
      token: state.device_token,
      timeoutMs: this.options.requestTimeoutMs ?? 30_000,
      onDate: async (serverMs) => {
        const drift = this.now().getTime() - serverMs;
        await this.options.db.updateTable('sync_state').set({ clock_drift_ms: drift }).where('id', '=', 1).execute();
      },
    });
  }

  private failureFor(status: number, json: unknown): SyncFailure {
    const detail = `HTTP ${status}: ${JSON.stringify(json).slice(0, 300)}`;
    if (status === 401) return new SyncFailure('sync.error.unauthorized', detail, status);
    if (status === 403) return new SyncFailure('sync.error.forbidden', detail, status);
    if (status >= 500) return new SyncFailure('sync.error.server', detail, status);
    return new SyncFailure('sync.error.rejected', detail, status);
  }
}

/** POST JSON to the central server; network trouble and non-JSON replies become SyncFailures. */
export async function postJson(
  fetchImpl: typeof fetch,
  baseUrl: string,
  path: string,
  body: unknown,
  opts: { token?: string; timeoutMs?: number; onDate?: (serverMs: number) => Promise<void> } = {},
): Promise<{ status: number; json: unknown }> {
  let res: Response;
  try {
    // Relative to the base, so a server behind a path prefix (https://host/mgramseva/) works.
    res = await fetchImpl(new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
  } catch (e) {
    const cause = e instanceof Error ? `${e.name}: ${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}` : String(e);
    throw new SyncFailure(/timeout|abort/i.test(cause) ? 'sync.error.timeout' : 'sync.error.unreachable', cause);
  }
  const date = res.headers.get('date');
  if (date && opts.onDate && Number.isFinite(Date.parse(date))) await opts.onDate(Date.parse(date));
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyncFailure('sync.error.notAServer', `HTTP ${res.status}, not JSON: ${text.slice(0, 120)}`, res.status);
  }
  if (res.status === 404) throw new SyncFailure('sync.error.notAServer', `HTTP 404 at ${path}`, 404);
  return { status: res.status, json };
}

export type { EnrolResponse };
