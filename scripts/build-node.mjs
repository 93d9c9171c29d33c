// Bundles the Node-side entry points with esbuild: our TypeScript (the @mgramseva/* workspaces) and
// JSON resources go in; npm packages stay external (bundle-settings.mjs).
import { build } from 'esbuild';
import fs from 'node:fs';
import { cjsImportMeta, desktopExternals, npmExternal } from './bundle-settings.mjs';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', plugins: [npmExternal] };

const entries = [
  // Browser mode: the local server (core + built renderer).
  { entryPoints: ['core/src/server/main.ts'], outfile: 'dist/core/server.mjs', format: 'esm' },
];
if (fs.existsSync('server/src/main.ts')) {
  entries.push({ entryPoints: ['server/src/main.ts'], outfile: 'dist/server/main.mjs', format: 'esm' });
}
if (fs.existsSync('electron/main.ts')) {
  // The desktop's bundles carry their npm packages inside, but for what the app ships unbundled.
  const desktop = { format: 'cjs', plugins: [], external: desktopExternals() };
  entries.push(
    { entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', ...desktop },
    // The preload runs sandboxed: everything but `electron` must be inside the bundle.
    { entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', ...desktop, external: ['electron'] },
    { entryPoints: ['electron/core-process.ts'], outfile: 'dist/electron/core-process.cjs', ...desktop },
  );
}

// ESM bundles get a `require` (some packages need it); CommonJS bundles a real `import.meta.url`.
const esmBanner = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";
await Promise.all(
  entries.map((e) => {
    // The sandboxed preload may require only `electron`: it gets no banner.
    const shim = e.format === 'cjs' && !e.outfile.endsWith('preload.cjs') ? cjsImportMeta : {};
    return build({ ...common, ...e, ...(e.format === 'esm' ? { banner: { js: esmBanner } } : shim) });
  }),
);
console.log(`built ${entries.map((e) => e.outfile).join(', ')}`);
