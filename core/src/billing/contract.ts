import { z } from 'zod';
import { op } from '../api/operation.js';
import { uuid } from '../api/fields.js';
import { CONSUMER_VIEWERS } from '../consumers/contract.js';

/**
 * Billing (SPEC §2.8, §2.9, §2.17, §4, §5.3). Messages are i18n keys `billing.*`
 * (resources/locales/<lang>/billing.json). Money is integer paise; months `YYYY-MM`;
 * business dates `YYYY-MM-DD` (Asia/Kolkata).
 */

/** Who may generate the monthly non-metered demand (SPEC §1.2 card 6). */
export const BULK_DEMAND_ROLES = ['BULK_DEMAND_PROCESSING', 'SUPERUSER', 'DIV_ADMIN', 'SARPANCH', 'SECRETARY'] as const;
/** Who may raise a metered bill and read/download bills: whoever may open a household. */
export const BILL_ROLES = CONSUMER_VIEWERS;
/** Who may change the tariff and reverse a demand (SPEC Part A.3, A.5). SARPANCH/SECRETARY hold GP_ADMIN through their bundle. */
export const BILLING_ADMINS = ['GP_ADMIN', 'SUPERUSER'] as const;

/**
 * Meter statuses (SPEC §2.8; MDMS lists WORKING, BREAKDOWN, REPLACEMENT, RESET, LOCKED, NO_METER).
 * The rule for each, as billing/metered.ts applies it:
 * - `Working`: consumption = new reading − previous reading; the new reading must be strictly
 *   greater than the previous one (E10).
 * - `Replaced`: a new meter was fitted and starts at 0; consumption = new reading (any 0–99999,
 *   it may be lower than the old meter's last reading).
 * - `Reset`: the odometer rolled over or was reset to 0; same rule as Replaced.
 * - `Breakdown`, `Locked`, `NoMeter`: nothing can be read; the bill is the minimum charge only
 *   (consumption 0) and the previous reading is carried forward as this period's reading, so the
 *   next Working bill measures from it. The reading typed (if any) is ignored.
 */
export const METER_STATUSES = ['Working', 'Breakdown', 'Replaced', 'Reset', 'Locked', 'NoMeter'] as const;
export type MeterStatus = (typeof METER_STATUSES)[number];

