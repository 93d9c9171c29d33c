import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
});
afterEach(async () => t.close());

it('the demo GP gets 300 valid households, mixed metered / non-metered, some with arrears or advance, findable by name', async () => {
  const demo = await t.ok('setup.loadDemo', {});
  const sarpanch = demo.users.find((u) => u.role === 'SARPANCH')!;
  const { token } = await t.ok('auth.signIn', { mobile: sarpanch.mobile, password: sarpanch.password });
  const rows = await t.core.db.selectFrom('connections').select(['connection_type', 'payment_type', 'arrears_paise', 'advance_paise']).execute();
  expect(rows).toHaveLength(300);
  expect(rows.filter((r) => r.connection_type === 'Metered').length).toBeGreaterThan(50);
  expect(rows.filter((r) => r.arrears_paise > 0).length).toBeGreaterThan(30);
  expect(rows.filter((r) => r.advance_paise > 0).length).toBeGreaterThan(5);
  const found = await t.ok('consumers.search', { name: 'kaur' }, token);
  expect(found.results.length).toBeGreaterThan(10);
  const info = await t.ok('consumers.formInfo', {}, token);
  expect(info.masters.wards).toHaveLength(3);
});
