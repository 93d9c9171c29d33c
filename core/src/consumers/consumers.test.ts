import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/harness.js';
import { translate } from '../i18n/translate.js';
import type { ConsumerInput } from './contract.js';
import { countRows, meteredInput, nonMeteredInput } from './testkit.js';

// Today = 15 Dec 2023 (IST), the date of SPEC E4.
const TODAY = '2023-12-15T06:30:00.000Z';

let t: TestCore;
let token: string;
beforeEach(async () => {
  t = await openTestCore(TODAY);
  ({ token } = await t.setupAdmin());
});
afterEach(async () => t.close());

describe('create consumer: E4 opening arrears', () => {
  it('non-metered, arrears 300 + penalty 20, last billed Nov-2023 → one arrears demand 01-04-2023 → 30-11-2023', async () => {
    const made = await t.ok('consumers.create', nonMeteredInput({ arrears: 300, penalty: 20 }), token);
    expect(made.connectionNo).toMatch(/^WS\/LODHIPUR\/2023-24\/[0-9A-F]{4}-0001$/);
    const conn = await t.core.db.selectFrom('connections').selectAll().where('id', '=', made.connectionId).executeTakeFirstOrThrow();
    expect(conn.previous_reading_date).toBe('2023-11-01');
    expect(conn.arrears_paise).toBe(30000);
    expect(conn.penalty_paise).toBe(2000);
    const demands = await t.core.db.selectFrom('demands').selectAll().where('connection_id', '=', made.connectionId).execute();
    expect(demands).toHaveLength(1);
    expect(demands[0]).toMatchObject({ consumer_type: 'waterConnection-arrears', period_from: '2023-04-01', period_to: '2023-11-30' });
    const lines = await t.core.db.selectFrom('demand_lines').select(['tax_head', 'amount_paise']).where('demand_id', '=', demands[0]!.id).orderBy('tax_head').execute();
    expect(lines).toEqual([
      { tax_head: '10102', amount_paise: 30000 },
      { tax_head: '10201', amount_paise: 2000 },
    ]);
    expect(lines.reduce((s, l) => s + l.amount_paise, 0)).toBe(32000);
  });

  it('penalty 20 with arrears 0 → addArrearsForPenalty; arrears 10001 → arrearsMax; nothing stored', async () => {
    const before = await countRows(t);
    const e1 = await t.err('consumers.create', nonMeteredInput({ arrears: 0, penalty: 20 }), token);
    expect(e1.fields?.['penalty']?.key).toBe('consumers:validation.addArrearsForPenalty');
    expect(e1.fields?.['penalty']?.message).toBe('Enter the arrears before adding a penalty.');
    const e2 = await t.err('consumers.create', nonMeteredInput({ arrears: 10001 }), token);
    expect(e2.fields?.['arrears']?.key).toBe('consumers:validation.arrearsMax');
    expect(await countRows(t)).toEqual(before);
  });

  it('metered arrears: period 1 April of the FY of the previous reading date → that date', async () => {
    const made = await t.ok('consumers.create', meteredInput({ arrears: 150, previousReadingDate: '2023-03-20' }), token);
    const d = await t.core.db.selectFrom('demands').selectAll().where('connection_id', '=', made.connectionId).executeTakeFirstOrThrow();
    expect(d).toMatchObject({ consumer_type: 'waterConnection-arrears', period_from: '2022-04-01', period_to: '2023-03-20' });
  });

  it('advance 500 → advance demand with WS_ADVANCE_CARRYFORWARD = −500', async () => {
    const made = await t.ok('consumers.create', nonMeteredInput({ paymentType: 'advance', arrears: undefined, penalty: undefined, advance: 500 }), token);
    const d = await t.core.db.selectFrom('demands').selectAll().where('connection_id', '=', made.connectionId).executeTakeFirstOrThrow();
    expect(d).toMatchObject({ consumer_type: 'waterConnection-advance', period_from: '2023-04-01', period_to: '2023-11-30' });
    const lines = await t.core.db.selectFrom('demand_lines').select(['tax_head', 'amount_paise']).where('demand_id', '=', d.id).execute();
    expect(lines).toEqual([{ tax_head: 'WS_ADVANCE_CARRYFORWARD', amount_paise: -50000 }]);
  });

  it('no opening balance → no demand; numbers run on per device', async () => {
    const a = await t.ok('consumers.create', nonMeteredInput(), token);
    const b = await t.ok('consumers.create', meteredInput(), token);
    expect(a.connectionNo.endsWith('-0001')).toBe(true);
    expect(b.connectionNo.endsWith('-0002')).toBe(true);
    expect((await countRows(t)).demands).toBe(0);
  });

  it('money tables refuse UPDATE and DELETE', async () => {
    await t.ok('consumers.create', nonMeteredInput({ arrears: 300 }), token);
    await expect(t.core.db.updateTable('demand_lines').set({ amount_paise: 1 }).execute()).rejects.toThrow(/append-only/);
    await expect(t.core.db.deleteFrom('demands').execute()).rejects.toThrow(/append-only/);
  });
});

