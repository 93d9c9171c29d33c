import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from '../core.js';
import { buildLocalServer } from './http.js';
import { ChromiumPdfPrinter } from '../documents/pdf.js';

/**
 * `node dist/core/server.mjs [--host 0.0.0.0] [--port 8080]` — browser mode.
 * PORT, HOST and MGRAMSEVA_DATA_DIR (default ~/.mgramseva) are honoured; 127.0.0.1 unless told to
 * serve the office LAN (--host 0.0.0.0).
 */
function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const host = argValue('--host') ?? process.env['HOST'] ?? '127.0.0.1';
const port = Number(argValue('--port') ?? process.env['PORT'] ?? 8080);
const dataDir = path.resolve(process.env['MGRAMSEVA_DATA_DIR'] ?? path.join(os.homedir(), '.mgramseva'));
const staticDir = process.env['MGRAMSEVA_RENDERER_DIR'] ?? path.resolve(here, '../renderer');

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a number from 0 to 65535, got "${String(port)}"`);
  process.exit(2);
}

// Browser mode prints PDFs with a headless Chromium (the desktop passes Electron's printToPDF).
const core = await Core.open({ dataDir, pdf: new ChromiumPdfPrinter() });
const app = await buildLocalServer({ core, staticDir });
// Replication with the central server: idle until this desktop is enrolled (sync.enrol).
await core.startBackground();
const address = await app.listen({ host, port });
console.log(`mGramSeva is serving ${address.replace('0.0.0.0', host)} (data: ${dataDir})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app.close().then(() => core.close()).finally(() => process.exit(0));
  });
}
