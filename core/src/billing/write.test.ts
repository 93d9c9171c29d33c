import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { uuid } from '../api/fields.js';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { appendRows, billNo, demandIdFor, lineIdFor, type WriteEnv } from './write.js';
import { derivedId, newIds } from '../sync/ids.js';

describe('demand identity (two desktops converge)', () => {
  it('a demand id depends only on connection, type, period and revision; it is a valid UUID', () => {
    const a = demandIdFor('c1', 'waterConnection', '2026-10-01', '2026-10-31', 0);
    expect(demandIdFor('c1', 'waterConnection', '2026-10-01', '2026-10-31', 0)).toBe(a);
    expect(demandIdFor('c1', 'waterConnection', '2026-10-01', '2026-10-31', 1)).not.toBe(a);
    expect(demandIdFor('c2', 'waterConnection', '2026-10-01', '2026-10-31', 0)).not.toBe(a);
    expect(uuid.safeParse(a).success).toBe(true);
    expect(uuid.safeParse(lineIdFor(a, 'WS_TIME_PENALTY')).success).toBe(true);
    expect(lineIdFor(a, '10101')).not.toBe(lineIdFor(a, 'WS_Round_Off'));
    for (let i = 0; i < 200; i++) expect(uuid.safeParse(derivedId('x', i)).success).toBe(true);
  });

  it('derived ids are the SHA-256 of the parts, as every desktop already computed them', () => {
    const h = createHash('sha256').update('demand|c1|waterConnection|2026-10-01|2026-10-31|0').digest('hex');
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    expect(demandIdFor('c1', 'waterConnection', '2026-10-01', '2026-10-31', 0)).toBe(`${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`);
  });

  it('bill numbers carry the device code', () => {
    expect(billNo('7F3A', 12)).toBe('BILLNO-WS-7F3A-00012');
  });
});

describe('newIds (UUIDv7 in bulk)', () => {
  it('are valid version-7 UUIDs of this millisecond, unique and strictly increasing', () => {
    const before = Date.now();
    const ids = newIds(20_000);
    const after = Date.now();
    expect(ids).toHaveLength(20_000);
    expect(new Set(ids).size).toBe(20_000);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      expect(uuid.safeParse(id).success).toBe(true);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
      if (i > 0) expect(ids[i - 1]! < id).toBe(true);
    }
    const ms = parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 1);
    expect(newIds(0)).toEqual([]);
  });

  it('keep increasing from one call to the next, within a millisecond and when the wall clock steps back', () => {
    const chain: string[] = [];
    for (let i = 0; i < 500; i++) chain.push(...newIds(2));
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(now + 5);
      chain.push(...newIds(3), ...newIds(3));
      clock.mockReturnValue(now - 60_000);
      chain.push(...newIds(3));
    } finally {
      clock.mockRestore();
    }
    for (let i = 1; i < chain.length; i++) expect(chain[i - 1]! < chain[i]!).toBe(true);
  });
});

