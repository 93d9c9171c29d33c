import { Button, Divider, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { BackLink, DataTable, DateText, FormAlert, Money, PageCard, SubmitBar, type Column } from '../../components';
import { EXPENSE_TYPES, type ExpenseStatus, type ExpenseSummary, type Page } from '@mgramseva/core/contracts';
import { callErrors, ExpenseStatusChip, useExpenseT, type FieldErrors } from './common';

interface Criteria {
  vendor: string;
  typeCode: string;
  billNo: string;
  status: string;
  vendorId: string;
}

/**
 * Search expense (SPEC §2.13, UI.md "Search expense"): vendor name -(or)- type -(or)- bill ID,
 * optionally a status; results with status; a row opens the bill. `?vendorId=` (from the vendors
 * screen) and `?status=UNPAID` (from the "mark paid" reminder) preset the search.
 */
export function SearchExpenseScreen() {
  const { t, tk } = useExpenseT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [c, setC] = useState<Criteria>({ vendor: '', typeCode: '', billNo: '', status: params.get('status') ?? '', vendorId: params.get('vendorId') ?? '' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [result, setResult] = useState<Page<ExpenseSummary> | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const run = async (crit: Criteria, page: number, pageSize: number) => {
    setLoading(true);
    setErrors({});
    setFormError(null);
    try {
      const r = await api.call('expenses.search', {
        vendor: crit.vendor || undefined,
        typeCode: crit.typeCode || undefined,
        billNo: crit.billNo || undefined,
        vendorId: crit.vendorId || undefined,
        status: (crit.status || undefined) as ExpenseStatus | undefined,
        page,
        pageSize,
      });
      setResult(r);
      setPaging({ page, pageSize });
    } catch (err) {
      const { fields, form } = callErrors(tk, err);
      setErrors(fields);
      setFormError(form ?? (Object.keys(fields).length ? tk('expenses.noFieldsFilled') : null));
      setResult(null);
    } finally {
      setLoading(false);
    }
  };

  const columns: Column<ExpenseSummary>[] = [
    { key: 'billNo', header: t('field.billNo'), render: (r) => <span style={{ color: '#C8602B', fontWeight: 700 }}>{r.billNo}</span> },
    { key: 'vendor', header: t('field.vendorName'), render: (r) => r.vendorName },
    { key: 'type', header: t('field.typeCode'), render: (r) => t(`type.${r.typeCode}`) },
    { key: 'amount', header: t('field.amountRupees'), align: 'right', render: (r) => <Money paise={r.amountPaise} /> },
    { key: 'billDate', header: t('field.billDate'), render: (r) => <DateText value={r.billDate} /> },
    { key: 'status', header: t('field.status'), render: (r) => <ExpenseStatusChip status={r.status} t={t} /> },
    {
      key: 'action',
      header: '',
      render: (r) =>
        r.status === 'CANCELLED' ? null : (
          <Button size="xs" onClick={() => navigate(`/expenses/${r.id}`)}>
            {t('screen.update')}
          </Button>
        ),
    },
  ];

  const set = (k: keyof Criteria, value: string) => setC({ ...c, [k]: value });
  return (
    <>
      <Group justify="space-between">
        <BackLink to="/" />
        <Button variant="subtle" onClick={() => navigate('/expenses/vendors')}>
          {t('screen.vendorsTitle')}
        </Button>
      </Group>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run(c, 1, paging.pageSize);
        }}
      >
        <PageCard title={t('screen.searchTitle')} subtitle={t('screen.searchHint')}>
          <FormAlert>{formError}</FormAlert>
          <Stack gap="xs" maw={520}>
            <TextInput label={t('field.vendorName')} value={c.vendor} onChange={(e) => set('vendor', e.currentTarget.value)} error={errors['vendor'] && c.vendor ? errors['vendor'] : undefined} maxLength={100} autoFocus />
            <Divider label={t('screen.or')} />
            <Select
              label={t('field.typeCode')}
              data={EXPENSE_TYPES.map((x) => ({ value: x.code, label: t(`type.${x.code}`) }))}
              value={c.typeCode || null}
              onChange={(x) => set('typeCode', x ?? '')}
              clearable
              searchable
            />
            <Divider label={t('screen.or')} />
            <TextInput label={t('field.billNo')} placeholder="EB-…" value={c.billNo} onChange={(e) => set('billNo', e.currentTarget.value)} maxLength={40} />
            <Select
              mt="md"
              label={t('field.status')}
              data={[{ value: '', label: t('screen.anyStatus') }, ...(['UNPAID', 'PAID', 'CANCELLED'] as const).map((s) => ({ value: s, label: t(`statusName.${s}`) }))]}
              value={c.status}
              onChange={(x) => set('status', x ?? '')}
              allowDeselect={false}
            />
          </Stack>
        </PageCard>
        <SubmitBar label={t('screen.search')} loading={loading} />
      </form>
      {result && (
        <PageCard>
          <Group justify="space-between" mb="md">
            <Title order={2} fz={24}>
              {t('screen.results')}
            </Title>
            <span>{t('screen.resultCount', { count: result.total })}</span>
          </Group>
          <DataTable
            columns={columns}
            rows={result.items}
            rowKey={(r) => r.id}
            onRowClick={(r) => navigate(`/expenses/${r.id}`)}
            emptyText={t('screen.noResults')}
            paging={{
              page: paging.page,
              pageSize: paging.pageSize,
              total: result.total,
              onPageChange: (p) => void run(c, p, paging.pageSize),
              onPageSizeChange: (s) => void run(c, 1, s),
            }}
          />
        </PageCard>
      )}
    </>
  );
}
