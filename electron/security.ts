/**
 * The Electron security baseline (DESIGN.md "Security baseline", ANCHORS §3): window
 * preferences, navigation and window-open limits, permissions, and the IPC sender check.
 * Electron objects come in as narrow structural types so the rules are testable without it.
 */
import { isAppUrl } from './protocol.js';

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

interface FrameLike {
  url: string;
  parent: FrameLike | null;
}

/** The bits of an IpcMainEvent the check reads. */
export interface IpcEventLike {
  senderFrame: FrameLike | null;
  sender: { id: number; mainFrame?: FrameLike };
}

/**
 * Only the main frame of one of our windows, showing our own app:// origin, may talk to main.
 * `trustedIds` are the webContents ids of the windows main created.
 */
export function isTrustedSender(event: IpcEventLike, trustedIds: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated away or was destroyed
  if (!trustedIds.has(event.sender.id)) return false;
  if (frame.parent !== null) return false;
  if (event.sender.mainFrame && event.sender.mainFrame !== frame) return false;
  return isAppUrl(frame.url);
}

/** Open a link in the user's browser only if it parses as https. Returns whether it did. */
export function openExternalSafely(url: string, openExternal: (url: string) => Promise<void>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  void openExternal(parsed.href).catch(() => undefined);
  return true;
}

export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Navigation only within app://mgramseva; no new windows; https links to the browser. */
export function hardenWebContents(contents: WebContentsLike, openExternal: (url: string) => Promise<void>): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  // Sub-frames too (will-navigate is the main frame only).
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, openExternal);
    return { action: 'deny' };
  });
}

export interface SessionLike {
  setPermissionRequestHandler(handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void;
  setDevicePermissionHandler?(handler: ((details: unknown) => boolean) | null): void;
}

/** The renderer needs no permission at all: Bluetooth, printing and network live in the core. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}
