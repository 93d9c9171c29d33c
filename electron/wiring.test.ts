/**
 * The whole chain without Electron: supervisor (main) → MessageChannel → CoreHost (core
 * process, real Core on a temp dir) and → bridge (preload). A call from the preload reaches the
 * core and the reply comes back; the token never reaches the page; a crash re-wires.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core, ChromiumPdfPrinter, silentLogger } from '@mgramseva/core/node';
import { ADMIN } from '@mgramseva/core/testing';
import { createBridge, type RendererPortLike } from './bridge.js';
import { CoreHost } from './core-host.js';
import { CoreSupervisor, type ClientLike } from './core-supervisor.js';
import type { CoreStatus } from './messages.js';
import { FakeChild, manualTimers, nodeEndpoint } from './test-helpers.js';

let dataDir: string;
let core: Core;
const opened: MessagePort[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-wiring-'));
  core = await Core.open({ dataDir, logger: silentLogger, pdf: new ChromiumPdfPrinter() });
  await core.call('setup.createGramPanchayat', {
    tenant: { name: 'Lodhipur', code: 'pb.lodhipur', district: 'Rupnagar', block: 'Anandpur Sahib', state: 'Punjab' },
    admin: ADMIN,
  });
});
afterAll(async () => {
  for (const p of opened) p.close();
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function world() {
  const timers = manualTimers();
  const hosts: CoreHost[] = [];
  // each "utility process" is a CoreHost over the same real core (the database outlives a crash)
  const fork = () => {
    const host = new CoreHost(core, { toMain: (m) => child.emit('message', m), log: () => {} });
    hosts.push(host);
    const child: FakeChild = new FakeChild((message, transfer) => {
      if (message.type === 'connect') host.connect(message.connectionId, nodeEndpoint(transfer[0] as MessagePort), message.token);
      if (message.type === 'disconnect') host.disconnect(message.connectionId);
      if (message.type === 'shutdown') {
        host.closeAll();
        queueMicrotask(() => child.exit(0));
      }
    });
    queueMicrotask(() => child.spawn());
    return child;
  };
  const supervisor = new CoreSupervisor({
    fork,
    createChannel: () => {
      const ch = new MessageChannel();
      opened.push(ch.port1, ch.port2);
      return { port1: ch.port1, port2: ch.port2 };
    },
    log: () => undefined,
    ...timers,
  });
  const preload = createBridge();
  const window: ClientLike = {
    id: 1,
    // node's MessagePort has the DOM-style onmessage the preload uses
    postPort: (port) => preload.setPort(port as unknown as RendererPortLike),
    sendStatus: (s: CoreStatus) => preload.onStatus(s),
    isDestroyed: () => false,
  };
  return { supervisor, preload, window, hosts, timers };
}

describe('main ⇄ core process ⇄ preload', () => {
  it('a call from the preload reaches the core and the reply comes back, without the token', async () => {
    const { supervisor, preload, window } = world();
    supervisor.start();
    supervisor.connect(window); // the preload's hello
    const { bridge } = preload;
    expect(await bridge.call('app.status', {}, 'en')).toMatchObject({ ok: true, result: { initialized: true } });
    const signIn = await bridge.call('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password }, 'en');
    expect(signIn.ok).toBe(true);
    expect(JSON.stringify(signIn)).not.toContain('token');
    expect(await bridge.call('auth.session', {}, 'en')).toMatchObject({ ok: true, result: { user: { name: ADMIN.name } } });
    await supervisor.stop();
  });

  it('after a core crash the window is re-wired and stays signed in', async () => {
    const { supervisor, preload, window, hosts, timers } = world();
    const statuses: unknown[] = [];
    preload.bridge.on('core.status', (s) => statuses.push((s as CoreStatus).state));
    supervisor.start();
    supervisor.connect(window);
    await preload.bridge.call('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password }, 'en');

    // crash: the old host's ports die with it
    hosts[0]!.closeAll();
    const firstChild = (supervisor as unknown as { child: FakeChild }).child;
    firstChild.exit(1);
    expect(statuses).toEqual(['restarting']);
    const during = preload.bridge.call('auth.session', {}, 'en'); // queued until the new port
    timers.advance(500);
    expect(hosts).toHaveLength(2);
    const res = await during;
    expect(res).toMatchObject({ ok: true, result: { user: { mobile: ADMIN.mobile } } });
    await supervisor.stop();
  });
});
