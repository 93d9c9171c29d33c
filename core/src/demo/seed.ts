import type { Ctx } from '../api/context.js';
import type { DemoUser } from '../auth/contract.js';
import { hashPassword } from '../auth/password.js';
import { createUser } from '../auth/users.js';
import { demoSeeders } from './seeders.js';

/**
 * The demo Gram Panchayat for people who want to look around: a real-looking village with staff
 * of each role. Domain folders add their data (consumers, bills, payments, expenses) through
 * demo/seeders.ts, so the demo grows with the app.
 */
export const DEMO_TENANT = {
  code: 'pb.lodhipur',
  name: 'Lodhipur',
  district: 'Rupnagar',
  block: 'Anandpur Sahib',
  state: 'Punjab',
};

const DEMO_PASSWORD = 'Demo@1234';

const DEMO_STAFF: { name: string; mobile: string; roles: string[]; label: string }[] = [
  { name: 'Gurpreet Kaur', mobile: '9876500001', roles: ['SARPANCH', 'GP_ADMIN'], label: 'SARPANCH' },
  { name: 'Harjit Singh', mobile: '9876500002', roles: ['SECRETARY'], label: 'SECRETARY' },
  { name: 'Ramesh Kumar', mobile: '9876500003', roles: ['REVENUE_COLLECTOR'], label: 'REVENUE_COLLECTOR' },
];

export interface DemoContext {
  tenantId: string;
  /** User id by role label (SARPANCH, SECRETARY, REVENUE_COLLECTOR). */
  staff: Record<string, string>;
}

export async function seedDemo(ctx: Ctx): Promise<{ tenantId: string; users: DemoUser[] }> {
  const tenantId = ctx.newId();
  await ctx.change.insert('tenants', { id: tenantId, ...DEMO_TENANT, created_at: ctx.nowIso });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff: Record<string, string> = {};
  for (const person of DEMO_STAFF) {
    staff[person.label] = await createUser(ctx, { name: person.name, mobile: person.mobile, passwordHash, tenantId, roles: person.roles });
  }
  const demo: DemoContext = { tenantId, staff };
  for (const seeder of demoSeeders) await seeder(ctx, demo);
  await ctx.audit({ action: 'loadDemo', entity: 'tenant', entityId: tenantId, changes: DEMO_TENANT });
  return {
    tenantId,
    users: DEMO_STAFF.map((p) => ({ name: p.name, mobile: p.mobile, password: DEMO_PASSWORD, role: p.label })),
  };
}
