// The walls between programs and between domains (docs/architecture.md "Packages and walls"),
// as one ESLint rule so a wrong import fails `npm run lint` with a sentence saying what to do.
//
// - Programs (core, renderer, electron, server) import each other only through package exports:
//   renderer → @mgramseva/core/contracts; electron and server → @mgramseva/core/node (and
//   /contracts); /testing only from tests and test support. Never `../../core/src/…`.
// - core never imports electron, React or the DOM, nor another program.
// - Inside core/src, a domain folder uses another domain only through that domain's public
//   modules (`index.ts`, `contract.ts`), and no two domains depend on each other in a circle.
//   Platform folders (api, db, sync, …) are shared; registries (the files that list every domain)
//   may import any domain file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORE_SRC = path.join(ROOT, 'core', 'src');
const PROGRAMS = ['core', 'renderer', 'electron', 'server'];

/** Folders of core/src that hold one domain each. */
export const DOMAINS = ['auth', 'billing', 'collections', 'consumers', 'dashboard', 'expenses', 'home', 'notifications', 'printing', 'register', 'reporting'];
/** What another domain may import of a domain. */
const PUBLIC_MODULES = new Set(['index', 'contract']);
/** Files that join every domain to the app; they may import any domain file. */
const REGISTRIES = [
  'api/contract.ts',
  'api/handlers.ts',
  'db/schema.ts',
  'db/migrations/',
  'demo/seeders.ts',
  'jobs/scheduler.ts',
  'core.ts',
  'node.ts',
  'contracts.ts',
  'testing/',
];

/** Entries of @mgramseva/core each program may import. */
const ENTRIES = {
  renderer: ['contracts'],
  electron: ['contracts', 'node'],
  server: ['contracts', 'node'],
  e2e: ['contracts', 'node', 'testing'],
  bench: ['contracts', 'node', 'testing'],
  scripts: ['contracts', 'node', 'testing'],
};
const TEST_SUPPORT = /(\.test\.tsx?|\/testing\.ts|\/test-helpers\.ts|\/two-offices\.ts|\/pull-child\.ts)$/;

const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');
const programOf = (file) => rel(file).split('/')[0];
const isTest = (file) => TEST_SUPPORT.test(rel(file)) || /\/testkit\.ts$/.test(rel(file));

/** core/src/<folder>/… → folder (or '' for core/src/*.ts). */
function coreFolder(file) {
  const r = path.relative(CORE_SRC, file).split(path.sep);
  return r.length > 1 ? r[0] : '';
}
function isRegistry(file) {
  const r = path.relative(CORE_SRC, file).split(path.sep).join('/');
  return REGISTRIES.some((x) => (x.endsWith('/') ? r.startsWith(x) : r === x));
}
function moduleName(file) {
  return path.basename(file).replace(/\.(js|ts|tsx)$/, '');
}

// The domain graph of core/src, built once per lint run, for the circle check.
let graph;
function domainGraph() {
  if (graph) return graph;
  graph = new Map(DOMAINS.map((d) => [d, new Set()]));
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && !isTest(p)) {
        const from = coreFolder(p);
        if (!graph.has(from)) continue;
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
          const to = coreFolder(path.resolve(path.dirname(p), m[1]));
          if (to !== from && graph.has(to)) graph.get(from).add(to);
        }
      }
    }
  };
  walk(CORE_SRC);
  return graph;
}
function pathBetween(from, to) {
  const g = domainGraph();
  const seen = new Set([from]);
  const queue = [[from]];
  while (queue.length) {
    const trail = queue.shift();
    for (const next of g.get(trail.at(-1)) ?? []) {
      if (next === to) return [...trail, next];
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...trail, next]);
      }
    }
  }
  return undefined;
}

function check(context, node, spec) {
  const file = context.filename;
  const program = programOf(file);
  if (spec.startsWith('.')) {
    const target = path.resolve(path.dirname(file), spec);
    const targetProgram = programOf(target);
    if (targetProgram !== program && PROGRAMS.includes(targetProgram)) {
      const entry = targetProgram === 'core' ? (program === 'renderer' ? '@mgramseva/core/contracts' : '@mgramseva/core/node') : `@mgramseva/${targetProgram}`;
      return context.report({ node, message: `${program}/ imports ${rel(target)} by path: import it from '${entry}' (package exports only).` });
    }
    if (program !== 'core' || targetProgram !== 'core') return;
    const from = coreFolder(file);
    const to = coreFolder(target);
    if (from === to || !DOMAINS.includes(to) || isRegistry(file) || isTest(file)) return;
    if (DOMAINS.includes(from) && !PUBLIC_MODULES.has(moduleName(target))) {
      return context.report({ node, message: `${from}/ reaches into ${rel(target)}: use what ${to}/index.ts exports (a domain's inside is its own).` });
    }
    if (DOMAINS.includes(from)) {
      const back = pathBetween(to, from);
      if (back) context.report({ node, message: `circular domain imports: ${[from, ...back].join(' → ')}. One of them must not know the other.` });
    }
    return;
  }
  const pkg = spec.match(/^@mgramseva\/([^/]+)(?:\/(.+))?$/);
  if (pkg) {
    if (program === 'core') return context.report({ node, message: `core/ imports ${spec}: core is the base and imports no other program.` });
    // Benchmarks and end-to-end tests may stand up a central server the way its tests do.
    if (pkg[1] === 'server' && pkg[2] === 'testing' && ['bench', 'e2e'].includes(program)) return;
    if (pkg[1] !== 'core') return context.report({ node, message: `${program}/ imports ${spec}: programs share code only through @mgramseva/core.` });
    const entry = pkg[2] ?? '';
    const allowed = [...(ENTRIES[program] ?? []), ...(isTest(file) ? ['testing'] : [])];
    if (!allowed.includes(entry)) {
      return context.report({ node, message: `${program}/ may import ${allowed.map((e) => `@mgramseva/core/${e}`).join(' or ')}, not ${spec}.` });
    }
    return;
  }
  if (program === 'core' && /^(electron|react|react-dom)(\/|$)/.test(spec)) {
    return context.report({ node, message: `core/ imports ${spec}: core is plain Node (no Electron, React or DOM).` });
  }
  if (program === 'renderer' && (spec.startsWith('node:') || /^(fs|path|os|child_process|crypto|better-sqlite3|kysely|electron)(\/|$)/.test(spec))) {
    return context.report({ node, message: `renderer/ imports ${spec}: screens run in the browser and reach data only through the API.` });
  }
}

export default {
  rules: {
    walls: {
      meta: { type: 'problem', docs: { description: 'Walls between programs and between domains' }, schema: [] },
      create(context) {
        const visit = (node) => {
          const spec = node.source?.value;
          if (typeof spec === 'string') check(context, node.source, spec);
        };
        return {
          ImportDeclaration: visit,
          ExportNamedDeclaration: visit,
          ExportAllDeclaration: visit,
          ImportExpression: visit,
        };
      },
    },
  },
};
