import type { SyncPolicy } from './changes.js';

/**
 * The merge rules, in one place, used by the central server (server/src/sync/push.ts) and by every
 * device applying what it pulls (sync/apply.ts). Both sides run the same function on the same
 * inputs, which is why they converge.
 *
 * A change is: a table, a row id, op insert|update, `data` (column → value, the replicated
 * columns the write touched) and one HLC stamp (sync/hlc.ts). HLC stamps compare as strings:
 * wall-clock millis, then a counter, then the device id, so two writes never tie.
 *
 * Editable tables: each field keeps the stamp of the write that set it (`clocks`). An incoming
 * field wins if its stamp is greater than the field's current stamp (or the field has none).
 * Fields of one change can win and lose independently: two offices editing different fields of
 * the same consumer both keep their edit; editing the same field, the later stamp wins everywhere.
 *
 * Append-only tables (money, history): a row is inserted once. The same id again with the same
 * content is a harmless repeat; with different content it is a conflict and is refused, never
 * overwritten. Updates are refused.
 */
export type Clocks = Record<string, string>;

/** Columns that are not merged as fields: the identity and the row's own stamp. */
export const NOT_A_FIELD = new Set(['id', 'updated_at']);

export interface FieldMerge {
  /** The incoming fields that won, to be written (and logged for other devices). */
  winners: Record<string, unknown>;
  /** The row's field clocks after the merge. */
  clocks: Clocks;
}

export function mergeFields(current: Clocks, data: Record<string, unknown>, hlc: string): FieldMerge {
  const winners: Record<string, unknown> = {};
  const clocks: Clocks = { ...current };
  for (const [field, value] of Object.entries(data)) {
    if (NOT_A_FIELD.has(field)) continue;
    const seen = clocks[field];
    if (seen === undefined || hlc > seen) {
      winners[field] = value;
      clocks[field] = hlc;
    }
  }
  return { winners, clocks };
}

export type AppendOutcome = 'insert' | 'repeat' | 'conflict';

/** An append-only row arriving: insert it if new; a repeat if identical; otherwise a conflict. */
export function appendOnly(existing: Record<string, unknown> | undefined, data: Record<string, unknown>): AppendOutcome {
  if (!existing) return 'insert';
  return sameContent(existing, data) ? 'repeat' : 'conflict';
}

/** Equal on every column of `data` except the row stamp (a re-sent insert carries a new one). */
export function sameContent(existing: Record<string, unknown>, data: Record<string, unknown>): boolean {
  return Object.entries(data).every(([k, v]) => k === 'updated_at' || canonical(existing[k]) === canonical(v));
}

function canonical(v: unknown): string {
  // SQLite hands back integers for booleans and numbers; JSON null and a missing column are alike.
  return v === undefined ? 'null' : JSON.stringify(v);
}

export function maxHlc(a: string | null | undefined, b: string | null | undefined): string {
  if (!a) return b ?? '';
  if (!b) return a;
  return a > b ? a : b;
}

export type { SyncPolicy };
