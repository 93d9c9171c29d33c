import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * The renderer's translator. Every resources/locales/<lang>/<namespace>.json is bundled at build
 * time (Vite's eager glob = static imports), so a new namespace (e.g. consumers.json in en, hi
 * and pa) needs no code here: use it with useTranslation('consumers') or t('consumers:key').
 * Core's messages (errors, validation) live in the `core` namespace; the shell's in `app`.
 */
export const LANGUAGES = [
  { code: 'pa', label: 'ਪੰਜਾਬੀ' },
  { code: 'hi', label: 'हिंदी' },
  { code: 'en', label: 'ENGLISH' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const files = import.meta.glob<Record<string, unknown>>('../../resources/locales/*/*.json', {
  eager: true,
  import: 'default',
});

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, content] of Object.entries(files)) {
  const match = /locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lang, ns] = match as unknown as [string, string, string];
  (resources[lang] ??= {})[ns] = content;
}
export const NAMESPACES = Object.keys(resources['en'] ?? {});

const STORAGE_KEY = 'mgs.language';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

/** The app's language for a value such as `i18n.language`: English when it is not one of ours. */
export function asLanguage(value: unknown): Language {
  return isLanguage(value) ? value : 'en';
}

/** The language the person chose on this computer, if any. */
export function storedLanguage(): Language | null {
  const value = localStorage.getItem(STORAGE_KEY);
  return isLanguage(value) ? value : null;
}

export function storeLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
}

void i18next.use(initReactI18next).init({
  resources,
  lng: storedLanguage() ?? 'pa',
  fallbackLng: 'en',
  ns: NAMESPACES,
  defaultNS: 'app',
  fallbackNS: 'core',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

function syncHtmlLang(lang: string) {
  document.documentElement.lang = lang;
}
syncHtmlLang(i18next.language);
i18next.on('languageChanged', syncHtmlLang);

export default i18next;
