import { describe, expect, it } from 'vitest';
import { uuid } from '../api/fields.js';
import { billNo, demandIdFor, derivedId, lineIdFor } from './write.js';

describe('demand identity (two desktops converge)', () => {
  it('a demand id depends only on connection, type, period and revision; it is a valid UUID', () => {
    const a = demandIdFor('c1', 'waterConnection', '2026-10-01', '2026-10-31', 0);
    expect(demandIdFor('c1', 'waterConnection', '2026-10-01', '2026-10-31', 0)).toBe(a);
    expect(demandIdFor('c1', 'waterConnection', '2026-10-01', '2026-10-31', 1)).not.toBe(a);
    expect(demandIdFor('c2', 'waterConnection', '2026-10-01', '2026-10-31', 0)).not.toBe(a);
    expect(uuid.safeParse(a).success).toBe(true);
    expect(uuid.safeParse(lineIdFor(a, 'WS_TIME_PENALTY')).success).toBe(true);
    expect(lineIdFor(a, '10101')).not.toBe(lineIdFor(a, 'WS_Round_Off'));
    for (let i = 0; i < 200; i++) expect(uuid.safeParse(derivedId('x', i)).success).toBe(true);
  });

  it('bill numbers carry the device code', () => {
    expect(billNo('7F3A', 12)).toBe('BILLNO-WS-7F3A-00012');
  });
});
