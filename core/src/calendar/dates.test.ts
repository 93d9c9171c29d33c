import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, financialYearOf, financialYearStart, istDate, monthOf, monthRange } from './dates.js';

describe('business dates', () => {
  it('uses the IST calendar day: 20:00 UTC is already tomorrow in India', () => {
    expect(istDate(new Date('2026-03-31T18:29:59Z'))).toBe('2026-03-31');
    expect(istDate(new Date('2026-03-31T18:30:00Z'))).toBe('2026-04-01');
  });

  it('runs the financial year from April to March', () => {
    expect(financialYearOf('2024-03-31')).toBe('2023-24');
    expect(financialYearOf('2024-04-01')).toBe('2024-25');
    expect(financialYearOf('1999-12-01')).toBe('1999-00');
    expect(financialYearStart('2023-11-30')).toBe('2023-04-01');
  });

  it('knows month ends, leap years included', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2023-02').to).toBe('2023-02-28');
    expect(monthOf('2024-01-15', -1)).toBe('2023-12');
    expect(monthOf('2023-12-15', 1)).toBe('2024-01');
  });

  it('counts days across months', () => {
    expect(daysBetween('2024-01-31', '2024-03-01')).toBe(30);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });
});

describe('month arithmetic', () => {
  it('clamps to the target month and lists completed months newest first', async () => {
    const { addMonths, recentCompletedMonths, isValidIsoDate } = await import('./dates.js');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2023-12-15', 2)).toBe('2024-02-15');
    expect(recentCompletedMonths('2024-01-10')).toEqual(['2023-12', '2023-11']);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
  });
});
