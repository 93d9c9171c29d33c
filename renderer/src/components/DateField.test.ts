import { describe, expect, it } from 'vitest';
import { parseDateText } from './DateField';

describe('date field parsing', () => {
  it('reads dd/mm/yyyy and YYYY-MM-DD, and refuses impossible dates', () => {
    expect(parseDateText('31/01/2026')).toBe('2026-01-31');
    expect(parseDateText('5/4/2026')).toBe('2026-04-05');
    expect(parseDateText('2026-01-31')).toBe('2026-01-31');
    expect(parseDateText('31/02/2026')).toBeNull();
    expect(parseDateText('01/31/2026')).toBeNull();
    expect(parseDateText('yesterday')).toBeNull();
  });
});
