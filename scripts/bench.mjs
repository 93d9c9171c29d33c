// `npm run bench` runs every bench/*.bench.ts; `npm run bench -- <name>` runs bench/<name>.bench.ts.
// Each prints `<bench>.<figure>: <value> <unit>` lines. Benchmarks are never part of `npm test`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const wanted = process.argv.slice(2);
const all = fs.readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).sort();
const chosen = wanted.length ? all.filter((f) => wanted.includes(f.replace(/\.bench\.ts$/, ''))) : all;
if (wanted.length && chosen.length !== wanted.length) {
  console.error(`unknown benchmark(s): ${wanted.join(', ')}; have: ${all.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const file of chosen) {
  console.log(`# ${file}`);
  const r = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
