// esbuild settings shared by scripts/build-node.mjs and the bundle tests (electron/bundles.test.ts).
import fs from 'node:fs';

/**
 * Browser mode and the central server run beside the repository's node_modules: bare imports stay
 * external, except our own workspace packages (@mgramseva/*), which are TypeScript and are bundled.
 */
export const npmExternal = {
  name: 'npm-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@mgramseva/') ? undefined : { path: args.path, external: true }));
  },
};

/**
 * The desktop ships only what electron/package.json lists as its (optional) dependencies — the
 * native modules and the updater — plus Electron itself: everything else is bundled, so app.asar
 * holds no node_modules the app does not load.
 */
export function desktopExternals() {
  const pkg = JSON.parse(fs.readFileSync(new URL('../electron/package.json', import.meta.url), 'utf8'));
  return ['electron', ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];
}

/** CommonJS bundles get a real `import.meta.url` (core finds its resources folder from it), which esbuild would leave empty. */
export const cjsImportMeta = {
  banner: { js: "'use strict'; const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};
