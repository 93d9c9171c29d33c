// Household register figures (SPEC §2.14): at 100,000 connections with ~2.4M demand lines,
// ~0.8M payments and allocations (some receipts cancelled, some demands reversed), the p50/p95
// of `consumers.register` through core.call (session check included) for the first page, a page
// sorted by pending collections and a name search, and the one slow call after every household's
// ledger changed (bulk demand): it recomputes all kept sums. The ledger rows are generated inside SQLite.
import { sql } from 'kysely';
import { openTestCore, demoConsumerInputs } from '@mgramseva/core/testing';
import { istDate } from '@mgramseva/core/node';
import { percentile, report } from './stats.js';

const N = 100_000;
const MONTHS = 12;

const t = await openTestCore();
const { token, tenantId, userId } = await t.setupAdmin();
const inputs = demoConsumerInputs(N, istDate(t.clock.now), 23, [{ code: 'WARD1', name: 'Ward 1' }]);
const now = t.clock.now.toISOString();
const hlc = t.core.hlc.now();
const started = performance.now();
await t.core.db.transaction().execute(async (trx) => {
  for (let b = 0; b < N; b += 500) {
    const slice = inputs.slice(b, b + 500);
    await trx
      .insertInto('consumers')
      .values(slice.map((c, j) => ({
        id: `c-${b + j}`, tenant_id: tenantId, name: c.name, gender: c.gender as 'MALE', father_name: c.fatherName, mobile: String(9000000000 + b + j),
        category: null, sub_category: null, door_no: null, street: null, ward: 'WARD1', property_type: c.propertyType, created_at: now, created_by: userId, updated_at: hlc,
      })))
      .execute();
    await trx
      .insertInto('connections')
      .values(slice.map((c, j) => ({
        id: `k-${String(b + j).padStart(6, '0')}`, tenant_id: tenantId, consumer_id: `c-${b + j}`, connection_no: `WS/LODHIPUR/2026-27/BNCH-${String(b + j + 1).padStart(6, '0')}`,
        old_connection_no: `OLD/${b + j + 1}`, connection_type: c.serviceType, meter_number: null, previous_reading_date: '2025-10-01', previous_reading: null,
        payment_type: 'arrears' as const, arrears_paise: 0, penalty_paise: 0, advance_paise: 0, status: 'Active' as const, status_remarks: null,
        created_at: now, created_by: userId, updated_at: hlc,
      })))
      .execute();
  }
  // 12 monthly demands per connection (Nov 2025 – Oct 2026), each with a charge and a round-off line,
  // a late penalty on every third; the first 9 months paid by two connections in three.
  await sql`
    WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < ${MONTHS - 1})
    INSERT INTO demands (id, tenant_id, connection_id, consumer_type, period_from, period_to, revision, created_at, created_by, copy_id, updated_at)
    SELECT c.id || '-d' || m.i, c.tenant_id, c.id, 'waterConnection', date('2025-11-01', '+' || m.i || ' months'),
           date('2025-11-01', '+' || (m.i + 1) || ' months', '-1 day'), 0, strftime('%Y-%m-%dT%H:%M:%fZ', date('2025-11-01', '+' || (m.i + 1) || ' months', '+2 days')),
           ${userId}, NULL, ${hlc}
    FROM connections c, m WHERE c.tenant_id = ${tenantId}`.execute(trx);
  await sql`
    INSERT INTO demand_lines (id, tenant_id, demand_id, tax_head, amount_paise, created_at, demand_copy_id, updated_at)
    SELECT d.id || '-l1', d.tenant_id, d.id, '10101', 10000 + (abs(random()) % 5) * 1000, d.created_at, NULL, ${hlc} FROM demands d
    UNION ALL SELECT d.id || '-l2', d.tenant_id, d.id, 'WS_Round_Off', -(abs(random()) % 50), d.created_at, NULL, ${hlc} FROM demands d
    UNION ALL SELECT d.id || '-l3', d.tenant_id, d.id, 'WS_TIME_PENALTY', 1000, d.created_at, NULL, ${hlc} FROM demands d WHERE substr(d.connection_id, -1) IN ('1', '4', '7')`.execute(trx);
  await sql`
    INSERT INTO payments (id, tenant_id, connection_id, receipt_no, amount_paise, mode, payer_name, payer_mobile, paid_on, idempotency_key, advance_demand_id, created_at, created_by, updated_at)
    SELECT d.id || '-p', d.tenant_id, d.connection_id, 'R-' || d.id, l.amount_paise, 'CASH', NULL, NULL, substr(d.created_at, 1, 10), d.id || '-key', NULL, d.created_at, ${userId}, ${hlc}
    FROM demands d JOIN demand_lines l ON l.id = d.id || '-l1'
    WHERE CAST(substr(d.connection_id, 3) AS INTEGER) % 3 <> 0 AND CAST(substr(d.id, instr(d.id, '-d') + 2) AS INTEGER) < 9`.execute(trx);
  await sql`
    INSERT INTO payment_allocations (id, tenant_id, payment_id, demand_line_id, amount_paise, created_at, updated_at)
    SELECT p.id || '-a', p.tenant_id, p.id, substr(p.id, 1, length(p.id) - 2) || '-l1', p.amount_paise, p.created_at, ${hlc} FROM payments p`.execute(trx);
  await sql`
    INSERT INTO payment_cancellations (id, tenant_id, payment_id, reason, created_at, created_by, updated_at)
    SELECT p.id || '-x', p.tenant_id, p.id, 'bench', p.created_at, ${userId}, ${hlc} FROM payments p WHERE abs(random()) % 100 = 0`.execute(trx);
  await sql`
    INSERT INTO demand_reversals (id, tenant_id, demand_id, reason, created_at, created_by, updated_at)
    SELECT d.id || '-r', d.tenant_id, d.id, 'bench', d.created_at, ${userId}, ${hlc} FROM demands d
    WHERE abs(random()) % 200 = 0 AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = d.id || '-p')`.execute(trx);
});
await sql`ANALYZE`.execute(t.core.db);
const counts = await sql<{ lines: number; payments: number }>`SELECT (SELECT COUNT(*) FROM demand_lines) AS lines, (SELECT COUNT(*) FROM payments) AS payments`.execute(t.core.db);
console.error(`  (${N} connections, ${counts.rows[0]!.lines} demand lines, ${counts.rows[0]!.payments} payments, loaded in ${((performance.now() - started) / 1000).toFixed(0)} s)`);

