import type { PullResponse } from '@mgramseva/core/node';
import type { ServerDb } from '../db/open.js';

/**
 * Changes of the device's GP after `cursor`, from other devices, in server order. The GP's
 * `next_seq` is read first: every change up to it has committed (push.ts), so a page never skips
 * a change that commits later with a smaller number.
 */
export async function pullPage(
  db: ServerDb,
  device: { id: string; tenantId: string },
  cursor: number,
  limit: number,
  now: Date,
): Promise<PullResponse> {
  const gp = await db.selectFrom('gram_panchayats').select('next_seq').where('id', '=', device.tenantId).executeTakeFirstOrThrow();
  const head = gp.next_seq;
  const rows = await db
    .selectFrom('change_log')
    .select(['seq', 'table_name', 'row_id', 'op', 'data', 'hlc', 'device_id'])
    .where('tenant_id', '=', device.tenantId)
    .where('seq', '>', cursor)
    .where('seq', '<=', head)
    .where('device_id', '!=', device.id)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const nextCursor = hasMore ? page[page.length - 1]!.seq : Math.max(cursor, head);
  return {
    changes: page.map((r) => ({
      seq: r.seq,
      table: r.table_name,
      rowId: r.row_id,
      op: r.op,
      data: JSON.parse(r.data) as Record<string, string | number | null>,
      hlc: r.hlc,
      deviceId: r.device_id,
    })),
    nextCursor,
    hasMore,
    serverTime: now.toISOString(),
  };
}
