import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CollectionRow, CollectionsInput } from '@mgramseva/core/contracts';
import { useOp } from '../../api/hooks';
import { DataTable, ErrorState, FilterPills, MeteredBadge, Money, SearchBox, ShortText, useServerPaging, type Column } from '../../components';

type Tab = NonNullable<CollectionsInput['tab']>;
type SortKey = NonNullable<CollectionsInput['sort']>;

/** Tab 0 (SPEC §7.2): connections and what each paid in the period. */
export function CollectionsTab({ financialYear, month }: { financialYear: string; month: string | undefined }) {
  const { t } = useTranslation('dashboard');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [tab, setTab] = useState<Tab>('all');
  const pager = useServerPaging({ key: 'connectionNo', direction: 'asc' });
  const q = useOp(
    'dashboard.collections',
    { financialYear, month, search: debounced.trim() || undefined, tab, sort: pager.sort.key as SortKey, direction: pager.sort.direction, page: pager.page, pageSize: pager.pageSize },
    { placeholderData: keepPreviousData },
  );
  const columns: Column<CollectionRow>[] = [
    {
      key: 'connectionNo',
      header: t('collections.connectionId'),
      sortable: true,
      sticky: true,
      render: (r) => (
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/consumers/${r.connectionId}`} c="#C8602B" fw={700} fz={14}>
            {r.connectionNo}
          </Anchor>
          {r.metered && <MeteredBadge label={t('collections.metered')} />}
        </Group>
      ),
    },
    { key: 'name', header: t('collections.name'), sortable: true, render: (r) => <ShortText text={r.name} /> },
    { key: 'collected', header: t('collections.collected'), sortable: true, align: 'right', render: (r) => <Money paise={r.collectedPaise} /> },
  ];
  const counts = q.data?.counts;
  return (
    <Stack gap="md">
      <SearchBox
        value={search}
        onChange={(v) => {
          setSearch(v);
          pager.firstPage();
        }}
        placeholder={t('collections.search')}
      />
      <FilterPills
        value={tab}
        onChange={(v) => {
          setTab(v as Tab);
          pager.firstPage();
        }}
        options={[
          { value: 'all', label: t('collections.all', { count: counts?.all ?? 0 }) },
          { value: 'residential', label: t('collections.residential', { count: counts?.residential ?? 0 }) },
          { value: 'commercial', label: t('collections.commercial', { count: counts?.commercial ?? 0 }) },
        ]}
      />
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable
          columns={columns}
          rows={q.data?.items ?? []}
          rowKey={(r) => r.connectionId}
          loading={q.isPending}
          {...pager.sorting}
          paging={pager.paging(q.data?.total ?? 0)}
        />
      )}
      {q.isFetching && !q.isPending && <Text fz={12} c="dimmed" aria-live="polite">…</Text>}
    </Stack>
  );
}
