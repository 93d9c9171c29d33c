import { Alert, Box, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconClock, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { contract, type OpOutput } from '@mgramseva/core/contracts';

// Through the one API surface: the enrolment schema and the result types of the sync operations.
const enrolInput = contract['sync.enrol'].input;
type SyncStatus = OpOutput<'sync.status'>;
type SyncReject = OpOutput<'sync.rejects'>[number];
import { api } from '../../api/client';
import { opKey, useOp, useOpMutation } from '../../api/hooks';
import {
  BackLink,
  DataTable,
  ErrorState,
  FieldRow,
  formatDate,
  FormAlert,
  InfoBox,
  LabelValue,
  LoadingState,
  notify,
  PageCard,
  SubmitBar,
  type Column,
  type StatusTone,
} from '../../components';
import { errorMessage } from '../../forms/errors';
import { useZodForm } from '../../forms/useZodForm';
import { useSession } from '../../session/session';
import { useSyncT } from './common';
import { askedAt, refreshInterval } from './refresh';

const REFRESH_MS = 10_000;

/** Data sync: the replication state in plain words, Sync now, refused changes, and enrolment for GP admins. */
export function SyncScreen() {
  const { t } = useSyncT();
  const { data: session } = useSession();
  const isAdmin = Boolean(session?.roles.includes('GP_ADMIN'));
  // Set when the user starts a round (Sync now, Connect): the page looks every second until it reports.
  const [watchSince, setWatchSince] = useState<number | null>(null);
  const status = useOp('sync.status', {}, { refetchInterval: (q) => refreshInterval(q.state.data, watchSince, Date.now(), REFRESH_MS) });
  const watch = (since: number) => setWatchSince(since);

  if (status.error) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data) return <LoadingState />;
  const s = status.data;

  return (
    <>
      <BackLink to="/" />
      <PageCard title={t('title')} subtitle={t('subtitle')}>
        <StatusPanel status={s} onStarted={watch} />
      </PageCard>
      {s.enrolled && isAdmin && s.rejectedChanges > 0 && <RejectsCard />}
      {!s.enrolled && (isAdmin ? <EnrolForm tenantId={s.tenantId} onEnrolled={watch} /> : <InfoBox>{t('enrol.adminOnly')}</InfoBox>)}
    </>
  );
}

const DOT: Record<StatusTone, string> = { neutral: '#B1B4B6', success: '#00A651', error: '#D4351C', pending: '#F47738' };

function stateOf(s: SyncStatus): { tone: StatusTone; key: string } {
  if (!s.enrolled) return { tone: 'neutral', key: 'state.notConnected' };
  if (s.online === true) return { tone: 'success', key: 'state.online' };
  if (s.online === false) return { tone: 'error', key: 'state.offline' };
  return { tone: 'pending', key: 'state.waiting' };
}

