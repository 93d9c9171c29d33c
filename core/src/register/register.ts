import { containsPattern } from '../db/like.js';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { RegisterRow, RegisterSortKey, RegisterTab } from './contract.js';

/**
 * The household register's rows, computed set-wise in SQLite: one grouped pass over the
 * connection's demand lines (non-reversed demands) and one over the allocations of
 * non-cancelled payments on them — the same rule as ledger/outstanding.ts `ledgerLines` +
 * `balancePaise`, summed per connection instead of per line (integer sums, so equal to the
 * paise). Never per row in JS: 100k households sort by pending in one statement. The sums are
 * kept per connection in register_balances and recomputed only for connections whose ledger
 * rows changed (register_dirty, marked by the triggers of migration 0015).
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
}


/**
 * Recompute the sums of the connections marked in register_dirty (migration 0015), in one
 * grouped statement per sum: lines of non-reversed demands, allocations of non-cancelled
 * payments on them, non-cancelled payments received.
 */
export async function refreshBalances(db: Transaction<DB>): Promise<number> {
  const marked = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM register_dirty`.execute(db);
  const n = Number(marked.rows[0]?.n ?? 0);
  if (n === 0) return 0;
  await sql`
    WITH
    lines AS (
      SELECT d.connection_id AS cid,
             SUM(l.amount_paise) AS net,
             SUM(CASE WHEN l.tax_head <> 'WS_ADVANCE_CARRYFORWARD' THEN l.amount_paise ELSE 0 END) AS billed,
             MAX(CASE WHEN d.consumer_type = 'waterConnection' THEN d.period_to || d.created_at END) AS latest
      FROM demands d JOIN demand_lines l ON l.demand_id = d.id
      WHERE d.connection_id IN (SELECT connection_id FROM register_dirty)
        AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = d.id)
      GROUP BY d.connection_id
    ),
    settled AS (
      SELECT d.connection_id AS cid, SUM(a.amount_paise) AS allocated
      FROM demands d JOIN demand_lines l ON l.demand_id = d.id JOIN payment_allocations a ON a.demand_line_id = l.id
      WHERE d.connection_id IN (SELECT connection_id FROM register_dirty)
        AND NOT EXISTS (SELECT 1 FROM demand_reversals r WHERE r.demand_id = d.id)
        AND NOT EXISTS (SELECT 1 FROM payment_cancellations x WHERE x.payment_id = a.payment_id)
      GROUP BY d.connection_id
    ),
    received AS (
      SELECT p.connection_id AS cid, SUM(p.amount_paise) AS collected
      FROM payments p
      WHERE p.connection_id IN (SELECT connection_id FROM register_dirty)
        AND NOT EXISTS (SELECT 1 FROM payment_cancellations x WHERE x.payment_id = p.id)
      GROUP BY p.connection_id
    )
    INSERT OR REPLACE INTO register_balances (connection_id, tenant_id, connection_no, billed, collected, balance, pending, last_bill_date)
    SELECT c.id, c.tenant_id, c.connection_no, COALESCE(lines.billed, 0), COALESCE(received.collected, 0),
           COALESCE(lines.net, 0) - COALESCE(settled.allocated, 0), MAX(COALESCE(lines.net, 0) - COALESCE(settled.allocated, 0), 0),
           date(substr(lines.latest, 11), '+330 minutes')
    FROM register_dirty k
    JOIN connections c ON c.id = k.connection_id
    LEFT JOIN lines ON lines.cid = k.connection_id
    LEFT JOIN settled ON settled.cid = k.connection_id
    LEFT JOIN received ON received.cid = k.connection_id`.execute(db);
  await sql`DELETE FROM register_dirty`.execute(db);
  return n;
}

const COLUMNS = sql`
  c.id AS connection_id, c.connection_no, c.connection_type, p.name, p.gender, p.father_name, p.mobile, c.old_connection_no,
  p.category, p.sub_category, p.property_type, c.previous_reading_date, c.meter_number, c.previous_reading,
  c.arrears_paise, c.penalty_paise, c.advance_paise, c.status, b.billed, b.collected, b.balance,
  date(c.created_at, '+330 minutes') AS created_on, b.last_bill_date`;

/** FROM … WHERE of the GP's households matching the search and, unless null, the tab. */
function from(c: RegisterCriteria, tab: RegisterTab | null): RawBuilder<unknown> {
  const match = c.search
    ? sql`AND (p.name LIKE ${containsPattern(c.search)} ESCAPE '\\' OR c.connection_no LIKE ${containsPattern(c.search)} ESCAPE '\\')`
    : sql``;
  const tabWhere = tab === 'paid' ? sql`AND b.pending = 0` : tab === 'pending' ? sql`AND b.pending > 0` : sql``;
  return sql`FROM register_balances b
    JOIN connections c ON c.id = b.connection_id
    JOIN consumers p ON p.id = c.consumer_id
    WHERE b.tenant_id = ${c.tenantId} ${tabWhere} ${match}`;
}

/** Index order of register_balances (migration 0015); ties by connection ID, then id. */
function orderBy(sort: RegisterSortKey, direction: 'asc' | 'desc'): RawBuilder<unknown> {
  const dir = sql.raw(direction === 'desc' ? 'DESC' : 'ASC');
  if (sort === 'pending') return sql`ORDER BY b.pending ${dir}, b.connection_no ${dir}, b.connection_id`;
  // Households never billed sort after the billed ones whichever the direction.
  if (sort === 'lastBillDate') return sql`ORDER BY b.last_bill_date IS NULL, b.last_bill_date ${dir}, b.connection_no ${dir}, b.connection_id`;
  return sql`ORDER BY b.connection_no ${dir}, b.connection_id`;
}

async function countTabs(db: Transaction<DB>, c: RegisterCriteria): Promise<Record<RegisterTab, number>> {
  const n = c.search
    ? await sql<{ n_all: number; n_pending: number | null }>`SELECT COUNT(*) AS n_all, SUM(b.pending > 0) AS n_pending ${from(c, null)}`.execute(db)
    : await sql<{ n_all: number; n_pending: number | null }>`
        SELECT COUNT(*) AS n_all, SUM(b.pending > 0) AS n_pending FROM register_balances b WHERE b.tenant_id = ${c.tenantId}`.execute(db);
  const all = Number(n.rows[0]?.n_all ?? 0);
  const pending = Number(n.rows[0]?.n_pending ?? 0);
  return { all, paid: all - pending, pending };
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

/** One page of the register with the count of every tab. */
export async function registerPage(
  db: Transaction<DB>,
  c: RegisterCriteria,
  page: number,
  pageSize: number,
): Promise<{ counts: Record<RegisterTab, number>; rows: RegisterRow[] }> {
  await refreshBalances(db);
  const counts = await countTabs(db, c);
  const r = await sql<Raw>`SELECT ${COLUMNS} ${from(c, c.tab)} ${orderBy(c.sort, c.direction)} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db);
  return { counts, rows: r.rows.map(toRow) };
}

/** Every row of the register for a download, in the screen's order; `limit` caps it (the PDF). */
export async function registerRows(db: Transaction<DB>, c: RegisterCriteria, limit?: number): Promise<{ rows: RegisterRow[]; total: number }> {
  await refreshBalances(db);
  const r = await sql<Raw>`SELECT ${COLUMNS} ${from(c, c.tab)} ${orderBy(c.sort, c.direction)} ${limit ? sql`LIMIT ${limit}` : sql``}`.execute(db);
  // Uncapped, the rows are the whole tab: no second pass to count them.
  const total = limit ? (await countTabs(db, c))[c.tab] : r.rows.length;
  return { rows: r.rows.map(toRow), total };
}