describe('create consumer: every rule of SPEC §2.4 (E8), nothing stored', () => {
  const long = (n: number) => 'a'.repeat(n);
  const cases: [string, Partial<ConsumerInput>, string, string][] = [
    ['name empty', { name: '' }, 'name', 'validation.required'],
    ['name with a digit (E8 "Ram1")', { name: 'Ram1' }, 'name', 'validation.nameLetters'],
    ['name of 51 letters', { name: long(51) }, 'name', 'validation.tooLong'],
    ['gender unknown', { gender: 'OTHER' as never }, 'gender', 'consumers:validation.gender'],
    ['father name with @', { fatherName: 'Har@bans' }, 'fatherName', 'validation.nameLetters'],
    ['father name empty', { fatherName: ' ' }, 'fatherName', 'validation.required'],
    ['mobile 98765 (E8)', { mobile: '98765' }, 'mobile', 'validation.mobileLength'],
    ['mobile with letters', { mobile: '98765abcde' }, 'mobile', 'validation.digitsOnly'],
    ['old connection ID of 21 chars (E8)', { oldConnectionId: 'A'.repeat(21) }, 'oldConnectionId', 'validation.tooLong'],
    ['old connection ID with a space', { oldConnectionId: 'A 1' }, 'oldConnectionId', 'consumers:validation.oldConnectionIdChars'],
    ['old connection ID empty', { oldConnectionId: '' }, 'oldConnectionId', 'validation.required'],
    ['category not in master', { category: 'XYZ' }, 'category', 'consumers:validation.unknownCategory'],
    ['sub-category not in master', { subCategory: 'OBC' }, 'subCategory', 'consumers:validation.unknownSubCategory'],
    ['door number of 129 chars', { doorNo: long(129) }, 'doorNo', 'validation.tooLong'],
    ['street of 129 chars', { street: long(129) }, 'street', 'validation.tooLong'],
    ['ward not in master', { ward: 'WARD9' }, 'ward', 'consumers:validation.unknownWard'],
    ['property type missing', { propertyType: '' }, 'propertyType', 'validation.required'],
    ['property type not in master', { propertyType: 'FARM' }, 'propertyType', 'consumers:validation.unknownPropertyType'],
    ['service type unknown', { serviceType: 'Both' as never }, 'serviceType', 'consumers:validation.serviceType'],
    ['non-metered: current month as last billed cycle', { lastBilledCycle: '2023-12' }, 'lastBilledCycle', 'consumers:validation.lastBilledCycle'],
    ['non-metered: three months ago', { lastBilledCycle: '2023-09' }, 'lastBilledCycle', 'consumers:validation.lastBilledCycle'],
    ['non-metered: last billed cycle missing', { lastBilledCycle: undefined }, 'lastBilledCycle', 'validation.required'],
    ['payment type unknown', { paymentType: 'credit' as never }, 'paymentType', 'consumers:validation.paymentType'],
    ['arrears with letters', { arrears: '12a' as never }, 'arrears', 'validation.digitsOnly'],
    ['arrears 10001', { arrears: 10001 }, 'arrears', 'consumers:validation.arrearsMax'],
    ['penalty 10001', { arrears: 100, penalty: 10001 }, 'penalty', 'consumers:validation.penaltyMax'],
    ['penalty without arrears', { arrears: 0, penalty: 20 }, 'penalty', 'consumers:validation.addArrearsForPenalty'],
    ['advance with payment type arrears', { advance: 100 }, 'advance', 'consumers:validation.noAdvanceWithArrears'],
    ['arrears with payment type advance', { paymentType: 'advance', arrears: 100, advance: 50 }, 'arrears', 'consumers:validation.noArrearsWithAdvance'],
    ['penalty with payment type advance', { paymentType: 'advance', arrears: 0, penalty: 10, advance: 50 }, 'penalty', 'consumers:validation.noArrearsWithAdvance'],
    ['advance 10001', { paymentType: 'advance', arrears: 0, advance: 10001 }, 'advance', 'consumers:validation.advanceMax'],
  ];
  const meteredCases: [string, Partial<ConsumerInput>, string, string][] = [
    ['meter number 0000 (E8)', { meterNumber: '0000' }, 'meterNumber', 'consumers:validation.meterNumber'],
    ['meter number with a dash', { meterNumber: 'MT-1' }, 'meterNumber', 'consumers:validation.meterNumber'],
    ['meter number missing', { meterNumber: undefined }, 'meterNumber', 'validation.required'],
    ['previous reading date 10 days ago (E8)', { previousReadingDate: '2023-12-05' }, 'previousReadingDate', 'consumers:validation.invalidBillingCycle'],
    ['previous reading date in the future', { previousReadingDate: '2023-12-20' }, 'previousReadingDate', 'consumers:validation.futureDate'],
    ['previous reading date before the previous FY', { previousReadingDate: '2022-03-31' }, 'previousReadingDate', 'consumers:validation.readingDateTooOld'],
    ['previous reading date not a date', { previousReadingDate: '2023-02-30' }, 'previousReadingDate', 'consumers:validation.date'],
    ['previous reading date missing', { previousReadingDate: undefined }, 'previousReadingDate', 'validation.required'],
    ['previous reading of 6 digits', { previousReading: 100000 }, 'previousReading', 'consumers:validation.previousReading'],
    ['previous reading negative', { previousReading: -1 }, 'previousReading', 'validation.digitsOnly'],
  ];
  // Each rule is broken once, in English, Hindi and Punjabi in turn: the field carries the rule's
  // own message in the caller's language (a real translation, not the English fallback).
  const LANGS = ['en', 'hi', 'pa'] as const;
  [...cases.map((c) => ['non-metered', ...c] as const), ...meteredCases.map((c) => ['metered', ...c] as const)].forEach(([kind, label, patch, field, key], i) => {
    const lang = LANGS[i % 3]!;
    it(`${kind}: ${label} (${lang})`, async () => {
      const before = await countRows(t);
      const input = kind === 'metered' ? meteredInput(patch) : nonMeteredInput(patch);
      const e = await t.err('consumers.create', input, token, lang);
      expect(e.code).toBe('VALIDATION');
      expect(e.fields?.[field]?.key).toBe(key);
      const params = e.fields?.[field]?.params ?? {};
      expect(e.fields?.[field]?.message).toBe(translate(lang, key, params));
      if (lang !== 'en') expect(e.fields?.[field]?.message).not.toBe(translate('en', key, params));
      expect(await countRows(t)).toEqual(before);
    });
  });

  it('boundaries accepted: reading date exactly one month ago and 1 April of the previous FY; reading 99999; arrears 10000', async () => {
    await t.ok('consumers.create', meteredInput({ oldConnectionId: 'B1', previousReadingDate: '2023-11-15', previousReading: 99999 }), token);
    await t.ok('consumers.create', meteredInput({ oldConnectionId: 'B2', previousReadingDate: '2022-04-01' }), token);
    await t.ok('consumers.create', nonMeteredInput({ oldConnectionId: 'B3', lastBilledCycle: '2023-10', arrears: 10000, penalty: 10000 }), token);
  });

  it('ward is required only when the GP has more than one ward', async () => {
    await t.ok('consumers.create', nonMeteredInput({ oldConnectionId: 'W1' }), token);
    await t.ok('masterdata.update', { list: 'wards', items: [{ code: 'WARD1', name: 'Ward 1' }, { code: 'WARD2', name: 'Ward 2' }] }, token);
    const e = await t.err('consumers.create', nonMeteredInput({ oldConnectionId: 'W2' }), token);
    expect(e.fields?.['ward']?.key).toBe('validation.required');
    await t.ok('consumers.create', nonMeteredInput({ oldConnectionId: 'W2', ward: 'WARD2' }), token);
  });

  it('messages come in the chosen language (Hindi, Punjabi)', async () => {
    const hi = await t.err('consumers.create', meteredInput({ meterNumber: '0000', mobile: '98765' }), token, 'hi');
    expect(hi.fields?.['mobile']?.message).toBe(translate('hi', 'validation.mobileLength'));
    expect(hi.fields?.['mobile']?.message).not.toBe(translate('en', 'validation.mobileLength'));
    const hi2 = await t.err('consumers.create', meteredInput({ meterNumber: '0000' }), token, 'hi');
    expect(hi2.fields?.['meterNumber']?.message).toBe('मीटर नंबर में केवल अक्षर और अंक हों, और सभी शून्य न हों।');
    const pa = await t.err('consumers.create', nonMeteredInput({ arrears: 0, penalty: 20 }), token, 'pa');
    expect(pa.fields?.['penalty']?.message).toBe('ਜੁਰਮਾਨਾ ਜੋੜਨ ਤੋਂ ਪਹਿਲਾਂ ਬਕਾਇਆ ਰਕਮ ਦਰਜ ਕਰੋ।');
  });

  it('duplicate old connection ID in the same GP → CONFLICT on that field (case-insensitive); a mobile may hold many connections', async () => {
    await t.ok('consumers.create', nonMeteredInput({ oldConnectionId: 'ab/105' }), token);
    const before = await countRows(t);
    const e = await t.err('consumers.create', meteredInput({ oldConnectionId: 'AB/105', mobile: '9876512345' }), token);
    expect(e.code).toBe('CONFLICT');
    expect(e.key).toBe('consumers:errors.duplicateOldConnectionId');
    expect(e.fields?.['oldConnectionId']?.message).toBe('Old connection ID AB/105 already exists in this Gram Panchayat.');
    expect(await countRows(t)).toEqual(before);
    await t.ok('consumers.create', meteredInput({ oldConnectionId: 'AB/106', mobile: '9876512345' }), token);
  });
});

