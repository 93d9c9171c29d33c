import { Button, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { CONSUMER_ADMINS, type ConsumerRow } from '@mgramseva/core/contracts';
import { useOp } from '../../api/hooks';
import { useSession } from '../../session/session';
import { api, ApiCallError } from '../../api/client';
import { BackLink, DataTable, FormAlert, MobileInput, PageCard, SubmitBar, type Column } from '../../components';
import { errorMessage, translateKey } from '../../forms/errors';
import { addressOf } from './labels';

type Criterion = 'mobile' | 'name' | 'oldConnectionId' | 'connectionNo';
const CRITERIA: Criterion[] = ['mobile', 'name', 'oldConnectionId', 'connectionNo'];

/**
 * Search consumer (SPEC §2.5), shared by Update consumer (mode=update), Collect payments
 * (mode=collect) and Download bills & receipts (mode=receipts). One criterion at a time: typing
 * in one field disables the others. A single match opens directly.
 */
export function SearchConsumerScreen() {
  const { t } = useTranslation('consumers');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const mode = params.get('mode') ?? 'view';
  const [values, setValues] = useState<Record<Criterion, string>>({ mobile: '', name: '', oldConnectionId: '', connectionNo: '' });
  const [results, setResults] = useState<ConsumerRow[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const active = CRITERIA.find((c) => values[c].trim() !== '');
  const session = useSession();
  const isAdmin = (session.data?.roles ?? []).some((r) => (CONSUMER_ADMINS as readonly string[]).includes(r));

  const open = (row: ConsumerRow) => navigate(mode === 'update' ? `/consumers/${row.connectionId}/edit` : `/consumers/${row.connectionId}?mode=${mode}`);

  const search = async () => {
    if (!active) return;
    setLoading(true);
    setFieldErrors({});
    setFormError(null);
    try {
      const r = await api.call('consumers.search', { [active]: values[active].trim() });
      if (r.results.length === 1) {
        open(r.results[0]!);
        return;
      }
      setResults(r.results);
      setTruncated(r.truncated);
    } catch (err) {
      if (err instanceof ApiCallError && Object.keys(err.fields).length) {
        setFieldErrors(Object.fromEntries(Object.entries(err.fields).map(([k, f]) => [k, translateKey(t, f)])));
      } else setFormError(errorMessage(t, err));
    } finally {
      setLoading(false);
    }
  };

  const set = (c: Criterion, value: string) => setValues({ ...values, [c]: value });
  const columns: Column<ConsumerRow>[] = [
    { key: 'connectionNo', header: t('fields.connectionNo'), render: (r) => <Text fw={700} c="#C8602B">{r.connectionNo}</Text> },
    { key: 'old', header: t('fields.oldConnectionId'), render: (r) => r.oldConnectionId },
    { key: 'name', header: t('fields.name'), render: (r) => r.name },
    { key: 'mobile', header: t('fields.mobile'), render: (r) => `+91 ${r.mobile}` },
    { key: 'address', header: t('screen.search.address'), render: (r) => addressOf(r) },
    { key: 'status', header: t('fields.status'), render: (r) => t(`masters.status.${r.status}`) },
    {
      key: 'action',
      header: '',
      render: (r) => (
        <Button size="xs" onClick={() => open(r)}>
          {mode === 'update' ? t('screen.search.update') : t('screen.search.view')}
        </Button>
      ),
    },
  ];

  const field = (c: Criterion, input: React.ReactNode) => (
    <Stack gap={4}>
      {input}
    </Stack>
  );

  return (
    <>
      <BackLink to="/" />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
        noValidate
      >
        <PageCard title={t('screen.search.title')} subtitle={t('screen.search.hint')}>
          <FormAlert>{formError ?? (fieldErrors['_'] || null)}</FormAlert>
          <Stack gap="xs" maw={520}>
            {field('mobile', <MobileInput label={t('fields.mobile')} value={values.mobile} disabled={Boolean(active && active !== 'mobile')} onChange={(e) => set('mobile', e.currentTarget.value)} error={fieldErrors['mobile']} autoFocus />)}
            <Divider label={t('screen.search.or')} />
            {field('name', <TextInput label={t('fields.name')} placeholder={t('screen.search.nameExample')} value={values.name} disabled={Boolean(active && active !== 'name')} onChange={(e) => set('name', e.currentTarget.value)} error={fieldErrors['name']} maxLength={50} />)}
            <Divider label={t('screen.search.or')} />
            {field('oldConnectionId', <TextInput label={t('fields.oldConnectionId')} value={values.oldConnectionId} disabled={Boolean(active && active !== 'oldConnectionId')} onChange={(e) => set('oldConnectionId', e.currentTarget.value)} error={fieldErrors['oldConnectionId']} maxLength={20} />)}
            <Divider label={t('screen.search.or')} />
            {field('connectionNo', <TextInput label={t('fields.connectionNo')} placeholder="WS/…" value={values.connectionNo} disabled={Boolean(active && active !== 'connectionNo')} onChange={(e) => set('connectionNo', e.currentTarget.value)} error={fieldErrors['connectionNo']} maxLength={40} />)}
          </Stack>
        </PageCard>
        <SubmitBar label={t('screen.search.submit')} loading={loading} disabled={!active}>
          <Button variant="subtle" onClick={() => { setValues({ mobile: '', name: '', oldConnectionId: '', connectionNo: '' }); setResults(null); }}>
            {t('screen.search.clear')}
          </Button>
        </SubmitBar>
      </form>
      {mode === 'update' && isAdmin && <DuplicatesCard onOpen={open} />}
      {results && (
        <PageCard>
          <Group justify="space-between" mb="md">
            <Title order={2} fz={28}>
              {t('screen.search.found', { count: results.length })}
            </Title>
            {truncated && <Text c="#505A5F">{t('screen.search.truncated')}</Text>}
          </Group>
          <DataTable columns={columns} rows={results} rowKey={(r) => r.connectionId} onRowClick={open} emptyText={t('screen.search.none')} />
        </PageCard>
      )}
    </>
  );
}

/**
 * Old connection IDs held by two connections of the GP (made offline on two desktops and met at
 * sync). Never merged: the GP admin opens one and gives it its right old connection ID.
 */
function DuplicatesCard({ onOpen }: { onOpen: (row: ConsumerRow) => void }) {
  const { t } = useTranslation('consumers');
  const q = useOp('consumers.duplicates', {});
  if (!q.data || q.data.length === 0) return null;
  return (
    <PageCard title={t('screen.duplicates.title')} subtitle={t('screen.duplicates.subtitle')}>
      <Stack gap="sm">
        {q.data.map((d) => (
          <Group key={d.oldConnectionId} gap="sm">
            <Text fw={700} w={160}>{d.oldConnectionId}</Text>
            {d.connections.map((c) => (
              <Button key={c.connectionId} size="xs" variant="outline" onClick={() => onOpen(c)}>
                {c.connectionNo} · {c.name}
              </Button>
            ))}
          </Group>
        ))}
      </Stack>
    </PageCard>
  );
}
