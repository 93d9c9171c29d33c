import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Core, type ApiResponse, ChromiumPdfPrinter, silentLogger } from '@mgramseva/core/node';
import { ADMIN } from '@mgramseva/core/testing';
import { CoreHost } from './core-host.js';
import { nodeEndpoint } from './test-helpers.js';
import { dataDirFromArgs, endpointFromPort, serveParentPort, type MessagePortMainLike } from './core-process.js';
import type { CoreToMain, PortToRenderer } from './messages.js';

/** The renderer side of a connection: send calls, await replies by id. */
function rendererSide(port: MessagePort) {
  let id = 0;
  const waiting = new Map<number, (r: ApiResponse<unknown>) => void>();
  const events: PortToRenderer[] = [];
  port.on('message', (m: PortToRenderer) => {
    if (m.type === 'reply') waiting.get(m.id)?.(m.response);
    else events.push(m);
  });
  return {
    events,
    call(name: string, input: unknown = {}, lang = 'en'): Promise<ApiResponse<unknown>> {
      const n = ++id;
      return new Promise((resolve) => {
        waiting.set(n, resolve);
        port.postMessage({ type: 'call', id: n, name, input, lang });
      });
    },
    raw: (m: unknown) => port.postMessage(m),
  };
}

let dataDir: string;
let core: Core;
const toMain: CoreToMain[] = [];
let host: CoreHost;
const channels: MessageChannel[] = [];

function connect(connectionId: number, token?: string) {
  const ch = new MessageChannel();
  channels.push(ch);
  host.connect(connectionId, nodeEndpoint(ch.port1), token);
  return rendererSide(ch.port2);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-coreproc-'));
  core = await Core.open({ dataDir, logger: silentLogger, pdf: new ChromiumPdfPrinter() });
  host = new CoreHost(core, { toMain: (m) => toMain.push(m), log: () => {} });
  const r = await core.call('setup.createGramPanchayat', {
    tenant: { name: 'Lodhipur', code: 'pb.lodhipur', district: 'Rupnagar', block: 'Anandpur Sahib', state: 'Punjab' },
    admin: ADMIN,
  });
  expect(r.ok).toBe(true);
});

