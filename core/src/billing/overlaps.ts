import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { formatDate } from '../documents/money.js';
import type { PulledChange } from '../sync/protocol.js';
import { newId } from '../sync/ids.js';

/**
 * Two live water-charge bills of one connection whose periods overlap. One desktop never raises
 * them (metered.ts refuses an overlapping period), but two desktops offline can: each enters a
 * reading on a different date, so the demands have different periods, hence different ids, and
 * both replicate (sync/converge.ts only merges the *same* demand). Money is never reversed
 * automatically; the GP's administrators are told, once per pair, and reverse one of them from
 * the household screen (billing.reverseDemand).
 *
 * Called after a sync round pulled demands (core.ts), for the connections they touch only, so it
 * costs nothing when nothing came in.
 */
export async function noticeOverlappingBills(db: Kysely<DB>, connectionIds: readonly string[], nowIso: string): Promise<number> {
  let added = 0;
  for (let i = 0; i < connectionIds.length; i += 500) {
    const part = connectionIds.slice(i, i + 500);
    const pairs = await sql<{ tenant_id: string; connection_id: string; connection_no: string; a_id: string; a_from: string; a_to: string; b_id: string; b_from: string; b_to: string }>`
      SELECT a.tenant_id, a.connection_id, c.connection_no,
             a.id AS a_id, a.period_from AS a_from, a.period_to AS a_to,
             b.id AS b_id, b.period_from AS b_from, b.period_to AS b_to
      FROM demands a
      JOIN demands b ON b.connection_id = a.connection_id AND b.consumer_type = a.consumer_type AND a.id < b.id
                    AND a.period_from <= b.period_to AND b.period_from <= a.period_to
      JOIN connections c ON c.id = a.connection_id
      WHERE a.consumer_type = 'waterConnection'
        AND a.connection_id IN (${sql.join(part)})
        AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = b.id)`.execute(db);
    for (const p of pairs.rows) {
      const r = await db
        .insertInto('notifications')
        .values({
          id: newId(),
          tenant_id: p.tenant_id,
          code: 'billing.notifications.overlap',
          params: JSON.stringify({
            connectionNo: p.connection_no,
            first: `${formatDate(p.a_from)} – ${formatDate(p.a_to)}`,
            second: `${formatDate(p.b_from)} – ${formatDate(p.b_to)}`,
          }),
          action_route: `/consumers/${p.connection_id}`,
          roles: JSON.stringify(['GP_ADMIN']),
          period_key: `${p.a_id}|${p.b_id}`,
          created_at: nowIso,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'code', 'period_key']).doNothing())
        .executeTakeFirst();
      added += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
  }
  return added;
}

/** The sync client's after-page hook (sync/client.ts afterPage): check the connections of pulled demands. */
export function overlapCheckAfterPull(db: Kysely<DB>, now: () => Date): (changes: readonly PulledChange[]) => Promise<void> {
  return async (changes) => {
    const connections = new Set<string>();
    for (const c of changes) {
      const connectionId = c.table === 'demands' ? c.data['connection_id'] : undefined;
      if (typeof connectionId === 'string') connections.add(connectionId);
    }
    if (connections.size) await noticeOverlappingBills(db, [...connections], now().toISOString());
  };
}
