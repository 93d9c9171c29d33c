/** Test doubles shared by the electron/ tests (not bundled into the app). */
import { EventEmitter } from 'node:events';
import type { MessagePort } from 'node:worker_threads';
import type { Endpoint } from './core-host.js';
import type { ChildLike, PortLike } from './core-supervisor.js';
import type { MainToCore } from './messages.js';

/** node's worker_threads MessagePort as the core-side endpoint. */
export function nodeEndpoint(port: MessagePort): Endpoint {
  return {
    post: (m) => port.postMessage(m),
    onMessage: (l) => {
      port.on('message', l);
    },
    onClose: (l) => {
      port.on('close', l);
    },
    close: () => port.close(),
  };
}

/** A utility process double: records what main posts, lets the test spawn/exit/reply. */
export class FakeChild extends EventEmitter implements ChildLike {
  readonly posted: { message: MainToCore; transfer: PortLike[] }[] = [];
  killed = false;
  constructor(private readonly onPost?: (message: MainToCore, transfer: PortLike[], child: FakeChild) => void) {
    super();
  }
  postMessage(message: MainToCore, transfer: PortLike[] = []): void {
    this.posted.push({ message, transfer });
    this.onPost?.(message, transfer, this);
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
  spawn(): this {
    this.emit('spawn');
    return this;
  }
  exit(code: number): void {
    this.emit('exit', code);
  }
}

/** Manual timers: run them when the test says so. */
export function manualTimers() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void; ms: number }>();
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn, ms });
      return id;
    },
    clearTimer: (h: unknown) => {
      timers.delete(h as number);
    },
    pending: () => [...timers.values()].map((t) => t.ms),
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
    },
  };
}
