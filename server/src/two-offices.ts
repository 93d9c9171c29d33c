import { afterEach, beforeEach } from 'vitest';
import { GP_ADMIN, startCentral, twoDesktops, type Central, type Desktop } from './testing.js';

export interface TwoOffices {
  central: Central;
  a: Desktop;
  b: Desktop;
  tenantId: string;
}

/**
 * For each test of the enclosing describe: a fresh central server on `engine` and two enrolled
 * desktops of one GP whose clocks start at `start`; all closed after the test. `use` receives
 * them (assign them to the describe's variables).
 */
export function twoOfficesEach(engine: 'sqlite' | 'postgres', skip: boolean, start: Date, use: (o: TwoOffices) => void): void {
  let o: TwoOffices | undefined;
  beforeEach(async () => {
    if (skip) return;
    const central = await startCentral(engine);
    o = { central, ...(await twoDesktops(central, start)) };
    use(o);
  });
  afterEach(async () => {
    if (!o) return;
    await o.a.close();
    await o.b.close();
    await o.central.close();
    o = undefined;
  });
}

/** The GP administrator's session on a desktop. */
export async function signInAdmin(d: Desktop): Promise<string> {
  return (await d.call<{ token: string }>('auth.signIn', { mobile: GP_ADMIN.mobile, password: GP_ADMIN.password })).token;
}
