import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '@mgramseva/core/node';
import { createAppProtocolHandler, isAppUrl, requestedPath } from './protocol.js';

let base: string;
let root: string;
let handler: ReturnType<typeof createAppProtocolHandler>;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-proto-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>mGramSeva</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'font file.woff2'), 'font');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'SECRET');
  fs.mkdirSync(path.join(base, 'outside'));
  fs.writeFileSync(path.join(base, 'outside', 'x.js'), 'SECRET');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  fs.symlinkSync(path.join(base, 'outside'), path.join(root, 'escape'));
  fs.symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'assets', 'inner.js'));
  handler = createAppProtocolHandler(root);
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string) => handler({ url, method: 'GET' });

describe('app:// protocol', () => {
  it('serves files under the root with their type and the CSP', async () => {
    const res = await get('app://mgramseva/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('serves index.html at the root and for client routes, with the CSP', async () => {
    for (const url of ['app://mgramseva/', 'app://mgramseva', 'app://mgramseva/home', 'app://mgramseva/consumers/42/edit?x=1#top']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text()).toContain('<title>mGramSeva</title>');
    }
  });

  it('decodes ordinary percent-encoding', async () => {
    expect((await get('app://mgramseva/assets/font%20file.woff2')).status).toBe(200);
  });

  it('answers 404 for a missing asset (a path with an extension) instead of the page', async () => {
    const res = await get('app://mgramseva/assets/missing.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://mgramseva/../secret.txt',
    'app://mgramseva/assets/../../secret.txt',
    'app://mgramseva/%2e%2e/secret.txt',
    'app://mgramseva/%2E%2E/secret.txt',
    'app://mgramseva/.%2e/secret.txt',
    'app://mgramseva/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://mgramseva/..%2fsecret.txt',
    'app://mgramseva/..%5csecret.txt',
    'app://mgramseva/..\\secret.txt',
    'app://mgramseva/assets\\..\\..\\secret.txt',
    'app://mgramseva/%252e%252e/secret.txt',
    'app://mgramseva//etc/passwd',
    'app://mgramseva/C:/Windows/win.ini',
    'app://mgramseva/c%3a/Windows/win.ini',
    'app://mgramseva/assets/app.js%00.html',
    'app://mgramseva/assets/link.txt',
    'app://mgramseva/escape/x.js',
    'app://other/index.html',
    'app://mgramseva:8080/index.html',
    'app://user@mgramseva/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s with 404', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('SECRET');
  });

  it('follows a symlink that stays inside the root', async () => {
    expect((await get('app://mgramseva/assets/inner.js')).status).toBe(200);
  });

  it('refuses methods other than GET/HEAD', async () => {
    expect((await handler({ url: 'app://mgramseva/index.html', method: 'POST' })).status).toBe(404);
  });

  it('requestedPath keeps safe paths and refuses the rest', () => {
    expect(requestedPath('app://mgramseva/')).toBe('');
    expect(requestedPath('app://mgramseva/assets/a.js?v=1')).toBe('assets/a.js');
    expect(requestedPath('app://mgramseva/a/./b')).toBe('a/b'); // resolved by URL parsing, stays inside
    expect(requestedPath('app://mgramseva/%ZZ')).toBeNull();
  });

  it('isAppUrl parses rather than prefix-matches', () => {
    expect(isAppUrl('app://mgramseva/home')).toBe(true);
    expect(isAppUrl('app://mgramseva.evil.com/')).toBe(false);
    expect(isAppUrl('app://mgramseva@evil.com/')).toBe(false);
    expect(isAppUrl('https://mgramseva/')).toBe(false);
    expect(isAppUrl('garbage')).toBe(false);
  });
});