afterAll(async () => {
  for (const ch of channels) {
    ch.port1.close();
    ch.port2.close();
  }
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('core process message handling (real core)', () => {
  it('answers a call with the dispatcher\'s response', async () => {
    const r = connect(1);
    const res = await r.call('app.status');
    expect(res).toMatchObject({ ok: true, result: { initialized: true } });
  });

  it('strips the session token from auth.signIn, keeps it for later calls, drops it on sign-out', async () => {
    toMain.length = 0;
    const r = connect(2);
    const signIn = await r.call('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password });
    expect(signIn.ok).toBe(true);
    const result = (signIn as { result: Record<string, unknown> }).result;
    expect(result).not.toHaveProperty('token');
    expect(result).toHaveProperty('session');
    expect(JSON.stringify(signIn)).not.toMatch(/token/i);

    // main hears the token, so a reload or restart keeps the session
    const session = toMain.find((m) => m.type === 'session');
    expect(session).toMatchObject({ type: 'session', connectionId: 2 });
    const token = (session as { token: string }).token;
    expect(token).toEqual(expect.any(String));

    const me = await r.call('auth.session');
    expect(me).toMatchObject({ ok: true, result: { user: { mobile: ADMIN.mobile } } });

    // another connection does not share the session
    const other = connect(3);
    expect(await other.call('auth.session')).toEqual({ ok: true, result: null });

    // a new connection handed the token (reload / restart) is signed in
    const again = connect(4, token);
    expect(await again.call('auth.session')).toMatchObject({ ok: true, result: { user: { mobile: ADMIN.mobile } } });

    expect(await r.call('auth.signOut')).toMatchObject({ ok: true });
    expect(toMain.at(-1)).toEqual({ type: 'session', connectionId: 2, token: null });
    expect(await r.call('auth.session')).toEqual({ ok: true, result: null });
    // the token is dead for every connection holding it
    expect(await again.call('auth.session')).toEqual({ ok: true, result: null });
  });

  it('passes the language and returns typed errors', async () => {
    const r = connect(5);
    const res = await r.call('auth.signIn', { mobile: 'x', password: '' }, 'hi');
    expect(res.ok).toBe(false);
    expect((res as { error: { code: string } }).error.code).toBe('VALIDATION');
    const unknownOp = await r.call('no.such.op');
    expect(unknownOp).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('ignores malformed messages and keeps serving', async () => {
    const r = connect(6);
    r.raw({ hello: 1 });
    r.raw('nope');
    expect(await r.call('app.status')).toMatchObject({ ok: true });
  });

  it('pushes events to every connection', async () => {
    const a = connect(7);
    const b = connect(8);
    host.emit('sync.changed', { count: 2 });
    await a.call('app.status');
    await b.call('app.status');
    expect(a.events).toContainEqual({ type: 'event', name: 'sync.changed', payload: { count: 2 } });
    expect(b.events).toContainEqual({ type: 'event', name: 'sync.changed', payload: { count: 2 } });
  });

  it('a reconnect with the same id replaces the old port', async () => {
    connect(9);
    const before = host.connectionCount;
    const r = connect(9);
    expect(host.connectionCount).toBe(before);
    expect(await r.call('app.status')).toMatchObject({ ok: true });
    host.disconnect(9);
    expect(host.connectionCount).toBe(before - 1);
  });
});

describe('core-process entry', () => {
  it('reads the data dir from argv, then env', () => {
    expect(dataDirFromArgs(['electron', 'x.cjs', '--data-dir=/d/one'], {})).toBe('/d/one');
    expect(dataDirFromArgs([], { MGRAMSEVA_DATA_DIR: '/d/two' })).toBe('/d/two');
    expect(() => dataDirFromArgs([], {})).toThrow(/data-dir/);
  });

  /** Electron's MessagePortMain, faked over a node MessagePort ({data} events, start()). */
  function fakePortMain(port: MessagePort): MessagePortMainLike {
    const ee = new EventEmitter();
    port.on('message', (data) => ee.emit('message', { data }));
    port.on('close', () => ee.emit('close'));
    return {
      on: (event: string, l: (...a: unknown[]) => void) => ee.on(event, l),
      postMessage: (m: unknown) => port.postMessage(m),
      start: () => undefined,
      close: () => port.close(),
    } as MessagePortMainLike;
  }

  it('serves a parentPort: ready, connect, call, shutdown', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-coreproc2-'));
    const parent = new EventEmitter();
    const fromCore: CoreToMain[] = [];
    const exit = vi.fn();
    serveParentPort(
      { on: (e: 'message', l: (ev: { data: unknown; ports: MessagePortMainLike[] }) => void) => parent.on(e, l), postMessage: (m) => fromCore.push(m as CoreToMain) },
      () => Core.open({ dataDir: dir, logger: silentLogger, pdf: new ChromiumPdfPrinter() }),
      exit,
    );
    const ch = new MessageChannel();
    parent.emit('message', { data: { type: 'connect', connectionId: 1 }, ports: [fakePortMain(ch.port1)] });
    const r = rendererSide(ch.port2);
    // answered even though the call raced the core's opening
    expect(await r.call('app.status')).toMatchObject({ ok: true, result: { initialized: false } });
    await vi.waitFor(() => expect(fromCore).toContainEqual({ type: 'ready' }));

    parent.emit('message', { data: { type: 'shutdown' }, ports: [] });
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    ch.port2.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a core that cannot open and exits non-zero', async () => {
    const fromCore: CoreToMain[] = [];
    const exit = vi.fn();
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    serveParentPort({ on: () => undefined, postMessage: (m) => fromCore.push(m as CoreToMain) }, () => Promise.reject(new Error('disk full')), exit);
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    expect(fromCore).toContainEqual({ type: 'fatal', message: 'disk full' });
    err.mockRestore();
  });

  it('endpointFromPort unwraps {data} events and starts the port', () => {
    const ee = new EventEmitter();
    const start = vi.fn();
    const port = { on: (e: string, l: (...a: unknown[]) => void) => ee.on(e, l), postMessage: vi.fn(), start, close: vi.fn() } as unknown as MessagePortMainLike;
    const ep = endpointFromPort(port);
    const got: unknown[] = [];
    ep.onMessage((d) => got.push(d));
    ee.emit('message', { data: { a: 1 } });
    expect(got).toEqual([{ a: 1 }]);
    expect(start).toHaveBeenCalled();
  });
});
