import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestCore, type TestCore } from '../testing/harness.js';
import type { ConsumerInput } from '../consumers/contract.js';
import { Scheduler } from '../jobs/scheduler.js';
import { runPenaltyJob } from './penalty-job.js';
import { DEFAULT_TARIFF } from './tariffs.js';

/** SPEC §4.8, E5: the late-payment penalty job, once per demand, catching up, run by the scheduler. */

let n = 0;
const consumer = (over: Partial<ConsumerInput> = {}): ConsumerInput => ({
  name: 'Baldev Kaur', gender: 'FEMALE', fatherName: 'Mohan Singh', mobile: `97${String(20_000_000 + ++n)}`, oldConnectionId: `P${n}`,
  propertyType: 'RESIDENTIAL', serviceType: 'Non_Metered', paymentType: 'arrears', lastBilledCycle: '2026-09', ...over,
});

describe('late-payment penalty job (E5)', () => {
  let t: TestCore;
  let token: string;
  const at = async (iso: string) => {
    t.clock.set(iso);
    token = (await t.ok('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password })).token;
  };
  const job = () => runPenaltyJob({ db: t.core.db, now: t.clock.now, hlc: () => t.core.hlc.now() });
  const penalties = async () =>
    (await t.core.db.selectFrom('demand_lines').select(['demand_id', 'amount_paise']).where('tax_head', '=', 'WS_TIME_PENALTY').execute()).map((l) => l.amount_paise).sort((a, b) => a - b);
  const setRule = (rate: number, flat: Record<string, number>) =>
    t.ok('billing.tariffs.update', {
      effectiveFrom: '2026-10',
      tariff: { ...DEFAULT_TARIFF, penalty: { type: 'Fixed', subType: 'currentMonth', rate, amountPaise: 0, applicableAfterDays: 10 }, rows: DEFAULT_TARIFF.rows.map((r) => (r.connectionType === 'Non_Metered' ? { ...r, minimumChargePaise: flat[r.propertyType] ?? r.minimumChargePaise } : r)) },
    }, token);

  beforeEach(async () => {
    t = await openTestCore('2026-10-15T06:30:00.000Z');
    ({ token } = await t.setupAdmin());
  });
  afterEach(() => t.close());

  it('rate 10 %, after 10 days: 100 unpaid → 10; 45 paid of 100 → 6 (HALF_UP); 250 → 25; 9 days → nothing; paid → nothing; once only', async () => {
    await setRule(10, { RESIDENTIAL: 10000, COMMERCIAL: 25000 });
    const a = (await t.ok('consumers.create', consumer(), token)).connectionId;
    const b = (await t.ok('consumers.create', consumer(), token)).connectionId;
    const c = (await t.ok('consumers.create', consumer({ propertyType: 'COMMERCIAL' }), token)).connectionId;
    const d = (await t.ok('consumers.create', consumer(), token)).connectionId;
    await at('2026-11-02T06:30:00.000Z');
    await t.ok('billing.generateBulkDemand', { financialYear: '2026-27', month: '2026-10' }, token);
    await t.ok('collections.collect', { connectionId: b, amountRupees: 45, idempotencyKey: crypto.randomUUID() } as never, token);
    await t.ok('collections.collect', { connectionId: d, amountRupees: 100, idempotencyKey: crypto.randomUUID() } as never, token);

    await at('2026-11-11T06:30:00.000Z'); // 9 days
    expect(await job()).toBe(0);
    await at('2026-11-12T06:30:00.000Z'); // 10 days: not yet ("more than")
    expect(await job()).toBe(0);
    await at('2026-11-13T06:30:00.000Z'); // 11 days
    expect(await job()).toBe(3);
    expect(await penalties()).toEqual([600, 1000, 2500]);
    expect(await job()).toBe(0); // once per demand
    await at('2026-12-20T06:30:00.000Z'); // long after, still once
    expect(await job()).toBe(0);
    expect(await penalties()).toEqual([600, 1000, 2500]);

    const bill = await t.ok('billing.currentBill', { connectionId: a }, token);
    expect(bill).toMatchObject({ currentChargePaise: 10000, penaltyPaise: 1000, netDuePaise: 11000, penaltyIfLatePaise: 0 });
    void c;
  });

  it('rate 0 (the shipped default) adds nothing; a PC off for weeks catches up on its first run', async () => {
    const a = (await t.ok('consumers.create', consumer(), token)).connectionId;
    await at('2026-11-02T06:30:00.000Z');
    await t.ok('billing.generateBulkDemand', { financialYear: '2026-27', month: '2026-10' }, token);
    await at('2026-11-20T06:30:00.000Z');
    expect(await job()).toBe(0);
    const before = await t.ok('billing.currentBill', { connectionId: a }, token);
    expect(before.penaltyIfLatePaise).toBe(0);
    // The GP turns the penalty on for December; the PC is off until 5 January.
    await t.ok('billing.tariffs.update', { effectiveFrom: '2026-12', tariff: { ...DEFAULT_TARIFF, penalty: { type: 'Fixed', subType: 'currentMonth', rate: 10, amountPaise: 0, applicableAfterDays: 10 } } }, token);
    await at('2027-01-05T06:30:00.000Z');
    const scheduler = new Scheduler({ db: t.core.db, now: () => t.clock.now, hlc: () => t.core.hlc.now(), dataDir: t.dataDir, log: () => {} });
    expect(await scheduler.runDue()).toContain('billing.latePenalty'); // (other jobs, e.g. expenses.reminders, run too)
    expect(await penalties()).toEqual([2500]);
    expect(await scheduler.runDue()).toEqual([]); // never twice a day
    await at('2027-01-06T06:30:00.000Z');
    expect(await scheduler.runDue()).toContain('billing.latePenalty');
    expect(await penalties()).toEqual([2500]);
  });

  it('the latest-bill card shows the penalty that will apply and net due with penalty', async () => {
    await setRule(10, {});
    const a = (await t.ok('consumers.create', consumer(), token)).connectionId;
    await at('2026-11-02T06:30:00.000Z');
    await t.ok('billing.generateBulkDemand', { financialYear: '2026-27', month: '2026-10' }, token);
    const bill = await t.ok('billing.currentBill', { connectionId: a }, token);
    expect(bill).toMatchObject({ billDate: '2026-11-02', dueDate: '2026-11-17', penaltyApplicableAfter: '2026-11-12', penaltyIfLatePaise: 2500, netDuePaise: 25000, netDueWithPenaltyPaise: 27500 });
  });

  it('Core.startJobs runs what is due at once and records it; close() stops it', async () => {
    const scheduler = t.core.startJobs({ intervalMs: 3_600_000 });
    await scheduler.runDue();
    const runs = await t.core.db.selectFrom('job_runs').selectAll().execute();
    expect(runs.map((r) => [r.name, r.last_run_date])).toContainEqual(['billing.latePenalty', '2026-10-15']);
  });

  it('billing.cycles lists completed months of each financial year, newest first', async () => {
    const c = await t.ok('billing.cycles', {}, token);
    expect(c.years[0]).toEqual({ financialYear: '2026-27', months: ['2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-04'] });
    expect(c.years.at(-1)?.financialYear).toBe('2021-22');
  });
});
