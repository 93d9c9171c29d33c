/**
 * Getting bytes to a Bluetooth (BLE) thermal printer (ANCHORS §6). A `PrinterTransport` finds
 * and connects printers; a `PrinterLink` writes to the chosen characteristic. `sendToPrinter`
 * does what every transport needs: chunks of the profile's MTU (default 20 bytes — the ATT
 * default of 23 minus 3), write-with-response when the characteristic has it (natural flow
 * control), else a pause between chunks; and ONE serial queue per link, because cheap printers
 * drop data when two jobs interleave or arrive too fast.
 *
 * `FakeTransport` records the chunks (tests, and Playwright runs with MGRAMSEVA_FAKE_PRINTER=1);
 * the real one is printing/noble-transport.ts.
 */
export interface PrinterDevice {
  id: string;
  name: string;
  /** The GATT service the printer offers that we know (see KNOWN_PROFILES). */
  serviceUuid: string | null;
}

export interface PrinterProfile {
  service: string;
  write: string;
  notify?: string;
  note: string;
}

/** Known GATT profiles, best first (ANCHORS §6; "cat" printers 0xAE30 are bitmap-only and left out). */
export const KNOWN_PROFILES: readonly PrinterProfile[] = [
  { service: '18f0', write: '2af1', notify: '2af0', note: 'Generic 58 mm (POS-5805, Xprinter, MPT-II)' },
  { service: '49535343fe7d4ae58fa99fafd205e455', write: '49535343884143f4a8d4ecbe34729bb3', notify: '495353431e4d4bd9ba6123c647249616', note: 'Microchip transparent UART (Epson TM-P, Star SM-L)' },
  { service: 'e7810a7173ae499d8c15faa9aef0c3f2', write: 'bef8d6c99c214c9eb632bd58c1009f9f', note: 'Unbranded' },
  { service: 'ff00', write: 'ff02', note: 'Unbranded' },
  { service: 'ffe0', write: 'ffe1', note: 'HM-10 style modules' },
];

export interface WriteOptions {
  /** Bytes per write; 20 unless the printer's profile says more. */
  mtu?: number;
  /** Pause between chunks when the characteristic has no write-with-response. */
  pauseMs?: number;
}

export interface PrinterLink {
  readonly device: PrinterDevice;
  /** Can the characteristic acknowledge each write? */
  readonly withResponse: boolean;
  /** Write one chunk (≤ MTU). Resolves when acknowledged (with response) or handed over. */
  writeChunk(chunk: Uint8Array, withResponse: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface PrinterTransport {
  scan(timeoutMs?: number): Promise<PrinterDevice[]>;
  connect(deviceId: string): Promise<PrinterLink>;
}

/**
 * Why a printer cannot be reached: Bluetooth itself is missing or off ('unavailable'), the chosen
 * printer is switched off or out of range ('notFound'), or it offers no ESC/POS service we know
 * ('unsupported'). The printing handlers turn each into its own message for the clerk.
 */
export type PrinterFailure = 'unavailable' | 'notFound' | 'unsupported';

export class PrinterUnavailableError extends Error {
  constructor(message = 'Bluetooth is not available here', readonly reason: PrinterFailure = 'unavailable') {
    super(message);
    this.name = 'PrinterUnavailableError';
  }
}

export function chunk(bytes: Uint8Array, mtu = 20): Uint8Array[] {
  if (!Number.isInteger(mtu) || mtu < 1) throw new RangeError('mtu must be a positive integer');
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += mtu) out.push(bytes.subarray(i, i + mtu));
  return out;
}

const queues = new WeakMap<PrinterLink, Promise<unknown>>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Send a whole job to a printer: queued behind any job already going to the same link, then
 * chunk by chunk. A failed chunk fails the job (the rest is not sent) but not the next job.
 */
export function sendToPrinter(link: PrinterLink, bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
  const mtu = options.mtu ?? 20;
  const pauseMs = options.pauseMs ?? 15;
  const previous = queues.get(link) ?? Promise.resolve();
  const job = previous.catch(() => undefined).then(async () => {
    for (const c of chunk(bytes, mtu)) {
      await link.writeChunk(c, link.withResponse);
      if (!link.withResponse && pauseMs > 0) await sleep(pauseMs);
    }
  });
  queues.set(link, job);
  return job;
}

/** Records every chunk; can simulate a slow printer or a disconnect after N chunks. */
export class FakeTransport implements PrinterTransport {
  readonly chunks: Uint8Array[] = [];
  /** Interleaving check: the chunk writes in the order they happened, with the job tag. */
  readonly log: string[] = [];
  constructor(
    private readonly opts: { devices?: PrinterDevice[]; withResponse?: boolean; ackDelayMs?: number; failAfterChunks?: number } = {},
  ) {}

  async scan(): Promise<PrinterDevice[]> {
    return this.opts.devices ?? [{ id: 'fake-1', name: 'Fake POS-5805', serviceUuid: '18f0' }];
  }

  async connect(deviceId: string): Promise<PrinterLink> {
    const device = (await this.scan()).find((d) => d.id === deviceId);
    if (!device) throw new PrinterUnavailableError(`Printer ${deviceId} not found`, 'notFound');
    const { opts, chunks, log } = this;
    return {
      device,
      withResponse: opts.withResponse ?? true,
      async writeChunk(c: Uint8Array) {
        if (opts.failAfterChunks !== undefined && chunks.length >= opts.failAfterChunks) throw new Error('disconnected');
        if (opts.ackDelayMs) await sleep(opts.ackDelayMs);
        chunks.push(Uint8Array.from(c));
        log.push(String(c[0]));
      },
      async close() {},
    };
  }

  received(): Uint8Array {
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}
