/**
 * main.ts against a faked `electron` module (the binary is not available in tests).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeChild } from './test-helpers.js';

const fake = vi.hoisted(() => {
  type Listener = (...args: never[]) => unknown;
  const emitter = () => {
    const handlers = new Map<string, Listener[]>();
    return {
      handlers,
      on(name: string, fn: Listener) {
        handlers.set(name, [...(handlers.get(name) ?? []), fn]);
        return this;
      },
      once(name: string, fn: Listener) {
        return this.on(name, fn);
      },
      emit(name: string, ...args: unknown[]) {
        for (const fn of handlers.get(name) ?? []) (fn as (...a: unknown[]) => unknown)(...args);
      },
    };
  };
  const state = {
    lock: true,
    ready: null as null | (() => void),
    app: null as unknown as ReturnType<typeof emitter> & Record<string, unknown>,
    windows: [] as Record<string, unknown>[],
    children: [] as unknown[],
    forks: [] as { modulePath: string; args: string[]; options: unknown }[],
    ipc: emitter(),
    schemes: [] as unknown[],
    handled: new Map<string, unknown>(),
    permissionRequest: null as unknown,
    dialogs: [] as unknown[],
    opened: [] as string[],
    channels: 0,
    makeChild: null as null | (() => unknown),
    osEncryption: false,
  };
  let nextId = 1;
  function makeWebContents() {
    const wc = Object.assign(emitter(), {
      id: nextId++,
      posted: [] as { channel: string; ports: unknown[] }[],
      sent: [] as { channel: string; args: unknown[] }[],
      mainFrame: { url: 'app://mgramseva/', parent: null },
      destroyed: false,
      postMessage(channel: string, _msg: unknown, ports: unknown[]) {
        wc.posted.push({ channel, ports });
      },
      send(channel: string, ...args: unknown[]) {
        wc.sent.push({ channel, args });
      },
      isDestroyed: () => wc.destroyed,
      reload: () => undefined,
      setWindowOpenHandler: () => undefined,
    });
    return wc;
  }
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    options: Record<string, unknown>;
    webContents = makeWebContents();
    handlers = emitter();
    url = '';
    focused = 0;
    constructor(options: Record<string, unknown>) {
      this.options = options;
      state.windows.push(this as unknown as Record<string, unknown>);
    }
    on(n: string, f: never) {
      this.handlers.on(n, f);
      return this;
    }
    once(n: string, f: never) {
      this.handlers.on(n, f);
      return this;
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => true;
    restore = vi.fn();
    show = vi.fn();
    focus() {
      this.focused++;
    }
  }
  function reset() {
    state.lock = true;
    state.osEncryption = false;
    state.windows.length = 0;
    state.children.length = 0;
    state.forks.length = 0;
    state.ipc.handlers.clear();
    state.schemes.length = 0;
    state.handled.clear();
    state.dialogs.length = 0;
    state.opened.length = 0;
    state.channels = 0;
    state.app.handlers.clear();
    (state.app['quit'] as ReturnType<typeof vi.fn>).mockClear();
  }
  state.app = Object.assign(emitter(), {
    isPackaged: false,
    quit: vi.fn(),
    isReady: () => true,
    getPath: (name: string) => `/fake/${name}`,
    requestSingleInstanceLock: () => state.lock,
    commandLine: { appendSwitch: vi.fn() },
    whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
  }) as never;
  reset();
  const electron = {
    app: state.app,
    BrowserWindow,
    dialog: {
      showMessageBox: (...args: unknown[]) => {
        state.dialogs.push(args);
        return Promise.resolve({ response: 1 });
      },
    },
    ipcMain: { on: (n: string, f: never) => state.ipc.on(n, f) },
    MessageChannelMain: class {
      port1 = { side: 'core', n: ++state.channels };
      port2 = { side: 'renderer', n: state.channels };
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => state.schemes.push(...s),
      handle: (scheme: string, h: unknown) => state.handled.set(scheme, h),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: unknown) => (state.permissionRequest = h),
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
      },
    },
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
    safeStorage: {
      isEncryptionAvailable: () => state.osEncryption,
      encryptString: (plain: string) => Buffer.from(`os:${plain}`),
      decryptString: (sealed: Buffer) => sealed.toString().replace(/^os:/, ''),
    },
    utilityProcess: {
      fork: (modulePath: string, args: string[], options: unknown) => {
        state.forks.push({ modulePath, args, options });
        const child = state.makeChild!();
        state.children.push(child);
        return child;
      },
    },
  };
  return { state, reset, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

type Win = {
  options: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
  url: string;
  focused: number;
  handlers: { emit(n: string, ...a: unknown[]): void };
  webContents: {
    id: number;
    posted: { channel: string; ports: unknown[] }[];
    sent: { channel: string; args: unknown[] }[];
    mainFrame: { url: string; parent: null };
    emit(n: string, ...a: unknown[]): void;
  };
};
const win = (i = 0) => fake.state.windows[i] as unknown as Win;
const child = (i: number) => fake.state.children[i] as FakeChild;

let mainModule: typeof import('./main.js');
async function boot(lock = true, osEncryption = false) {
  fake.reset();
  fake.state.lock = lock;
  fake.state.osEncryption = osEncryption;
  fake.state.makeChild = () => new FakeChild();
  vi.resetModules();
  mainModule = await import('./main.js');
  if (lock) {
    fake.state.ready!();
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
  }
}

function hello(event: Record<string, unknown>) {
  fake.state.ipc.emit('mgramseva:connect', event);
}
function trustedHello() {
  const wc = win().webContents;
  hello({ sender: wc, senderFrame: wc.mainFrame });
}

describe('main', () => {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('registers app:// (the screens) and mgs-print: (documents to PDF) as privileged before ready and serves both', async () => {
    await boot();
    expect(fake.state.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
      { scheme: 'mgs-print', privileges: { standard: true, secure: true } },
    ]);
    expect(fake.state.handled.has('app')).toBe(true);
    expect(fake.state.handled.has('mgs-print')).toBe(true);
    const handler = fake.state.handled.get('app') as (r: { url: string }) => Promise<Response>;
    expect((await handler({ url: 'app://mgramseva/../../etc/passwd' })).status).toBe(404);
  });

  it('opens one secure window on app://mgramseva with the preload', async () => {
    await boot();
    const w = win();
    expect(w.options.webPreferences).toEqual(
      expect.objectContaining({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        preload: expect.stringMatching(/preload\.cjs$/),
      }),
    );
    expect(w.url).toBe('app://mgramseva/');
  });

  it('quits when another instance holds the lock, and focuses the window on a second launch', async () => {
    await boot(false);
    expect(fake.state.app['quit']).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);

    await boot(true);
    fake.state.app.emit('second-instance');
    expect(win().focused).toBe(1);
    expect(fake.state.windows).toHaveLength(1);
  });

  it('starts the core in a utility process with the userData folder', async () => {
    await boot();
    expect(fake.state.forks).toHaveLength(1);
    const f = fake.state.forks[0]!;
    expect(path.basename(f.modulePath)).toBe('core-process.cjs');
    expect(f.args).toEqual(['--data-dir=/fake/userData']);
    const env = (f.options as { env: Record<string, string> }).env;
    expect(env['MGRAMSEVA_DATA_DIR']).toBe('/fake/userData');
    // unpackaged: <repo>/resources, two levels above dist/electron/main.cjs (fonts for documents)
    expect(env['MGRAMSEVA_RESOURCES_DIR']).toBe(path.resolve(path.dirname(mainModule.paths.preload), '..', '..', 'resources'));
    // No OS encryption here: the core keeps its key in the data folder.
    expect(env['MGRAMSEVA_DEVICE_KEY']).toBeUndefined();
  });

  it('hands the core the device key kept sealed by the OS (safeStorage)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-main-'));
    process.env['MGRAMSEVA_DATA_DIR'] = dir;
    try {
      await boot(true, true);
      const env = (fake.state.forks[0]!.options as { env: Record<string, string> }).env;
      expect(env['MGRAMSEVA_DEVICE_KEY']).toMatch(/^[0-9a-f]{64}$/);
      expect(fs.readFileSync(path.join(dir, 'device-key.sealed'), 'utf8')).toBe(`os:${env['MGRAMSEVA_DEVICE_KEY']}`);
    } finally {
      delete process.env['MGRAMSEVA_DATA_DIR'];
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('denies permission requests', async () => {
    await boot();
    const cb = vi.fn();
    (fake.state.permissionRequest as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
  });

  it('on the preload\'s hello, one port goes to the core and the other to the window', async () => {
    await boot();
    child(0).spawn();
    trustedHello();
    expect(child(0).posted).toEqual([{ message: { type: 'connect', connectionId: 1, token: undefined }, transfer: [{ side: 'core', n: 1 }] }]);
    expect(win().webContents.posted).toEqual([{ channel: 'mgramseva:core-port', ports: [{ side: 'renderer', n: 1 }] }]);
  });

  it('refuses a hello from a foreign frame, a sub-frame or a foreign origin', async () => {
    await boot();
    child(0).spawn();
    const wc = win().webContents;
    hello({ sender: wc, senderFrame: { url: 'https://evil.example/', parent: null } });
    hello({ sender: wc, senderFrame: { url: 'app://mgramseva/', parent: wc.mainFrame } });
    hello({ sender: { ...wc, id: 999 }, senderFrame: { url: 'app://mgramseva/', parent: null } });
    hello({ sender: wc, senderFrame: null });
    expect(child(0).posted).toEqual([]);
    expect(wc.posted).toEqual([]);
  });

  it('when the core dies: tells the window, restarts it and re-wires the port', async () => {
    vi.useFakeTimers();
    try {
      await boot();
      child(0).spawn();
      trustedHello();
      child(0).exit(9);
      expect(win().webContents.sent).toEqual([{ channel: 'mgramseva:core-status', args: [expect.objectContaining({ state: 'restarting' })] }]);
      await vi.advanceTimersByTimeAsync(500);
      expect(fake.state.children).toHaveLength(2);
      child(1).spawn();
      expect(child(1).posted[0]!.message).toMatchObject({ type: 'connect' });
      expect(win().webContents.posted).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('after a crash loop it gives up and shows a dialog', async () => {
    vi.useFakeTimers();
    try {
      await boot();
      child(0).spawn();
      trustedHello();
      for (let i = 0; i < 6; i++) {
        child(i).spawn();
        child(i).exit(1);
        await vi.advanceTimersByTimeAsync(10_000);
      }
      expect(fake.state.children).toHaveLength(6);
      expect(fake.state.dialogs).toHaveLength(1);
      expect(JSON.stringify(fake.state.dialogs[0])).toContain('could not be restarted');
      expect(win().webContents.sent.at(-1)!.args[0]).toMatchObject({ state: 'failed' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets the core close its database before quitting', async () => {
    await boot();
    child(0).spawn();
    const preventDefault = vi.fn();
    fake.state.app.emit('before-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(child(0).posted.at(-1)!.message).toEqual({ type: 'shutdown' });
    child(0).exit(0);
    await vi.waitFor(() => expect(fake.state.app['quit']).toHaveBeenCalled());
  });

  it('hardens every webContents: navigation away is blocked', async () => {
    await boot();
    const contents = Object.assign({ handlers: {} as Record<string, (e: unknown, url: string) => void> }, {
      on(n: string, f: (e: unknown, url: string) => void) {
        contents.handlers[n] = f;
      },
      setWindowOpenHandler: vi.fn(),
    });
    fake.state.app.emit('web-contents-created', {}, contents);
    const preventDefault = vi.fn();
    contents.handlers['will-navigate']!({ preventDefault }, 'https://evil.example/');
    expect(preventDefault).toHaveBeenCalled();
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('does not start the updater when unpackaged', async () => {
    await boot();
    await vi.waitFor(() => expect(mainModule.updater).not.toBeNull());
    expect(mainModule.updater!.enabled).toBe(false);
  });
});
