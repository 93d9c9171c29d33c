import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../../forms/errors';

/**
 * Core's sync messages are keys `sync.<key>`, kept at `<key>` of the `sync` namespace
 * (resources/locales/<lang>/sync.json); this screen's own words are in `syncui`.
 */
export function useSyncT() {
  const { t } = useTranslation('syncui');
  const tk = (key: string, params?: Record<string, string | number>, message?: string) =>
    key.startsWith('sync.')
      ? t(key.slice('sync.'.length), { ns: 'sync', ...params })
      : translateKey(t, { key, ...(params ? { params } : {}), ...(message ? { message } : {}) });
  return { t, tk };
}

/** "just now" / "5 min ago" / "3 h ago" / "2 days ago". */
export function timeAgo(t: TFunction, iso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return t('syncui:ago.justNow');
  if (minutes < 60) return t('syncui:ago.minutes', { count: minutes });
  if (minutes < 24 * 60) return t('syncui:ago.hours', { count: Math.floor(minutes / 60) });
  return t('syncui:ago.days', { count: Math.floor(minutes / (24 * 60)) });
}

/** The current time, refreshed every `ms`, so "5 min ago" moves on while the page is open. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
