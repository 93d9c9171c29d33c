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
import { PrinterService, defaultTransportFactory, type ServiceOptions, type TransportFactory } from './printing/service.js';
import { systemClock, type Clock } from './platform/clock.js';
import { consoleLogger, type Logger } from './platform/logger.js';
import type { PdfPrinter } from './platform/pdf.js';
import pkg from '../../package.json';

/**
 * What a host gives the core (composition, DESIGN.md "Packages and composition"): where the data
 * lives and the platform pieces. Nothing platform-specific is chosen inside the core.
 */
export interface CoreOptions {
  /** Folder for the SQLite file and documents (MGRAMSEVA_DATA_DIR, or Electron's userData). */
  dataDir: string;
  /** Renders documents to PDF: Electron's printToPDF in the desktop; a headless Chromium in browser mode and tests. */
  pdf: PdfPrinter;
  /** Opens the receipt printer's transport (default: noble, or the fake printer when MGRAMSEVA_FAKE_PRINTER=1). */
  printers?: TransportFactory;
  printerOptions?: ServiceOptions;
  /** The wall clock: left out by hosts; tests pass a settable one. */
  clock?: Clock;
  logger?: Logger;
  idleTimeoutMinutes?: number;
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
    readonly hlc: HybridClock,
    readonly dispatch: Dispatch,
    readonly clock: Clock,
    readonly log: Logger,
    readonly printer: PrinterService,
    private readonly pdf: PdfPrinter,
    private readonly closeDb: () => Promise<void>,
  ) {}

  static async open(options: CoreOptions): Promise<Core> {
    const clock = options.clock ?? systemClock;
    const log = options.logger ?? consoleLogger({ part: 'core' });
    const { db, reader, close } = await openDatabase(path.join(options.dataDir, 'mgramseva.sqlite'));
    const device = await ensureDevice(db, clock.now());
    // Resume after every stamp this device wrote or received, even if the wall clock went back.
    const hlc = new HybridClock(device.id, () => clock.now().getTime(), await lastKnownStamp(db));
    const settings: CoreSettings = {
      version: pkg.version,
      idleTimeoutMinutes:
        options.idleTimeoutMinutes ?? envInt('MGRAMSEVA_SESSION_IDLE_MINUTES') ?? appConfig.session.idleTimeoutMinutes,
      maxFailedAttempts: appConfig.signIn.maxFailedAttempts,
      lockMinutes: appConfig.signIn.lockMinutes,
      defaultLanguage: asLanguage(process.env['MGRAMSEVA_DEFAULT_LANGUAGE'] ?? appConfig.defaultLanguage),
    };
    const printer = new PrinterService(options.printers ?? defaultTransportFactory, { ...options.printerOptions, clock });
    const dispatch = createDispatcher({ db, reader, hlc, device, settings, clock, log, dataDir: options.dataDir, pdf: options.pdf, printer });
    return new Core(db, options.dataDir, device, hlc, dispatch, clock, log, printer, options.pdf, close);
  }

  private syncClient: SyncClient | undefined;

  /**
   * Start background replication with the central server (core/src/sync/client.ts). It stays idle
   * until the desktop is enrolled (`sync.enrol`). Called by the local server main and the
   * Electron core process once the core is open; stopped by close().
   */
  async startSync(options: Partial<Omit<SyncClientOptions, 'db' | 'clock'>> = {}): Promise<SyncClient> {
    const log = this.log.child({ part: 'sync' });
    this.syncClient ??= new SyncClient(this.device.id, {
      db: this.db,
      clock: this.hlc,
      now: () => this.clock.now(),
      log: (m, e) => log.error({ err: e }, m),
      afterPage: overlapCheckAfterPull(this.db, options.now ?? (() => this.clock.now())),
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
  startJobs(options: { intervalMs?: number } = {}): Scheduler {
    const log = this.log.child({ part: 'jobs' });
    this.scheduler ??= new Scheduler({
      db: this.db,
      now: () => this.clock.now(),
      hlc: () => this.hlc.now(),
      dataDir: this.dataDir,
      log: (m, e) => log.error({ err: e }, m),
      intervalMs: options.intervalMs,
    });
    this.scheduler.start();
    return this.scheduler;
  }

  /**
   * Everything a running app does in the background (tests start the parts they need instead):
   * replication with the central server, the scheduled jobs, and a warm PDF printer so the first
   * receipt of the day is quick. The local server main and the Electron core process call this
   * right after open.
   */
  async startBackground(): Promise<void> {
    await this.startSync();
    this.startJobs();
    void this.pdf.warm?.().catch((e: unknown) => this.log.warn({ err: e }, 'the PDF printer could not start; the first document will try again'));
  }

  call(name: string, input: unknown, meta?: CallMeta): Promise<ApiResponse<unknown>> {
    return this.dispatch(name, input, meta);
  }

  async close(): Promise<void> {
    await this.syncClient?.stop();
    await this.scheduler?.stop();
    await this.pdf.close().catch((e: unknown) => this.log.warn({ err: e }, 'closing the PDF printer failed'));
    await this.printer.close();
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
