import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../platform/clock.js';
import type { FoundPrinter, PrintTask } from './contract.js';
import { NobleTransport } from './noble-transport.js';
import { FakeTransport, PrinterUnavailableError, sendToPrinter, type PrinterLink, type PrinterTransport } from './transport.js';

/**
 * The printer side of the printing domain: one per core (Core.open makes it from the transport
 * factory the host passes, Core.close closes it), one transport (created on first use), one link to the chosen printer kept open
 * between receipts (reconnecting costs seconds), one print at a time, and the tasks the
 * `printing.*` operations start and `printing.task` reports (contract.ts says why tasks).
 *
 * MGRAMSEVA_FAKE_PRINTER=1 selects the FakeTransport (Playwright); tests pass a factory to Core.open.
 */
export type TransportFactory = () => PrinterTransport;

export const defaultTransportFactory: TransportFactory = () => (process.env['MGRAMSEVA_FAKE_PRINTER'] === '1' ? new FakeTransport() : new NobleTransport());

/** A task's failure: an i18n key of the printing domain. */
export class PrintFailure extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = 'PrintFailure';
  }
}

/** What went wrong, as the message key the clerk reads. */
export function failureKey(e: unknown, during: 'scan' | 'connect' | 'write'): string {
  if (e instanceof PrintFailure) return e.key;
  if (e instanceof PrinterUnavailableError) {
    if (e.reason === 'notFound') return 'printing.errors.notFound';
    if (e.reason === 'unsupported') return 'printing.errors.unsupported';
    return 'printing.errors.bluetoothUnavailable';
  }
  if (during === 'scan') return 'printing.errors.bluetoothUnavailable';
  if (during === 'connect') return 'printing.errors.notFound';
  return 'printing.errors.writeFailed';
}

interface TaskEntry {
  /** Who may read it: who started it, and who joined a search already running. */
  userIds: Set<string>;
  startedAt: number;
  state: { state: 'running' } | { state: 'failed'; key: string } | Extract<PrintTask, { state: 'done' }>;
}

const MAX_TASKS = 100;
const TASK_TTL_MS = 10 * 60_000;

export interface ServiceOptions {
  scanMs?: number;
  /** A job that is not sent within this time fails (a printer that stops acknowledging). */
  jobTimeoutMs?: number;
  clock?: Clock;
}

export class PrinterService {
  private transport: PrinterTransport | undefined;
  private link: PrinterLink | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tasks = new Map<string, TaskEntry>();
  private scanning: string | undefined;
  private found = new Map<string, FoundPrinter>();
  bluetooth: 'unknown' | 'available' | 'unavailable' = 'unknown';
  lastPrint: { receiptNo: string; bytes: number; at: string } | null = null;

  private readonly clock: Clock;

  constructor(
    private readonly factory: TransportFactory = defaultTransportFactory,
    private readonly options: ServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** The printers the last finished search found, by id. */
  foundPrinter(id: string): FoundPrinter | undefined {
    return this.found.get(id);
  }

  task(taskId: string, userId: string): TaskEntry['state'] | undefined {
    const t = this.tasks.get(taskId);
    return t && t.userIds.has(userId) ? t.state : undefined;
  }

  /** Start a search (or join the one running); returns the task id. */
  scan(userId: string): string {
    const running = this.scanning ? this.tasks.get(this.scanning) : undefined;
    if (this.scanning && running?.state.state === 'running') {
      // One radio, one search: a second clerk follows the search already going.
      running.userIds.add(userId);
      return this.scanning;
    }
    const id = this.start(userId, async () => {
      const transport = this.getTransport();
      let devices;
      try {
        devices = await transport.scan(this.options.scanMs);
      } catch (e) {
        throw new PrintFailure(this.noteFailure(failureKey(e, 'scan')));
      }
      this.bluetooth = 'available';
      const printers = devices.map((d) => ({ id: d.id, name: d.name, known: d.serviceUuid !== null }));
      this.found = new Map(printers.map((p) => [p.id, p]));
      return { state: 'done', kind: 'scan', printers } as const;
    });
    this.scanning = id;
    return id;
  }

  /** Send a receipt to a printer, behind any receipt still being sent; returns the task id. */
  print(userId: string, printerId: string, bytes: Uint8Array, receiptNo: string): string {
    return this.start(userId, () => {
      const job = this.queue.catch(() => undefined).then(() => this.send(printerId, bytes));
      this.queue = job;
      return job.then(() => {
        this.lastPrint = { receiptNo, bytes: bytes.length, at: this.clock.now().toISOString() };
        return { state: 'done', kind: 'print', receiptNo, bytes: bytes.length } as const;
      });
    });
  }

  private async send(printerId: string, bytes: Uint8Array): Promise<void> {
    if (this.link && this.link.device.id !== printerId) await this.dropLink();
    if (!this.link) {
      const transport = this.getTransport();
      try {
        this.link = await transport.connect(printerId);
      } catch (e) {
        throw new PrintFailure(this.noteFailure(failureKey(e, 'connect')));
      }
      this.bluetooth = 'available';
    }
    const link = this.link;
    const timeoutMs = this.options.jobTimeoutMs ?? 60_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        sendToPrinter(link, bytes),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('print timed out')), timeoutMs);
        }),
      ]);
    } catch (e) {
      // The link may be dead (printer switched off mid-job): the next receipt connects afresh.
      await this.dropLink();
      throw new PrintFailure(failureKey(e, 'write'));
    } finally {
      clearTimeout(timer);
    }
  }

  private noteFailure(key: string): string {
    if (key === 'printing.errors.bluetoothUnavailable') this.bluetooth = 'unavailable';
    return key;
  }

  private getTransport(): PrinterTransport {
    if (!this.transport) {
      try {
        this.transport = this.factory();
      } catch (e) {
        throw new PrintFailure(this.noteFailure(failureKey(e instanceof PrinterUnavailableError ? e : new PrinterUnavailableError(), 'scan')));
      }
    }
    return this.transport;
  }

  private async dropLink(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    await link?.close().catch(() => undefined);
  }

  private start(userId: string, work: () => Promise<Extract<PrintTask, { state: 'done' }>>): string {
    this.prune();
    const id = randomUUID();
    const entry: TaskEntry = { userIds: new Set([userId]), startedAt: this.clock.now().getTime(), state: { state: 'running' } };
    this.tasks.set(id, entry);
    void Promise.resolve()
      .then(work)
      .then(
        (done) => {
          entry.state = done;
        },
        (e: unknown) => {
          entry.state = { state: 'failed', key: failureKey(e, 'write') };
        },
      );
    return id;
  }

  private prune(): void {
    const cutoff = this.clock.now().getTime() - TASK_TTL_MS;
    for (const [id, t] of this.tasks) if (t.state.state !== 'running' && t.startedAt < cutoff) this.tasks.delete(id);
    while (this.tasks.size >= MAX_TASKS) {
      const oldest = this.tasks.keys().next().value;
      if (oldest === undefined) break;
      this.tasks.delete(oldest);
    }
  }

  /**
   * Closing the app: the link is closed now (a receipt still being sent fails), and the service
   * starts afresh if used again (a new transport, no search results, Bluetooth state unknown).
   */
  async close(): Promise<void> {
    await this.dropLink();
    this.transport = undefined;
    this.found = new Map();
    this.scanning = undefined;
    this.bluetooth = 'unknown';
  }
}
