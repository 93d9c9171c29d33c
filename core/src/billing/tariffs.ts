import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import shipped from '../../../resources/masterdata/tariffs.json';
import { slabProblems, type TariffRow } from './tariff.js';
import type { PenaltyRule } from './penalty.js';

type AnyDb = Kysely<DB> | Transaction<DB>;

/**
 * A GP's whole tariff (SPEC §4.1, §4.8, Part A.3): rate rows, the late-payment rule, billing
 * periods and the due days. Stored as versions in `tariff_versions` (billing/tables.ts).
 */
export interface Tariff {
  rows: TariffRow[];
  penalty: PenaltyRule & { subType: 'currentMonth' };
  billingPeriod: { Metered: 'monthly' | 'quarterly'; Non_Metered: 'monthly' | 'quarterly' };
  /** Days after the bill date by which it should be paid (SPEC §4.9: 15). */
  dueDays: number;
}

export interface TariffVersion {
  id: string | null;
  effectiveFrom: string | null;
  tariff: Tariff;
  createdAt: string | null;
}

const { $comment: _ignored, ...shippedTariff } = shipped as typeof shipped & { $comment: string };
/** The shipped defaults (resources/masterdata/tariffs.json). */
export const DEFAULT_TARIFF: Tariff = shippedTariff as Tariff;

/** The version that applies to a billing cycle (`YYYY-MM`): latest effective_from ≤ cycle. */
export async function tariffFor(db: AnyDb, tenantId: string, cycle: string): Promise<TariffVersion> {
  const row = await db
    .selectFrom('tariff_versions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('effective_from', '<=', cycle)
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { id: null, effectiveFrom: null, tariff: DEFAULT_TARIFF, createdAt: null };
  return { id: row.id, effectiveFrom: row.effective_from, tariff: JSON.parse(row.tariff) as Tariff, createdAt: row.created_at };
}

/** Every stored version of the GP, newest effective first (the history the editor shows). */
export async function tariffHistory(db: AnyDb, tenantId: string): Promise<TariffVersion[]> {
  const rows = await db
    .selectFrom('tariff_versions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, effectiveFrom: r.effective_from, tariff: JSON.parse(r.tariff) as Tariff, createdAt: r.created_at }));
}

/** The row for a property type and connection type (SPEC §3.2: case-insensitive, exactly one). */
export function rowFor(tariff: Tariff, propertyType: string, connectionType: 'Metered' | 'Non_Metered'): TariffRow | undefined {
  const matches = tariff.rows.filter((r) => r.connectionType === connectionType && r.propertyType.toUpperCase() === propertyType.toUpperCase());
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The tariff editor's rules, as field problems (path → i18n key): slabs contiguous from 0,
 * non-overlapping, non-negative (tariff.ts slabProblems); metered rows need at least one slab;
 * exactly one row per (property type, connection type); charges and penalty non-negative.
 */
export function tariffProblems(t: Tariff): Record<string, { key: string; params?: Record<string, string | number> }> {
  const out: Record<string, { key: string; params?: Record<string, string | number> }> = {};
  const seen = new Set<string>();
  t.rows.forEach((row, i) => {
    const key = `${row.propertyType.toUpperCase()}|${row.connectionType}`;
    if (seen.has(key)) out[`rows.${i}.propertyType`] = { key: 'billing.tariff.duplicateRow', params: { propertyType: row.propertyType, connectionType: row.connectionType } };
    seen.add(key);
    if (row.minimumChargePaise < 0) out[`rows.${i}.minimumChargePaise`] = { key: 'billing.tariff.slabNegative' };
    if (row.connectionType === 'Metered' && row.slabs.length === 0) out[`rows.${i}.slabs`] = { key: 'billing.tariff.slabsRequired' };
    for (const p of slabProblems(row.slabs)) out[`rows.${i}.slabs.${p.index}`] = { key: `billing.${p.key}`, params: { slab: p.index + 1 } };
  });
  if (t.penalty.rate < 0 || t.penalty.amountPaise < 0 || t.penalty.applicableAfterDays < 0) out['penalty'] = { key: 'billing.tariff.slabNegative' };
  return out;
}
