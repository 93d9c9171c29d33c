import { containsPattern } from '../db/like.js';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { vendorKey } from '../expenses/index.js';
import type { z } from 'zod';
import type { CollectionRow, CollectionsDashboard, collectionsInput, ExpenditureDashboard, ExpenditureRow, expenditureInput } from './contract.js';

/**
 * The tabular dashboards (SPEC §7.2, §7.3), paged in SQL. Money rules as in figures.ts: a payment
 * counts unless cancelled; a cancelled expense bill is not listed.
 */

const like = (text: string) => containsPattern(text.toLowerCase());

/** A tab's checked input with its period turned into the inclusive business-date range. */
type TabQuery<Input extends z.ZodType> = Omit<z.output<Input>, 'financialYear' | 'month'> & { from: string; to: string };
type CollectionsQuery = TabQuery<typeof collectionsInput>;
type ExpenditureQuery = TabQuery<typeof expenditureInput>;

/**
 * Every connection of the GP (active or not) with what it paid in the period. A search matches
 * part of the name (any case) or part of the connection ID. Sorting by name or ID pages first and
 * sums only the page's payments (index payments_connection); sorting by amount sums the period's
 * payments once, grouped by connection.
 */
export async function collectionsTab(db: Transaction<DB>, tenantId: string, q: CollectionsQuery): Promise<CollectionsDashboard> {
  const searchWhere: RawBuilder<unknown> = q.search
    ? sql`AND (lower(k.name) LIKE ${like(q.search)} ESCAPE '\\' OR lower(c.connection_no) LIKE ${like(q.search)} ESCAPE '\\')`
    : sql``;
  const tabWhere: RawBuilder<unknown> =
    q.tab === 'residential' ? sql`AND k.property_type = 'RESIDENTIAL'` : q.tab === 'commercial' ? sql`AND k.property_type = 'COMMERCIAL'` : sql``;
  const counted = await sql<{ n: number; residential: number | null; commercial: number | null }>`
    SELECT count(*) AS n, SUM(k.property_type = 'RESIDENTIAL') AS residential, SUM(k.property_type = 'COMMERCIAL') AS commercial
    FROM connections c JOIN consumers k ON k.id = c.consumer_id
    WHERE c.tenant_id = ${tenantId} ${searchWhere}`.execute(db);
  const cr = counted.rows[0]!;
  const counts = { all: Number(cr.n), residential: Number(cr.residential ?? 0), commercial: Number(cr.commercial ?? 0) };
  const total = counts[q.tab];
  const dir = q.direction === 'desc' ? sql`DESC` : sql`ASC`;
  const offset = (q.page - 1) * q.pageSize;

  type Row = { id: string; connection_no: string; name: string; connection_type: string; property_type: string; collected: number | null };
  let rows: Row[];
  if (q.sort === 'collected') {
    rows = (
      await sql<Row>`
        WITH paid AS (
          SELECT p.connection_id, SUM(p.amount_paise) AS collected FROM payments p
          WHERE p.tenant_id = ${tenantId} AND p.paid_on BETWEEN ${q.from} AND ${q.to}
            AND NOT EXISTS (SELECT 1 FROM payment_cancellations x WHERE x.payment_id = p.id)
          GROUP BY p.connection_id)
        SELECT c.id, c.connection_no, k.name, c.connection_type, k.property_type, COALESCE(paid.collected, 0) AS collected
        FROM connections c JOIN consumers k ON k.id = c.consumer_id LEFT JOIN paid ON paid.connection_id = c.id
        WHERE c.tenant_id = ${tenantId} ${searchWhere} ${tabWhere}
        ORDER BY COALESCE(paid.collected, 0) ${dir}, c.connection_no ${dir}
        LIMIT ${q.pageSize} OFFSET ${offset}`.execute(db)
    ).rows;
  } else {
    const order = q.sort === 'name' ? sql`k.name COLLATE NOCASE ${dir}, c.connection_no ${dir}` : sql`c.connection_no ${dir}`;
    rows = (
      await sql<Row>`
        SELECT pg.id, pg.connection_no, pg.name, pg.connection_type, pg.property_type,
               (SELECT SUM(p.amount_paise) FROM payments p
                WHERE p.connection_id = pg.id AND p.paid_on BETWEEN ${q.from} AND ${q.to}
                  AND NOT EXISTS (SELECT 1 FROM payment_cancellations x WHERE x.payment_id = p.id)) AS collected
        FROM (SELECT c.id, c.connection_no, k.name, c.connection_type, k.property_type, row_number() OVER (ORDER BY ${order}) AS rn
              FROM connections c JOIN consumers k ON k.id = c.consumer_id
              WHERE c.tenant_id = ${tenantId} ${searchWhere} ${tabWhere}
              ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${offset}) pg
        ORDER BY pg.rn`.execute(db)
    ).rows;
  }
  const items: CollectionRow[] = rows.map((r) => ({
    connectionId: r.id,
    connectionNo: r.connection_no,
    name: r.name,
    metered: r.connection_type === 'Metered',
    propertyType: r.property_type,
    collectedPaise: Number(r.collected ?? 0),
  }));
  return { items, total, counts, page: q.page, pageSize: q.pageSize };
}

