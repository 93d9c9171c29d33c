// A desktop core in its own process, for kill.test.ts: open the data folder, pull in small pages.
// It says "page <n>" after each pull answer, and from the 4th on the network is slow (1 s per
// request), so the parent's SIGKILL lands mid-pull however fast this machine is.
import { Core, SyncClient, ChromiumPdfPrinter, silentLogger } from '@mgramseva/core/node';

const core = await Core.open({ dataDir: process.argv[2]!, logger: silentLogger, pdf: new ChromiumPdfPrinter() });
let pages = 0;
const slowAfterThree: typeof fetch = async (input, init) => {
  const isPull = String(input).includes('/v1/sync/pull');
  if (isPull && pages >= 3) await new Promise((r) => setTimeout(r, 1000));
  const res = await fetch(input, init);
  if (isPull) console.log(`page ${++pages}`);
  return res;
};
const client = new SyncClient(core.device.id, { db: core.db, clock: core.hlc, pullPage: 50, fetch: slowAfterThree });
console.log('ready');
const round = await client.syncNow();
console.log(`done ${JSON.stringify(round)}`);
await core.close();
