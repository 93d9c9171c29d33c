import { sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import { formatHlc, parseHlc, appendOnly, maxHlc, mergeFields, NOT_A_FIELD, type Clocks, type SyncPolicy, copyOf, hasDerivedIds, isCopyChild, isOfAnotherCopy, SUPERSEDED, type ChangeResult, type WireChange } from '@mgramseva/core/node';
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

/** A replicated row as the batch sees it: loaded once, changed in memory, written at the end. */
interface RowState {
  tenantId: string;
  data: Record<string, unknown>;
  clocks: Clocks;
  updatedAt: string;
  /** Not in the database yet (insert), or changed by this batch (update). */
  state: 'new' | 'dirty' | 'clean';
}

const key = (table: string, rowId: string) => `${table}\u0000${rowId}`;
const CHUNK = 500;

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
 *
 * Shape: read everything the batch touches (a few queries), decide each change in memory with
 * the merge rules (decide()), then write rows, log and mutation records in bulk.
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
    for (const ids of chunks(changes.map((c) => c.mutationId))) {
      const rows = await trx.selectFrom('mutations').selectAll().where('device_id', '=', device.id).where('mutation_id', 'in', ids).execute();
      for (const r of rows) seen.set(r.mutation_id, replayed(r));
    }
    const rows = await loadRows(trx, changes);

    const nowIso = now.toISOString();
    const results = new Map<string, ChangeResult>();
    const log: Insertable<ServerDB['change_log']>[] = [];
    const recorded: Insertable<ServerDB['mutations']>[] = [];
    let clampCounter = 0;
    // The device's own order, whatever order the batch arrived in.
    for (const change of [...changes].sort((a, b) => a.seq - b.seq)) {
      const before = seen.get(change.mutationId) ?? results.get(change.mutationId);
      if (before) {
        results.set(change.mutationId, { ...before, status: before.status === 'rejected' ? 'rejected' : 'duplicate' });
        continue;
      }
      const hlc = clampStamp(change.hlc, now, () => clampCounter++);
      const k = key(change.table, change.rowId);
      const current = rows.get(k);
      if (current && current.tenantId !== device.tenantId) {
        throw new BatchRefused('forbidden', [{ mutationId: change.mutationId, reason: 'other_tenant' }]);
      }
      // A role for another GP's user would let this GP's desktop give that person access here.
      const roleHolder = change.table === 'user_roles' ? rows.get(key('users', String(change.data['user_id'] ?? ''))) : undefined;
      if (roleHolder && roleHolder.tenantId !== device.tenantId) {
        throw new BatchRefused('forbidden', [{ mutationId: change.mutationId, reason: 'other_tenant' }]);
      }
      const outcome = decide(change.table, catalogue.get(change.table)!.policy, current, change, hlc, device.tenantId, rows);
      if (outcome.row) rows.set(k, outcome.row);
      if (outcome.log) {
        seq += 1;
        log.push({
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
        });
      }
      const result: ChangeResult = {
        mutationId: change.mutationId,
        status: outcome.rejected ? 'rejected' : 'applied',
        ...(outcome.rejected ? { reason: outcome.rejected } : {}),
        ...(hlc !== change.hlc ? { hlc } : {}),
        ...(outcome.superseded?.length ? { superseded: outcome.superseded } : {}),
      };
      recorded.push({
        device_id: device.id,
        mutation_id: change.mutationId,
        tenant_id: device.tenantId,
        batch_id: batchId,
        status: result.status === 'rejected' ? 'rejected' : 'applied',
        reason: result.reason ?? null,
        hlc: result.hlc ?? null,
        superseded: result.superseded ? JSON.stringify(result.superseded) : null,
        received_at: nowIso,
      });
      results.set(change.mutationId, result);
    }

    await saveRows(trx, rows);
    for (const part of chunks(log)) await trx.insertInto('change_log').values(part).execute();
    for (const part of chunks(recorded)) await trx.insertInto('mutations').values(part).execute();
    if (seq !== gp.next_seq) {
      await trx.updateTable('gram_panchayats').set({ next_seq: seq }).where('id', '=', device.tenantId).execute();
    }
    await trx.updateTable('devices').set({ last_seen_at: nowIso }).where('id', '=', device.id).execute();
    return changes.map((c) => results.get(c.mutationId)!);
  });
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The rows the batch touches, and the demands its copy rows belong to (sync/converge.ts). */
async function loadRows(trx: Transaction<ServerDB>, changes: WireChange[]): Promise<Map<string, RowState>> {
  const byTable = new Map<string, Set<string>>();
  const want = (table: string, id: string) => {
    let ids = byTable.get(table);
    if (!ids) byTable.set(table, (ids = new Set()));
    ids.add(id);
  };
  for (const c of changes) {
    want(c.table, c.rowId);
    const copy = isCopyChild(c.table) ? copyOf(c.data) : undefined;
    if (copy) want('demands', copy.demandId);
    if (c.table === 'user_roles' && typeof c.data['user_id'] === 'string') want('users', c.data['user_id']);
  }
  const rows = new Map<string, RowState>();
  for (const [table, ids] of byTable) {
    for (const part of chunks([...ids])) {
      const found = await trx.selectFrom('sync_rows').selectAll().where('table_name', '=', table).where('row_id', 'in', part).execute();
      for (const r of found) {
        rows.set(key(table, r.row_id), {
          tenantId: r.tenant_id,
          data: JSON.parse(r.data) as Record<string, unknown>,
          clocks: JSON.parse(r.clocks) as Clocks,
          updatedAt: r.updated_at,
          state: 'clean',
        });
      }
    }
  }
  return rows;
}

