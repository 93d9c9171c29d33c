import { describe, expect, it, vi } from 'vitest';

// i18n.ts reads the remembered language from localStorage and marks <html lang> when it loads.
vi.stubGlobal('localStorage', { getItem: () => 'en', setItem: () => {}, removeItem: () => {} });
vi.stubGlobal('document', { documentElement: { lang: 'en' } });
vi.stubGlobal('window', {});

describe('translating core message keys', () => {
  it('finds core keys and domain keys written as <namespace>.<key>', async () => {
    const { default: i18n } = await import('../i18n');
    const { translateKey } = await import('./errors');
    await i18n.changeLanguage('en');
    const t = i18n.t.bind(i18n);
    expect(translateKey(t, { key: 'validation.mobileLength' })).toBe('Mobile number must be 10 digits.');
    expect(translateKey(t, { key: 'collections.errors.notFound' })).toBe('The payment was not found.');
    expect(translateKey(t, { key: 'no.such.key', message: 'fallback from core' })).toBe('fallback from core');
  });
});
