import { Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ExpenditureInput, ExpenditureRow } from '@mgramseva/core/contracts';
import { useOp } from '../../api/hooks';
import { DataTable, DateText, ErrorState, FilterPills, Money, SearchBox, useServerPaging, type Column } from '../../components';

type Tab = NonNullable<ExpenditureInput['tab']>;
type SortKey = NonNullable<ExpenditureInput['sort']>;

/** Tab 1 (SPEC §7.3): the period's expense bills; a bill opens the expense. */
export function ExpenditureTab({ financialYear, month }: { financialYear: string; month: string | undefined }) {
  const { t } = useTranslation('dashboard');
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [tab, setTab] = useState<Tab>('all');
  const pager = useServerPaging({ key: 'billNo', direction: 'asc' });
  const q = useOp(
    'dashboard.expenditure',
    { financialYear, month, search: debounced.trim() || undefined, tab, sort: pager.sort.key as SortKey, direction: pager.sort.direction, page: pager.page, pageSize: pager.pageSize },
    { placeholderData: keepPreviousData },
  );
  const columns: Column<ExpenditureRow>[] = [
    {
      key: 'billNo',
      header: t('expenditure.bill'),
      sortable: true,
      sticky: true, // SPEC §7.3: the first column stays while the table scrolls
      render: (r) => (
        <span>
          <span style={{ color: '#C8602B', fontWeight: 700 }}>{r.billNo}</span> – {r.vendorName}
        </span>
      ),
    },
    { key: 'type', header: t('expenditure.type'), render: (r) => t(`expenses:type.${r.typeCode}`, { defaultValue: r.typeCode }) },
    { key: 'amount', header: t('expenditure.amount'), sortable: true, align: 'right', render: (r) => <Money paise={r.amountPaise} /> },
    { key: 'billDate', header: t('expenditure.billDate'), sortable: true, render: (r) => <DateText value={r.billDate} /> },
    {
      key: 'paidDate',
      header: t('expenditure.paidDate'),
      render: (r) => (r.paidDate ? <DateText value={r.paidDate} /> : <span style={{ color: '#D4351C', fontWeight: 700 }}>{t('expenditure.pendingStatus')}</span>),
    },
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
        placeholder={t('expenditure.search')}
      />
      <FilterPills
        value={tab}
        onChange={(v) => {
          setTab(v as Tab);
          pager.firstPage();
        }}
        options={[
          { value: 'all', label: t('expenditure.all', { count: counts?.all ?? 0 }) },
          { value: 'paid', label: t('expenditure.paid', { count: counts?.paid ?? 0 }) },
          { value: 'pending', label: t('expenditure.pending', { count: counts?.pending ?? 0 }) },
        ]}
      />
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable
          columns={columns}
          rows={q.data?.items ?? []}
          rowKey={(r) => r.id}
          loading={q.isPending}
          onRowClick={(r) => navigate(`/expenses/${r.id}`)}
          {...pager.sorting}
          paging={pager.paging(q.data?.total ?? 0)}
        />
      )}
      {q.isFetching && !q.isPending && <Text fz={12} c="dimmed" aria-live="polite">…</Text>}
    </Stack>
  );
}
