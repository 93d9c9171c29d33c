import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, hardenWebContents, isTrustedSender, openExternalSafely, secureWebPreferences, type IpcEventLike } from './security.js';

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });
});

describe('isTrustedSender', () => {
  const main = { url: 'app://mgramseva/home', parent: null };
  const trusted = new Set([7]);
  const event = (over: Partial<IpcEventLike> = {}): IpcEventLike => ({ senderFrame: main, sender: { id: 7, mainFrame: main }, ...over });

  it('accepts the main frame of our window on app://mgramseva', () => {
    expect(isTrustedSender(event(), trusted)).toBe(true);
  });
  it('rejects a sub-frame, even on our origin', () => {
    const child = { url: 'app://mgramseva/x', parent: main };
    expect(isTrustedSender(event({ senderFrame: child }), trusted)).toBe(false);
  });
  it('rejects a foreign origin in the main frame', () => {
    for (const url of ['https://evil.example/', 'app://evil/', 'file:///tmp/x.html', 'app://mgramseva.evil/', 'about:blank']) {
      const frame = { url, parent: null };
      expect(isTrustedSender(event({ senderFrame: frame, sender: { id: 7, mainFrame: frame } }), trusted), url).toBe(false);
    }
  });
  it('rejects a webContents that is not one of our windows', () => {
    expect(isTrustedSender(event({ sender: { id: 8, mainFrame: main } }), trusted)).toBe(false);
  });
  it('rejects a destroyed frame', () => {
    expect(isTrustedSender(event({ senderFrame: null }), trusted)).toBe(false);
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const handlers: Record<string, (event: { preventDefault(): void; url: string }, url: string) => void> = {};
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    return {
      handlers,
      open: (url: string) => openHandler!({ url }),
      on: (name: string, fn: (event: { preventDefault(): void; url: string }, url: string) => void) => {
        handlers[name] = fn;
      },
      setWindowOpenHandler: (fn: (d: { url: string }) => { action: 'deny' }) => {
        openHandler = fn;
      },
    };
  }
  const navigate = (c: ReturnType<typeof fakeContents>, name: string, url: string) => {
    const preventDefault = vi.fn();
    c.handlers[name]!({ preventDefault, url }, url);
    return preventDefault.mock.calls.length > 0;
  };

  it('blocks navigation and redirects outside app://mgramseva', () => {
    const c = fakeContents();
    hardenWebContents(c, vi.fn(async () => undefined));
    expect(navigate(c, 'will-navigate', 'app://mgramseva/home')).toBe(false);
    expect(navigate(c, 'will-navigate', 'https://example.org/')).toBe(true);
    expect(navigate(c, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(c, 'will-navigate', 'app://mgramseva.evil.com/')).toBe(true);
    expect(navigate(c, 'will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(navigate(c, 'will-attach-webview', '')).toBe(true);
    const frameNav = (url: string) => {
      const preventDefault = vi.fn();
      c.handlers['will-frame-navigate']!({ preventDefault, url }, '');
      return preventDefault.mock.calls.length > 0;
    };
    expect(frameNav('app://mgramseva/x')).toBe(false);
    expect(frameNav('https://ads.example/')).toBe(true);
  });

  it('denies every new window; only https links go to the browser', () => {
    const c = fakeContents();
    const openExternal = vi.fn(async () => undefined);
    hardenWebContents(c, openExternal);
    expect(c.open('https://mgramseva.org/help')).toEqual({ action: 'deny' });
    expect(c.open('http://insecure.example/')).toEqual({ action: 'deny' });
    expect(c.open('file:///C:/Windows/system32/calc.exe')).toEqual({ action: 'deny' });
    expect(c.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(c.open('app://mgramseva/home')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://mgramseva.org/help');
  });

  it('openExternalSafely refuses unparsable URLs and credentials', () => {
    const openExternal = vi.fn(async () => undefined);
    expect(openExternalSafely('https ://x', openExternal)).toBe(false);
    expect(openExternalSafely('https://user:pw@example.org/', openExternal)).toBe(false);
    expect(openExternalSafely('smb://server/share', openExternal)).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('denyAllPermissions', () => {
  it('denies permission requests, checks and devices', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, p: string) => boolean) | null = null;
    let device: ((d: unknown) => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
    });
    for (const p of ['media', 'geolocation', 'notifications', 'bluetooth', 'clipboard-read', 'fullscreen']) {
      const cb = vi.fn();
      request!(null, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(check!(null, p)).toBe(false);
    }
    expect(device!({ deviceType: 'usb' })).toBe(false);
  });
});
