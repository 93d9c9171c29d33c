import type { TFunction } from 'i18next';
import i18n, { NAMESPACES } from '../i18n';
import { ApiCallError } from '../api/client';

interface KeyedMessage {
  key: string;
  params?: Record<string, string | number>;
  /** The text core already rendered, used when the key is unknown here. */
  message?: string;
}

/**
 * Render an i18n key from core (e.g. 'validation.mobileLength' with {max}) in the current
 * language. Keys are looked up in every namespace, core first.
 */
export function translateKey(t: TFunction, { key, params, message }: KeyedMessage): string {
  const ns = ['core', ...NAMESPACES.filter((n) => n !== 'core')];
  if (i18n.exists(key, { ns })) return t(key, { ns, ...params });
  // Core also writes a domain's keys as `<namespace>.<key>` (e.g. `collections.errors.nothingDue`),
  // which the renderer holds as key `errors.nothingDue` in namespace `collections`.
  const dot = key.indexOf('.');
  const [domain, rest] = [key.slice(0, dot), key.slice(dot + 1)];
  if (dot > 0 && NAMESPACES.includes(domain) && i18n.exists(rest, { ns: domain })) return t(rest, { ns: domain, ...params });
  return message ?? key;
}

/** The message to show for any failed call: core's key translated, else a generic one. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiCallError) return translateKey(t, err.error);
  return t('errors.internal', { ns: 'core' });
}
