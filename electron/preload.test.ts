/** preload.ts against a faked `electron`: it exposes exactly {call, on} and asks for a port. */
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const listeners = new Map<string, (event: { ports: unknown[] }, ...args: unknown[]) => void>();
  return {
    listeners,
    exposed: new Map<string, unknown>(),
    sent: [] as string[],
  };
});

vi.mock('electron', () => {
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    ipcRenderer: {
      on: (channel: string, fn: (event: { ports: unknown[] }, ...args: unknown[]) => void) => fake.listeners.set(channel, fn),
      send: (channel: string) => fake.sent.push(channel),
    },
  };
  return { ...electron, default: electron };
});

describe('preload', () => {
  it('exposes only window.mgramseva = {call, on}, asks for a port, and uses it', async () => {
    await import('./preload.js');
    expect([...fake.exposed.keys()]).toEqual(['mgramseva']);
    const api = fake.exposed.get('mgramseva') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(fake.sent).toEqual(['mgramseva:connect']);

    const api2 = api as { call(n: string, i: unknown, l: string): Promise<unknown>; on(e: string, l: (p: unknown) => void): () => void };
    const pending = api2.call('app.status', {}, 'en');
    const posted: unknown[] = [];
    const port = {
      onmessage: null as null | ((e: { data: unknown }) => void),
      postMessage: (m: unknown) => posted.push(m),
      start: () => undefined,
      close: () => undefined,
    };
    fake.listeners.get('mgramseva:core-port')!({ ports: [port] });
    expect(posted).toEqual([{ type: 'call', id: 1, name: 'app.status', input: {}, lang: 'en' }]);
    port.onmessage!({ data: { type: 'reply', id: 1, response: { ok: true, result: 'hi' } } });
    expect(await pending).toEqual({ ok: true, result: 'hi' });

    const statuses: unknown[] = [];
    api2.on('core.status', (s) => statuses.push(s));
    fake.listeners.get('mgramseva:core-status')!({ ports: [] }, { state: 'restarting', message: 'm' });
    expect(statuses).toEqual([{ state: 'restarting', message: 'm' }]);
  });
});
