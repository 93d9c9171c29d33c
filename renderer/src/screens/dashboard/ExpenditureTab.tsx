import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ExpenditureRow } from '@mgramseva/core/contracts';
import { DateText, Money, type Column } from '../../components';
import { PeriodTable } from './PeriodTable';

/** Tab 1 (SPEC §7.3): the period's expense bills; a bill opens the expense. */
export function ExpenditureTab({ financialYear, month }: { financialYear: string; month: string | undefined }) {
  const { t } = useTranslation('dashboard');
  const navigate = useNavigate();
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
  return (
    <PeriodTable
      op="dashboard.expenditure"
      financialYear={financialYear}
      month={month}
      defaultSort="billNo"
      tabs={[
        { value: 'all', label: (count) => t('expenditure.all', { count }) },
        { value: 'paid', label: (count) => t('expenditure.paid', { count }) },
        { value: 'pending', label: (count) => t('expenditure.pending', { count }) },
      ]}
      columns={columns}
      rowKey={(r) => r.id}
      onRowClick={(r) => navigate(`/expenses/${r.id}`)}
      searchPlaceholder={t('expenditure.search')}
    />
  );
}
