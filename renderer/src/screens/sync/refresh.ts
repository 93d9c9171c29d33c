import type { OpOutput } from '@mgramseva/core/contracts';

type SyncStatus = OpOutput<'sync.status'>;

/** While a round the user asked for (Sync now, Connect) has not reported yet: look every second… */
const WATCH_MS = 1_000;
/** …for at most this long (a round that joins one already running reports an earlier start). */
const WATCH_FOR_MS = 30_000;

/**
 * How often to read the status: every second while the first round after connecting has not run
 * yet, or while a round the user started (at `watchSince`) has not been attempted; else `idleMs`.
 */
export function refreshInterval(
  s: Pick<SyncStatus, 'enrolled' | 'online' | 'lastAttemptAt'> | undefined,
  watchSince: number | null,
  now: number,
  idleMs: number,
): number {
  if (s?.enrolled && s.online === null) return WATCH_MS;
  if (watchSince !== null && now - watchSince < WATCH_FOR_MS) {
    const attempted = s?.lastAttemptAt ? Date.parse(s.lastAttemptAt) : 0;
    if (attempted < watchSince) return WATCH_MS;
  }
  return idleMs;
}

/** The time a round was asked for (in an event handler; the renderer and core share the PC's clock). */
export const askedAt = (): number => Date.now();
