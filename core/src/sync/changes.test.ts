import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
});
afterEach(async () => {
  await t.close();
});

const outboxFor = (table: string) =>
  t.core.db.selectFrom('outbox').select(['op', 'data']).where('table_name', '=', table).orderBy('seq').execute();

describe('change writer', () => {
  it('replicates only the columns an update really changes', async () => {
    const { token, userId } = await t.setupAdmin();
    await t.ok('profile.setLanguage', { language: 'hi' }, token);
    await t.ok('profile.setLanguage', { language: 'hi' }, token);
    const updates = (await outboxFor('users')).filter((r) => r.op === 'update');
    expect(updates).toHaveLength(1);
    expect(Object.keys(JSON.parse(updates[0]!.data) as object).sort()).toEqual(['language', 'updated_at']);
    const row = await t.core.db.selectFrom('field_clocks').select('clocks').where('row_id', '=', userId).executeTakeFirstOrThrow();
    const clocks = JSON.parse(row.clocks) as Record<string, string>;
    expect(clocks['language']! > clocks['name']!).toBe(true);
  });
});
