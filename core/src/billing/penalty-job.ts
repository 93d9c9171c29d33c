import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { addDays, istDate, monthOf } from '../calendar/dates.js';
import { penaltyFor } from './penalty.js';
import { tariffFor } from './tariffs.js';
import { appendRows, lineIdFor } from './write.js';

export interface PenaltyJobEnv {
  db: Kysely<DB>;
  now: Date;
  hlc: () => string;
}

/**
 * The late-payment penalty job (SPEC §4.8, E5; Part A.8). For every GP on this device, with the
 * penalty rule in force this month: each active regular demand raised more than
 * `applicableAfterDays` days before today, whose 10101 charge is not fully collected and which
 * has no WS_TIME_PENALTY line yet, gets one — a NEW demand_lines row (never an update).
 * Idempotent: the unique index demand_lines_one_late_penalty and the line's derived id make a
 * second run (or a second desktop) add nothing. It looks at "today", so a PC that was off for
 * days catches up on its first run. Returns how many penalty lines were added.
 */
export async function runPenaltyJob(env: PenaltyJobEnv): Promise<number> {
  const today = istDate(env.now);
  const nowIso = env.now.toISOString();
  const tenants = await env.db.selectFrom('tenants').select('id').execute();
  let added = 0;
  for (const t of tenants) {
    added += await env.db.transaction().execute(async (trx) => {
      const { tariff } = await tariffFor(trx, t.id, monthOf(today));
      const rule = tariff.penalty;
      if ((rule.type === 'Fixed' && rule.rate <= 0) || (rule.type === 'FLAT' && rule.amountPaise <= 0)) return 0;
      // Raised on or before this IST date (as a UTC instant bound, refined per row by penaltyFor).
      const lastRaisedOn = addDays(today, -(rule.applicableAfterDays + 1));
      const bound = new Date(Date.parse(`${addDays(lastRaisedOn, 1)}T00:00:00+05:30`)).toISOString();
      const candidates = await sql<{ demand_id: string; copy_id: string | null; created_at: string; charge: number; collected: number }>`
        SELECT d.id AS demand_id, d.copy_id, d.created_at,
               SUM(l.amount_paise) AS charge,
               COALESCE(SUM((SELECT SUM(a.amount_paise) FROM payment_allocations a
                     WHERE a.demand_line_id = l.id
                       AND NOT EXISTS (SELECT 1 FROM payment_cancellations c WHERE c.payment_id = a.payment_id))), 0) AS collected
        FROM demands d JOIN demand_lines l ON l.demand_id = d.id AND l.tax_head = '10101'
        WHERE d.tenant_id = ${t.id} AND d.consumer_type = 'waterConnection' AND d.created_at < ${bound}
          AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = d.id)
          AND NOT EXISTS (SELECT 1 FROM demand_lines p WHERE p.demand_id = d.id AND p.tax_head = 'WS_TIME_PENALTY')
        GROUP BY d.id`.execute(trx);
      const rows = candidates.rows
        .map((c) => ({
          c,
          amount: penaltyFor(
            { raisedOn: istDate(new Date(c.created_at)), chargePaise: Number(c.charge), chargeCollectedPaise: Number(c.collected), hasLatePenalty: false, reversed: false },
            today,
            rule,
          ),
        }))
        .filter((x) => x.amount > 0);
      await appendRows(
        { db: trx, hlc: env.hlc, nowIso, deviceCode: '' },
        'demand_lines',
        rows.map(({ c, amount }) => ({ id: lineIdFor(c.demand_id, 'WS_TIME_PENALTY'), tenant_id: t.id, demand_id: c.demand_id, tax_head: 'WS_TIME_PENALTY' as const, amount_paise: amount, created_at: nowIso, demand_copy_id: c.copy_id })),
      );
      return rows.length;
    });
  }
  return added;
}
