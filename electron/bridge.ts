/**
 * The preload's logic, without Electron: holds the (private) port to the core, queues calls
 * until it arrives, matches replies to calls by id, and fans core events out to listeners.
 * `preload.ts` exposes only `call` and `on` of this to the page.
 */
import type { ApiResponse } from '@mgramseva/core/node';
import type { PreloadBridge } from '@mgramseva/core/contracts';
import { CORE_STATUS_EVENT, coreStoppedResponse, type CallMessage, type CoreStatus, type PortToRenderer } from './messages.js';

/** A DOM MessagePort as the preload uses it. */
export interface RendererPortLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: CallMessage): void;
  start?(): void;
  close(): void;
}

interface Pending {
  resolve: (response: ApiResponse<unknown>) => void;
  lang: string;
}

export interface BridgeController {
  /** What preload exposes as window.mgramseva. */
  bridge: PreloadBridge;
  /** A (new) port from main: after a reload or a core restart. */
  setPort(port: RendererPortLike): void;
  /** Main's news about the core process. */
  onStatus(status: CoreStatus): void;
  pendingCount(): number;
}

export function createBridge(): BridgeController {
  let port: RendererPortLike | null = null;
  /** Main gave up restarting the core: answer at once instead of queueing forever. */
  let failed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const queue: CallMessage[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function fire(name: string, payload: unknown) {
    for (const l of [...(listeners.get(name) ?? [])]) {
      try {
        l(payload);
      } catch (error) {
        console.error(`[mgramseva] listener for ${name} failed`, error);
      }
    }
  }

  /** Calls in flight can no longer be answered: the core they went to is gone. */
  function failPending() {
    for (const [id, p] of pending) {
      pending.delete(id);
      p.resolve(coreStoppedResponse(p.lang));
    }
    // Queued calls were never sent; they go to the next port.
  }

  function onMessage(event: { data: unknown }) {
    const msg = event.data as PortToRenderer;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'reply') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      p.resolve(msg.response);
    } else if (msg.type === 'event' && typeof msg.name === 'string') {
      fire(msg.name, msg.payload);
    }
  }

  function send(msg: CallMessage) {
    if (failed) {
      pending.delete(msg.id);
      return;
    }
    if (!port) {
      queue.push(msg);
      return;
    }
    try {
      port.postMessage(msg);
    } catch {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      p?.resolve(coreStoppedResponse(msg.lang));
    }
  }

  const bridge: PreloadBridge = {
    call(name, input, lang) {
      if (typeof name !== 'string') return Promise.reject(new TypeError('mgramseva.call: name must be a string'));
      const id = nextId++;
      const language = typeof lang === 'string' ? lang : 'en';
      return new Promise<ApiResponse<unknown>>((resolve) => {
        if (failed) return resolve(coreStoppedResponse(language));
        pending.set(id, { resolve, lang: language });
        send({ type: 'call', id, name, input, lang: language });
      });
    },
    on(event, listener) {
      if (typeof event !== 'string' || typeof listener !== 'function') throw new TypeError('mgramseva.on(event, listener)');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };

  return {
    bridge,
    setPort(next) {
      if (port && port !== next) {
        failPending();
        port.onmessage = null;
        try {
          port.close();
        } catch {
          // already closed
        }
      }
      failed = false;
      port = next;
      port.onmessage = onMessage;
      port.start?.();
      for (const msg of queue.splice(0)) send(msg);
    },
    onStatus(status) {
      if (status.state !== 'ready') {
        failPending();
        if (port) port.onmessage = null;
        port = null; // calls made now wait for the restarted core's port
      }
      if (status.state === 'failed') {
        failed = true;
        for (const msg of queue.splice(0)) {
          const p = pending.get(msg.id);
          pending.delete(msg.id);
          p?.resolve(coreStoppedResponse(msg.lang));
        }
      }
      fire(CORE_STATUS_EVENT, status);
    },
    pendingCount: () => pending.size + queue.length,
  };
}
