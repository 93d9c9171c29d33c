import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { meteredInput, nonMeteredInput } from './testkit.js';
import { editDistance, normaliseQuery } from './search.js';

let t: TestCore;
let token: string;
const ids: Record<string, { connectionId: string; connectionNo: string }> = {};
beforeAll(async () => {
  t = await openTestCore('2023-12-15T06:30:00.000Z');
  ({ token } = await t.setupAdmin());
  ids['gurpreet'] = await t.ok('consumers.create', nonMeteredInput({ name: 'Gurpreet Singh', oldConnectionId: 'LDP/101', mobile: '9876500101' }), token);
  ids['gurmeet'] = await t.ok('consumers.create', nonMeteredInput({ name: 'Gurmeet Singh Dhillon', oldConnectionId: 'LDP/102', mobile: '9876500102' }), token);
  ids['harjeet'] = await t.ok('consumers.create', meteredInput({ name: 'Harjeet Kaur', oldConnectionId: 'LDP/103', mobile: '9876500103' }), token);
  ids['sunita'] = await t.ok('consumers.create', nonMeteredInput({ name: 'Sunita Devi', oldConnectionId: 'LDP/104', mobile: '9876500101' }), token);
  ids['punjabi'] = await t.ok('consumers.create', nonMeteredInput({ name: 'ਗੁਰਪ੍ਰੀਤ ਕੌਰ', oldConnectionId: 'LDP/105', mobile: '9876500105' }), token);
});
afterAll(async () => t.close());

const names = async (input: Record<string, string>) => (await t.ok('consumers.search', input, token)).results.map((r) => r.name).sort();

describe('search consumer (SPEC §2.5)', () => {
  it('by mobile, exact; one mobile may hold several connections', async () => {
    expect(await names({ mobile: '9876500101' })).toEqual(['Gurpreet Singh', 'Sunita Devi']);
    expect(await names({ mobile: '9876500103' })).toEqual(['Harjeet Kaur']);
    expect(await names({ mobile: '9876500109' })).toEqual([]);
  });

  it('by name: partial, any case, extra spaces, any word order, inside a word', async () => {
    expect(await names({ name: 'gurp' })).toEqual(['Gurpreet Singh']);
    expect(await names({ name: '  HARJEET    kaur ' })).toEqual(['Harjeet Kaur']);
    expect(await names({ name: 'singh' })).toEqual(['Gurmeet Singh Dhillon', 'Gurpreet Singh']);
    expect(await names({ name: 'kaur harjeet' })).toEqual(['Harjeet Kaur']);
    expect(await names({ name: 'preet' })).toEqual(['Gurpreet Singh']);
    expect(await names({ name: 'ਗੁਰਪ੍ਰੀਤ' })).toEqual(['ਗੁਰਪ੍ਰੀਤ ਕੌਰ']);
  });

  it('by name with small misspellings', async () => {
    const r = await t.ok('consumers.search', { name: 'gurprit sing' }, token);
    expect(r.fuzzy).toBe(true);
    expect(r.results.map((x) => x.name)).toEqual(['Gurpreet Singh']);
    expect(await names({ name: 'sunitha devi' })).toEqual(['Sunita Devi']);
    expect(await names({ name: 'harjet' })).toEqual(['Harjeet Kaur']);
    expect(await names({ name: 'dhilon' })).toEqual(['Gurmeet Singh Dhillon']);
    expect(await names({ name: 'zzzz' })).toEqual([]);
  });

  it('by old connection ID (exact, any case) and new connection ID (exact, / or _)', async () => {
    expect(await names({ oldConnectionId: 'ldp/103' })).toEqual(['Harjeet Kaur']);
    expect(await names({ oldConnectionId: 'LDP/10' })).toEqual([]);
    expect(await names({ connectionNo: ids['sunita']!.connectionNo })).toEqual(['Sunita Devi']);
    expect(await names({ connectionNo: ids['sunita']!.connectionNo.replace(/\//g, '_') })).toEqual(['Sunita Devi']);
  });

  it('rows carry the address and the connection ids', async () => {
    const r = await t.ok('consumers.search', { oldConnectionId: 'LDP/101' }, token);
    expect(r.results[0]).toMatchObject({ connectionNo: ids['gurpreet']!.connectionNo, oldConnectionId: 'LDP/101', doorNo: '12', street: 'Gurdwara Road', ward: 'WARD1', wardName: 'Ward 1', fatherName: 'Harbans Singh' });
  });

  it('exactly one criterion', async () => {
    const two = await t.err('consumers.search', { name: 'gur', mobile: '9876500101' }, token);
    expect(two.fields?.['_']?.key).toBe('consumers:search.oneCriterion');
    expect((await t.err('consumers.search', {}, token)).fields?.['_']?.key).toBe('consumers:search.oneCriterion');
    expect((await t.err('consumers.search', { mobile: '98765' }, token)).fields?.['mobile']?.key).toBe('validation.mobileLength');
  });

  it('helpers', () => {
    expect(normaliseQuery('  Gur-preet   SINGH ')).toEqual(['gur', 'preet', 'singh']);
    expect(editDistance('gurprit', 'gurpreet')).toBe(2);
    expect(editDistance('harjeet', 'harjete')).toBe(1);
  });
});
