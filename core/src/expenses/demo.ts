import type { Ctx } from '../api/context.js';
import type { DemoContext } from '../demo/seed.js';
import { nextExpenseBillNo } from './numbering.js';
import { financialYear, tidyName, todayInKolkata, vendorKey } from './rules.js';
import type { ExpenseEventKind, ExpenseStatus } from './tables.js';

/**
 * A year of a village water scheme's bills for the demo GP (Lodhipur): the monthly PSPCL
 * electricity bill of the tube-well pump, the pump operator's salary, chlorination, water
 * testing, pipeline and motor repairs, a new pump and a pipeline extension, the collector's
 * incentive and stationery. Mostly paid, the latest few unpaid, one duplicate cancelled.
 */

const VENDORS = {
  pspcl: { name: 'PSPCL', mobile: '9646101912' },
  operator: { name: 'Balwinder Singh', mobile: '9815023456' },
  chemicals: { name: 'Singla Chemicals', mobile: '9876023411' },
  plumber: { name: 'Gurdev Plumbing Works', mobile: '9814456712' },
  winding: { name: 'Kuldeep Motor Winding', mobile: '9779012345' },
  lab: { name: 'Aqua Testing Lab Ropar', mobile: '9888123409' },
  pumps: { name: 'Sidhu Pumps and Motors', mobile: '9417055667' },
  collector: { name: 'Ramesh Kumar', mobile: '9876500003' },
  stationer: { name: 'Bhatia Stationers', mobile: '9855512300' },
} as const;
type VendorRef = keyof typeof VENDORS;

