// Fast bench data: rows inserted straight into the tables (the rows consumers.create writes).
import type { TestCore } from '@mgramseva/core/testing';

/** `count` active non-metered households, last billed September 2026, inserted directly. */
export async function seedHouseholds(t: TestCore, tenantId: string, count: number, type: 'Non_Metered' | 'Metered' = 'Non_Metered', lastBilled = '2026-09-01'): Promise<string[]> {
  const ids: string[] = [];
  const now = t.clock.now.toISOString();
  for (let i = 0; i < count; i += 500) {
    const people = [];
    const conns = [];
    for (let j = i; j < Math.min(count, i + 500); j++) {
      const pid = crypto.randomUUID();
      const cid = crypto.randomUUID();
      ids.push(cid);
      people.push({ id: pid, tenant_id: tenantId, name: `Person ${j}`, gender: 'MALE' as const, father_name: 'Father', mobile: `9${String(100_000_000 + j)}`, category: null, sub_category: null, door_no: String(j), street: 'Main Road', ward: 'WARD1', property_type: j % 5 === 0 ? 'COMMERCIAL' : 'RESIDENTIAL', created_at: now, created_by: 'bench', updated_at: 'x' });
      conns.push({ id: cid, tenant_id: tenantId, consumer_id: pid, connection_no: `WS/LODHIPUR/2026-27/BNCH-${type}-${j}`, old_connection_no: `B${type}${j}`, connection_type: type, meter_number: type === 'Metered' ? `M${j}` : null, previous_reading_date: lastBilled, previous_reading: type === 'Metered' ? 0 : null, payment_type: 'arrears' as const, arrears_paise: 0, penalty_paise: 0, advance_paise: 0, status: 'Active' as const, status_remarks: null, created_at: now, created_by: 'bench', updated_at: 'x' });
    }
    await t.core.db.insertInto('consumers').values(people).execute();
    await t.core.db.insertInto('connections').values(conns).execute();
  }
  return ids;
}

