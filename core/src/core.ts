import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from './db/database.js';
import { createDispatcher, type CallMeta, type Dispatch } from './api/dispatcher.js';
import type { ApiResponse } from './api/errors.js';
import type { CoreSettings } from './api/context.js';
import { HybridClock } from './sync/hlc.js';
import { overlapCheckAfterPull } from './billing/overlaps.js';
import { SyncClient, lastKnownStamp, type SyncClientOptions } from './sync/client.js';
import { newId } from './sync/ids.js';
import { appConfig } from './masterdata/config.js';
import { asLanguage } from './i18n/translate.js';
import { Scheduler } from './jobs/scheduler.js';
import { closeBillPrinter } from './billing/printer.js';
import { closePrinterService } from './printing/service.js';
import pkg from '../../package.json';

export interface CoreOptions {
  /** Folder for the SQLite file and documents (MGRAMSEVA_DATA_DIR, or Electron's userData). */
  dataDir: string;
  /** Wall clock, injectable for tests. */
  now?: () => Date;
  idleTimeoutMinutes?: number;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The product: one database, one clock, one dispatcher. IPC, the local HTTP server, the tests
 * and the benchmarks all hold one of these and call `dispatch`.
 */
export class Core {
  private constructor(
    readonly db: Db,
    readonly dataDir: string,
    readonly device: { id: string; code: string },
    readonly clock: HybridClock,
    readonly dispatch: Dispatch,
    private readonly closeDb: () => Promise<void>,
  ) {}

  static async open(options: CoreOptions): Promise<Core> {
    const now = options.now ?? (() => new Date());
    const log = options.log ?? ((m, e) => console.error(`[core] ${m}`, e ?? ''));
    const { db, close } = await openDatabase(path.join(options.dataDir, 'mgramseva.sqlite'));
    const device = await ensureDevice(db, now());
    // Resume after every stamp this device wrote or received, even if the wall clock went back.
    const clock = new HybridClock(device.id, () => now().getTime(), await lastKnownStamp(db));
    const settings: CoreSettings = {
      version: pkg.version,
      idleTimeoutMinutes:
        options.idleTimeoutMinutes ?? envInt('MGRAMSEVA_SESSION_IDLE_MINUTES') ?? appConfig.session.idleTimeoutMinutes,
      maxFailedAttempts: appConfig.signIn.maxFailedAttempts,
      lockMinutes: appConfig.signIn.lockMinutes,
      defaultLanguage: asLanguage(process.env['MGRAMSEVA_DEFAULT_LANGUAGE'] ?? appConfig.defaultLanguage),
    };
    const dispatch = createDispatcher({ db, clock, device, settings, now, log, dataDir: options.dataDir });
    return new Core(db, options.dataDir, device, clock, dispatch, close);
  }

  private syncClient: SyncClient | undefined;

  /**
   * Start background replication with the central server (core/src/sync/client.ts). It stays idle
   * until the desktop is enrolled (`sync.enrol`). Called by the local server main and the
   * Electron core process once the core is open; stopped by close().
   */
  async startSync(options: Partial<Omit<SyncClientOptions, 'db' | 'clock'>> = {}): Promise<SyncClient> {
    this.syncClient ??= new SyncClient(this.device.id, {
      db: this.db,
      clock: this.clock,
      log: (m, e) => console.error(`[sync] ${m}`, e ?? ''),
      afterPage: overlapCheckAfterPull(this.db, options.now ?? (() => new Date())),
      ...options,
    });
    await this.syncClient.start();
    return this.syncClient;
  }

  private scheduler: Scheduler | undefined;

  /**
   * Start the scheduled jobs (jobs/scheduler.ts: late penalty, reminders…): what is due runs now,
   * then hourly; a day missed while the PC was off is caught up. Called by the local server main
   * and the Electron core process once the core is open; stopped by close().
   */
  startJobs(options: { now?: () => Date; intervalMs?: number } = {}): Scheduler {
    this.scheduler ??= new Scheduler({
      db: this.db,
      now: options.now ?? (() => new Date()),
      hlc: () => this.clock.now(),
      dataDir: this.dataDir,
      log: (m, e) => console.error(`[jobs] ${m}`, e ?? ''),
      intervalMs: options.intervalMs,
    });
    this.scheduler.start();
    return this.scheduler;
  }

  /**
   * Everything a running app does in the background (tests start the parts they need instead):
   * replication with the central server and the scheduled jobs. The local server main and the
   * Electron core process call this right after open.
   */
  async startBackground(): Promise<void> {
    await this.startSync();
    this.startJobs();
  }

  call(name: string, input: unknown, meta?: CallMeta): Promise<ApiResponse<unknown>> {
    return this.dispatch(name, input, meta);
  }

  async close(): Promise<void> {
    await this.syncClient?.stop();
    await this.scheduler?.stop();
    await closeBillPrinter();
    await closePrinterService();
    await this.closeDb();
  }
}

function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (!v) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number of minutes, got "${v}"`);
  return n;
}

/** This installation's identity: made once, on first open. The code prefixes its number series. */
async function ensureDevice(db: Db, now: Date): Promise<{ id: string; code: string }> {
  const self = await db.selectFrom('devices').select(['id', 'code']).where('is_self', '=', 1).executeTakeFirst();
  if (self) return self;
  const id = newId();
  const code = id.replace(/-/g, '').slice(-4).toUpperCase();
  await db
    .insertInto('devices')
    .values({ id, code, name: os.hostname(), is_self: 1, created_at: now.toISOString() })
    .execute();
  return { id, code };
}
