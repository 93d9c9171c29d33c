/**
 * Main's side of the core: starts the utility process, gives every window connection its own
 * MessageChannel straight to the core (one port to the core, one to the window's main frame),
 * and restarts the core with back-off when it dies, re-wiring every window. Electron comes in
 * through `SupervisorDeps`, so this runs in tests with fakes.
 */
import type { Paper } from '@mgramseva/core/node';
import { STATUS_MESSAGES, type CoreStatus, type CoreToMain, type MainToCore } from './messages.js';

/** Electron's MessagePortMain, opaque here: it is only handed on. */
export type PortLike = object;

export interface ChildLike {
  postMessage(message: MainToCore, transfer?: PortLike[]): void;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  kill(): boolean;
}

/** A window (its webContents) as the supervisor sees it. */
export interface ClientLike {
  readonly id: number;
  /** webContents.postMessage(IPC.corePort, null, [port]) to the main frame. */
  postPort(port: PortLike): void;
  sendStatus(status: CoreStatus): void;
  isDestroyed(): boolean;
}

export interface SupervisorDeps {
  fork(): ChildLike;
  createChannel(): { port1: PortLike; port2: PortLike };
  /** When the core gave up (crash loop): tell the user. */
  onGiveUp?(status: CoreStatus): void;
  /** Print a document the core sends (Electron's printToPDF, pdf-window.ts). */
  renderPdf?(html: string, paper: Paper): Promise<Buffer>;
  log?(message: string, error?: unknown): void;
  now?(): number;
  setTimer?(fn: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
}

export interface RestartPolicy {
  /** Restarts allowed within `windowMs`; one crash more and the supervisor gives up. */
  maxRestarts: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long `stop()` waits for a clean shutdown before killing. */
  shutdownTimeoutMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxRestarts: 5,
  windowMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  shutdownTimeoutMs: 3_000,
};

type State = 'idle' | 'starting' | 'running' | 'waiting' | 'failed' | 'stopping' | 'stopped';

export class CoreSupervisor {
  private child: ChildLike | null = null;
  private spawned = false;
  private state: State = 'idle';
  private readonly clients = new Map<number, ClientLike>();
  /** clientId → its current connection id on the current child. */
  private readonly current = new Map<number, number>();
  /** connection id → client id. */
  private readonly owners = new Map<number, number>();
  /** clientId → session token (kept so a reload or a restart stays signed in). */
  private readonly tokens = new Map<number, string>();
  private crashes: number[] = [];
  private nextConnectionId = 1;
  private timer: unknown = null;
  private stopped: Promise<void> | null = null;
  private readonly policy: RestartPolicy;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly deps: SupervisorDeps,
    policy: Partial<RestartPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_RESTART_POLICY, ...policy };
    this.log = deps.log ?? ((m, e) => console.error(`[main] ${m}`, e ?? ''));
    this.now = deps.now ?? Date.now;
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  }

  get status(): State {
    return this.state;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.spawn();
  }

  /** A window's page (re)loaded and asked for a port: give it a fresh connection. */
  connect(client: ClientLike): void {
    this.clients.set(client.id, client);
    if (this.state === 'failed') {
      client.sendStatus({ state: 'failed', message: STATUS_MESSAGES.failed });
      return;
    }
    if (this.child && this.spawned) this.wire(client);
    // Otherwise it is wired when the (re)started child spawns.
  }

  /** The window closed. */
  removeClient(clientId: number): void {
    const connectionId = this.current.get(clientId);
    if (connectionId !== undefined) this.disconnect(connectionId);
    this.clients.delete(clientId);
    this.current.delete(clientId);
    this.tokens.delete(clientId);
  }

  /** Ask the core to close its database and exit; kill it if it does not. */
  stop(): Promise<void> {
    if (this.stopped) return this.stopped;
    if (this.timer) this.clearTimer(this.timer);
    this.timer = null;
    const child = this.child;
    if (!child) {
      this.state = 'stopped';
      this.stopped = Promise.resolve();
      return this.stopped;
    }
    this.state = 'stopping';
    this.stopped = new Promise<void>((resolve) => {
      const killTimer = this.setTimer(() => {
        child.kill();
        finish();
      }, this.policy.shutdownTimeoutMs);
      const finish = () => {
        this.clearTimer(killTimer);
        this.state = 'stopped';
        this.child = null;
        resolve();
      };
      child.on('exit', finish);
      try {
        child.postMessage({ type: 'shutdown' });
      } catch {
        child.kill();
        finish();
      }
    });
    return this.stopped;
  }

  private spawn(): void {
    this.state = 'starting';
    this.spawned = false;
    this.current.clear();
    this.owners.clear();
    let child: ChildLike;
    try {
      child = this.deps.fork();
    } catch (error) {
      this.log('could not start the core process', error);
      this.crashed();
      return;
    }
    this.child = child;
    child.on('spawn', () => {
      if (this.child !== child) return;
      this.spawned = true;
      for (const client of [...this.clients.values()]) this.wire(client);
    });
    child.on('message', (message) => {
      if (this.child === child) this.onCoreMessage(message as CoreToMain);
    });
    child.on('exit', (code) => {
      if (this.child !== child) return;
      this.child = null;
      this.spawned = false;
      if (this.state === 'stopping' || this.state === 'stopped') return;
      this.log(`the core process exited unexpectedly (code ${code})`);
      this.crashed();
    });
  }

  private crashed(): void {
    const now = this.now();
    this.crashes = this.crashes.filter((t) => now - t < this.policy.windowMs);
    this.crashes.push(now);
    if (this.crashes.length > this.policy.maxRestarts) {
      this.state = 'failed';
      const status: CoreStatus = { state: 'failed', message: STATUS_MESSAGES.failed };
      this.broadcast(status);
      this.deps.onGiveUp?.(status);
      return;
    }
    this.state = 'waiting';
    this.broadcast({ state: 'restarting', message: STATUS_MESSAGES.restarting });
    const delay = Math.min(this.policy.baseDelayMs * 2 ** (this.crashes.length - 1), this.policy.maxDelayMs);
    this.timer = this.setTimer(() => {
      this.timer = null;
      if (this.state === 'waiting') this.spawn();
    }, delay);
  }

  private onCoreMessage(message: CoreToMain): void {
    switch (message?.type) {
      case 'ready':
        this.state = 'running';
        if (this.crashes.length > 0) this.broadcast({ state: 'ready', message: STATUS_MESSAGES.ready });
        break;
      case 'session': {
        const clientId = this.owners.get(message.connectionId);
        if (clientId === undefined || this.current.get(clientId) !== message.connectionId) return;
        if (message.token) this.tokens.set(clientId, message.token);
        else this.tokens.delete(clientId);
        break;
      }
      case 'fatal':
        this.log(`the core process could not start: ${message.message}`);
        break;
      case 'pdf':
        void this.printFor(this.child, message.id, message.html, message.paper);
        break;
    }
  }

  /** Print a document for the core that asked, and answer that same core process. */
  private async printFor(child: ChildLike | null, id: number, html: string, paper: Paper): Promise<void> {
    let answer: MainToCore;
    try {
      if (!this.deps.renderPdf) throw new Error('this desktop cannot print documents');
      answer = { type: 'pdf-result', id, base64: (await this.deps.renderPdf(html, paper)).toString('base64') };
    } catch (error) {
      this.log('printing a document failed', error);
      answer = { type: 'pdf-result', id, error: error instanceof Error ? error.message : String(error) };
    }
    if (child && this.child === child) {
      try {
        child.postMessage(answer);
      } catch {
        // the core went away; it will ask again after its restart
      }
    }
  }

  private wire(client: ClientLike): void {
    const child = this.child;
    if (!child) return;
    if (client.isDestroyed()) {
      this.removeClient(client.id);
      return;
    }
    const previous = this.current.get(client.id);
    if (previous !== undefined) this.disconnect(previous);
    const connectionId = this.nextConnectionId++;
    const { port1, port2 } = this.deps.createChannel();
    this.current.set(client.id, connectionId);
    this.owners.set(connectionId, client.id);
    try {
      child.postMessage({ type: 'connect', connectionId, token: this.tokens.get(client.id) }, [port1]);
      client.postPort(port2);
    } catch (error) {
      this.log('could not hand a window its port to the core', error);
    }
  }

  private disconnect(connectionId: number): void {
    this.owners.delete(connectionId);
    try {
      this.child?.postMessage({ type: 'disconnect', connectionId });
    } catch {
      // the child is gone; its ports went with it
    }
  }

  private broadcast(status: CoreStatus): void {
    for (const client of this.clients.values()) {
      if (!client.isDestroyed()) client.sendStatus(status);
    }
  }
}
