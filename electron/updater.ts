/**
 * Auto-update (ANCHORS §4), wrapped like Actual's desktop-electron/updater.ts:
 * - off when unpackaged, under tests (MGRAMSEVA_E2E), in Flatpak or the Windows Store;
 * - never blocks start: the first check runs in the background a little after launch;
 * - downloads in the background and installs only when the user quits (never mid-collection:
 *   nothing here ever calls quitAndInstall);
 * - logs errors only.
 * The feed is electron-builder's `publish` (generic provider, app-update.yml in the package);
 * MGRAMSEVA_UPDATE_URL overrides it for a deployment.
 * The updater is injectable, so tests drive a fake emitter.
 */

export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
}

export interface UpdaterEnvironment {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
  windowsStore?: boolean;
}

export function isAutoUpdateSupported({ isPackaged, env, windowsStore }: UpdaterEnvironment): boolean {
  if (!isPackaged) return false;
  if (env['MGRAMSEVA_E2E'] || env['VITEST'] || env['PLAYWRIGHT_TEST_BASE_URL']) return false;
  if (env['MGRAMSEVA_DISABLE_UPDATES']) return false;
  if (env['FLATPAK_ID'] || env['SNAP']) return false;
  if (windowsStore) return false;
  return true;
}

export interface UpdaterOptions extends UpdaterEnvironment {
  /** Defaults to electron-updater's autoUpdater, loaded only when updates are supported. */
  loadUpdater?: () => Promise<AutoUpdaterLike>;
  log?: (message: string, error?: unknown) => void;
  /** First check after this long (ms); then every `intervalMs`. */
  firstCheckDelayMs?: number;
  intervalMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export interface UpdaterHandle {
  enabled: boolean;
  /** Runs one check now (tests, a "check for updates" menu later). Never throws. */
  check(): Promise<void>;
  dispose(): void;
}

export function initAutoUpdater(options: UpdaterOptions): UpdaterHandle {
  const log = options.log ?? ((m, e) => console.error(`[updater] ${m}`, e ?? ''));
  if (!isAutoUpdateSupported(options)) {
    return { enabled: false, check: async () => undefined, dispose: () => undefined };
  }
  const load =
    options.loadUpdater ??
    // require, not import(): main is CommonJS, and electron-updater's `autoUpdater` is a lazy
    // getter that Node's ESM interop does not see as a named export.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (async () => (require('electron-updater') as typeof import('electron-updater')).autoUpdater as unknown as AutoUpdaterLike);
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms).unref());
  let updater: Promise<AutoUpdaterLike | null> | null = null;
  const timers: unknown[] = [];
  let disposed = false;

  function get(): Promise<AutoUpdaterLike | null> {
    updater ??= load().then(
      (u) => {
        u.logger = null; // errors only, through our own log
        u.autoDownload = true;
        u.autoInstallOnAppQuit = true;
        const feed = options.env['MGRAMSEVA_UPDATE_URL'];
        if (feed) u.setFeedURL({ provider: 'generic', url: feed });
        u.on('error', (error) => log('update failed', error));
        return u;
      },
      (error: unknown) => {
        log('could not load the updater', error);
        return null;
      },
    );
    return updater;
  }

  async function check(): Promise<void> {
    if (disposed) return;
    try {
      const u = await get();
      await u?.checkForUpdates();
    } catch (error) {
      log('update check failed', error);
    }
  }

  const interval = options.intervalMs ?? 6 * 60 * 60_000;
  const schedule = (ms: number) => {
    timers.push(
      setTimer(() => {
        void check().finally(() => {
          if (!disposed) schedule(interval);
        });
      }, ms),
    );
  };
  schedule(options.firstCheckDelayMs ?? 30_000);

  return {
    enabled: true,
    check,
    dispose() {
      disposed = true;
      for (const t of timers) clearTimeout(t as NodeJS.Timeout);
    },
  };
}
