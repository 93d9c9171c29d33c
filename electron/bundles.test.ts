/**
 * The bundles' import boundaries, checked with the same esbuild settings as
 * scripts/build-node.mjs: the core process never loads `electron`; the sandboxed preload loads
 * nothing but `electron`; main does not drag in the HTTP server (fastify).
 */
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { cjsImportMeta, desktopExternals, npmExternal } from '../scripts/bundle-settings.mjs';

/** The packages a bundle really loads: its `require(…)` calls after tree-shaking. */
async function externals(entry: string, options: { plugins?: Plugin[]; external?: string[] }): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    ...options,
  });
  const code = result.outputFiles[0]!.text;
  return [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))].filter((m) => !m.startsWith('node:')).sort();
}

describe('bundles', () => {
  it('core-process does not import electron', async () => {
    const ext = await externals('electron/core-process.ts', { plugins: [npmExternal] });
    expect(ext).not.toContain('electron');
    expect(ext).toContain('better-sqlite3');
    // The desktop's core serves no HTTP and prints PDFs through Electron, not a bundled Chromium.
    expect(ext.filter((e) => /fastify|playwright/.test(e))).toEqual([]);
  });

  it('the preload imports only electron', async () => {
    expect(await externals('electron/preload.ts', { external: ['electron'] })).toEqual(['electron']);
  });

  it('main does not pull in fastify or better-sqlite3', async () => {
    const ext = await externals('electron/main.ts', { plugins: [npmExternal] });
    expect(ext.filter((e) => /fastify|better-sqlite3|kysely/.test(e))).toEqual([]);
    expect(ext).toContain('electron');
  });
});

/**
 * What the desktop ships (issue: one package per program): electron/package.json's production
 * dependencies are what electron-builder packs into app.asar, and the three bundles load nothing
 * else. Renderer-only and server-only packages never get in.
 */
describe('what the desktop ships', () => {
  const builtins = new Set(builtinModules);

  it('the bundles load only Node built-ins, Electron and electron/package.json dependencies', async () => {
    const shipped = new Set(desktopExternals());
    const options = { external: desktopExternals() };
    for (const entry of ['electron/main.ts', 'electron/preload.ts', 'electron/core-process.ts']) {
      const loaded = await externals(entry, options);
      expect(loaded.filter((m) => !builtins.has(m.split('/')[0]!) && !shipped.has(m)), entry).toEqual([]);
    }
  });

  it("the electron workspace's production dependencies hold no renderer-only or server-only package", async () => {
    const { stdout } = await promisify(execFile)('npm', ['ls', '--omit=dev', '--all', '--json', '--workspace', '@mgramseva/electron'], { maxBuffer: 64 << 20 });
    const names = new Set<string>();
    const walk = (node: { dependencies?: Record<string, unknown> }) => {
      for (const [name, child] of Object.entries(node.dependencies ?? {})) {
        names.add(name);
        walk(child as { dependencies?: Record<string, unknown> });
      }
    };
    walk(JSON.parse(stdout) as { dependencies?: Record<string, unknown> });
    expect(names.has('better-sqlite3')).toBe(true);
    const forbidden = [...names].filter((n) => /^(@mantine\/|@tabler\/|@tanstack\/|@fontsource\/|react($|-)|vite$|playwright|pg$|fastify$|@fastify\/|exceljs$|kysely$|@mgramseva\/(core|renderer|server)$)/.test(n));
    expect(forbidden).toEqual([]);
  });
});

/** Runs the built core-process bundle under plain Node with a fake `process.parentPort`. */
const SMOKE = `
const { EventEmitter } = require('node:events');
const { MessageChannel } = require('node:worker_threads');
const parent = new EventEmitter();
const out = [];
parent.postMessage = (m) => out.push(m);
process.parentPort = parent;
process.argv.push('--data-dir=' + process.env.DATA_DIR);
require(process.env.BUNDLE);
const ch = new MessageChannel();
const ee = new EventEmitter();
ch.port1.on('message', (data) => ee.emit('message', { data }));
const portMain = { on: (e, l) => ee.on(e, l), postMessage: (m) => ch.port1.postMessage(m), start() {}, close: () => ch.port1.close() };
parent.emit('message', { data: { type: 'connect', connectionId: 1 }, ports: [portMain] });
ch.port2.on('message', (m) => {
  out.push(m);
  parent.emit('message', { data: { type: 'shutdown' }, ports: [] });
  ch.port2.close();
});
ch.port2.postMessage({ type: 'call', id: 1, name: 'app.status', input: {}, lang: 'en' });
process.on('exit', () => console.log(JSON.stringify(out)));
`;

describe('the built core-process bundle', () => {
  it('opens the core in --data-dir, answers a call on a transferred port and shuts down cleanly', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-bundle-'));
    try {
      const bundle = path.join(dir, 'core-process.cjs');
      await build({ entryPoints: ['electron/core-process.ts'], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: desktopExternals(), ...cjsImportMeta, logLevel: 'silent' });
      const script = path.join(dir, 'smoke.cjs');
      fs.writeFileSync(script, SMOKE);
      const { stdout } = await promisify(execFile)(process.execPath, [script], {
        env: { ...process.env, BUNDLE: bundle, DATA_DIR: path.join(dir, 'data'), NODE_PATH: path.resolve('node_modules') },
        timeout: 20_000,
      });
      const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown[];
      expect(out).toContainEqual({ type: 'ready' });
      expect(out).toContainEqual({ type: 'reply', id: 1, response: { ok: true, result: expect.objectContaining({ initialized: false }) } });
      expect(fs.existsSync(path.join(dir, 'data', 'mgramseva.sqlite'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
