import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { RegisterRow, RegisterSortKey, RegisterTab } from './contract.js';

/**
 * The household register's rows, computed set-wise in SQLite: one grouped pass over the
 * connection's demand lines (non-reversed demands) and one over the allocations of
 * non-cancelled payments on them — the same rule as ledger/outstanding.ts `ledgerLines` +
 * `balancePaise`, summed per connection instead of per line (integer sums, so equal to the
 * paise). Never per row in JS: 100k households sort by pending in one statement.
 *
 * The IST date of an ISO instant is `date(x, '+330 minutes')` (calendar/dates.ts istDate).
 */
export interface RegisterCriteria {
  tenantId: string;
  search?: string | undefined;
  tab: RegisterTab;
  sort: RegisterSortKey;
  direction: 'asc' | 'desc';
}

interface Raw {
  connection_id: string;
  connection_no: string;
  connection_type: 'Metered' | 'Non_Metered';
  name: string;
  gender: 'MALE' | 'FEMALE' | 'TRANSGENDER';
  father_name: string;
  mobile: string;
  old_connection_no: string;
  category: string | null;
  sub_category: string | null;
  property_type: string;
  previous_reading_date: string;
  meter_number: string | null;
  previous_reading: number | null;
  arrears_paise: number;
  penalty_paise: number;
  advance_paise: number;
  billed: number;
  collected: number;
  balance: number;
  created_on: string;
  last_bill_date: string | null;
  status: 'Active' | 'Inactive';
  n_all?: number;
  n_pending?: number;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Households of the tenant that match the search, each with its ledger sums (a CTE body). */
function base(c: RegisterCriteria): RawBuilder<unknown> {
  const match = c.search
    ? sql`AND (p.name LIKE ${like(c.search)} ESCAPE '\\' OR c.connection_no LIKE ${like(c.search)} ESCAPE '\\')`
    : sql``;
  // Restrict the ledger passes to the matching households when searching; everyone otherwise.
  const only = c.search ? sql`AND d.connection_id IN (SELECT id FROM m)` : sql``;
  return sql`
    m AS MATERIALIZED (
      SELECT c.id, c.connection_no, c.connection_type, c.old_connection_no, c.previous_reading_date, c.meter_number, c.previous_reading,
             c.arrears_paise, c.penalty_paise, c.advance_paise, c.status, c.created_at,
             p.name, p.gender, p.father_name, p.mobile, p.category, p.sub_category, p.property_type
      FROM connections c JOIN consumers p ON p.id = c.consumer_id
      WHERE c.tenant_id = ${c.tenantId} ${match}
    ),
    lines AS (
      SELECT d.connection_id AS cid,
             SUM(l.amount_paise) AS net,
             SUM(CASE WHEN l.tax_head <> 'WS_ADVANCE_CARRYFORWARD' THEN l.amount_paise ELSE 0 END) AS billed,
             MAX(CASE WHEN d.consumer_type = 'waterConnection' THEN d.period_to || d.created_at END) AS latest
      FROM demands d JOIN demand_lines l ON l.demand_id = d.id
      WHERE d.tenant_id = ${c.tenantId} ${only}
        AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = d.id)
      GROUP BY d.connection_id
    ),
    settled AS (
      SELECT d.connection_id AS cid, SUM(a.amount_paise) AS allocated
      FROM demands d JOIN demand_lines l ON l.demand_id = d.id JOIN payment_allocations a ON a.demand_line_id = l.id
      WHERE d.tenant_id = ${c.tenantId} ${only}
        AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = d.id)
        AND NOT EXISTS (SELECT 1 FROM payment_cancellations x WHERE x.payment_id = a.payment_id)
      GROUP BY d.connection_id
    ),
    received AS (
      SELECT p.connection_id AS cid, SUM(p.amount_paise) AS collected
      FROM payments p
      WHERE p.tenant_id = ${c.tenantId} ${c.search ? sql`AND p.connection_id IN (SELECT id FROM m)` : sql``}
        AND NOT EXISTS (SELECT 1 FROM payment_cancellations x WHERE x.payment_id = p.id)
      GROUP BY p.connection_id
    ),
    reg AS (
      SELECT m.id AS connection_id, m.connection_no, m.connection_type, m.name, m.gender, m.father_name, m.mobile, m.old_connection_no,
             m.category, m.sub_category, m.property_type, m.previous_reading_date, m.meter_number, m.previous_reading,
             m.arrears_paise, m.penalty_paise, m.advance_paise, m.status,
             COALESCE(lines.billed, 0) AS billed,
             COALESCE(received.collected, 0) AS collected,
             COALESCE(lines.net, 0) - COALESCE(settled.allocated, 0) AS balance,
             date(m.created_at, '+330 minutes') AS created_on,
             date(substr(lines.latest, 11), '+330 minutes') AS last_bill_date
      FROM m
      LEFT JOIN lines ON lines.cid = m.id
      LEFT JOIN settled ON settled.cid = m.id
      LEFT JOIN received ON received.cid = m.id
    )`;
}

function tabWhere(tab: RegisterTab): RawBuilder<unknown> {
  if (tab === 'paid') return sql`WHERE balance <= 0`;
  if (tab === 'pending') return sql`WHERE balance > 0`;
  return sql``;
}

function orderBy(sort: RegisterSortKey, direction: 'asc' | 'desc'): RawBuilder<unknown> {
  const dir = sql.raw(direction === 'desc' ? 'DESC' : 'ASC');
  if (sort === 'pending') return sql`ORDER BY MAX(balance, 0) ${dir}, connection_no ${dir}, connection_id`;
  // Households never billed sort after the billed ones whichever the direction.
  if (sort === 'lastBillDate') return sql`ORDER BY last_bill_date IS NULL, last_bill_date ${dir}, connection_no ${dir}, connection_id`;
  return sql`ORDER BY connection_no ${dir}, connection_id`;
}

function toRow(r: Raw): RegisterRow {
  const metered = r.connection_type === 'Metered';
  return {
    connectionId: r.connection_id,
    connectionNo: r.connection_no,
    metered,
    name: r.name,
    gender: r.gender,
    fatherName: r.father_name,
    mobile: r.mobile,
    oldConnectionId: r.old_connection_no,
    category: r.category,
    subCategory: r.sub_category,
    propertyType: r.property_type,
    connectionType: r.connection_type,
    meterReadingDate: metered ? r.previous_reading_date : null,
    meterNumber: metered ? r.meter_number : null,
    previousReading: metered ? r.previous_reading : null,
    arrearsOnCreationPaise: r.arrears_paise,
    penaltyOnCreationPaise: r.penalty_paise,
    advanceOnCreationPaise: r.advance_paise,
    totalBillPaise: r.billed,
    totalCollectedPaise: r.collected,
    advanceTodayPaise: Math.max(0, -r.balance),
    pendingPaise: Math.max(0, r.balance),
    createdOn: r.created_on,
    lastBillDate: r.last_bill_date,
    status: r.status,
  };
}

/** One page of the register with the count of every tab (one statement; a second only for a page past the end). */
export async function registerPage(
  db: Transaction<DB>,
  c: RegisterCriteria,
  page: number,
  pageSize: number,
): Promise<{ counts: Record<RegisterTab, number>; rows: RegisterRow[] }> {
  const r = await sql<Raw>`
    WITH ${base(c)},
    counted AS (SELECT reg.*, COUNT(*) OVER () AS n_all, SUM(balance > 0) OVER () AS n_pending FROM reg)
    SELECT * FROM counted ${tabWhere(c.tab)} ${orderBy(c.sort, c.direction)}
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db);
  let all: number;
  let pending: number;
  const first = r.rows[0];
  if (first) {
    all = Number(first.n_all);
    pending = Number(first.n_pending);
  } else {
    const n = await sql<{ n_all: number; n_pending: number | null }>`WITH ${base(c)} SELECT COUNT(*) AS n_all, SUM(balance > 0) AS n_pending FROM reg`.execute(db);
    all = Number(n.rows[0]?.n_all ?? 0);
    pending = Number(n.rows[0]?.n_pending ?? 0);
  }
  return { counts: { all, paid: all - pending, pending }, rows: r.rows.map(toRow) };
}

/** Every row of the register for a download, in the screen's order; `limit` caps it (the PDF). */
export async function registerRows(db: Transaction<DB>, c: RegisterCriteria, limit?: number): Promise<{ rows: RegisterRow[]; total: number }> {
  const r = await sql<Raw>`
    WITH ${base(c)}, counted AS (SELECT reg.*, COUNT(*) OVER () AS n_all FROM reg ${tabWhere(c.tab)})
    SELECT * FROM counted ${orderBy(c.sort, c.direction)} ${limit ? sql`LIMIT ${limit}` : sql``}`.execute(db);
  return { rows: r.rows.map(toRow), total: Number(r.rows[0]?.n_all ?? 0) };
}
