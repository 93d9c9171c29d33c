import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CollectionRow } from '@mgramseva/core/contracts';
import { MeteredBadge, Money, ShortText, type Column } from '../../components';
import { PeriodTable } from './PeriodTable';

/** Tab 0 (SPEC §7.2): connections and what each paid in the period. */
export function CollectionsTab({ financialYear, month }: { financialYear: string; month: string | undefined }) {
  const { t } = useTranslation('dashboard');
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
  return (
    <PeriodTable
      op="dashboard.collections"
      financialYear={financialYear}
      month={month}
      defaultSort="connectionNo"
      tabs={[
        { value: 'all', label: (count) => t('collections.all', { count }) },
        { value: 'residential', label: (count) => t('collections.residential', { count }) },
        { value: 'commercial', label: (count) => t('collections.commercial', { count }) },
      ]}
      columns={columns}
      rowKey={(r) => r.connectionId}
      searchPlaceholder={t('collections.search')}
    />
  );
}
