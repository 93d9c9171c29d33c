/**
 * The core process's message handling, without Electron: it is given a core and ports and
 * answers calls. `core-process.ts` feeds it Electron's parentPort and MessagePortMain; the tests
 * feed it node's worker_threads MessageChannel and a real Core.
 */
import type { ApiResponse } from '@mgramseva/core/node';
import type { CallMessage, CoreToMain, EventMessage, PortToRenderer } from './messages.js';

/** The part of Core the host needs. */
export interface CallableCore {
  call(name: string, input: unknown, meta?: { token?: string | undefined; lang?: string }): Promise<ApiResponse<unknown>>;
}

/** One end of a message channel, whatever kind (Electron MessagePortMain, node MessagePort). */
export interface Endpoint {
  post(message: PortToRenderer): void;
  onMessage(listener: (data: unknown) => void): void;
  onClose(listener: () => void): void;
  close(): void;
}

interface Connection {
  endpoint: Endpoint;
  token: string | undefined;
  closed: boolean;
}

export interface CoreHostOptions {
  /** Tells main about session changes, so a reload or restart keeps the session. */
  toMain: (message: CoreToMain) => void;
  log?: (message: string, error?: unknown) => void;
}

export class CoreHost {
  private readonly connections = new Map<number, Connection>();
  private readonly log: (message: string, error?: unknown) => void;

  constructor(
    private readonly core: Promise<CallableCore> | CallableCore,
    private readonly options: CoreHostOptions,
  ) {
    this.log = options.log ?? ((m, e) => console.error(`[core-process] ${m}`, e ?? ''));
  }

  /** A new page load (or the same one after a core restart) got a port to us. */
  connect(connectionId: number, endpoint: Endpoint, token?: string): void {
    this.disconnect(connectionId);
    const connection: Connection = { endpoint, token: token || undefined, closed: false };
    this.connections.set(connectionId, connection);
    endpoint.onMessage((data) => {
      if (!isCall(data)) {
        this.log('ignored a malformed message on a renderer port');
        return;
      }
      void this.handle(connectionId, connection, data);
    });
    endpoint.onClose(() => {
      connection.closed = true;
      if (this.connections.get(connectionId) === connection) this.connections.delete(connectionId);
    });
  }

  disconnect(connectionId: number): void {
    const old = this.connections.get(connectionId);
    if (!old) return;
    old.closed = true;
    this.connections.delete(connectionId);
    try {
      old.endpoint.close();
    } catch {
      // already closed
    }
  }

  /** Push a core event to every connected window. */
  emit(name: string, payload: unknown): void {
    const message: EventMessage = { type: 'event', name, payload };
    for (const c of this.connections.values()) this.post(c, message);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  closeAll(): void {
    for (const id of [...this.connections.keys()]) this.disconnect(id);
  }

  private async handle(connectionId: number, connection: Connection, msg: CallMessage): Promise<void> {
    let response: ApiResponse<unknown>;
    try {
      const core = await this.core;
      response = await core.call(msg.name, msg.input, { token: connection.token, lang: msg.lang });
    } catch (error) {
      // The dispatcher maps failures itself; this is a bug or a dead database.
      this.log(`call ${msg.name} failed`, error);
      response = { ok: false, error: { code: 'INTERNAL', key: 'errors.internal', message: 'Something went wrong. Nothing was saved. Please try again.' } };
    }
    if (response.ok && msg.name === 'auth.signIn') {
      // The token stays here (and in main); the page only learns who signed in.
      const { token, ...rest } = response.result as { token?: unknown };
      if (typeof token === 'string') {
        connection.token = token;
        this.options.toMain({ type: 'session', connectionId, token });
      }
      response = { ok: true, result: rest };
    } else if (msg.name === 'auth.signOut' && (response.ok || response.error.code === 'UNAUTHENTICATED')) {
      connection.token = undefined;
      this.options.toMain({ type: 'session', connectionId, token: null });
    }
    this.post(connection, { type: 'reply', id: msg.id, response });
  }

  private post(connection: Connection, message: PortToRenderer): void {
    if (connection.closed) return;
    try {
      connection.endpoint.post(message);
    } catch (error) {
      this.log('could not post to a renderer port', error);
    }
  }
}

function isCall(data: unknown): data is CallMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Partial<CallMessage>;
  return m.type === 'call' && typeof m.id === 'number' && typeof m.name === 'string' && typeof m.lang === 'string';
}
