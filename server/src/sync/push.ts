import { sql, type Transaction } from 'kysely';
import { formatHlc, parseHlc } from '../../../core/src/sync/hlc.js';
import { appendOnly, maxHlc, mergeFields, type Clocks } from '../../../core/src/sync/merge.js';
import type { ChangeResult, WireChange } from '../../../core/src/sync/protocol.js';
import type { ServerDb } from '../db/open.js';
import type { ServerDB } from '../db/schema.js';
import type { Catalogue } from './catalogue.js';

/**
 * How far ahead of the server's clock a stamp may be. A stamp further ahead (a PC whose clock is
 * minutes or days fast) is re-stamped with the server's receive time, keeping its device id, so
 * it competes as "written when the server received it" and a later honest edit beats it. The
 * device is told the stamp it now has (ChangeResult.hlc) and adopts it, and it sees the drift
 * from the Date header. Two minutes absorbs ordinary PC clock error and HLC catch-up.
 */
export const FUTURE_TOLERANCE_MS = 2 * 60_000;

export class BatchRefused extends Error {
  constructor(
    readonly kind: 'malformed' | 'forbidden',
    readonly reasons: { mutationId: string; reason: string }[],
  ) {
    super(`batch refused: ${reasons.map((r) => r.reason).join(', ')}`);
  }
}

export interface PushingDevice {
  id: string;
  tenantId: string;
}

/**
 * Apply one checked batch in one transaction: all of it, or (on a forged row) none of it.
 *
 * Exactly once: every mutation id is recorded per device (primary key (device_id, mutation_id))
 * with its result; a mutation seen before is answered from that record and not applied again.
 *
 * Order: the GP's row in gram_panchayats is updated first, which locks it (PostgreSQL row lock;
 * SQLite has one writer): pushes of one GP are serialised, so the sequence numbers they take are
 * gapless and commit in order, and a pull that reads `next_seq` first sees every change up to it.
 * Pushes of different GPs run in parallel.
 */
export async function applyBatch(
  db: ServerDb,
  device: PushingDevice,
  batchId: string,
  changes: WireChange[],
  catalogue: Catalogue,
  now: Date,
): Promise<ChangeResult[]> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('gram_panchayats')
      .set({ next_seq: sql`next_seq` })
      .where('id', '=', device.tenantId)
      .execute();
    const gp = await trx.selectFrom('gram_panchayats').select('next_seq').where('id', '=', device.tenantId).executeTakeFirstOrThrow();
    let seq = gp.next_seq;

    const seen = new Map<string, ChangeResult>();
    const ids = changes.map((c) => c.mutationId);
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx
        .selectFrom('mutations')
        .selectAll()
        .where('device_id', '=', device.id)
        .where('mutation_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) seen.set(r.mutation_id, replayed(r));
    }

    const nowIso = now.toISOString();
    const results = new Map<string, ChangeResult>();
    let clampCounter = 0;
    // The device's own order, whatever order the batch arrived in.
    const ordered = [...changes].sort((a, b) => a.seq - b.seq);
    for (const change of ordered) {
      const before = seen.get(change.mutationId) ?? results.get(change.mutationId);
      if (before) {
        results.set(change.mutationId, { ...before, status: before.status === 'rejected' ? 'rejected' : 'duplicate' });
        continue;
      }
      const hlc = clampStamp(change.hlc, now, () => clampCounter++);
      const outcome = await applyOne(trx, device, change, hlc, catalogue);
      if (outcome.log) {
        seq += 1;
        await trx
          .insertInto('change_log')
          .values({
            tenant_id: device.tenantId,
            seq,
            table_name: change.table,
            row_id: change.rowId,
            op: outcome.log.op,
            data: JSON.stringify(outcome.log.data),
            hlc,
            device_id: device.id,
            mutation_id: change.mutationId,
            received_at: nowIso,
          })
          .execute();
      }
      const result: ChangeResult = {
        mutationId: change.mutationId,
        status: outcome.rejected ? 'rejected' : 'applied',
        ...(outcome.rejected ? { reason: outcome.rejected } : {}),
        ...(hlc !== change.hlc ? { hlc } : {}),
        ...(outcome.superseded?.length ? { superseded: outcome.superseded } : {}),
      };
      await trx
        .insertInto('mutations')
        .values({
          device_id: device.id,
          mutation_id: change.mutationId,
          tenant_id: device.tenantId,
          batch_id: batchId,
          status: result.status === 'rejected' ? 'rejected' : 'applied',
          reason: result.reason ?? null,
          hlc: result.hlc ?? null,
          superseded: result.superseded ? JSON.stringify(result.superseded) : null,
          received_at: nowIso,
        })
        .execute();
      results.set(change.mutationId, result);
    }
    if (seq !== gp.next_seq) {
      await trx.updateTable('gram_panchayats').set({ next_seq: seq }).where('id', '=', device.tenantId).execute();
    }
    await trx.updateTable('devices').set({ last_seen_at: nowIso }).where('id', '=', device.id).execute();
    return changes.map((c) => results.get(c.mutationId)!);
  });
}

