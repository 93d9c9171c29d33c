// `npm start`: build what is needed, then launch the Electron app — or, where the Electron
// binary is not installed (it is downloaded at install time, which is not always possible),
// serve the same app in browser mode and say so. It never just fails for want of Electron.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

console.log('Building mGramSeva…');
run('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
run('node', ['scripts/build-node.mjs']);

function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathFile)) return undefined;
    const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

let electron = electronBinary();
if (!electron && process.env.MGRAMSEVA_BROWSER_MODE !== '1') {
  // npm install skips Electron's download script (see allowScripts in package.json); try it once.
  const dir = path.dirname(require.resolve('electron/package.json'));
  const r = spawnSync('node', [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  if (r.status === 0) electron = electronBinary();
}

if (electron && process.env.MGRAMSEVA_BROWSER_MODE !== '1') {
  console.log('Starting the mGramSeva desktop app…');
  const child = spawn(electron, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'The Electron binary is not available on this machine, so mGramSeva runs in browser mode:\n' +
      'open the address below in Chromium, Chrome or Firefox. (Data folder: MGRAMSEVA_DATA_DIR, default ~/.mgramseva.)',
  );
  const child = spawn('node', ['dist/core/server.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
  child.on('exit', (code) => process.exit(code ?? 0));
}
