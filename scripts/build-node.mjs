// Bundles the Node-side entry points with esbuild. npm packages stay external (node_modules is
// shipped, and better-sqlite3 is native); our own TypeScript and JSON resources are bundled.
import { build } from 'esbuild';
import fs from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', packages: 'external' };

const entries = [
  // Browser mode: the local server (core + built renderer).
  { entryPoints: ['core/src/server/main.ts'], outfile: 'dist/core/server.mjs', format: 'esm' },
];
if (fs.existsSync('server/src/main.ts')) {
  entries.push({ entryPoints: ['server/src/main.ts'], outfile: 'dist/server/main.mjs', format: 'esm' });
}
if (fs.existsSync('electron/main.ts')) {
  entries.push(
    { entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs' },
    // The preload runs sandboxed: everything but `electron` must be inside the bundle.
    { entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', packages: undefined, external: ['electron'] },
    { entryPoints: ['electron/core-process.ts'], outfile: 'dist/electron/core-process.cjs', format: 'cjs' },
  );
}

// ESM bundles get a `require` (some packages need it); CommonJS bundles get `import.meta.url`
// (core finds its resources folder from it), which esbuild would otherwise leave empty.
const esmBanner = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";
const cjsBanner = "'use strict'; const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";
await Promise.all(
  entries.map((e) => {
    // The sandboxed preload may require only `electron`: it gets no banner.
    const shim = e.format === 'cjs' && !e.outfile.endsWith('preload.cjs');
    return build({
      ...common,
      ...e,
      banner: e.format === 'esm' ? { js: esmBanner } : shim ? { js: cjsBanner } : undefined,
      define: shim ? { 'import.meta.url': '__importMetaUrl' } : undefined,
    });
  }),
);
console.log(`built ${entries.map((e) => e.outfile).join(', ')}`);
