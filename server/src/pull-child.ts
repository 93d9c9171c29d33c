// A desktop core in its own process, for kill.test.ts: open the data folder, pull in small pages.
import { Core } from '../../core/src/core.js';
import { SyncClient } from '../../core/src/sync/client.js';

const core = await Core.open({ dataDir: process.argv[2]!, log: () => {} });
const client = new SyncClient(core.device.id, { db: core.db, clock: core.clock, pullPage: 50 });
console.log('ready');
const round = await client.syncNow();
console.log(`done ${JSON.stringify(round)}`);
await core.close();
