import { describe, expect, it, vi } from 'vitest';
import { CoreSupervisor, type ClientLike, type PortLike } from './core-supervisor.js';
import type { CoreStatus } from './messages.js';
import { FakeChild, manualTimers } from './test-helpers.js';

function setup(policy = {}) {
  const timers = manualTimers();
  const children: FakeChild[] = [];
  let portSeq = 0;
  const onGiveUp = vi.fn();
  const sup = new CoreSupervisor(
    {
      fork: () => {
        const c = new FakeChild();
        children.push(c);
        return c;
      },
      createChannel: () => ({ port1: { name: `p${++portSeq}` }, port2: { name: `p${++portSeq}` } }),
      onGiveUp,
      log: () => undefined,
      ...timers,
    },
    policy,
  );
  return { sup, timers, children, onGiveUp, last: () => children.at(-1)! };
}

function client(id: number) {
  const ports: PortLike[] = [];
  const statuses: CoreStatus[] = [];
  let destroyed = false;
  const c: ClientLike & { ports: PortLike[]; statuses: CoreStatus[]; destroy(): void } = {
    id,
    ports,
    statuses,
    postPort: (p) => ports.push(p),
    sendStatus: (s) => statuses.push(s),
    isDestroyed: () => destroyed,
    destroy: () => (destroyed = true),
  };
  return c;
}

describe('CoreSupervisor: port wiring', () => {
  it('gives each window connection a channel: one port to the core, the other to the window', () => {
    const { sup, last } = setup();
    sup.start();
    const w = client(1);
    sup.connect(w); // before spawn: waits
    expect(w.ports).toHaveLength(0);
    last().spawn();
    expect(last().posted).toHaveLength(1);
    const { message, transfer } = last().posted[0]!;
    expect(message).toEqual({ type: 'connect', connectionId: 1, token: undefined });
    expect(transfer).toEqual([{ name: 'p1' }]);
    expect(w.ports).toEqual([{ name: 'p2' }]);
  });

  it('a reload gets a fresh connection and the old one is disconnected', () => {
    const { sup, last } = setup();
    sup.start();
    last().spawn();
    const w = client(1);
    sup.connect(w);
    sup.connect(w);
    expect(last().posted.map((p) => p.message)).toEqual([
      { type: 'connect', connectionId: 1, token: undefined },
      { type: 'disconnect', connectionId: 1 },
      { type: 'connect', connectionId: 2, token: undefined },
    ]);
    expect(w.ports).toHaveLength(2);
  });

  it('remembers the session token per window and hands it to the next connection', () => {
    const { sup, last } = setup();
    sup.start();
    last().spawn();
    const w = client(1);
    sup.connect(w);
    last().emit('message', { type: 'session', connectionId: 1, token: 'T1' });
    sup.connect(w);
    expect(last().posted.at(-1)!.message).toEqual({ type: 'connect', connectionId: 2, token: 'T1' });
    // a stale connection cannot change it
    last().emit('message', { type: 'session', connectionId: 1, token: null });
    sup.connect(w);
    expect(last().posted.at(-1)!.message).toMatchObject({ token: 'T1' });
    last().emit('message', { type: 'session', connectionId: 3, token: null });
    sup.connect(w);
    expect(last().posted.at(-1)!.message).toMatchObject({ token: undefined });
  });

  it('forgets a closed window', () => {
    const { sup, last } = setup();
    sup.start();
    last().spawn();
    const w = client(1);
    sup.connect(w);
    last().emit('message', { type: 'session', connectionId: 1, token: 'T1' });
    sup.removeClient(1);
    expect(last().posted.at(-1)!.message).toEqual({ type: 'disconnect', connectionId: 1 });
    last().exit(1);
    expect(w.statuses).toEqual([]);
  });
});