describe('appendRows', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const envOf = (core: TestCore, db: WriteEnv['db']): WriteEnv => ({ db, hlc: () => core.core.hlc.now(), nowIso: core.clock.now.toISOString(), deviceCode: 'T' });

  it('writes each row as given, and an outbox entry whose data is the row as JSON, in order (over several chunks)', async () => {
    t = await openTestCore();
    const core = t;
    const { tenantId } = await t.setupAdmin();
    // 2,345 rows: three chunks; some columns constant, some varying, some varying only within one chunk.
    const rows = Array.from({ length: 2345 }, (_, i) => ({
      id: derivedId('test-sms', i),
      tenant_id: tenantId,
      to_mobile: `98${String(i).padStart(8, '0')}`,
      template_key: i < 1500 ? 'mGram.Consumer.NewBill' : `t"${i % 3}\\`,
      params: JSON.stringify({ ownerName: i % 2 ? 'ਗੁਰਦੇਵ "ਸਿੰਘ"' : 'गुरदेव\nसिंह', n: i }),
      status: 'queued' as const,
      created_at: '2026-11-25T06:30:00.000Z',
      demand_id: i % 7 === 0 ? null : derivedId('test-demand', i),
      demand_copy_id: null,
    }));
    const seqBefore = Number((await sql<{ n: number }>`SELECT coalesce(max(seq), 0) AS n FROM outbox`.execute(t.core.db)).rows[0]!.n);
    await t.core.db.transaction().execute((trx) => appendRows(envOf(core, trx), 'sms_outbox', rows));

    const stored = await t.core.db.selectFrom('sms_outbox').selectAll().where('id', 'in', rows.slice(0, 3).map((r) => r.id)).execute();
    expect(stored).toHaveLength(3);
    const all = new Map((await t.core.db.selectFrom('sms_outbox').selectAll().execute()).map((r) => [r.id, r]));
    const outbox = await t.core.db.selectFrom('outbox').selectAll().where('seq', '>', seqBefore).orderBy('seq').execute();
    expect(outbox).toHaveLength(rows.length);
    const stamps = new Set<string>();
    rows.forEach((r, i) => {
      const row = all.get(r.id)!;
      const { updated_at, ...rest } = row;
      expect(rest).toEqual(r);
      stamps.add(updated_at);
      const o = outbox[i]!;
      expect(o).toMatchObject({ tenant_id: tenantId, table_name: 'sms_outbox', row_id: r.id, op: 'insert', hlc: updated_at, created_at: core.clock.now.toISOString(), pushed_at: null });
      // Byte for byte what ctx.change.insert writes: JSON.stringify of the row with its stamp.
      expect(o.data).toBe(JSON.stringify({ ...r, updated_at }));
      expect(uuid.safeParse(o.mutation_id).success).toBe(true);
    });
    expect(stamps.size).toBe(rows.length); // one HLC stamp per row, as one insert each would get
    expect(new Set(outbox.map((o) => o.mutation_id)).size).toBe(rows.length);
  });

  it('keeps numbers as integers and text as text, constant or not', async () => {
    t = await openTestCore();
    const core = t;
    const { tenantId } = await t.setupAdmin();
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const pid = derivedId('test-consumer', n);
      ids.push(derivedId('test-connection', n));
      const now = core.clock.now.toISOString();
      await t.core.db.insertInto('consumers').values({ id: pid, tenant_id: tenantId, name: `Person ${n}`, gender: 'MALE', father_name: 'F', mobile: `981000000${n}`, category: null, sub_category: null, door_no: null, street: null, ward: 'WARD1', property_type: 'RESIDENTIAL', created_at: now, created_by: 'test', updated_at: 'x' }).execute();
      await t.core.db.insertInto('connections').values({ id: ids[n - 1]!, tenant_id: tenantId, consumer_id: pid, connection_no: `WS/TEST/${n}`, old_connection_no: `T${n}`, connection_type: 'Non_Metered', meter_number: null, previous_reading_date: '2029-12-01', previous_reading: null, payment_type: 'arrears', arrears_paise: 0, penalty_paise: 0, advance_paise: 0, status: 'Active', status_remarks: null, created_at: now, created_by: 'test', updated_at: 'x' }).execute();
    }
    const demand = (connection: string, revision: number) => ({
      id: demandIdFor(connection, 'waterConnection', '2030-01-01', '2030-01-31', revision),
      tenant_id: tenantId,
      connection_id: connection,
      consumer_type: 'waterConnection' as const,
      period_from: '2030-01-01',
      period_to: '2030-01-31',
      revision,
      created_at: '2026-11-25T06:30:00.000Z',
      created_by: 'u',
      copy_id: null,
    });
    await t.core.db.transaction().execute(async (trx) => {
      await appendRows(envOf(core, trx), 'demands', [demand(ids[0]!, 0), demand(ids[1]!, 0)]); // revision constant
      await appendRows(envOf(core, trx), 'demands', [demand(ids[0]!, 1), demand(ids[1]!, 2)]); // revision varying
    });
    const types = await sql<{ revision: number; r: string; p: string; c: string | null }>`
      SELECT revision, typeof(revision) AS r, typeof(period_from) AS p, copy_id AS c FROM demands WHERE period_from = '2030-01-01' ORDER BY revision`.execute(t.core.db);
    expect(types.rows).toEqual([
      { revision: 0, r: 'integer', p: 'text', c: null },
      { revision: 0, r: 'integer', p: 'text', c: null },
      { revision: 1, r: 'integer', p: 'text', c: null },
      { revision: 2, r: 'integer', p: 'text', c: null },
    ]);
  });

  it('refuses a value SQLite could not have bound (a boolean, an object), writing nothing', async () => {
    t = await openTestCore();
    const core = t;
    const { tenantId } = await t.setupAdmin();
    const row = { id: derivedId('bad', 1), tenant_id: tenantId, to_mobile: '9810000001', template_key: 'k', params: '{}', status: 'queued' as const, created_at: 'x', demand_id: null, demand_copy_id: null };
    for (const bad of [{ ...row, to_mobile: true }, { ...row, params: { a: 1 } }]) {
      await expect(t.core.db.transaction().execute((trx) => appendRows(envOf(core, trx), 'sms_outbox', [row, bad as never]))).rejects.toThrow(/only text, numbers and NULL/);
    }
    expect(await t.core.db.selectFrom('sms_outbox').select('id').where('id', '=', row.id).execute()).toEqual([]);
  });
});
