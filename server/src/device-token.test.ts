import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from './admin-service.js';
import { ENGINES, startCentral, twoDesktops, type Central, type Desktop } from './testing.js';

/** The device token is stored sealed on the desktop (core/src/sync/device-secret.ts). */
describe.each(ENGINES.slice(0, 1))('the device token on the desktop, on $name', ({ name, skip }) => {
  let central: Central;
  let a: Desktop;
  beforeEach(async () => {
    if (skip) return;
    central = await startCentral(name);
    ({ a } = await twoDesktops(central));
  });
  afterEach(async () => {
    if (skip) return;
    await a.close();
    await central.close();
  });

  const stored = async () => (await a.core.db.selectFrom('sync_state').select('device_token').executeTakeFirstOrThrow()).device_token;
  const sqliteBytes = () => fs.readFileSync(path.join(a.dir, 'mgramseva.sqlite')).toString('latin1') + (fs.existsSync(path.join(a.dir, 'mgramseva.sqlite-wal')) ? fs.readFileSync(path.join(a.dir, 'mgramseva.sqlite-wal')).toString('latin1') : '');

  it.skipIf(skip)('is sealed from enrolment on, and sync works with it', async () => {
    const token = await stored();
    expect(token.startsWith('v1:')).toBe(true);
    expect((await a.sync()).error).toBeUndefined();
    // The server knows this device by the hash of the unsealed token.
    const devices = await central.db.selectFrom('devices').select('token_hash').execute();
    const { tokenSealer } = await import('@mgramseva/core/node');
    expect(devices.map((d) => d.token_hash)).toContain(sha256(tokenSealer(a.dir).open(token)));
    expect(sqliteBytes()).not.toContain(tokenSealer(a.dir).open(token));
  });

  it.skipIf(skip)('a token stored in plain text by an older version is sealed by the next round', async () => {
    const { tokenSealer } = await import('@mgramseva/core/node');
    const plain = tokenSealer(a.dir).open(await stored());
    await a.core.db.updateTable('sync_state').set({ device_token: plain }).execute();
    expect((await a.sync()).error).toBeUndefined();
    expect((await stored()).startsWith('v1:')).toBe(true);
    expect(tokenSealer(a.dir).open(await stored())).toBe(plain);
  });

  it.skipIf(skip)('a data folder whose key is gone says so in plain words and keeps the work', async () => {
    fs.rmSync(path.join(a.dir, 'device.key'));
    await a.reopen();
    const round = await a.sync();
    expect(round.error?.key).toBe('sync.error.deviceKey');
    const state = await a.core.db.selectFrom('sync_state').select(['last_error_key', 'device_token']).executeTakeFirstOrThrow();
    expect(state.last_error_key).toBe('sync.error.deviceKey');
    expect(state.device_token.startsWith('v1:')).toBe(true);
  });
});
