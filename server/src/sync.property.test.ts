import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId, demandIdFor, writeDemands } from '@mgramseva/core/node';
import { nonMeteredInput } from '@mgramseva/core/testing';
import { ENGINES, serverRows, startCentral, twoDesktops, type Desktop } from './testing.js';

/**
 * Convergence under random interleavings (ANCHORS §7.9): two desktops of one GP edit the same
 * rows (editable, field by field) and add append-only rows, sync in any order, restart at any
 * point, and both raise the same demands (two periods, with one or two lines: desktops that knew
 * different tariffs). After a final exchange both hold identical data, equal to the server's;
 * every field holds the value of its write with the greatest stamp; every append-only row exists
 * once; each demand exists once, as one whole copy (core/src/sync/converge.ts).
 */
const FIELDS = {
  tenants: ['name', 'district', 'block', 'state'],
  users: ['name', 'email', 'language', 'gender'],
} as const;

type Cmd =
  | { kind: 'edit'; dev: 0 | 1; table: 'tenants' | 'users'; fields: string[]; value: string; advance: number }
  | { kind: 'append'; dev: 0 | 1; advance: number }
  | { kind: 'demand'; dev: 0 | 1; period: 0 | 1; lines: 1 | 2; advance: number }
  | { kind: 'sync'; dev: 0 | 1 }
  | { kind: 'restart'; dev: 0 | 1 };

const dev = fc.constantFrom<0 | 1>(0, 1);
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ dev, table: fc.constantFrom<'tenants' | 'users'>('tenants', 'users'), pick: fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }), value: fc.constantFrom('p', 'q', 'r', 's'), advance: fc.constantFrom(0, 0, 1, 2, 50) })
      .map(({ dev, table, pick, value, advance }) => ({ kind: 'edit' as const, dev, table, fields: [...new Set(pick.map((i) => FIELDS[table][i]!))], value, advance })),
  },
  { weight: 2, arbitrary: fc.record({ dev, advance: fc.constantFrom(0, 1, 5) }).map((r) => ({ kind: 'append' as const, ...r })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ dev, period: fc.constantFrom<0 | 1>(0, 1), lines: fc.constantFrom<1 | 2>(1, 2), advance: fc.constantFrom(0, 1, 5) })
      .map((r) => ({ kind: 'demand' as const, ...r })),
  },
  { weight: 3, arbitrary: dev.map((d) => ({ kind: 'sync' as const, dev: d })) },
  { weight: 1, arbitrary: dev.map((d) => ({ kind: 'restart' as const, dev: d })) },
);

describe.each(ENGINES)('random interleavings converge on $name', ({ name, skip }) => {
  it.skipIf(skip)('edits, appends, syncs and restarts in any order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 5, maxLength: 25 }), async (cmds) => {
        const central = await startCentral(name);
        const { a, b, tenantId, tokenA } = await twoDesktops(central, new Date('2026-10-10T06:30:00.000Z'));
        const devices: Desktop[] = [a, b];
        try {
          await a.sync();
          await b.sync();
          const adminId = (await a.core.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
          const { connectionId } = await a.call<{ connectionId: string }>('consumers.create', nonMeteredInput({ lastBilledCycle: '2026-09', arrears: 0 }), tokenA);
          await a.sync();
          await b.sync();
          const PERIODS = [['2026-10-01', '2026-10-31'], ['2026-11-01', '2026-11-30']] as const;
          const expected = new Map<string, { hlc: string; value: string }>();
          const appended: string[] = [];
          let n = 0;
          for (const c of cmds) {
            const d = devices[c.dev]!;
            if (c.kind === 'edit') {
              d.clock.advance(c.advance);
              const rowId = c.table === 'tenants' ? tenantId : adminId;
              const value = `${c.value}${n++}`;
              const patch = Object.fromEntries(c.fields.map((f) => [f, `${f}-${value}`]));
              await d.write(tenantId, (w) => w.update(c.table, rowId, patch));
              const { hlc } = await d.core.db.selectFrom('outbox').select('hlc').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
              for (const f of c.fields) {
                const key = `${c.table}.${f}`;
                const prev = expected.get(key);
                if (!prev || hlc > prev.hlc) expected.set(key, { hlc, value: `${f}-${value}` });
              }
            } else if (c.kind === 'append') {
              d.clock.advance(c.advance);
              const id = newId();
              appended.push(id);
              await d.write(tenantId, (w) =>
                w.insert('audit_log', { id, tenant_id: tenantId, at: d.clock.now.toISOString(), user_id: null, action: 'p', entity: 'e', entity_id: id, changes: '{}' }),
              );
            } else if (c.kind === 'demand') {
              d.clock.advance(c.advance);
              const [from, to] = PERIODS[c.period];
              const held = await d.core.db.selectFrom('demands').select('id').where('id', '=', demandIdFor(connectionId, 'waterConnection', from, to, 0)).executeTakeFirst();
              if (!held) {
                const lines = [{ taxHead: '10101' as const, amountPaise: 5000 }, ...(c.lines === 2 ? [{ taxHead: 'WS_Round_Off' as const, amountPaise: 50 }] : [])];
                await d.core.db.transaction().execute((trx) =>
                  writeDemands(
                    { db: trx, hlc: () => d.core.hlc.now(), nowIso: d.clock.now.toISOString(), deviceCode: c.dev === 0 ? 'AAAA' : 'BBBB' },
                    [{ tenantId, connectionId, consumerType: 'waterConnection', periodFrom: from, periodTo: to, revision: 0, lines }],
                    adminId,
                  ),
                );
              }
            } else if (c.kind === 'sync') {
              const r = await d.sync();
              if (r.error) throw r.error;
            } else {
              await d.reopen();
            }
          }
          for (const d of [a, b, a, b]) {
            const r = await d.sync();
            if (r.error) throw r.error;
          }
          const [sa, sb] = [await a.snapshot(), await b.snapshot()];
          expect(sb).toEqual(sa);
          const server = await serverRows(central, tenantId);
          for (const table of ['tenants', 'users', 'user_roles', 'audit_log', 'demands', 'demand_lines', 'bills']) {
            expect((sa[table] ?? []).length, table).toBe((server[table] ?? []).length);
            (sa[table] ?? []).forEach((row, i) => {
              for (const [k, v] of Object.entries(server[table]![i]!)) expect(row[k], `${table}.${k}`).toEqual(v);
            });
          }
          for (const [key, { value }] of expected) {
            const [table, field] = key.split('.') as ['tenants' | 'users', string];
            const row = sa[table]!.find((r) => r['id'] === (table === 'tenants' ? tenantId : adminId))!;
            expect(row[field], key).toBe(value);
          }
          // One whole copy per demand: every line and bill is of the copy its demand holds.
          for (const demand of sa['demands'] ?? []) {
            for (const child of [...(sa['demand_lines'] ?? []), ...(sa['bills'] ?? [])].filter((r) => r['demand_id'] === demand['id'])) {
              expect(child['demand_copy_id']).toBe(demand['copy_id']);
            }
          }
          for (const id of appended) {
            expect(sa['audit_log']!.filter((r) => r['id'] === id)).toHaveLength(1);
            const logged = await central.db.selectFrom('change_log').select('seq').where('row_id', '=', id).execute();
            expect(logged).toHaveLength(1);
          }
        } finally {
          await a.close();
          await b.close();
          await central.close();
        }
      }),
      { numRuns: name === 'postgres' ? 8 : 12 },
    );
  }, 120_000);
});