describe('CoreSupervisor: crashes', () => {
  it('restarts a crashed core after a delay, tells the windows, and re-wires them with their session', () => {
    const { sup, timers, children, last } = setup();
    sup.start();
    last().spawn();
    const w1 = client(1);
    const w2 = client(2);
    sup.connect(w1);
    sup.connect(w2);
    last().emit('message', { type: 'ready' });
    last().emit('message', { type: 'session', connectionId: 1, token: 'T1' });

    last().exit(3);
    expect(w1.statuses.at(-1)).toMatchObject({ state: 'restarting' });
    expect(w2.statuses.at(-1)).toMatchObject({ state: 'restarting' });
    expect(sup.status).toBe('waiting');
    expect(children).toHaveLength(1);
    timers.advance(499);
    expect(children).toHaveLength(1);
    timers.advance(1);
    expect(children).toHaveLength(2);

    last().spawn();
    expect(last().posted.map((p) => p.message)).toEqual([
      { type: 'connect', connectionId: 3, token: 'T1' },
      { type: 'connect', connectionId: 4, token: undefined },
    ]);
    expect(w1.ports).toHaveLength(2);
    expect(w2.ports).toHaveLength(2);
    last().emit('message', { type: 'ready' });
    expect(w1.statuses.at(-1)).toMatchObject({ state: 'ready' });
    expect(sup.status).toBe('running');
  });

  it('messages from a dead child are ignored', () => {
    const { sup, timers, children } = setup();
    sup.start();
    const first = children[0]!.spawn();
    const w = client(1);
    sup.connect(w);
    first.exit(1);
    timers.advance(500);
    children[1]!.spawn();
    first.emit('message', { type: 'session', connectionId: 2, token: 'EVIL' });
    sup.connect(w);
    expect(children[1]!.posted.at(-1)!.message).toMatchObject({ token: undefined });
  });

  it('backs off exponentially and gives up after too many crashes in the window', () => {
    const { sup, timers, children, onGiveUp, last } = setup({ maxRestarts: 3, windowMs: 60_000, baseDelayMs: 500, maxDelayMs: 1_500 });
    sup.start();
    last().spawn();
    const w = client(1);
    sup.connect(w);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      last().exit(1);
      delays.push(...timers.pending());
      timers.advance(timers.pending()[0]!);
      last().spawn();
    }
    expect(delays).toEqual([500, 1000, 1500]);
    expect(children).toHaveLength(4);
    last().exit(1); // 4th crash within a minute
    expect(sup.status).toBe('failed');
    expect(timers.pending()).toEqual([]);
    expect(onGiveUp).toHaveBeenCalledWith(expect.objectContaining({ state: 'failed' }));
    expect(w.statuses.at(-1)).toMatchObject({ state: 'failed' });
    timers.advance(100_000);
    expect(children).toHaveLength(4);
    // a page that loads now is told at once rather than left waiting
    const late = client(2);
    sup.connect(late);
    expect(late.statuses).toEqual([expect.objectContaining({ state: 'failed' })]);
  });

  it('crashes spread out over time do not add up to the limit', () => {
    const { sup, timers, children, onGiveUp, last } = setup({ maxRestarts: 2, windowMs: 60_000 });
    sup.start();
    for (let i = 0; i < 6; i++) {
      last().spawn();
      timers.advance(61_000);
      last().exit(1);
      timers.advance(timers.pending()[0]!);
    }
    expect(onGiveUp).not.toHaveBeenCalled();
    expect(children).toHaveLength(7);
  });

  it('a fork that throws counts as a crash', () => {
    const timers = manualTimers();
    let n = 0;
    const sup = new CoreSupervisor({
      fork: () => {
        n++;
        throw new Error('no such file');
      },
      createChannel: () => ({ port1: {}, port2: {} }),
      log: () => undefined,
      ...timers,
    }, { maxRestarts: 2 });
    sup.start();
    timers.advance(10_000);
    timers.advance(10_000);
    expect(n).toBe(3);
    expect(sup.status).toBe('failed');
  });
});

describe('CoreSupervisor: stop', () => {
  it('asks the core to shut down and does not restart it', async () => {
    const { sup, timers, children, last } = setup();
    sup.start();
    last().spawn();
    const stopping = sup.stop();
    expect(last().posted.at(-1)!.message).toEqual({ type: 'shutdown' });
    last().exit(0);
    await stopping;
    timers.advance(10_000);
    expect(children).toHaveLength(1);
    expect(last().killed).toBe(false);
    expect(sup.status).toBe('stopped');
  });

  it('kills a core that does not exit in time', async () => {
    const { sup, timers, last } = setup({ shutdownTimeoutMs: 3000 });
    sup.start();
    last().spawn();
    const stopping = sup.stop();
    timers.advance(3000);
    await stopping;
    expect(last().killed).toBe(true);
  });

  it('stop while waiting to restart cancels the restart', async () => {
    const { sup, timers, children, last } = setup();
    sup.start();
    last().spawn();
    last().exit(1);
    await sup.stop();
    timers.advance(60_000);
    expect(children).toHaveLength(1);
  });
});