/** Expense bills dated in the period, cancelled ones left out; a search matches part of the bill number or the vendor's name. */
export async function expenditureTab(db: Transaction<DB>, tenantId: string, q: ExpenditureQuery): Promise<ExpenditureDashboard> {
  const searchWhere: RawBuilder<unknown> = q.search
    ? sql`AND (instr(e.bill_no, ${q.search.toUpperCase()}) > 0 OR v.name_key LIKE ${like(vendorKey(q.search))} ESCAPE '\\')`
    : sql``;
  const base = sql`FROM expenses e JOIN vendors v ON v.id = e.vendor_id
    WHERE e.tenant_id = ${tenantId} AND e.status <> 'CANCELLED' AND e.bill_date BETWEEN ${q.from} AND ${q.to} ${searchWhere}`;
  const counted = await sql<{ n: number; paid: number | null; pending: number | null }>`
    SELECT count(*) AS n, SUM(e.status = 'PAID') AS paid, SUM(e.status = 'UNPAID') AS pending ${base}`.execute(db);
  const cr = counted.rows[0]!;
  const counts = { all: Number(cr.n), paid: Number(cr.paid ?? 0), pending: Number(cr.pending ?? 0) };
  const total = counts[q.tab];
  const tabWhere = q.tab === 'paid' ? sql`AND e.status = 'PAID'` : q.tab === 'pending' ? sql`AND e.status = 'UNPAID'` : sql``;
  const dir = q.direction === 'desc' ? sql`DESC` : sql`ASC`;
  const order =
    q.sort === 'billDate' ? sql`e.bill_date ${dir}, e.bill_no ${dir}` : q.sort === 'amount' ? sql`e.amount_paise ${dir}, e.bill_no ${dir}` : sql`e.bill_no ${dir}`;
  const rows = await sql<{ id: string; bill_no: string; vendor_name: string; type_code: string; amount_paise: number; bill_date: string; paid_date: string | null; status: string }>`
    SELECT e.id, e.bill_no, v.name AS vendor_name, e.type_code, e.amount_paise, e.bill_date, e.paid_date, e.status ${base} ${tabWhere}
    ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(db);
  const items: ExpenditureRow[] = rows.rows.map((r) => ({
    id: r.id,
    billNo: r.bill_no,
    vendorName: r.vendor_name,
    typeCode: r.type_code,
    amountPaise: Number(r.amount_paise),
    billDate: r.bill_date,
    paidDate: r.status === 'PAID' ? r.paid_date : null,
  }));
  return { items, total, counts, page: q.page, pageSize: q.pageSize };
}