describe('roles', () => {
  it('a user without a consumer role gets FORBIDDEN; a revenue collector may create; a bulk demand user may search but not create', async () => {
    const expense = await t.addUser(['EXPENSE_PROCESSING']);
    expect((await t.err('consumers.create', nonMeteredInput(), expense.token)).code).toBe('FORBIDDEN');
    expect((await t.err('consumers.search', { mobile: '9876512345' }, expense.token)).code).toBe('FORBIDDEN');
    expect((await t.err('consumers.import', { fileName: 'a.csv', base64: 'YQ==', mode: 'validOnly' }, expense.token)).code).toBe('FORBIDDEN');
    const collector = await t.addUser(['REVENUE_COLLECTOR']);
    await t.ok('consumers.create', nonMeteredInput(), collector.token);
    expect((await t.err('masterdata.update', { list: 'categories', items: [{ code: 'APL' }] }, collector.token)).code).toBe('FORBIDDEN');
    const bulk = await t.addUser(['BULK_DEMAND_PROCESSING']);
    expect((await t.ok('consumers.search', { mobile: '9876512345' }, bulk.token)).results).toHaveLength(1);
    expect((await t.err('consumers.create', meteredInput(), bulk.token)).code).toBe('FORBIDDEN');
    expect((await t.err('consumers.search', { mobile: '9876512345' })).code).toBe('UNAUTHENTICATED');
  });
});