async function saveRows(trx: Transaction<ServerDB>, rows: Map<string, RowState>): Promise<void> {
  const inserts: Insertable<ServerDB['sync_rows']>[] = [];
  for (const [k, r] of rows) {
    if (r.state === 'clean') continue;
    const [table_name, row_id] = k.split('\u0000') as [string, string];
    const values = { data: JSON.stringify(r.data), clocks: JSON.stringify(r.clocks), updated_at: r.updatedAt };
    if (r.state === 'new') inserts.push({ table_name, row_id, tenant_id: r.tenantId, ...values });
    else await trx.updateTable('sync_rows').set(values).where('table_name', '=', table_name).where('row_id', '=', row_id).execute();
  }
  for (const part of chunks(inserts)) await trx.insertInto('sync_rows').values(part).execute();
}

function replayed(r: Selectable<ServerDB['mutations']>): ChangeResult {
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
  /** The row after this change (unchanged rows are not returned). */
  row?: RowState;
  /** What other devices receive: only what this change actually set. */
  log?: { op: 'insert' | 'update'; data: Record<string, unknown> };
  rejected?: string;
  superseded?: string[];
}

/**
 * One change against the row as it stands: the merge rules of core/src/sync/merge.ts, and the
 * one-copy-per-demand rule of core/src/sync/converge.ts.
 */
function decide(
  table: string,
  policy: SyncPolicy,
  row: RowState | undefined,
  change: WireChange,
  hlc: string,
  tenantId: string,
  rows: Map<string, RowState>,
): Outcome {
  const data = { ...change.data, ...(change.data['updated_at'] !== undefined ? { updated_at: hlc } : {}) };

  if (policy === 'append-only') {
    if (change.op === 'update') return { rejected: 'append_only' };
    const copy = isCopyChild(table) ? copyOf(data) : undefined;
    if (copy && isOfAnotherCopy(data, rows.get(key('demands', copy.demandId))?.data)) return { rejected: SUPERSEDED };
    const outcome = appendOnly(row?.data, data);
    if (outcome === 'conflict') return { rejected: hasDerivedIds(table) ? SUPERSEDED : 'conflict' };
    if (outcome === 'repeat') return {};
    return { row: { tenantId, data, clocks: {}, updatedAt: hlc, state: 'new' }, log: { op: 'insert', data } };
  }

  // Editable: field by field.
  if (!row && change.op === 'update') return { rejected: 'unknown_row' };
  const merged = mergeFields(row?.clocks ?? {}, data, hlc);
  const superseded = Object.keys(data).filter((k) => !NOT_A_FIELD.has(k) && !(k in merged.winners));
  if (Object.keys(merged.winners).length === 0) return { superseded };
  const logged = { id: change.rowId, ...merged.winners, updated_at: hlc };
  if (!row) {
    return { row: { tenantId, data: logged, clocks: merged.clocks, updatedAt: hlc, state: 'new' }, log: { op: 'insert', data: logged }, superseded };
  }
  const updatedAt = maxHlc(row.updatedAt, hlc);
  return {
    row: { ...row, data: { ...row.data, ...merged.winners, updated_at: updatedAt }, clocks: merged.clocks, updatedAt, state: row.state === 'new' ? 'new' : 'dirty' },
    log: { op: 'update', data: logged },
    superseded,
  };
}