interface DemoBill {
  type: string;
  vendor: VendorRef;
  rupees: number;
  billDate: string;
  partyBillDate?: string;
  from: string;
  to: string;
  /** Days after the bill date it was paid; undefined = unpaid. */
  paidAfter?: number;
  cancelReason?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const monthStart = (y: number, m: number) => `${y}-${pad(m)}-01`;
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

/** The bills of the 12 months before `today`, in bill-date order. */
export function demoBills(today: string): DemoBill[] {
  const bills: DemoBill[] = [];
  const ty = Number(today.slice(0, 4));
  const tm = Number(today.slice(5, 7));
  // Seasonal pump load: more hours in the hot months.
  const power = [4200, 4000, 4600, 5400, 6300, 6900, 6100, 5800, 5200, 4700, 4300, 4100];
  for (let back = 12; back >= 1; back--) {
    const d = new Date(Date.UTC(ty, tm - 1 - back, 1));
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    const from = monthStart(y, m);
    const to = monthEnd(y, m);
    const next = addDays(to, 1);
    const recent = back <= 1;
    // PSPCL bills the month on the 6th of the next month; paid at the bank about 10 days later.
    bills.push({
      type: 'ELECTRICITY_BILL', vendor: 'pspcl', rupees: power[m - 1] ?? 5000,
      billDate: addDays(next, 5), partyBillDate: addDays(next, 3), from, to, ...(recent ? {} : { paidAfter: 9 }),
    });
    // The pump operator's salary, billed on the last day of the month.
    bills.push({ type: 'SALARY', vendor: 'operator', rupees: 6000, billDate: to, from, to, ...(recent ? {} : { paidAfter: 3 }) });
    if (m % 2 === 0) {
      bills.push({ type: 'CHLORINATION', vendor: 'chemicals', rupees: 850 + (m % 3) * 175, billDate: addDays(from, 9), partyBillDate: addDays(from, 8), from, to: addDays(from, 9), paidAfter: 6 });
    }
    if (m % 3 === 0) {
      bills.push({ type: 'WATER_TREATMENT', vendor: 'lab', rupees: 1500, billDate: addDays(from, 19), from: addDays(from, 17), to: addDays(from, 17), ...(recent ? {} : { paidAfter: 12 }) });
      bills.push({ type: 'INCENTIVES', vendor: 'collector', rupees: 1000, billDate: to, from: monthStart(y, m - 2 < 1 ? m : m - 2), to, ...(recent ? {} : { paidAfter: 4 }) });
    }
    if (back === 10 || back === 6 || back === 2) {
      bills.push({ type: 'PIPELINE_REPAIR', vendor: 'plumber', rupees: [3800, 12500, 2650][[10, 6, 2].indexOf(back)] ?? 3000, billDate: addDays(from, 14), from: addDays(from, 12), to: addDays(from, 13), paidAfter: 7 });
    }
    if (back === 8) {
      bills.push({ type: 'MACHINERY_REPAIR', vendor: 'winding', rupees: 8200, billDate: addDays(from, 21), partyBillDate: addDays(from, 20), from: addDays(from, 18), to: addDays(from, 20), paidAfter: 5 });
      bills.push({ type: 'NEW_MACHINERY', vendor: 'pumps', rupees: 45000, billDate: addDays(from, 24), partyBillDate: addDays(from, 23), from: addDays(from, 22), to: addDays(from, 24), paidAfter: 20 });
    }
    if (back === 4) {
      bills.push({ type: 'NEW_PIPELINE', vendor: 'plumber', rupees: 85000, billDate: addDays(from, 27), from: addDays(from, 2), to: addDays(from, 26), paidAfter: 25 });
      bills.push({ type: 'MACHINERY_REPAIR', vendor: 'winding', rupees: 4500, billDate: addDays(from, 11), from: addDays(from, 10), to: addDays(from, 10) });
    }
    if (back === 11 || back === 5) {
      bills.push({ type: 'OTHERS', vendor: 'stationer', rupees: back === 11 ? 350 : 420, billDate: addDays(from, 3), from: addDays(from, 3), to: addDays(from, 3), paidAfter: 0 });
    }
    if (back === 3) {
      // Entered twice by mistake; the second entry was cancelled.
      bills.push({ type: 'ELECTRICITY_BILL', vendor: 'pspcl', rupees: power[m - 1] ?? 5000, billDate: addDays(next, 5), partyBillDate: addDays(next, 3), from, to, cancelReason: 'Entered twice; the same PSPCL bill is already recorded.' });
    }
  }
  return bills
    .filter((b) => b.billDate <= today && (b.paidAfter === undefined || addDays(b.billDate, b.paidAfter) <= today))
    .sort((a, b) => a.billDate.localeCompare(b.billDate));
}

export async function seedExpenses(ctx: Ctx, demo: DemoContext): Promise<void> {
  const tenantId = demo.tenantId;
  const clerk = demo.staff['SECRETARY'] ?? null;
  const vendorIds = {} as Record<VendorRef, string>;
  for (const [ref, v] of Object.entries(VENDORS) as [VendorRef, (typeof VENDORS)[VendorRef]][]) {
    vendorIds[ref] = ctx.newId();
    await ctx.change.insert('vendors', {
      id: vendorIds[ref], tenant_id: tenantId, name: tidyName(v.name), name_key: vendorKey(v.name), mobile: v.mobile,
      created_at: ctx.nowIso, created_by: clerk,
    });
  }
  const at = (date: string, hour: number) => `${date}T${pad(hour - 6)}:30:00.000Z`; // hh:00 IST
  for (const b of demoBills(todayInKolkata(ctx.now))) {
    const id = ctx.newId();
    const billNo = await nextExpenseBillNo(ctx, tenantId, financialYear(b.billDate));
    const paidDate = b.paidAfter === undefined ? null : addDays(b.billDate, b.paidAfter);
    const status: ExpenseStatus = b.cancelReason ? 'CANCELLED' : paidDate ? 'PAID' : 'UNPAID';
    const createdAt = at(b.billDate, 11);
    await ctx.change.insert('expenses', {
      id, tenant_id: tenantId, bill_no: billNo, type_code: b.type, vendor_id: vendorIds[b.vendor], amount_paise: b.rupees * 100,
      bill_date: b.billDate, party_bill_date: b.partyBillDate ?? null, period_from: b.from, period_to: b.to, status,
      paid_date: paidDate, paid_at: paidDate ? at(paidDate, 15) : null, paid_by: paidDate ? clerk : null,
      cancelled_at: b.cancelReason ? at(b.billDate, 16) : null, cancelled_by: b.cancelReason ? clerk : null,
      cancel_reason: b.cancelReason ?? null, created_at: createdAt, created_by: clerk,
    });
    const event = async (kind: ExpenseEventKind, when: string, changes: Record<string, unknown>, reason: string | null = null) =>
      ctx.change.insert('expense_events', { id: ctx.newId(), tenant_id: tenantId, expense_id: id, kind, at: when, user_id: clerk, reason, changes: JSON.stringify(changes) });
    await event('CREATED', createdAt, {
      billNo, typeCode: b.type, vendorName: VENDORS[b.vendor].name, amountPaise: b.rupees * 100, billDate: b.billDate,
      partyBillDate: b.partyBillDate ?? null, periodFrom: b.from, periodTo: b.to, attachments: [],
    });
    if (paidDate) await event('PAID', at(paidDate, 15), { status: ['UNPAID', 'PAID'], paidDate: [null, paidDate] });
    if (b.cancelReason) await event('CANCELLED', at(b.billDate, 16), { status: ['UNPAID', 'CANCELLED'] }, b.cancelReason);
  }
}
