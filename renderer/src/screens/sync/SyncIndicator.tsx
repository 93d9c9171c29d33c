import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { OpOutput } from '@mgramseva/core/contracts';

type SyncStatus = OpOutput<'sync.status'>;
import { useOp } from '../../api/hooks';
import { timeAgo, useNow, useSyncT } from './common';

type Tone = 'grey' | 'red' | 'orange' | 'green';
const DOT: Record<Tone, string> = { grey: '#B1B4B6', red: '#D4351C', orange: '#F47738', green: '#00A651' };

function describe(status: SyncStatus, t: ReturnType<typeof useSyncT>['t'], now: number): { tone: Tone; text: string } {
  if (!status.enrolled) return { tone: 'grey', text: t('indicator.notConnected') };
  if (status.online === false) return { tone: 'red', text: t('indicator.offline') };
  if (status.pendingChanges > 0) return { tone: 'orange', text: t('indicator.pending', { count: status.pendingChanges }) };
  if (status.lastSuccessAt) return { tone: 'green', text: t('indicator.synced', { ago: timeAgo(t, status.lastSuccessAt, now) }) };
  return { tone: 'grey', text: t('indicator.notYet') };
}

/** The top bar's sync state: a dot and a few words, linking to the Data sync page. */
export function SyncIndicator() {
  const { t } = useSyncT();
  const now = useNow();
  // Writes do not report to the top bar: look every 10 s, and on every change of page, so work
  // just saved shows as pending soon (sync.status is two indexed counts).
  const { data, refetch } = useOp('sync.status', {}, { refetchInterval: 10_000 });
  const { pathname } = useLocation();
  const seen = useRef(pathname);
  useEffect(() => {
    // Not on mount: the query's own first fetch is running then (a refetch would cancel and repeat it).
    if (seen.current === pathname) return;
    seen.current = pathname;
    void refetch();
  }, [pathname, refetch]);
  if (!data) return null;
  const { tone, text } = describe(data, t, now);
  return (
    <UnstyledButton component={Link} to="/sync" c="white" aria-label={t('indicator.label', { state: text })} data-testid="sync-indicator">
      <Group gap={6} wrap="nowrap">
        <Box w={10} h={10} bg={DOT[tone]} style={{ borderRadius: '50%', border: '1px solid white', flexShrink: 0 }} />
        <Text fz={13} c="white" truncate maw={180}>
          {text}
        </Text>
      </Group>
    </UnstyledButton>
  );
}
