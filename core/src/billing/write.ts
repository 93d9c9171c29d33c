import { CompiledQuery, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DemandConsumerType, TaxHead } from '../consumers/index.js';
import { derivedId, newId, newIds } from '../sync/ids.js';
import type { SyncedTable } from '../sync/changes.js';
import { roundOffPaise } from './rounding.js';

/**
 * Appending to the demand ledger in bulk. Every row goes to its table and to the outbox in the
 * caller's transaction, exactly as ctx.change.insert does for one row (sync/changes.ts), but in
 * multi-row statements so 10,000 demands take one pass. Only for append-only tables (no field
 * clocks to keep).
 */
export interface WriteEnv {
  db: Transaction<DB>;
  hlc: () => string;
  nowIso: string;
  deviceCode: string;
}

/**
 * Demand identity (SPEC §2.9, consumers/tables.ts): a demand's id is derived from
 * (connection, consumer type, period, revision) and a line's from (demand, tax head). Two
 * desktops generating the same month therefore write the same ids, each as its own copy
 * (`copy_id`); the server keeps the copy it received first, whole, and the other desktop
 * replaces its copy with it (sync/converge.ts), so they converge on one demand per period.
 */
export const demandIdFor = (connectionId: string, consumerType: string, from: string, to: string, revision: number) =>
  derivedId('demand', connectionId, consumerType, from, to, revision);
export const lineIdFor = (demandId: string, taxHead: string) => derivedId('line', demandId, taxHead);

/** Rows per pair of statements; the outbox INSERT binds 6 values a row, far below SQLite's 32,766. */
const CHUNK_ROWS = 1000;

/** A value as better-sqlite3 would bind it: text, a number or NULL (undefined is NULL, as before). */
function bindable(table: string, column: string, value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new Error(`${table}.${column}: only text, numbers and NULL can be stored here`);
}

/**
 * Insert rows of one append-only replicated table, with their outbox entries, exactly as
 * ctx.change.insert writes them for one row (sync/changes.ts): the row with a fresh HLC stamp as
 * `updated_at`, and an outbox entry with a new mutation id whose `data` is the row as JSON.
 *
 * Two statements per 1,000 rows, compiled by hand (kysely's per-value query nodes cost more than
 * SQLite's insert at 10,000 rows):
 * - the table: a column whose value is the same in every row (the GP, the period, the clerk, the
 *   time) is bound once; the others travel as one JSON array of rows that SQLite unpacks with
 *   json_each. Binding one text instead of a value per cell, and preparing a short statement
 *   instead of one with thousands of placeholders, takes about a third off these statements
 *   (bench/billing.bench.ts). JSON keeps each value's type: text stays text, a whole number
 *   lands as INTEGER (every numeric column written through here is INTEGER);
 * - the outbox: a multi-row INSERT, `data` made by JSON.stringify, as ctx.change.insert makes it.
 */
