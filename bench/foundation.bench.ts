// Foundation figures: cold start of the local server to the first byte of the sign-in page, and
// the sign-in operation's latency over 1,000 calls (through the dispatcher, scrypt included).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestCore, ADMIN } from '@mgramseva/core/testing';
import { percentile, report } from './stats.js';

async function coldStartMs(): Promise<number> {
  if (!fs.existsSync('dist/core/server.mjs') || !fs.existsSync('dist/renderer/index.html')) {
    throw new Error('build first: npm run build');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-bench-'));
  const started = performance.now();
  const child = spawn('node', ['dist/core/server.mjs', '--port', '0'], { env: { ...process.env, MGRAMSEVA_DATA_DIR: dataDir } });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = /serving (http:\/\/\S+)/.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${String(code)}`)));
  });
  const res = await fetch(`${url}/`);
  await res.body?.getReader().read();
  const ms = performance.now() - started;
  child.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return ms;
}

const starts: number[] = [];
for (let i = 0; i < 5; i++) starts.push(await coldStartMs());
report('foundation.cold_start_first_byte_median', percentile(starts, 50), 'ms');

const t = await openTestCore();
await t.setupAdmin();
const times: number[] = [];
for (let i = 0; i < 1000; i++) {
  const s = performance.now();
  await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password });
  times.push(performance.now() - s);
}
report('foundation.sign_in_p50', percentile(times, 50), 'ms');
report('foundation.sign_in_p95', percentile(times, 95), 'ms');
await t.close();
