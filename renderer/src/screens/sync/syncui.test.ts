import { describe, expect, it } from 'vitest';
import en from '../../../../resources/locales/en/syncui.json';
import hi from '../../../../resources/locales/hi/syncui.json';
import pa from '../../../../resources/locales/pa/syncui.json';
import { refreshInterval } from './refresh';

/** Dotted keys of a nested translation object. */
function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

const sources = import.meta.glob<string>('./*.tsx', { eager: true, query: '?raw', import: 'default' });

describe('syncui.json', () => {
  it('has the same keys in English, Hindi and Punjabi, none empty', () => {
    const enKeys = keys(en).sort();
    expect(keys(hi).sort()).toEqual(enKeys);
    expect(keys(pa).sort()).toEqual(enKeys);
    for (const lang of [en, hi, pa]) {
      for (const key of enKeys) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], lang);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });

  it('has every literal key the sync screens use', () => {
    const known = new Set(keys(en).map((k) => k.replace(/_(one|other)$/, '')));
    const used = Object.values(sources).flatMap((src) => [...src.matchAll(/\bt\('([a-zA-Z]+(?:\.[\w]+)*)'/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });
});

describe('refreshInterval', () => {
  const clicked = Date.parse('2026-12-01T10:00:00.000Z');
  const status = (online: boolean | null, lastAttemptAt: string | null) => ({ enrolled: true, online, lastAttemptAt });

  it('looks every second until a round started by the user reports, then every idleMs', () => {
    const before = status(true, '2026-12-01T09:59:50.000Z');
    expect(refreshInterval(before, clicked, clicked + 500, 10_000)).toBe(1_000);
    expect(refreshInterval(status(false, '2026-12-01T10:00:00.020Z'), clicked, clicked + 1_500, 10_000)).toBe(10_000);
    expect(refreshInterval(before, null, clicked + 500, 10_000)).toBe(10_000);
  });

  it('gives up watching after 30 s (a click that joined a round already running)', () => {
    expect(refreshInterval(status(true, '2026-12-01T09:59:50.000Z'), clicked, clicked + 30_000, 10_000)).toBe(10_000);
  });

  it('looks every second while the first round after connecting has not run; not while not enrolled', () => {
    expect(refreshInterval(status(null, null), null, clicked, 10_000)).toBe(1_000);
    expect(refreshInterval({ enrolled: false, online: null, lastAttemptAt: null }, clicked, clicked + 100, 10_000)).toBe(1_000);
    expect(refreshInterval({ enrolled: false, online: null, lastAttemptAt: null }, null, clicked, 10_000)).toBe(10_000);
    expect(refreshInterval(undefined, null, clicked, 10_000)).toBe(10_000);
  });
});
