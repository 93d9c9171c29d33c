import { KNOWN_PROFILES, PrinterUnavailableError, type PrinterDevice, type PrinterLink, type PrinterTransport } from './transport.js';

/**
 * The real BLE transport, over noble (ANCHORS §6). noble is native and touches the Bluetooth
 * adapter the moment it loads, so it is imported lazily, only when a clerk prints, and every
 * way that can fail — the module missing, no adapter, EAFNOSUPPORT on a Linux box without
 * Bluetooth, an adapter that never powers on — becomes PrinterUnavailableError
 * ('Bluetooth is not available here'), never a crash of the core.
 */

/** The slice of noble's API we use (it ships no types we can rely on). */
interface NobleCharacteristic {
  uuid: string;
  properties: string[];
  writeAsync(data: Buffer, withoutResponse: boolean): Promise<void>;
}
interface NoblePeripheral {
  id: string;
  advertisement?: { localName?: string; serviceUuids?: string[] };
  connectAsync(): Promise<void>;
  disconnectAsync(): Promise<void>;
  discoverSomeServicesAndCharacteristicsAsync(services: string[], chars: string[]): Promise<{ characteristics: NobleCharacteristic[] }>;
}
export interface NobleLike {
  state?: string;
  on(event: string, fn: (...args: never[]) => void): unknown;
  removeListener?(event: string, fn: (...args: never[]) => void): unknown;
  startScanningAsync(uuids?: string[], allowDuplicates?: boolean): Promise<void>;
  stopScanningAsync(): Promise<void>;
}

export type NobleLoader = () => Promise<unknown>;

// A variable specifier keeps bundlers and tsc from resolving the native module at build time.
const NOBLE_MODULE = '@abandonware/noble';
const defaultLoader: NobleLoader = () => import(/* @vite-ignore */ NOBLE_MODULE);

const norm = (u: string) => u.toLowerCase().replace(/-/g, '');

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export class NobleTransport implements PrinterTransport {
  private noble: Promise<NobleLike> | undefined;
  private readonly seen = new Map<string, NoblePeripheral>();

  constructor(
    private readonly loader: NobleLoader = defaultLoader,
    private readonly powerOnTimeoutMs = 5_000,
    private readonly connectTimeoutMs = 10_000,
  ) {}

  /** Load noble and wait for the adapter to power on; any failure → PrinterUnavailableError. */
  private ready(): Promise<NobleLike> {
    this.noble ??= (async () => {
      let noble: NobleLike;
      try {
        const mod = (await this.loader()) as { default?: NobleLike } & NobleLike;
        noble = mod.default ?? mod;
        if (typeof noble?.startScanningAsync !== 'function') throw new Error('not noble');
      } catch {
        throw new PrinterUnavailableError();
      }
      if (noble.state === 'poweredOn') return noble;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new PrinterUnavailableError()), this.powerOnTimeoutMs);
        const onState = (state: string) => {
          if (state === 'poweredOn') { clearTimeout(timer); resolve(); }
          else if (state === 'unsupported' || state === 'unauthorized') { clearTimeout(timer); reject(new PrinterUnavailableError()); }
        };
        const onError = () => { clearTimeout(timer); reject(new PrinterUnavailableError()); };
        noble.on('stateChange', onState as (...args: never[]) => void);
        noble.on('error', onError as (...args: never[]) => void);
      });
      return noble;
    })().catch((e: unknown) => {
      this.noble = undefined; // try again next time (the adapter may be switched on later)
      throw e instanceof PrinterUnavailableError ? e : new PrinterUnavailableError();
    });
    return this.noble;
  }

  async scan(timeoutMs = 4_000): Promise<PrinterDevice[]> {
    const noble = await this.ready();
    const found = new Map<string, PrinterDevice>();
    const known = new Set(KNOWN_PROFILES.map((p) => p.service));
    const onDiscover = (p: NoblePeripheral) => {
      this.seen.set(p.id, p);
      const uuids = (p.advertisement?.serviceUuids ?? []).map(norm);
      found.set(p.id, { id: p.id, name: p.advertisement?.localName ?? p.id, serviceUuid: uuids.find((u) => known.has(u)) ?? null });
    };
    noble.on('discover', onDiscover as (...args: never[]) => void);
    try {
      await noble.startScanningAsync([], false);
      await new Promise((r) => setTimeout(r, timeoutMs));
      await noble.stopScanningAsync();
    } catch {
      throw new PrinterUnavailableError();
    } finally {
      noble.removeListener?.('discover', onDiscover as (...args: never[]) => void);
    }
    return [...found.values()].sort((a, b) => Number(b.serviceUuid !== null) - Number(a.serviceUuid !== null) || a.name.localeCompare(b.name));
  }

  /**
   * Connect to a printer by id. A printer chosen in an earlier run has not been seen by this
   * process yet: look for it (one short scan) first. Not seen, or no answer within
   * `connectTimeoutMs` (switched off, out of range) → PrinterUnavailableError 'notFound'.
   */
  async connect(deviceId: string): Promise<PrinterLink> {
    await this.ready();
    if (!this.seen.has(deviceId)) await this.scan();
    const p = this.seen.get(deviceId);
    if (!p) throw new PrinterUnavailableError(`Printer ${deviceId} not found; scan again`, 'notFound');
    try {
      await withTimeout(p.connectAsync(), this.connectTimeoutMs);
    } catch {
      await p.disconnectAsync().catch(() => undefined);
      throw new PrinterUnavailableError(`Printer ${deviceId} did not answer`, 'notFound');
    }
    for (const profile of KNOWN_PROFILES) {
      let characteristics: NobleCharacteristic[];
      try {
        ({ characteristics } = await withTimeout(p.discoverSomeServicesAndCharacteristicsAsync([profile.service], [profile.write]), this.connectTimeoutMs));
      } catch {
        await p.disconnectAsync().catch(() => undefined);
        throw new PrinterUnavailableError(`Printer ${deviceId} went away`, 'notFound');
      }
      const c = characteristics.find((x) => x.properties.includes('write') || x.properties.includes('writeWithoutResponse'));
      if (!c) continue;
      const withResponse = c.properties.includes('write');
      return {
        device: { id: p.id, name: p.advertisement?.localName ?? p.id, serviceUuid: profile.service },
        withResponse,
        writeChunk: (chunk, wr) => c.writeAsync(Buffer.from(chunk), !wr),
        close: () => p.disconnectAsync(),
      };
    }
    await p.disconnectAsync().catch(() => undefined);
    throw new PrinterUnavailableError('This printer has no known ESC/POS service', 'unsupported');
  }
}
