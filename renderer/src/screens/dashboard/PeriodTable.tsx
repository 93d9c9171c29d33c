import { Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import type { OpInput, OpOutput } from '@mgramseva/core/contracts';
import { useOp } from '../../api/hooks';
import { DataTable, ErrorState, FilterPills, SearchBox, useServerPaging, type Column } from '../../components';

/** The dashboard's two tabs (SPEC §7.2, §7.3) are the same table over different operations. */
type TabOp = 'dashboard.collections' | 'dashboard.expenditure';
type RowOf<N extends TabOp> = OpOutput<N>['items'][number];
type TabOf<N extends TabOp> = NonNullable<OpInput<N>['tab']>;
type SortOf<N extends TabOp> = NonNullable<OpInput<N>['sort']>;

export interface PeriodTableProps<N extends TabOp> {
  op: N;
  financialYear: string;
  month: string | undefined;
  defaultSort: SortOf<N>;
  /** The filter pills, each labelled with its count. */
  tabs: { value: TabOf<N>; label: (count: number) => string }[];
  columns: Column<RowOf<N>>[];
  rowKey: (row: RowOf<N>) => string;
  onRowClick?: (row: RowOf<N>) => void;
  searchPlaceholder: string;
}

/** A period's rows, searched, filtered by tab, sorted and paged by the server. */
export function PeriodTable<N extends TabOp>(props: PeriodTableProps<N>) {
  const { op, financialYear, month, tabs } = props;
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [tab, setTab] = useState<TabOf<N>>(tabs[0]!.value);
  const pager = useServerPaging({ key: props.defaultSort, direction: 'asc' });
  const input = { financialYear, month, search: debounced.trim() || undefined, tab, sort: pager.sort.key, direction: pager.sort.direction, page: pager.page, pageSize: pager.pageSize };
  const q = useOp(op, input as OpInput<N>, { placeholderData: keepPreviousData });
  const data = q.data as OpOutput<TabOp> | undefined;
  const counts = data?.counts as Record<string, number> | undefined;
  return (
    <Stack gap="md">
      <SearchBox
        value={search}
        onChange={(v) => {
          setSearch(v);
          pager.firstPage();
        }}
        placeholder={props.searchPlaceholder}
      />
      <FilterPills
        value={tab}
        onChange={(v) => {
          setTab(v as TabOf<N>);
          pager.firstPage();
        }}
        options={tabs.map((t) => ({ value: t.value, label: t.label(counts?.[t.value] ?? 0) }))}
      />
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable
          columns={props.columns}
          rows={(data?.items ?? []) as RowOf<N>[]}
          rowKey={props.rowKey}
          loading={q.isPending}
          onRowClick={props.onRowClick}
          {...pager.sorting}
          paging={pager.paging(data?.total ?? 0)}
        />
      )}
      {q.isFetching && !q.isPending && <Text fz={12} c="dimmed" aria-live="polite">…</Text>}
    </Stack>
  );
}
