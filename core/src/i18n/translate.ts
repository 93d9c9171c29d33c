import i18next, { type i18n } from 'i18next';
import enCore from '../../../resources/locales/en/core.json';
import hiCore from '../../../resources/locales/hi/core.json';
import paCore from '../../../resources/locales/pa/core.json';
import enExpenses from '../../../resources/locales/en/expenses.json';
import hiExpenses from '../../../resources/locales/hi/expenses.json';
import paExpenses from '../../../resources/locales/pa/expenses.json';
import enSync from '../../../resources/locales/en/sync.json';
import hiSync from '../../../resources/locales/hi/sync.json';
import paSync from '../../../resources/locales/pa/sync.json';
import enConsumers from '../../../resources/locales/en/consumers.json';
import hiConsumers from '../../../resources/locales/hi/consumers.json';
import paConsumers from '../../../resources/locales/pa/consumers.json';
import enCollections from '../../../resources/locales/en/collections.json';
import hiCollections from '../../../resources/locales/hi/collections.json';
import paCollections from '../../../resources/locales/pa/collections.json';
import enBilling from '../../../resources/locales/en/billing.json';
import hiBilling from '../../../resources/locales/hi/billing.json';
import paBilling from '../../../resources/locales/pa/billing.json';
import enPrinting from '../../../resources/locales/en/printing.json';
import hiPrinting from '../../../resources/locales/hi/printing.json';
import paPrinting from '../../../resources/locales/pa/printing.json';
import enRegister from '../../../resources/locales/en/register.json';
import hiRegister from '../../../resources/locales/hi/register.json';
import paRegister from '../../../resources/locales/pa/register.json';
import enDashboard from '../../../resources/locales/en/dashboard.json';
import hiDashboard from '../../../resources/locales/hi/dashboard.json';
import paDashboard from '../../../resources/locales/pa/dashboard.json';
import enReports from '../../../resources/locales/en/reports.json';
import hiReports from '../../../resources/locales/hi/reports.json';
import paReports from '../../../resources/locales/pa/reports.json';
import type { Params } from '../api/errors.js';

/**
 * Core's own translator, for error messages and documents. The renderer has its own i18next
 * instance over the same resources/locales files.
 */
export const LANGUAGES = ['en', 'hi', 'pa'] as const;
export type Language = (typeof LANGUAGES)[number];

let instance: i18n | undefined;

function translator(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      initAsync: false,
      lng: 'en',
      fallbackLng: 'en',
      ns: ['core', 'consumers'],
      defaultNS: 'core',
      interpolation: { escapeValue: false },
      resources: { en: { core: enCore, consumers: enConsumers }, hi: { core: hiCore, consumers: hiConsumers }, pa: { core: paCore, consumers: paConsumers } },
    });
    // Domain files: key `expenses.x` is `x` of resources/locales/<lang>/expenses.json.
    for (const [lng, bundle] of [['en', enExpenses], ['hi', hiExpenses], ['pa', paExpenses]] as const) instance.addResourceBundle(lng, 'core', { expenses: bundle }, true, true);
    for (const [lng, bundle] of [['en', enCollections], ['hi', hiCollections], ['pa', paCollections]] as const) instance.addResourceBundle(lng, 'core', { collections: bundle }, true, true);
    for (const [lng, bundle] of [['en', enSync], ['hi', hiSync], ['pa', paSync]] as const) instance.addResourceBundle(lng, 'core', { sync: bundle }, true, true);
    for (const [lng, bundle] of [['en', enBilling], ['hi', hiBilling], ['pa', paBilling]] as const) instance.addResourceBundle(lng, 'core', { billing: bundle }, true, true);
    for (const [lng, bundle] of [['en', enPrinting], ['hi', hiPrinting], ['pa', paPrinting]] as const) instance.addResourceBundle(lng, 'core', { printing: bundle }, true, true);
    for (const [lng, bundle] of [['en', enRegister], ['hi', hiRegister], ['pa', paRegister]] as const) instance.addResourceBundle(lng, 'core', { register: bundle }, true, true);
    for (const [lng, bundle] of [['en', enDashboard], ['hi', hiDashboard], ['pa', paDashboard]] as const) instance.addResourceBundle(lng, 'core', { dashboard: bundle }, true, true);
    for (const [lng, bundle] of [['en', enReports], ['hi', hiReports], ['pa', paReports]] as const) instance.addResourceBundle(lng, 'core', { reports: bundle }, true, true);
  }
  return instance;
}

export function asLanguage(value: unknown): Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : 'en';
}

export function translate(lang: Language, key: string, params: Params = {}): string {
  return translator().t(key, { lng: lang, ...params });
}
