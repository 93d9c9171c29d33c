import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DemandConsumerType, TaxHead } from '../consumers/index.js';

/**
 * Test setup for collections without depending on billing's operations: households and demands
 * written straight into the tables (the same rows consumers.create and billing write).
 */
let n = 0;
export async function addHousehold(
  db: Kysely<DB>,
  tenantId: string,
  opts: { type?: 'Metered' | 'Non_Metered'; name?: string; mobile?: string } = {},
): Promise<string> {
  n++;
  const now = new Date().toISOString();
  const consumerId = randomUUID();
  const connectionId = randomUUID();
  await db
    .insertInto('consumers')
    .values({
      id: consumerId, tenant_id: tenantId, name: opts.name ?? `Test Consumer`, gender: 'MALE', father_name: 'Test Father',
      mobile: opts.mobile ?? '9812345678', category: null, sub_category: null, door_no: `${n}`, street: 'Main Street', ward: 'WARD1',
      property_type: 'RESIDENTIAL', created_at: now, created_by: 'test', updated_at: now,
    })
    .execute();
  await db
    .insertInto('connections')
    .values({
      id: connectionId, tenant_id: tenantId, consumer_id: consumerId, connection_no: `WS/TEST/2026-27/TEST-${String(n).padStart(5, '0')}`,
      old_connection_no: `OLD-${n}`, connection_type: opts.type ?? 'Non_Metered', meter_number: null, previous_reading_date: '2026-10-01',
      previous_reading: null, payment_type: 'arrears', arrears_paise: 0, penalty_paise: 0, advance_paise: 0, status: 'Active',
      status_remarks: null, created_at: now, created_by: 'test', updated_at: now,
    })
    .execute();
  return connectionId;
}

export async function addDemand(
  db: Kysely<DB>,
  tenantId: string,
  connectionId: string,
  d: { type?: DemandConsumerType; from: string; to: string; lines: { head: TaxHead; paise: number }[] },
): Promise<{ demandId: string; lineIds: string[] }> {
  const now = new Date().toISOString();
  const demandId = randomUUID();
  await db
    .insertInto('demands')
    .values({
      id: demandId, tenant_id: tenantId, connection_id: connectionId, consumer_type: d.type ?? 'waterConnection', period_from: d.from,
      period_to: d.to, revision: 0, created_at: now, created_by: 'test', updated_at: now,
    })
    .execute();
  const lineIds: string[] = [];
  for (const l of d.lines) {
    const id = randomUUID();
    lineIds.push(id);
    await db.insertInto('demand_lines').values({ id, tenant_id: tenantId, demand_id: demandId, tax_head: l.head, amount_paise: l.paise, created_at: now, updated_at: now }).execute();
  }
  return { demandId, lineIds };
}
