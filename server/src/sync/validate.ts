import type { WireChange } from '@mgramseva/core/node';
import type { Catalogue } from './catalogue.js';

/**
 * Shape checks of one pushed change, before anything is stored. A change that fails any of
 * these makes the whole batch refused (nothing applied), with this reason for it:
 * the device is broken or forged, not merely late.
 */
export function checkChange(change: WireChange, catalogue: Catalogue, tenantId: string): string | null {
  const table = catalogue.get(change.table);
  if (!table) return `unknown_table:${change.table}`;
  const { data } = change;
  for (const [key, value] of Object.entries(data)) {
    const col = table.columns.get(key);
    if (!col || table.local.has(key)) return `unknown_column:${key}`;
    if (value === null) {
      if (col.notNull) return `null_not_allowed:${key}`;
      continue;
    }
    if (col.type === 'integer' && !(typeof value === 'number' && Number.isSafeInteger(value))) return `not_integer:${key}`;
    if (col.type === 'real' && typeof value !== 'number') return `not_number:${key}`;
    if (col.type === 'text' && typeof value !== 'string') return `not_text:${key}`;
  }
  if ('id' in data && data['id'] !== change.rowId) return 'id_mismatch';
  if ('updated_at' in data && data['updated_at'] !== change.hlc) return 'stamp_mismatch';
  if (change.op === 'insert') {
    if (!('id' in data)) return 'missing_column:id';
    for (const [name, col] of table.columns) {
      if (col.notNull && !col.hasDefault && !table.local.has(name) && !(name in data)) return `missing_column:${name}`;
    }
  }
  // A device writes only its own Gram Panchayat. A row that must name its GP (users: one row per
  // GP, core/src/auth/users.ts) names it on insert and never names another or none later.
  if (table.name === 'tenants' && change.rowId !== tenantId) return 'other_tenant';
  if (table.tenantRequired && 'tenant_id' in data && data['tenant_id'] === null) return 'null_not_allowed:tenant_id';
  if (table.tenantRequired && change.op === 'insert' && !('tenant_id' in data)) return 'missing_column:tenant_id';
  if (table.hasTenant && data['tenant_id'] != null && data['tenant_id'] !== tenantId) return 'other_tenant';
  return null;
}
