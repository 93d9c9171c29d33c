import type { ConsumerDetail, ConsumerInput, UpdateInput } from './contract.js';
import type { TestCore } from '../testing/harness.js';

/** Valid form inputs for tests and benchmarks (today = 15 Dec 2023 in E4). */
export function nonMeteredInput(overrides: Partial<ConsumerInput> = {}): ConsumerInput {
  return {
    name: 'Gurpreet Singh',
    gender: 'MALE',
    fatherName: 'Harbans Singh',
    mobile: '9876512345',
    oldConnectionId: '105',
    category: 'APL',
    subCategory: 'GENERAL',
    doorNo: '12',
    street: 'Gurdwara Road',
    propertyType: 'RESIDENTIAL',
    serviceType: 'Non_Metered',
    lastBilledCycle: '2023-11',
    paymentType: 'arrears',
    arrears: 0,
    penalty: 0,
    ...overrides,
  };
}

export function meteredInput(overrides: Partial<ConsumerInput> = {}): ConsumerInput {
  return nonMeteredInput({
    name: 'Harjeet Kaur',
    gender: 'FEMALE',
    fatherName: 'Balwinder Singh',
    mobile: '9876598765',
    oldConnectionId: 'M-201',
    serviceType: 'Metered',
    lastBilledCycle: undefined,
    meterNumber: 'MTR4501',
    previousReadingDate: '2023-10-01',
    previousReading: 120,
    ...overrides,
  });
}

export async function countRows(t: TestCore): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['consumers', 'connections', 'consumer_mobiles', 'demands', 'demand_lines', 'demand_reversals'] as const) {
    const r = await t.core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}

/** The edit form pre-filled from the household, with changes. */
export function editOf(d: ConsumerDetail, patch: Partial<UpdateInput> = {}): UpdateInput {
  return {
    connectionId: d.connectionId,
    name: d.name,
    gender: d.gender,
    fatherName: d.fatherName,
    mobile: d.mobile,
    oldConnectionId: d.oldConnectionId,
    category: d.category ?? undefined,
    subCategory: d.subCategory ?? undefined,
    doorNo: d.doorNo ?? undefined,
    street: d.street ?? undefined,
    ward: d.ward,
    propertyType: d.propertyType,
    serviceType: d.serviceType,
    meterNumber: d.meterNumber ?? undefined,
    previousReadingDate: d.serviceType === 'Metered' ? d.previousReadingDate : undefined,
    previousReading: d.previousReading ?? undefined,
    lastBilledCycle: d.lastBilledCycle ?? undefined,
    paymentType: d.paymentType,
    arrears: d.arrears,
    penalty: d.penalty,
    advance: d.advance,
    active: d.status === 'Active',
    ...patch,
  };
}
