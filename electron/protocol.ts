/**
 * The `app://mgramseva/` scheme: serves the built renderer (dist/renderer) to the window.
 * Privileged (standard, secure, fetch) so the page behaves like an https origin without a
 * server and without file:// (ANCHORS §3). Refuses anything that could leave the root.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '@mgramseva/core/node';

export const APP_SCHEME = 'app';
export const APP_HOST = 'mgramseva';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before `ready`. */
export const PRIVILEGED_SCHEME = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Whether a URL (string) is this app's own origin. Parsed, never prefix-matched. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
  } catch {
    return false;
  }
}

/**
 * The relative path inside the root a request asks for, or null when it must be refused:
 * another host, `..` (plain or percent-encoded), backslashes, encoded slashes, NUL,
 * absolute or drive-letter paths. '' means the root (index.html).
 */
export function requestedPath(rawUrl: string): string | null {
  // Look at the raw text first: URL parsing would quietly resolve `..` and `%2e%2e`.
  const raw = rawUrl.replace(/[?#].*$/s, '');
  if (/\\|%5c|%2f|%00|%2e|\.\./i.test(raw) || hasControlChar(raw)) return null;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (!isAppUrl(url.href)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded === '') return ''; // app://mgramseva (no slash): the root
  if (!decoded.startsWith('/')) return null;
  const rel = decoded.slice(1);
  if (rel.startsWith('/') || /^[a-zA-Z]:/.test(rel) || path.isAbsolute(rel) || path.win32.isAbsolute(rel)) return null;
  const segments = rel.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\') || s.includes('\0'))) return null;
  return rel;
}

function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The handler for protocol.handle('app', …). `rootDir` is dist/renderer. A path with no file
 * extension that does not exist is a client route and gets index.html; a missing asset is 404.
 */
export function createAppProtocolHandler(rootDir: string): (request: { url: string; method?: string }) => Promise<Response> {
  const rootPromise = fs.realpath(rootDir).catch(() => path.resolve(rootDir));

  async function serve(root: string, file: string): Promise<Response | null> {
    let real: string;
    try {
      real = await fs.realpath(file);
    } catch {
      return null;
    }
    // A symlink inside the root must not lead outside it.
    if (!inside(root, real)) return notFound();
    const stat = await fs.stat(real).catch(() => null);
    if (!stat?.isFile()) return null;
    const body = await fs.readFile(real);
    const type = TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
    return new Response(new Uint8Array(body), { status: 200, headers: { ...BASE_HEADERS, 'Content-Type': type } });
  }

  return async (request) => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const rel = requestedPath(request.url);
    if (rel === null) return notFound();
    const root = await rootPromise;
    const target = path.resolve(root, rel === '' ? 'index.html' : rel);
    if (!inside(root, target)) return notFound();
    const served = await serve(root, target);
    if (served) return served;
    if (path.extname(rel) !== '' && rel !== '') return notFound();
    return (await serve(root, path.join(root, 'index.html'))) ?? notFound();
  };
}
