import type { Params } from '../api/errors.js';
import { METER_NUMBER_PATTERN, type ConsumerValues, type MasterLists } from './contract.js';
import { addMonths, financialYearStart as fyStart, isValidIsoDate, recentCompletedMonths } from '../calendar/dates.js';

/**
 * The rules of SPEC §2.4 that the input schema cannot express alone: they depend on each other,
 * on today's date (Asia/Kolkata) or on the GP's master lists. Pure — the renderer runs it too.
 * Returns field → problem (empty when all is well).
 */
export interface CheckEnv {
  /** Today, YYYY-MM-DD in Asia/Kolkata. */
  today: string;
  masters: MasterLists;
  /** On an edit, fields whose value did not change are not re-checked against master lists or dates. */
  unchanged?: ReadonlySet<string>;
}

export type FieldProblems = Record<string, { key: string; params?: Params }>;

/** Earliest previous reading date: 1 April of the previous financial year (the date picker's start). */
export function readingDateMin(today: string): string {
  return fyStart(addMonths(fyStart(today), -12));
}

/** Latest previous reading date: one month before today (the server's INVALID_BILLING_CYCLE rule). */
export function readingDateMax(today: string): string {
  return addMonths(today, -1);
}

export function checkConsumer(v: ConsumerValues, env: CheckEnv): FieldProblems {
  const out: FieldProblems = {};
  const changed = (field: string) => !env.unchanged?.has(field);
  const put = (field: string, key: string, params?: Params) => {
    if (!out[field]) out[field] = params ? { key, params } : { key };
  };

  // Master lists.
  const { wards, propertyTypes, categories, subCategories } = env.masters;
  if (changed('ward')) {
    if (!v.ward) {
      if (wards.length > 1) put('ward', 'validation.required');
    } else if (!wards.some((w) => w.code === v.ward)) put('ward', 'consumers:validation.unknownWard');
  }
  if (changed('propertyType') && !propertyTypes.some((p) => p.code === v.propertyType)) put('propertyType', 'consumers:validation.unknownPropertyType');
  if (changed('category') && v.category && !categories.some((c) => c.code === v.category)) put('category', 'consumers:validation.unknownCategory');
  if (changed('subCategory') && v.subCategory && !subCategories.some((c) => c.code === v.subCategory)) put('subCategory', 'consumers:validation.unknownSubCategory');

  // Connection.
  if (v.serviceType === 'Metered') {
    if (!v.meterNumber) put('meterNumber', 'validation.required');
    else if (!METER_NUMBER_PATTERN.test(v.meterNumber)) put('meterNumber', 'consumers:validation.meterNumber');
    if (changed('previousReadingDate')) {
      const d = v.previousReadingDate;
      if (!d) put('previousReadingDate', 'validation.required');
      else if (!isValidIsoDate(d)) put('previousReadingDate', 'consumers:validation.date');
      else if (d > env.today) put('previousReadingDate', 'consumers:validation.futureDate');
      else if (d > readingDateMax(env.today)) put('previousReadingDate', 'consumers:validation.invalidBillingCycle');
      else if (d < readingDateMin(env.today)) put('previousReadingDate', 'consumers:validation.readingDateTooOld', { min: readingDateMin(env.today) });
    }
  } else if (changed('lastBilledCycle')) {
    const cycles = recentCompletedMonths(env.today, 2);
    if (!v.lastBilledCycle) put('lastBilledCycle', 'validation.required');
    else if (!cycles.includes(v.lastBilledCycle)) put('lastBilledCycle', 'consumers:validation.lastBilledCycle');
  }

  // Opening balance.
  const arrears = v.arrears ?? 0;
  const penalty = v.penalty ?? 0;
  const advance = v.advance ?? 0;
  if (v.paymentType === 'arrears') {
    if (advance > 0) put('advance', 'consumers:validation.noAdvanceWithArrears');
    if (penalty > 0 && arrears === 0) put('penalty', 'consumers:validation.addArrearsForPenalty');
  } else {
    if (arrears > 0) put('arrears', 'consumers:validation.noArrearsWithAdvance');
    if (penalty > 0) put('penalty', 'consumers:validation.noArrearsWithAdvance');
  }
  return out;
}

/** Name as stored: trimmed, runs of spaces collapsed to one. */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}
