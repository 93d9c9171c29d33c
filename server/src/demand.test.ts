import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nonMeteredInput } from '../../core/src/consumers/testkit.js';
import { ENGINES, GP_ADMIN, startCentral, twoDesktops, type Central, type Desktop } from './testing.js';

/** Both offices raise the same month's demand while offline: after sync, one demand per connection per period. */
describe.each(ENGINES)('the same demand raised on two desktops, on $name', ({ name, skip }) => {
  let central: Central;
  let a: Desktop;
  let b: Desktop;
  beforeEach(async () => {
    if (skip) return;
    central = await startCentral(name);
    ({ a, b } = await twoDesktops(central, new Date('2026-10-10T06:30:00.000Z')));
  });
  afterEach(async () => {
    if (skip) return;
    await a.close();
    await b.close();
    await central.close();
  });

  it.skipIf(skip)('converges to one demand per connection and period', async () => {
    await a.sync();
    await b.sync();
    const signIn = async (d: Desktop) => (await d.call<{ token: string }>('auth.signIn', { mobile: GP_ADMIN.mobile, password: GP_ADMIN.password })).token;
    const { connectionId } = await a.call<{ connectionId: string }>('consumers.create', nonMeteredInput({ lastBilledCycle: '2026-09', arrears: 300 }), await signIn(a));
    await a.sync();
    await b.sync();
    for (const d of [a, b]) {
      d.clock.now = new Date(d === a ? '2026-11-02T06:30:00.000Z' : '2026-11-02T09:45:00.000Z');
      await d.call('billing.generateBulkDemand', { financialYear: '2026-27', month: '2026-10' }, await signIn(d));
    }
    for (const d of [a, b, a, b]) expect((await d.sync()).error).toBeUndefined();
    for (const d of [a, b]) {
      const demands = await d.core.db.selectFrom('demands').selectAll().where('connection_id', '=', connectionId).execute();
      const reversed = new Set((await d.core.db.selectFrom('demand_reversals').select('demand_id').execute()).map((r) => r.demand_id));
      const live = demands.filter((x) => !reversed.has(x.id) && x.period_from === '2026-10-01');
      expect(live, 'live demands for 2026-10').toHaveLength(1);
    }
    // Bills: billing gives a demand's bill an id derived from the demand but a number from each
    // desktop's own series, so the two offices' bills share an id with different content. The
    // server keeps the first and refuses the second as a conflict (money is never overwritten);
    // the refusal is visible in sync.rejects. Open for the billing domain (see issue 7 report).
    const bills = await central.db.selectFrom('sync_rows').select(['row_id', 'data']).where('table_name', '=', 'bills').execute();
    expect(new Set(bills.map((r) => r.row_id)).size).toBe(bills.length);
    const firstPusher = (await a.core.db.selectFrom('bills').select(['id', 'bill_no']).execute())[0]!;
    expect(JSON.parse(bills.find((r) => r.row_id === firstPusher.id)!.data).bill_no).toBe(firstPusher.bill_no);
  });
});