function StatusPanel({ status: s, onStarted }: { status: SyncStatus; onStarted: (since: number) => void }) {
  const { t, tk } = useSyncT();
  const state = stateOf(s);
  const syncNow = useOpMutation('sync.now');
  const queryClient = useQueryClient();

  const runNow = () => {
    const clicked = askedAt();
    syncNow.mutate(
      {},
      {
        onSuccess: ({ started }) => {
          // One toast however often it is pressed.
          if (started) notifications.show({ id: 'sync-now', message: t('started'), color: '#00703C', autoClose: 10_000 });
          else notify.error(t('notStarted'));
          // The round runs in the background: the page looks every second until it reports.
          if (started) onStarted(clicked);
          void queryClient.invalidateQueries({ queryKey: opKey('sync.status') });
        },
        onError: (err) => notify.error(errorMessage(t, err)),
      },
    );
  };

  return (
    <Stack gap="md">
      <Group gap={10} wrap="nowrap" align="center">
        <Box w={14} h={14} bg={DOT[state.tone]} style={{ borderRadius: '50%', flexShrink: 0 }} aria-hidden />
        <Text fz={18} fw={500} c="#0B0C0C" data-testid="sync-state">
          {t(state.key)}
        </Text>
      </Group>
      {s.clockWarning && (
        <Alert color="orange" variant="light" icon={<IconClock />} title={t('clockTitle')} role="alert">
          {s.clockWarning}
        </Alert>
      )}
      {s.lastError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('field.lastError')} role="alert">
          {s.lastError.key.startsWith('sync.') ? tk(s.lastError.key) : s.lastError.message}
        </Alert>
      )}
      {s.enrolled && (
        <div>
          <LabelValue label={t('field.server')}>{s.serverUrl}</LabelValue>
          <LabelValue label={t('field.lastSync')}>{s.lastSuccessAt ? formatDate(s.lastSuccessAt, true) : t('field.never')}</LabelValue>
          <LabelValue label={t('field.lastAttempt')}>{s.lastAttemptAt ? formatDate(s.lastAttemptAt, true) : t('field.never')}</LabelValue>
          <LabelValue label={t('field.pending')}>{s.pendingChanges}</LabelValue>
          <LabelValue label={t('field.rejected')}>{s.rejectedChanges}</LabelValue>
          {s.supersededDemands > 0 && <LabelValue label={t('field.supersededDemands')}>{s.supersededDemands}</LabelValue>}
        </div>
      )}
      {s.enrolled && (
        <Group>
          <Button leftSection={<IconRefresh size={18} />} onClick={runNow} loading={syncNow.isPending}>
            {t('syncNow')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function RejectsCard() {
  const { t } = useSyncT();
  const rejects = useOp('sync.rejects', { limit: 100 }, { refetchInterval: REFRESH_MS });
  const reason = (r: SyncReject) => {
    const key = `rejects.reasons.${r.reason}`;
    return ['conflict', 'append_only', 'unknown_row', 'other_tenant'].includes(r.reason) ? t(key) : r.reason;
  };
  const columns: Column<SyncReject>[] = [
    { key: 'at', header: t('rejects.at'), render: (r) => formatDate(r.at, true) },
    { key: 'direction', header: t('rejects.direction'), render: (r) => t(`rejects.${r.direction}`) },
    { key: 'table', header: t('rejects.table'), render: (r) => r.table },
    { key: 'rowId', header: t('rejects.rowId'), render: (r) => <Text fz={13} ff="monospace">{r.rowId}</Text> },
    { key: 'reason', header: t('rejects.reason'), render: reason },
  ];
  return (
    <PageCard title={t('rejects.title')} subtitle={t('rejects.help')}>
      {rejects.error ? (
        <ErrorState error={rejects.error} onRetry={() => void rejects.refetch()} />
      ) : (
        <DataTable columns={columns} rows={rejects.data ?? []} rowKey={(r) => `${r.direction}:${r.table}:${r.rowId}:${r.at}`} loading={rejects.isLoading} />
      )}
    </PageCard>
  );
}

function EnrolForm({ tenantId, onEnrolled }: { tenantId: string | null; onEnrolled: (since: number) => void }) {
  const { t, tk } = useSyncT();
  const queryClient = useQueryClient();
  const form = useZodForm(enrolInput, { initialValues: { serverUrl: '', code: '' } });
  const fieldError = (name: 'serverUrl' | 'code') => {
    const problem = form.errors[name] as { key: string; params?: Record<string, string | number>; message?: string } | undefined;
    return problem ? tk(problem.key, problem.params, problem.message) : undefined;
  };

  const submit = form.onSubmit(async (data) => {
    const since = askedAt();
    const result = await api.call('sync.enrol', data);
    notify.success(t('enrol.done', { name: result.tenant.name }));
    onEnrolled(since); // the first round starts at once: watch it report
    await queryClient.invalidateQueries({ queryKey: opKey('sync.status') });
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <PageCard title={t('enrol.title')}>
        <Stack gap="md">
          <InfoBox>{t('enrol.help')}</InfoBox>
          <FormAlert>{form.formError}</FormAlert>
          <div>
            {tenantId && (
              // The central administrator registers a GP set up here under this id (server: create-gp --id).
              <FieldRow id="sync-gp-id" label={t('enrol.gpId')}>
                <TextInput
                  id="sync-gp-id"
                  value={tenantId}
                  readOnly
                  description={t('enrol.gpIdHelp')}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  styles={{ input: { fontFamily: 'monospace' } }}
                  onFocus={(e) => e.currentTarget.select()}
                />
              </FieldRow>
            )}
            <FieldRow id="sync-server-url" label={t('enrol.serverUrl')} required>
              <TextInput
                id="sync-server-url"
                placeholder="https://"
                autoComplete="off"
                {...form.getInputProps('serverUrl')}
                error={fieldError('serverUrl')}
              />
            </FieldRow>
            <FieldRow id="sync-code" label={t('enrol.code')} required>
              <TextInput
                id="sync-code"
                placeholder="K7QM-4PZX"
                autoComplete="off"
                {...form.getInputProps('code')}
                error={fieldError('code')}
              />
            </FieldRow>
          </div>
        </Stack>
      </PageCard>
      <SubmitBar label={t('enrol.submit')} loading={form.submitting} />
    </form>
  );
}