const month = z.string({ error: 'validation.required' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'billing.invalidCycle');
const financialYear = z.string({ error: 'validation.required' }).regex(/^\d{4}-\d{2}$/, 'billing.invalidYear');
const isoDate = z.string({ error: 'validation.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid');
const paise = z.number({ error: 'validation.digitsOnly' }).int({ error: 'validation.digitsOnly' }).min(0, { error: 'billing.tariff.slabNegative' });

export const slabInput = z.object({
  from: z.number({ error: 'validation.digitsOnly' }).int({ error: 'validation.digitsOnly' }),
  to: z.number({ error: 'validation.digitsOnly' }).int({ error: 'validation.digitsOnly' }),
  ratePaise: z.number({ error: 'validation.digitsOnly' }).int({ error: 'validation.digitsOnly' }),
});
export const tariffInput = z.object({
  rows: z
    .array(
      z.object({
        propertyType: z.string().trim().min(1, 'validation.required').max(40, { error: 'validation.tooLong' }).regex(/^[A-Za-z0-9_]+$/, 'billing.tariff.propertyType'),
        connectionType: z.enum(['Metered', 'Non_Metered'], { error: 'validation.invalid' }),
        minimumChargePaise: z.number({ error: 'validation.digitsOnly' }).int({ error: 'validation.digitsOnly' }),
        slabs: z.array(slabInput).max(20, { error: 'validation.tooLong' }),
      }),
    )
    .min(1, 'billing.tariff.noRows')
    .max(100, { error: 'validation.tooLong' }),
  penalty: z.object({
    type: z.enum(['Fixed', 'FLAT'], { error: 'validation.invalid' }),
    subType: z.literal('currentMonth').default('currentMonth'),
    rate: z.number({ error: 'validation.digitsOnly' }).min(0, { error: 'billing.tariff.slabNegative' }).max(100, { error: 'billing.tariff.rateMax' }),
    amountPaise: paise,
    applicableAfterDays: z.number({ error: 'validation.digitsOnly' }).int({ error: 'validation.digitsOnly' }).min(0).max(365),
  }),
  billingPeriod: z.object({ Metered: z.enum(['monthly', 'quarterly']), Non_Metered: z.enum(['monthly', 'quarterly']) }).default({ Metered: 'quarterly', Non_Metered: 'monthly' }),
  dueDays: z.number({ error: 'validation.digitsOnly' }).int().min(1).max(90).default(15),
});

export interface TariffRowOut {
  propertyType: string;
  connectionType: 'Metered' | 'Non_Metered';
  minimumChargePaise: number;
  slabs: { from: number; to: number; ratePaise: number }[];
}
export interface TariffOut {
  rows: TariffRowOut[];
  penalty: { type: 'Fixed' | 'FLAT'; subType: 'currentMonth'; rate: number; amountPaise: number; applicableAfterDays: number };
  billingPeriod: { Metered: 'monthly' | 'quarterly'; Non_Metered: 'monthly' | 'quarterly' };
  dueDays: number;
}
export interface TariffVersionOut {
  id: string | null;
  /** null = the shipped defaults. */
  effectiveFrom: string | null;
  createdAt: string | null;
  tariff: TariffOut;
}

export interface RateInfo {
  gpwsc: { tenantId: string; tenantCode: string; villageName: string; villageCode: string; district: string; block: string; state: string };
  /** Rows of the tariff that applies to the current month. */
  rates: { chargeHead: 'WS_CHARGES'; connectionType: 'Metered' | 'Non_Metered'; calculationType: 'Flat' | 'Water consumption'; propertyType: string; minimumChargePaise: number; slabs: { from: number; to: number; ratePaise: number }[] }[];
  effectiveFrom: string | null;
}

export interface CycleChoice {
  financialYear: string;
  /** Completed months of that year, newest first. */
  months: string[];
}

export interface BulkPreview {
  month: string;
  periodFrom: string;
  periodTo: string;
  /** Non-metered rates that will apply: property type → monthly charge. */
  rates: { propertyType: string; monthlyChargePaise: number }[];
  /** Active non-metered connections that would get a demand now. */
  toGenerate: number;
  /** Already billed for the month (skipped). */
  alreadyBilled: number;
  inactive: number;
  /** Property type's rate is 0 or missing: no demand. */
  noRate: number;
  /** Connections whose previous month is not billed yet (generation is refused while > 0). */
  missingPrevious: number;
  totalPaise: number;
  /** Metered connections of the GP (their bills are raised one by one). */
  metered: number;
}

export interface BulkResult extends BulkPreview {
  generated: number;
}

export interface MeteredInfo {
  connectionId: string;
  connectionNo: string;
  propertyType: string;
  meterNumber: string | null;
  previousReading: number;
  previousReadingDate: string;
  /** Days from the previous reading to today. */
  daysSince: number;
  today: string;
  /** The first day a new reading's period starts. */
  nextPeriodFrom: string;
  /** The GP's metered billing period this month (SPEC §4.1 billingPeriod; rule in billing/billing-period.ts). */
  billingPeriod: 'monthly' | 'quarterly';
  /** The first reading date a new bill may have after the last metered bill; null before the first bill. */
  nextBillFrom: string | null;
  statuses: readonly MeterStatus[];
}

export interface MeteredResult {
  demandId: string;
  billNo: string;
  periodFrom: string;
  periodTo: string;
  consumption: number;
  chargePaise: number;
  roundOffPaise: number;
  totalPaise: number;
}

export interface BillLineOut {
  taxHead: string;
  amountPaise: number;
  outstandingPaise: number;
}

/** SPEC §4.7 / §2.6 latest-bill card, computed only from ledger/outstanding.ts ledgerLines(). */
export interface CurrentBill {
  connectionId: string;
  connectionNo: string;
  /** False until a regular (waterConnection) demand exists; the balance is then only opening arrears/advance. */
  hasBill: boolean;
  demandId: string | null;
  billNo: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  /** IST date the demand was raised (bill issue date). */
  billDate: string | null;
  dueDate: string | null;
  /** The latest period's charges (10101 + round-off): levied, and still unpaid. */
  currentChargePaise: number;
  currentOutstandingPaise: number;
  currentLines: BillLineOut[];
  /** Unpaid earlier periods, newest first. */
  arrears: { demandId: string; consumerType: string; periodFrom: string; periodTo: string; outstandingPaise: number }[];
  arrearsPaise: number;
  /** Unpaid penalties (opening 10201 and late WS_TIME_PENALTY). */
  penaltyPaise: number;
  /** Advance credit held before netting, the part of it used against dues, and what is left. */
  advanceAvailablePaise: number;
  advanceAdjustedPaise: number;
  advanceRemainingPaise: number;
  /** Σ outstanding of every line: positive = due, negative = advance. */
  balancePaise: number;
  netDuePaise: number;
  /** The late penalty the latest demand will get after `penaltyApplicableAfter` if still unpaid (0 when off or already added). */
  penaltyIfLatePaise: number;
  penaltyApplicableAfter: string | null;
  netDueWithPenaltyPaise: number;
  meter: { reading: number; previousReading: number; readingDate: string; previousReadingDate: string; consumption: number; meterStatus: string } | null;
}

export const billingContract = {
  'billing.tariffs.get': op<{ current: TariffVersionOut; history: TariffVersionOut[]; defaults: TariffOut; nextCycle: string }>()({
    input: z.object({}).strict(),
    access: BILLING_ADMINS,
    mode: 'read',
    doc: 'The GP\'s tariff in force this month, every stored version and the shipped defaults (SPEC §4.1, Part A.3).',
  }),
  'billing.tariffs.update': op<TariffVersionOut>()({
    input: z.object({ effectiveFrom: month, tariff: tariffInput }),
    access: BILLING_ADMINS,
    mode: 'write',
    doc: 'Store a new tariff version effective from a billing cycle (this month or later); slabs contiguous, non-overlapping, non-negative, one row per property × connection type; audited.',
  }),
  'billing.rateInfo': op<RateInfo>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mode: 'read',
    doc: 'GPWSC details & rate info (SPEC §2.17): the GP\'s identity and the water-charge rates in force.',
  }),
  'billing.cycles': op<{ today: string; years: CycleChoice[] }>()({
    input: z.object({}).strict(),
    access: BULK_DEMAND_ROLES,
    mode: 'read',
    doc: 'Financial years and their completed months selectable for bulk demand (SPEC §2.9).',
  }),
  'billing.bulkDemandPreview': op<BulkPreview>()({
    input: z.object({ financialYear, month }),
    access: BULK_DEMAND_ROLES,
    mode: 'read',
    doc: 'What generating the non-metered demand for a completed month would do: the rates, how many get a demand, how many already have one (SPEC §2.9).',
  }),
  'billing.generateBulkDemand': op<BulkResult>()({
    input: z.object({ financialYear, month }),
    access: BULK_DEMAND_ROLES,
    mode: 'write',
    doc: 'Generate the monthly flat demand for every active non-metered connection not yet billed for the month; all or nothing (SPEC §2.9, §4.3, E3).',
  }),
  'billing.meteredInfo': op<MeteredInfo>()({
    input: z.object({ connectionId: uuid }),
    access: BILL_ROLES,
    mode: 'read',
    doc: 'What the metered bill form needs: previous reading and date, meter number, statuses (SPEC §2.6, §2.8).',
  }),
  'billing.generateMeteredBill': op<MeteredResult>()({
    input: z.object({
      connectionId: uuid,
      reading: z.number({ error: 'billing.readingInvalid' }).int({ error: 'billing.readingInvalid' }).min(0, { error: 'billing.readingInvalid' }).max(99_999, { error: 'billing.readingInvalid' }),
      readingDate: isoDate,
      meterStatus: z.enum(METER_STATUSES, { error: 'validation.invalid' }).default('Working'),
    }),
    access: BILL_ROLES,
    mode: 'write',
    doc: 'Record a meter reading and raise the metered bill: minimum charge + telescopic slabs, round-off line (SPEC §2.8, §4.4, §4.5, E1, E2, E10).',
  }),
  'billing.currentBill': op<CurrentBill>()({
    input: z.object({ connectionId: uuid }),
    access: BILL_ROLES,
    mode: 'read',
    doc: 'The latest bill of a connection: current charge, arrears per period, penalty, advance adjusted, net due, due date, net due with penalty (SPEC §4.7, §2.6).',
  }),
  'billing.reverseDemand': op<{ demandId: string }>()({
    input: z.object({ demandId: uuid, reason: z.string({ error: 'validation.required' }).trim().min(3, 'billing.reasonRequired').max(200, { error: 'validation.tooLong' }) }),
    access: BILLING_ADMINS,
    mode: 'write',
    doc: 'Cancel a demand with a reason, as a reversing record (SPEC Part A.5); audited.',
  }),
  'billing.billPdf': op<{ fileName: string; mimeType: 'application/pdf'; base64: string }>()({
    input: z.object({ connectionId: uuid.optional(), demandId: uuid.optional(), lang: z.enum(['en', 'hi', 'pa']).optional() }).refine((v) => !!v.connectionId !== !!v.demandId, 'billing.oneOfConnectionOrDemand'),
    access: BILL_ROLES,
    mode: 'read',
    doc: 'The bill PDF (SPEC §5.3) of a connection\'s latest demand or of a given demand, in the chosen language.',
  }),
  'billing.cyclePdf': op<{ fileName: string; mimeType: 'application/pdf'; base64: string; bills: number }>()({
    input: z.object({ month, lang: z.enum(['en', 'hi', 'pa']).optional() }),
    access: BULK_DEMAND_ROLES,
    mode: 'read',
    doc: 'One PDF with every bill of a billing cycle (a page per bill), for printing and distribution.',
  }),
} as const;

/** The GP's previous billing cycle, printed on bills (SPEC §5.3) and receipts (§5.2); see billing/cycle-summary.ts. */
export interface CycleSummary {
  month: string;
  newDemandPaise: number;
  collectedPaise: number;
  pendingPaise: number;
  newExpensePaise: number;
  paidExpensePaise: number;
  pendingExpensePaise: number;
  ratings: { happy: number; regular: number; quality: number; count: number } | null;
}
