import { createHash } from 'node:crypto';
import { CompiledQuery, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DemandConsumerType, TaxHead } from '../consumers/tables.js';
import { newId } from '../sync/ids.js';
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
export function derivedId(...parts: (string | number)[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const demandIdFor = (connectionId: string, consumerType: string, from: string, to: string, revision: number) =>
  derivedId('demand', connectionId, consumerType, from, to, revision);
export const lineIdFor = (demandId: string, taxHead: string) => derivedId('line', demandId, taxHead);

const CHUNK_ROWS = 500;

/**
 * Insert rows of one append-only replicated table, with their outbox entries: multi-row
 * INSERTs of 500 rows, compiled by hand (kysely's per-value query nodes cost more than SQLite's
 * insert at 10,000 rows). The outbox `data` is the row as JSON, as ctx.change.insert writes it.
 */
export async function appendRows<T extends SyncedTable>(env: WriteEnv, table: T, rows: (Omit<DB[T], 'updated_at'> & { id: string; tenant_id?: string })[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...Object.keys(rows[0]!), 'updated_at'];
  for (const c of [table, ...columns]) if (!/^[a-z_]+$/.test(c)) throw new Error(`not a plain identifier: ${c}`);
  const rowPlaceholder = `(${columns.map(() => '?').join(',')})`;
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const chunk = rows.slice(i, i + CHUNK_ROWS).map((r) => ({ ...r, updated_at: env.hlc() }) as Record<string, unknown>);
    await env.db.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => rowPlaceholder).join(',')}`,
        chunk.flatMap((r) => columns.map((c) => r[c] ?? null)),
      ),
    );
    await env.db.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO outbox (mutation_id, tenant_id, table_name, row_id, op, data, hlc, created_at, pushed_at) VALUES ${chunk.map(() => "(?,?,?,?,'insert',?,?,?,NULL)").join(',')}`,
        chunk.flatMap((r) => [newId(), (r['tenant_id'] as string | undefined) ?? null, table, r['id'], JSON.stringify(r), r['updated_at'], env.nowIso]),
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
  const out = plans.map((p, i) => ({
    demandId: demandIdFor(p.connectionId, p.consumerType, p.periodFrom, p.periodTo, p.revision),
    copyId: newId(),
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