// The first call after the load recomputes the kept sums of all 100k households (as after a bulk demand run).
{
  const s = performance.now();
  const r = await t.core.call('consumers.register', {}, { token });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  report('register.first_call_all_marked', performance.now() - s, 'ms');
}

const rnd = (() => {
  let s = 7;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
})();
const kinds: [string, () => Record<string, unknown>][] = [
  ['first_page', () => ({})],
  ['sorted_by_pending', () => ({ sort: 'pending', direction: 'desc', tab: 'pending', page: 1 + Math.floor(rnd() * 5), pageSize: 50 })],
  ['search', () => ({ search: inputs[Math.floor(rnd() * N)]!.name.split(' ')[0]!.slice(0, 4) })],
];
for (const [kind, make] of kinds) {
  for (let i = 0; i < 3; i++) await t.core.call('consumers.register', make(), { token }); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const input = make();
    const s = performance.now();
    const r = await t.core.call('consumers.register', input, { token });
    times.push(performance.now() - s);
    if (!r.ok) throw new Error(`${kind} ${JSON.stringify(input)}: ${JSON.stringify(r.error)}`);
  }
  report(`register.${kind}_p50`, percentile(times, 50), 'ms');
  report(`register.${kind}_p95`, percentile(times, 95), 'ms');
}
await t.close();
