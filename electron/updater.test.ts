import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { initAutoUpdater, isAutoUpdateSupported, type AutoUpdaterLike } from './updater.js';

class FakeUpdater extends EventEmitter implements AutoUpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: unknown = console;
  feed: unknown = null;
  checks = 0;
  fail = false;
  setFeedURL(options: { provider: 'generic'; url: string }) {
    this.feed = options;
  }
  async checkForUpdates() {
    this.checks++;
    if (this.fail) throw new Error('offline');
    return null;
  }
}

const timerQueue = () => {
  const q: { fn: () => void; ms: number }[] = [];
  return { q, setTimer: (fn: () => void, ms: number) => q.push({ fn, ms }) };
};

describe('isAutoUpdateSupported', () => {
  it('is off when unpackaged, under tests, in Flatpak/Snap or the Windows Store', () => {
    expect(isAutoUpdateSupported({ isPackaged: false, env: {} })).toBe(false);
    expect(isAutoUpdateSupported({ isPackaged: true, env: { MGRAMSEVA_E2E: '1' } })).toBe(false);
    expect(isAutoUpdateSupported({ isPackaged: true, env: { FLATPAK_ID: 'org.x' } })).toBe(false);
    expect(isAutoUpdateSupported({ isPackaged: true, env: {}, windowsStore: true })).toBe(false);
    expect(isAutoUpdateSupported({ isPackaged: true, env: {} })).toBe(true);
  });
});

describe('initAutoUpdater', () => {
  it('does nothing at all (not even load electron-updater) when unpackaged', async () => {
    const loadUpdater = vi.fn(async () => new FakeUpdater());
    const t = timerQueue();
    const h = initAutoUpdater({ isPackaged: false, env: {}, loadUpdater, setTimer: t.setTimer });
    expect(h.enabled).toBe(false);
    await h.check();
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(t.q).toHaveLength(0);
  });

  it('checks in the background after start, downloads, and installs only on quit', async () => {
    const u = new FakeUpdater();
    const t = timerQueue();
    const h = initAutoUpdater({ isPackaged: true, env: {}, loadUpdater: async () => u, setTimer: t.setTimer, firstCheckDelayMs: 30_000, intervalMs: 1000 });
    expect(h.enabled).toBe(true);
    expect(u.checks).toBe(0); // nothing at start
    expect(t.q.map((x) => x.ms)).toEqual([30_000]);
    t.q.shift()!.fn();
    await vi.waitFor(() => expect(u.checks).toBe(1));
    expect(u.autoDownload).toBe(true);
    expect(u.autoInstallOnAppQuit).toBe(true);
    expect(u.logger).toBeNull();
    expect(u.feed).toBeNull(); // app-update.yml from the build's publish config
    await vi.waitFor(() => expect(t.q.map((x) => x.ms)).toEqual([1000])); // and again later
    expect('quitAndInstall' in u).toBe(false);
    h.dispose();
  });

  it('takes the feed URL from MGRAMSEVA_UPDATE_URL when set', async () => {
    const u = new FakeUpdater();
    const h = initAutoUpdater({ isPackaged: true, env: { MGRAMSEVA_UPDATE_URL: 'https://updates.gp.example/linux/x64' }, loadUpdater: async () => u, setTimer: () => 0 });
    await h.check();
    expect(u.feed).toEqual({ provider: 'generic', url: 'https://updates.gp.example/linux/x64' });
  });

  it('logs errors and never throws', async () => {
    const u = new FakeUpdater();
    u.fail = true;
    const log = vi.fn();
    const h = initAutoUpdater({ isPackaged: true, env: {}, loadUpdater: async () => u, setTimer: () => 0, log });
    await expect(h.check()).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledWith('update check failed', expect.any(Error));
    u.emit('error', new Error('sha512 checksum mismatch'));
    expect(log).toHaveBeenCalledWith('update failed', expect.objectContaining({ message: 'sha512 checksum mismatch' }));

    const broken = initAutoUpdater({ isPackaged: true, env: {}, loadUpdater: () => Promise.reject(new Error('no module')), setTimer: () => 0, log });
    await expect(broken.check()).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledWith('could not load the updater', expect.any(Error));
  });
});
