/**
 * Electron main (bundled to dist/electron/main.cjs). Thin glue (DESIGN.md "The processes"):
 * one window, the app:// scheme, the security baseline, the core in a utility process with a
 * MessagePort straight to each window, and the updater. No business rule lives here.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  MessageChannelMain,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
  type IpcMainEvent,
  type WebContents,
} from 'electron';
import { CoreSupervisor, type ChildLike, type ClientLike } from './core-supervisor.js';
import { IPC, type CoreStatus } from './messages.js';
import { APP_ORIGIN, APP_SCHEME, PRIVILEGED_SCHEME, createAppProtocolHandler } from './protocol.js';
import { denyAllPermissions, hardenWebContents, isTrustedSender, secureWebPreferences, type SessionLike, type WebContentsLike } from './security.js';
import { initAutoUpdater, type UpdaterHandle } from './updater.js';
import { deviceKeyFor } from './device-key.js';
import { PRINT_PRIVILEGED_SCHEME, PRINT_SCHEME, createPdfRenderer } from './pdf-window.js';

/** dist/electron: the bundles sit together, the renderer beside them. */
const here = __dirname;
export const paths = {
  preload: path.join(here, 'preload.cjs'),
  coreProcess: path.join(here, 'core-process.cjs'),
  renderer: path.join(here, '..', 'renderer'),
  icon: path.join(here, '..', '..', 'resources', 'icons', 'icon.png'),
  resources: path.join(here, '..', '..', 'resources'),
};

const log = (message: string, error?: unknown) => console.error(`[main] ${message}`, error ?? '');

// Must happen before `ready`.
protocol.registerSchemesAsPrivileged([PRIVILEGED_SCHEME, PRINT_PRIVILEGED_SCHEME]);

let mainWindow: BrowserWindow | null = null;
const trustedIds = new Set<number>();
let supervisor: CoreSupervisor | null = null;
let quitting = false;
/** The updater, once ready (disabled when unpackaged or under tests). */
export let updater: UpdaterHandle | null = null;

export function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'mGramSeva',
    backgroundColor: '#ffffff',
    icon: paths.icon,
    webPreferences: secureWebPreferences(paths.preload),
  });
  const id = win.webContents.id;
  trustedIds.add(id);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => {
    log(`the window's renderer stopped (${details.reason})`);
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.webContents.reload();
  });
  win.on('closed', () => {
    trustedIds.delete(id);
    supervisor?.removeClient(id);
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(`${APP_ORIGIN}/`).catch((error: unknown) => log('could not load the app', error));
  mainWindow = win;
  return win;
}

function clientFor(contents: WebContents): ClientLike {
  return {
    id: contents.id,
    postPort: (port) => contents.postMessage(IPC.corePort, null, [port as Electron.MessagePortMain]),
    sendStatus: (status) => contents.send(IPC.coreStatus, status),
    isDestroyed: () => contents.isDestroyed(),
  };
}

export function dataDir(): string {
  return process.env['MGRAMSEVA_DATA_DIR'] || app.getPath('userData');
}

function showGiveUp(status: CoreStatus) {
  const options = {
    type: 'error' as const,
    title: 'mGramSeva',
    message: status.message,
    buttons: ['Close mGramSeva', 'Keep the window open'],
    defaultId: 0,
  };
  const shown = mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
  void shown.then(({ response }) => {
    if (response === 0) app.quit();
  });
}

export function onConnect(event: IpcMainEvent): void {
  if (!isTrustedSender(event, trustedIds)) {
    log(`refused a port request from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
    return;
  }
  supervisor?.connect(clientFor(event.sender));
}

async function onReady(): Promise<void> {
  denyAllPermissions(session.defaultSession as unknown as SessionLike);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.renderer));

  const dir = dataDir();
  // Fonts, locales and master data: electron-builder's extraResources when packaged, the
  // repository's resources/ otherwise. Core's documents read fonts from here.
  const resources = process.env['MGRAMSEVA_RESOURCES_DIR'] || (app.isPackaged ? process.resourcesPath : paths.resources);
  let deviceKey: string | undefined;
  try {
    deviceKey = deviceKeyFor(dir, safeStorage, log);
  } catch (e) {
    // The core then keeps a key in the data folder; sync asks for a new enrolment if the token
    // was sealed with the lost key (sync.error.deviceKey). Work on this desktop is unaffected.
    log('could not unseal the device key', e);
  }
  // The core's documents print here, with Electron's Chromium (pdf-window.ts).
  const pdf = createPdfRenderer({
    fontsDir: path.join(resources, 'fonts'),
    createWindow: () =>
      new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false },
      }),
  });
  protocol.handle(PRINT_SCHEME, pdf.handle);
  supervisor = new CoreSupervisor({
    renderPdf: pdf.render,
    fork: () =>
      utilityProcess.fork(paths.coreProcess, [`--data-dir=${dir}`], {
        serviceName: 'mGramSeva data service',
        stdio: 'inherit',
        env: { ...process.env, MGRAMSEVA_DATA_DIR: dir, MGRAMSEVA_RESOURCES_DIR: resources, ...(deviceKey ? { MGRAMSEVA_DEVICE_KEY: deviceKey } : {}) },
      }) as unknown as ChildLike,
    createChannel: () => new MessageChannelMain(),
    onGiveUp: showGiveUp,
    log,
  });
  supervisor.start();
  ipcMain.on(IPC.connect, onConnect);

  createWindow();

  updater = initAutoUpdater({
    isPackaged: app.isPackaged,
    env: process.env,
    windowsStore: process.windowsStore === true,
    log: (m, e) => console.error(`[updater] ${m}`, e ?? ''),
  });
}

export function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Chromium formats native date fields by its UI locale: en-IN shows dd/mm/yyyy (SPEC Part A.4).
  app.commandLine.appendSwitch('lang', 'en-IN');
  app.on('second-instance', () => {
    const win = mainWindow ?? (app.isReady() ? createWindow() : null);
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  // Every webContents, ours or not, is held to the navigation rules.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents as unknown as WebContentsLike, (url) => shell.openExternal(url));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  // Let the core close its database cleanly before the app (and an installed update) goes.
  app.on('before-quit', (event) => {
    if (quitting || !supervisor) return;
    event.preventDefault();
    quitting = true;
    void supervisor.stop().finally(() => app.quit());
  });
  app.whenReady().then(onReady).catch((error: unknown) => log('the app could not start', error));
}

main();
