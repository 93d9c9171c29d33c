import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flatChargePaise, meteredChargePaise, slabProblems, type TariffRow } from './tariff.js';
import { halfUpToRupeePaise, roundOffPaise } from './rounding.js';
import { penaltyFor, type PenaltyRule } from './penalty.js';
import { apportion } from './apportion.js';

const rupees = (r: number) => Math.round(r * 100);

// MDMS state template RESIDENTIAL metered row (SPEC E1).
const STATE_RESIDENTIAL: TariffRow = {
  propertyType: 'RESIDENTIAL',
  connectionType: 'Metered',
  minimumChargePaise: rupees(100),
  slabs: [
    { from: 0, to: 10, ratePaise: rupees(2) },
    { from: 10, to: 20, ratePaise: rupees(2.5) },
    { from: 20, to: 30, ratePaise: rupees(8) },
    { from: 30, to: 40, ratePaise: rupees(12) },
    { from: 40, to: 1e9, ratePaise: rupees(15) },
  ],
};

describe('E1 — metered charge, state template, with round-off', () => {
  it.each([
    [10, 120, 0, 120],
    [15, 132.5, 0.5, 133],
    [20, 145, 0, 145],
    [25, 185, 0, 185],
    [45, 420, 0, 420],
  ])('%i units → ₹%d charge, round-off ₹%d, bill ₹%d', (units, charge, roundOff, total) => {
    const c = meteredChargePaise(units, STATE_RESIDENTIAL);
    expect(c).toBe(rupees(charge));
    expect(roundOffPaise(c)).toBe(rupees(roundOff));
    expect(c + roundOffPaise(c)).toBe(rupees(total));
  });
});

describe('E2 — metered charge, village tariff', () => {
  it('0 → 30 units at min 100 + ₹2/unit is ₹160', () => {
    const village: TariffRow = { ...STATE_RESIDENTIAL, slabs: [{ from: 0, to: 1_000_000, ratePaise: 200 }] };
    expect(meteredChargePaise(30, village)).toBe(rupees(160));
  });
});

describe('E3 — flat monthly charge', () => {
  it('is the row amount whatever the use', () => {
    expect(flatChargePaise({ propertyType: 'RESIDENTIAL', connectionType: 'Non_Metered', minimumChargePaise: 5000, slabs: [] })).toBe(5000);
  });
});

describe('rounding (SPEC §4.5)', () => {
  it('always yields whole rupees', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), (p) => {
      const total = p + roundOffPaise(p);
      expect(total % 100).toBe(0);
      expect(Math.abs(roundOffPaise(p))).toBeLessThanOrEqual(50);
    }));
  });
  it('rounds penalties half up', () => {
    expect(halfUpToRupeePaise(550)).toBe(600);
    expect(halfUpToRupeePaise(549)).toBe(500);
  });
});

describe('E5 — late-payment penalty', () => {
  const rule: PenaltyRule = { type: 'Fixed', rate: 10, amountPaise: 0, applicableAfterDays: 10 };
  const demand = (charge: number, collected: number, hasLatePenalty = false) => ({
    raisedOn: '2024-01-01', chargePaise: rupees(charge), chargeCollectedPaise: rupees(collected), hasLatePenalty, reversed: false,
  });
  it.each([
    ['100 unpaid, 11 days', demand(100, 0), '2024-01-12', 10],
    ['100 with 45 paid, 11 days', demand(100, 45), '2024-01-12', 6],
    ['250 unpaid, 11 days', demand(250, 0), '2024-01-12', 25],
    ['100 unpaid, 9 days', demand(100, 0), '2024-01-10', 0],
    ['exactly 10 days', demand(100, 0), '2024-01-11', 0],
    ['fully paid, 30 days', demand(100, 100), '2024-01-31', 0],
    ['already penalised', demand(100, 0, true), '2024-01-12', 0],
  ])('%s → ₹%d', (_label, d, today, expected) => {
    expect(penaltyFor(d, today, rule)).toBe(rupees(expected));
  });
  it('is off when the tenant rate is 0', () => {
    expect(penaltyFor(demand(100, 0), '2024-02-01', { ...rule, rate: 0 })).toBe(0);
  });
});

describe('E6 — apportionment and advance', () => {
  const lines = [
    { ref: 'dec', periodFrom: '2023-12-01', taxHead: '10101', outstandingPaise: rupees(50) },
    { ref: 'arrears', periodFrom: '2023-04-01', taxHead: '10102', outstandingPaise: rupees(300) },
  ];
  it('pays the oldest period first: 320 → arrears 300, December 20, 30 still due', () => {
    const { allocations, advancePaise } = apportion(lines, rupees(320));
    expect(allocations).toEqual([
      { ref: 'arrears', paise: rupees(300) },
      { ref: 'dec', paise: rupees(20) },
    ]);
    expect(advancePaise).toBe(0);
  });
  it('turns an overpayment into advance: 400 → 300 + 50 settled, 50 advance', () => {
    const { advancePaise } = apportion(lines, rupees(400));
    expect(advancePaise).toBe(rupees(50));
  });
  it('uses an advance already held before new money', () => {
    const withCredit = [...lines, { ref: 'adv', periodFrom: '2023-04-01', taxHead: 'WS_ADVANCE_CARRYFORWARD', outstandingPaise: rupees(-100) }];
    const { allocations, advancePaise } = apportion(withCredit, rupees(250));
    expect(allocations[0]).toEqual({ ref: 'adv', paise: rupees(-100) });
    expect(allocations.filter((a) => a.paise > 0).reduce((s, a) => s + a.paise, 0)).toBe(rupees(350));
    expect(advancePaise).toBe(0);
  });
  it('never loses or invents money', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ periodFrom: fc.constantFrom('2023-04-01', '2023-05-01', '2023-06-01'), taxHead: fc.constantFrom('10101', '10102', '10201', 'WS_ADVANCE_CARRYFORWARD'), outstandingPaise: fc.integer({ min: -5000, max: 50000 }) }), { maxLength: 8 }),
      fc.integer({ min: 1, max: 200000 }),
      (raw, pay) => {
        const ls = raw.map((l, i) => ({ ...l, ref: `l${i}` }));
        const { allocations, advancePaise } = apportion(ls, pay);
        const allocated = allocations.reduce((s, a) => s + a.paise, 0);
        expect(allocated + advancePaise).toBe(pay);
        for (const a of allocations) {
          const line = ls.find((l) => l.ref === a.ref)!;
          expect(Math.abs(a.paise)).toBeLessThanOrEqual(Math.abs(line.outstandingPaise));
        }
        expect(advancePaise).toBeGreaterThanOrEqual(0);
      },
    ));
  });
});

describe('slab editor rules', () => {
  it('accepts the state template and rejects gaps, overlaps and negatives', () => {
    expect(slabProblems(STATE_RESIDENTIAL.slabs)).toEqual([]);
    expect(slabProblems([{ from: 0, to: 10, ratePaise: 1 }, { from: 12, to: 20, ratePaise: 1 }])).toEqual([{ index: 1, key: 'tariff.slabGap' }]);
    expect(slabProblems([{ from: 0, to: 10, ratePaise: 1 }, { from: 8, to: 20, ratePaise: 1 }])).toEqual([{ index: 1, key: 'tariff.slabOverlap' }]);
    expect(slabProblems([{ from: 0, to: 10, ratePaise: -1 }])).toEqual([{ index: 0, key: 'tariff.slabNegative' }]);
  });
});
