import { describe, expect, it } from 'vitest';
import { ELECTRICITY_BILL } from '@mgramseva/core/testing';
import { ENGINES, serverRows, type Central, type Desktop } from './testing.js';
import { signInAdmin, twoOfficesEach } from './two-offices.js';

/**
 * One office marks an expense bill paid while the other, offline, corrects its amount
 * (issue 7; migration 0012). The server merges field by field; every desktop must hold the same
 * merge, even though the bill is read-only for clerks once paid.
 */
describe.each(ENGINES)('a paid expense edited on another desktop, on $name', ({ name, skip }) => {
  let central: Central;
  let a: Desktop;
  let b: Desktop;
  let tenantId: string;
  twoOfficesEach(name, skip, new Date('2026-11-25T06:30:00.000Z'), (o) => ({ central, a, b, tenantId } = o));

  const signIn = signInAdmin;
  const expense = ELECTRICITY_BILL;

  for (const order of ['paid first', 'edit first'] as const) {
    it.skipIf(skip)(`both desktops hold the server's merge (${order} at the server)`, async () => {
      await a.sync();
      await b.sync();
      const { id } = await a.call<{ id: string }>('expenses.create', expense, await signIn(a));
      await a.sync();
      await b.sync();

      a.clock.advance(60_000);
      await a.call('expenses.markPaid', { id, paidDate: '2026-11-25' }, await signIn(a));
      b.clock.advance(120_000);
      await b.call('expenses.update', { id, amountRupees: 4700 }, await signIn(b));
      // Clerks still cannot edit it once paid, on the desktop that paid it.
      const refused = await a.callErr('expenses.update', { id, amountRupees: 4800 }, await signIn(a));
      expect(refused.code).not.toBe('OK');

      const rounds = order === 'paid first' ? [a, b, a, b] : [b, a, b, a];
      for (const d of rounds) expect((await d.sync()).error).toBeUndefined();

      const rowOf = async (d: Desktop) => {
        const { updated_at: _u, ...row } = await d.core.db.selectFrom('expenses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return row;
      };
      const [ra, rb] = [await rowOf(a), await rowOf(b)];
      expect(rb).toEqual(ra);
      expect(ra.status).toBe('PAID');
      expect(ra.amount_paise).toBe(470_000);
      const onServer = (await serverRows(central, tenantId))['expenses']!.find((r) => r['id'] === id)!;
      expect(onServer['amount_paise']).toBe(470_000);
      expect(onServer['status']).toBe('PAID');
      for (const d of [a, b]) expect(await d.core.db.selectFrom('sync_rejects').selectAll().execute()).toEqual([]);
    });
  }
});
