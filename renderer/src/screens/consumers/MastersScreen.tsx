import { ActionIcon, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EDITABLE_MASTER_LISTS, type MasterItem } from '@mgramseva/core/contracts';
import { api, ApiCallError } from '../../api/client';
import { opKey, useOp } from '../../api/hooks';
import { BackLink, ErrorState, FormAlert, LoadingState, notify, PageCard } from '../../components';
import { errorMessage, translateKey } from '../../forms/errors';
import { masterLabel } from './labels';

type ListName = (typeof EDITABLE_MASTER_LISTS)[number];

/** GP admin settings: the GP's wards, property types, categories and sub-categories (audited in core). */
export function MastersScreen() {
  const { t } = useTranslation('consumers');
  const q = useOp('masterdata.get', {});
  if (q.isLoading) return <LoadingState />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <BackLink />
      <PageCard title={t('screen.masters.title')} subtitle={t('screen.masters.subtitle')} />
      {EDITABLE_MASTER_LISTS.map((list) => (
        <MasterListCard key={list} list={list} items={q.data[list]} />
      ))}
    </>
  );
}

function MasterListCard({ list, items }: { list: ListName; items: MasterItem[] }) {
  const { t } = useTranslation('consumers');
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<MasterItem[]>(items);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const named = list === 'wards';
  const set = (i: number, patch: Partial<MasterItem>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.call('masterdata.update', { list, items: rows.map((r) => ({ code: r.code.trim().toUpperCase(), ...(r.name ? { name: r.name } : {}) })) });
      await queryClient.invalidateQueries({ queryKey: opKey('masterdata.get') });
      await queryClient.invalidateQueries({ queryKey: opKey('consumers.formInfo') });
      notify.success(t('screen.masters.saved'));
    } catch (err) {
      const fields = err instanceof ApiCallError ? Object.values(err.fields) : [];
      setError(fields[0] ? translateKey(t, fields[0]) : errorMessage(t, err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card padding={32} mb="md">
      <Title order={2} fz={20} mb="md">{t(`screen.masters.lists.${list}`)}</Title>
      <FormAlert>{error}</FormAlert>
      <Stack gap="xs">
        {rows.map((r, i) => (
          <Group key={i} gap="sm">
            <TextInput aria-label={t('screen.masters.code')} placeholder={t('screen.masters.code')} value={r.code} onChange={(e) => set(i, { code: e.currentTarget.value })} w={200} />
            {named ? (
              <TextInput aria-label={t('screen.masters.name')} placeholder={t('screen.masters.name')} value={r.name ?? ''} onChange={(e) => set(i, { name: e.currentTarget.value })} w={260} />
            ) : (
              <Text c="#505A5F" w={260}>{masterLabel(t, list, { code: r.code })}</Text>
            )}
            <ActionIcon variant="subtle" color="red" aria-label={t('screen.masters.remove')} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
        ))}
      </Stack>
      <Group justify="space-between" mt="md">
        <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => setRows([...rows, { code: '' }])}>
          {t('screen.masters.add')}
        </Button>
        <Button onClick={() => void save()} loading={saving}>
          {t('screen.masters.save')}
        </Button>
      </Group>
    </Card>
  );
}
