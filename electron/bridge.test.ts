import { describe, expect, it, vi } from 'vitest';
import { createBridge, type RendererPortLike } from './bridge.js';
import type { CallMessage, PortToRenderer } from './messages.js';

function fakePort() {
  const sent: CallMessage[] = [];
  const port: RendererPortLike & { sent: CallMessage[]; deliver(m: PortToRenderer): void; closed: boolean } = {
    onmessage: null,
    sent,
    closed: false,
    postMessage: (m) => sent.push(m),
    start: vi.fn(),
    close() {
      this.closed = true;
    },
    deliver(m) {
      this.onmessage?.({ data: m });
    },
  };
  return port;
}

describe('preload bridge', () => {
  it('queues calls until the port arrives, then matches replies by id', async () => {
    const { bridge, setPort } = createBridge();
    const a = bridge.call('app.status', {}, 'pa');
    const b = bridge.call('auth.session', {}, 'en');
    const port = fakePort();
    setPort(port);
    expect(port.sent).toEqual([
      { type: 'call', id: 1, name: 'app.status', input: {}, lang: 'pa' },
      { type: 'call', id: 2, name: 'auth.session', input: {}, lang: 'en' },
    ]);
    port.deliver({ type: 'reply', id: 2, response: { ok: true, result: null } });
    port.deliver({ type: 'reply', id: 1, response: { ok: true, result: { initialized: true } } });
    port.deliver({ type: 'reply', id: 99, response: { ok: true, result: 'stray' } });
    expect(await a).toEqual({ ok: true, result: { initialized: true } });
    expect(await b).toEqual({ ok: true, result: null });
  });

  it('fans events out to listeners; unsubscribe stops them', () => {
    const { bridge, setPort } = createBridge();
    const port = fakePort();
    setPort(port);
    const seen: unknown[] = [];
    const off = bridge.on('sync.changed', (p) => seen.push(p));
    port.deliver({ type: 'event', name: 'sync.changed', payload: 1 });
    port.deliver({ type: 'event', name: 'other', payload: 2 });
    off();
    port.deliver({ type: 'event', name: 'sync.changed', payload: 3 });
    expect(seen).toEqual([1]);
  });

  it('answers calls in flight with a clear error when the core restarts, then uses the new port', async () => {
    const { bridge, setPort, onStatus, pendingCount } = createBridge();
    const statuses: unknown[] = [];
    bridge.on('core.status', (s) => statuses.push(s));
    const first = fakePort();
    setPort(first);
    const inFlight = bridge.call('consumers.create', { name: 'x' }, 'hi');
    onStatus({ state: 'restarting', message: 'The data service stopped; restarting…' });
    const res = await inFlight;
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL', key: 'errors.coreRestarted' } });
    expect((res as { error: { message: string } }).error.message).toMatch(/डेटा सेवा/);
    expect(statuses).toEqual([{ state: 'restarting', message: 'The data service stopped; restarting…' }]);

    // calls made while restarting wait for the new port
    const waiting = bridge.call('app.status', {}, 'en');
    expect(first.sent).toHaveLength(1);
    const second = fakePort();
    setPort(second);
    expect(second.sent).toEqual([{ type: 'call', id: 2, name: 'app.status', input: {}, lang: 'en' }]);
    // a late reply on the dead port is not taken
    first.deliver({ type: 'reply', id: 2, response: { ok: true, result: 'stale' } });
    second.deliver({ type: 'reply', id: 2, response: { ok: true, result: 'fresh' } });
    expect(await waiting).toEqual({ ok: true, result: 'fresh' });
    expect(pendingCount()).toBe(0);
  });

  it('a new port (page reload) without a status first also fails the old calls', async () => {
    const { bridge, setPort } = createBridge();
    const first = fakePort();
    setPort(first);
    const p = bridge.call('app.status', {}, 'en');
    setPort(fakePort());
    expect(await p).toMatchObject({ ok: false, error: { key: 'errors.coreRestarted' } });
    expect(first.closed).toBe(true);
  });

  it('once main gives up, calls are answered at once instead of hanging', async () => {
    const { bridge, onStatus } = createBridge();
    const queued = bridge.call('app.status', {}, 'pa');
    onStatus({ state: 'failed', message: 'gave up' });
    expect(await queued).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await bridge.call('app.status', {}, 'en')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('checks argument types coming from the page', async () => {
    const { bridge } = createBridge();
    await expect(bridge.call(42 as unknown as string, {}, 'en')).rejects.toThrow(TypeError);
    expect(() => bridge.on('x', 'nope' as unknown as () => void)).toThrow(TypeError);
  });
});