export async function appendRows<T extends SyncedTable>(env: WriteEnv, table: T, rows: (Omit<DB[T], 'updated_at'> & { id: string; tenant_id?: string })[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...Object.keys(rows[0]!).filter((c) => c !== 'updated_at'), 'updated_at'];
  for (const c of [table, ...columns]) if (!/^[a-z_]+$/.test(c)) throw new Error(`not a plain identifier: ${c}`);
  const mutationIds = newIds(rows.length);
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const chunk = rows.slice(i, i + CHUNK_ROWS) as unknown as Record<string, unknown>[];
    const stamps = chunk.map(() => env.hlc());
    const head = chunk[0]!;
    const select: string[] = [];
    const params: unknown[] = [];
    const varying: string[] = [];
    for (const c of columns) {
      if (c === 'updated_at') {
        select.push(`value->>${varying.length}`);
        varying.push(c);
        continue;
      }
      const first = bindable(table, c, head[c]);
      let same = true;
      for (let j = 1; j < chunk.length && same; j++) same = (chunk[j]![c] ?? null) === first;
      if (same) {
        select.push('?');
        params.push(first);
      } else {
        select.push(`value->>${varying.length}`);
        varying.push(c);
      }
    }
    const cells = new Array<unknown[]>(chunk.length);
    for (let j = 0; j < chunk.length; j++) {
      const r = chunk[j]!;
      const v = new Array<unknown>(varying.length);
      for (let k = 0; k < varying.length; k++) v[k] = varying[k] === 'updated_at' ? stamps[j] : bindable(table, varying[k]!, r[varying[k]!]);
      cells[j] = v;
    }
    params.push(JSON.stringify(cells));
    await env.db.executeQuery(CompiledQuery.raw(`INSERT INTO ${table} (${columns.join(',')}) SELECT ${select.join(',')} FROM json_each(?)`, params));

    const outbox: unknown[] = new Array(chunk.length * 6);
    for (let j = 0; j < chunk.length; j++) {
      const r = chunk[j]!;
      const o = j * 6;
      outbox[o] = mutationIds[i + j];
      outbox[o + 1] = r['tenant_id'] ?? null;
      outbox[o + 2] = r['id'];
      outbox[o + 3] = JSON.stringify({ ...r, updated_at: stamps[j] });
      outbox[o + 4] = stamps[j];
      outbox[o + 5] = env.nowIso;
    }
    await env.db.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO outbox (mutation_id, tenant_id, table_name, row_id, op, data, hlc, created_at, pushed_at) VALUES ${chunk.map(() => `(?,?,'${table}',?,'insert',?,?,?,NULL)`).join(',')}`,
        outbox,
      ),
    );
  }
}

/** Reserve `n` consecutive numbers of this device's series in one statement; returns the first. */
export async function reserveInSeries(db: Transaction<DB>, name: string, scope: string, n: number): Promise<number> {
  const row = await sql<{ first: number }>`
    INSERT INTO number_series (name, scope, next) VALUES (${name}, ${scope}, ${n + 1})
    ON CONFLICT (name, scope) DO UPDATE SET next = next + ${n}
    RETURNING next - ${n} AS first`.execute(db);
  const first = row.rows[0]?.first;
  if (first === undefined) throw new Error(`number series ${name}/${scope} did not advance`);
  return first;
}

/** Bill number (SPEC §3.3 `BILLNO-WS-[SEQ]`), made offline: `BILLNO-WS-<device>-<seq>`. */
export const billNo = (deviceCode: string, seq: number) => `BILLNO-WS-${deviceCode}-${String(seq).padStart(5, '0')}`;

export interface DemandPlan {
  tenantId: string;
  connectionId: string;
  consumerType: DemandConsumerType;
  periodFrom: string;
  periodTo: string;
  revision: number;
  /** The charge lines; a WS_Round_Off line is added when their total has paise (SPEC §4.5). */
  lines: { taxHead: TaxHead; amountPaise: number }[];
}

/** The lines of a charge with its round-off line when needed. */
export function withRoundOff(lines: { taxHead: TaxHead; amountPaise: number }[]): { taxHead: TaxHead; amountPaise: number }[] {
  const ro = roundOffPaise(lines.reduce((s, l) => s + l.amountPaise, 0));
  return ro === 0 ? lines : [...lines, { taxHead: 'WS_Round_Off', amountPaise: ro }];
}

export interface WrittenDemand {
  demandId: string;
  copyId: string;
  billNo: string;
}

/** Write demands, their lines and bill numbers. Returns the demand id, copy and bill number of each plan, in order. */
export async function writeDemands(env: WriteEnv, plans: DemandPlan[], userId: string): Promise<WrittenDemand[]> {
  if (plans.length === 0) return [];
  const byTenant = plans[0]!.tenantId;
  const first = await reserveInSeries(env.db, 'BILL', byTenant, plans.length);
  const copyIds = newIds(plans.length);
  const out = plans.map((p, i) => ({
    demandId: demandIdFor(p.connectionId, p.consumerType, p.periodFrom, p.periodTo, p.revision),
    copyId: copyIds[i]!,
    billNo: billNo(env.deviceCode, first + i),
  }));
  await appendRows(
    env,
    'demands',
    plans.map((p, i) => ({
      id: out[i]!.demandId,
      tenant_id: p.tenantId,
      connection_id: p.connectionId,
      consumer_type: p.consumerType,
      period_from: p.periodFrom,
      period_to: p.periodTo,
      revision: p.revision,
      created_at: env.nowIso,
      created_by: userId,
      copy_id: out[i]!.copyId,
    })),
  );
  await appendRows(
    env,
    'demand_lines',
    plans.flatMap((p, i) =>
      p.lines.map((l) => ({
        id: lineIdFor(out[i]!.demandId, l.taxHead),
        tenant_id: p.tenantId,
        demand_id: out[i]!.demandId,
        tax_head: l.taxHead,
        amount_paise: l.amountPaise,
        created_at: env.nowIso,
        demand_copy_id: out[i]!.copyId,
      })),
    ),
  );
  await appendRows(
    env,
    'bills',
    plans.map((p, i) => ({
      id: derivedId('bill', out[i]!.demandId),
      tenant_id: p.tenantId,
      demand_id: out[i]!.demandId,
      bill_no: out[i]!.billNo,
      created_at: env.nowIso,
      demand_copy_id: out[i]!.copyId,
    })),
  );
  return out;
}

export interface SmsToQueue {
  tenantId: string;
  mobile: string;
  templateKey: string;
  params: Record<string, string | number>;
  /** A demand's own SMS (new bill): one per demand, so it converges with the demand's copy. */
  demand?: WrittenDemand;
}

/** Queue SMS for the central relay (SPEC §8.1). */
export async function queueSms(env: WriteEnv, messages: SmsToQueue[]): Promise<void> {
  await appendRows(
    env,
    'sms_outbox',
    messages.map((m) => ({
      id: m.demand ? derivedId('sms', m.demand.demandId, m.templateKey) : newId(),
      tenant_id: m.tenantId,
      to_mobile: m.mobile,
      template_key: m.templateKey,
      params: JSON.stringify(m.params),
      status: 'queued' as const,
      created_at: env.nowIso,
      demand_id: m.demand?.demandId ?? null,
      demand_copy_id: m.demand?.copyId ?? null,
    })),
  );
}
