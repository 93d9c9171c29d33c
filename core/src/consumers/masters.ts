import type { Ctx } from '../api/context.js';
import defaults from '../../../resources/masterdata/consumer-masters.json';
import type { MasterItem, MasterList, MasterLists } from './contract.js';

/** The default lists (resources/masterdata/consumer-masters.json). */
export const DEFAULT_MASTERS: MasterLists = {
  wards: defaults.wards,
  propertyTypes: defaults.propertyTypes,
  categories: defaults.categories,
  subCategories: defaults.subCategories,
  genders: defaults.genders,
};

/** The GP's lists: its own version of a list where a GP admin changed it, else the default. */
export async function mastersFor(ctx: Pick<Ctx, 'db'>, tenantId: string): Promise<MasterLists> {
  const rows = await ctx.db
    .selectFrom('consumer_masters')
    .select(['list', 'items', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('updated_at', 'asc')
    .execute();
  const out: MasterLists = { ...DEFAULT_MASTERS };
  // Several desktops may each have written a version; the latest HLC wins.
  for (const row of rows) {
    if (row.list in out) out[row.list as MasterList] = JSON.parse(row.items) as MasterItem[];
  }
  return out;
}

export function hasCode(list: readonly MasterItem[], code: string | undefined | null): boolean {
  return !!code && list.some((i) => i.code === code);
}
