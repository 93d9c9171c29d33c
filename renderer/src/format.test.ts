import { describe, expect, it } from 'vitest';
import { formatDate, formatPaise } from './format';

describe('formatPaise', () => {
  it('uses the rupee sign and Indian grouping', () => {
    expect(formatPaise(12345600)).toBe('₹1,23,456.00');
    expect(formatPaise(0)).toBe('₹0.00');
    expect(formatPaise(5)).toBe('₹0.05');
    expect(formatPaise(-60000)).toBe('-₹600.00');
  });
});

describe('formatDate', () => {
  it('shows a business date as dd/mm/yyyy without time-zone shifts', () => {
    expect(formatDate('2026-04-01')).toBe('01/04/2026');
  });
  it('shows an instant in Asia/Kolkata', () => {
    expect(formatDate('2026-03-31T20:00:00.000Z')).toBe('01/04/2026');
    expect(formatDate('2026-03-31T20:00:00.000Z', true)).toBe('01/04/2026 01:30');
  });
  it('leaves what it cannot read as is', () => {
    expect(formatDate('someday')).toBe('someday');
  });
});
