/**
 * The bundles' import boundaries, checked with the same esbuild settings as
 * scripts/build-node.mjs: the core process never loads `electron`; the sandboxed preload loads
 * nothing but `electron`; main does not drag in the HTTP server (fastify).
 */
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function externals(entry: string, options: { packages?: 'external'; external?: string[] }): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...options,
  });
  const meta = result.metafile as Metafile;
  const out = new Set<string>();
  for (const input of Object.values(meta.inputs)) {
    for (const imp of input.imports) if (imp.external) out.add(imp.path);
  }
  return [...out].sort();
}

describe('bundles', () => {
  it('core-process does not import electron', async () => {
    const ext = await externals('electron/core-process.ts', { packages: 'external' });
    expect(ext).not.toContain('electron');
    expect(ext).toContain('better-sqlite3');
  });

  it('the preload imports only electron', async () => {
    expect(await externals('electron/preload.ts', { external: ['electron'] })).toEqual(['electron']);
  });

  it('main does not pull in fastify or better-sqlite3', async () => {
    const ext = await externals('electron/main.ts', { packages: 'external' });
    expect(ext.filter((e) => /fastify|better-sqlite3|kysely/.test(e))).toEqual([]);
    expect(ext).toContain('electron');
  });
});
