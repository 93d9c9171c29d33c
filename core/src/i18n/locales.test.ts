import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every namespace in resources/locales is complete in English, Hindi and Punjabi (SPEC Part A.4).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/locales');
const namespaces = fs.readdirSync(path.join(root, 'en')).filter((f) => f.endsWith('.json'));

function leaves(o: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o)) for (const [kk, vv] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  } else out.set(prefix, o);
  return out;
}

describe.each(namespaces)('locale namespace %s', (file) => {
  it('has the same keys in en, hi and pa, none empty', () => {
    const read = (lang: string) => leaves(JSON.parse(fs.readFileSync(path.join(root, lang, file), 'utf8')));
    const en = read('en');
    for (const lang of ['en', 'hi', 'pa']) {
      const other = read(lang);
      expect([...other.keys()].sort(), `${lang}/${file}`).toEqual([...en.keys()].sort());
      for (const [key, value] of other) expect(typeof value === 'string' && value.trim() !== '', `${lang}/${file} ${key}`).toBe(true);
    }
  });
});
