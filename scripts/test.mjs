// `npm test`: everything that proves the app works — type-check, lint, the generated API
// reference is current, unit and integration tests (vitest, real SQLite; PostgreSQL too when
// MGRAMSEVA_TEST_PG_URL is set, as .ci/run does), then end-to-end in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed (${secs} s)`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${title} (${secs} s)`);
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    console.log('Debian\'s chromium is missing; installing it (apt-get install chromium)…');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status === 0 && fs.existsSync(CHROMIUM)) return;
  }
  console.error(`The end-to-end tests need Debian's Chromium at ${CHROMIUM}. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium`);
  process.exit(1);
}

ensureChromium();
if (!process.env.MGRAMSEVA_TEST_PG_URL) {
  console.log('Note: MGRAMSEVA_TEST_PG_URL is not set, so the central server\'s PostgreSQL tests are skipped (SQLite ones run). .ci/run sets it.');
}
step('type-check', 'npm', ['run', '--silent', 'typecheck']);
step('lint', 'npx', ['eslint', '.']);
step('build', 'npm', ['run', '--silent', 'build']);
step('API reference is current (docs/api.md)', 'npx', ['tsx', 'scripts/gen-api-docs.ts', '--check']);
step('unit and integration tests', 'npx', ['vitest', 'run']);
step('end-to-end tests (Chromium)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']);
console.log('\nAll checks passed.');
