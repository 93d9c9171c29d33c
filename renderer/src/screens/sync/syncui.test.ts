import { describe, expect, it } from 'vitest';
import en from '../../../../resources/locales/en/syncui.json';
import hi from '../../../../resources/locales/hi/syncui.json';
import pa from '../../../../resources/locales/pa/syncui.json';

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