function replayed(r: ServerDB['mutations']): ChangeResult {
  return {
    mutationId: r.mutation_id,
    status: r.status === 'rejected' ? 'rejected' : 'duplicate',
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.hlc ? { hlc: r.hlc } : {}),
    ...(r.superseded ? { superseded: JSON.parse(r.superseded) as string[] } : {}),
  };
}

/** See FUTURE_TOLERANCE_MS. */
export function clampStamp(hlc: string, now: Date, nextCounter: () => number): string {
  const stamp = parseHlc(hlc);
  if (stamp.millis <= now.getTime() + FUTURE_TOLERANCE_MS) return hlc;
  return formatHlc({ millis: now.getTime(), counter: Math.min(nextCounter(), 99999), node: stamp.node });
}

interface Outcome {
  log?: { op: 'insert' | 'update'; data: Record<string, unknown> };
  rejected?: string;
  superseded?: string[];
}

async function applyOne(
  trx: Transaction<ServerDB>,
  device: PushingDevice,
  change: WireChange,
  hlc: string,
  catalogue: Catalogue,
): Promise<Outcome> {
  const table = catalogue.get(change.table)!;
  const row = await trx
    .selectFrom('sync_rows')
    .selectAll()
    .where('table_name', '=', change.table)
    .where('row_id', '=', change.rowId)
    .executeTakeFirst();
  if (row && row.tenant_id !== device.tenantId) {
    throw new BatchRefused('forbidden', [{ mutationId: change.mutationId, reason: 'other_tenant' }]);
  }
  const data = { ...change.data, ...(change.data['updated_at'] !== undefined ? { updated_at: hlc } : {}) };

  if (table.policy === 'append-only') {
    if (change.op === 'update') return { rejected: 'append_only' };
    const existing = row ? (JSON.parse(row.data) as Record<string, unknown>) : undefined;
    const outcome = appendOnly(existing, data);
    if (outcome === 'conflict') return { rejected: 'conflict' };
    if (outcome === 'repeat') return {};
    await trx
      .insertInto('sync_rows')
      .values({
        table_name: change.table,
        row_id: change.rowId,
        tenant_id: device.tenantId,
        data: JSON.stringify(data),
        clocks: '{}',
        updated_at: hlc,
      })
      .execute();
    return { log: { op: 'insert', data } };
  }

  // Editable: field by field.
  if (!row && change.op === 'update') return { rejected: 'unknown_row' };
  const clocks = row ? (JSON.parse(row.clocks) as Clocks) : {};
  const merged = mergeFields(clocks, data, hlc);
  const superseded = Object.keys(data).filter((k) => k !== 'id' && k !== 'updated_at' && !(k in merged.winners));
  if (Object.keys(merged.winners).length === 0) return { superseded };
  const logged = { id: change.rowId, ...merged.winners, updated_at: hlc };
  if (!row) {
    await trx
      .insertInto('sync_rows')
      .values({
        table_name: change.table,
        row_id: change.rowId,
        tenant_id: device.tenantId,
        data: JSON.stringify(logged),
        clocks: JSON.stringify(merged.clocks),
        updated_at: hlc,
      })
      .execute();
    return { log: { op: 'insert', data: logged }, superseded };
  }
  const current = JSON.parse(row.data) as Record<string, unknown>;
  const updatedAt = maxHlc(row.updated_at, hlc);
  await trx
    .updateTable('sync_rows')
    .set({
      data: JSON.stringify({ ...current, ...merged.winners, updated_at: updatedAt }),
      clocks: JSON.stringify(merged.clocks),
      updated_at: updatedAt,
    })
    .where('table_name', '=', change.table)
    .where('row_id', '=', change.rowId)
    .execute();
  return { log: { op: change.op === 'insert' ? 'update' : 'update', data: logged }, superseded };
}
