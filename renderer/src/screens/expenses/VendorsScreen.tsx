import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useOp, useOpMutation } from '../../api/hooks';
import { BackLink, DataTable, ErrorState, FormAlert, MobileInput, Money, notify, PageCard, SearchBox, type Column } from '../../components';
import type { VendorInfo } from '@mgramseva/core/contracts';
import { callErrors, useExpenseT } from './common';

/** The vendor registry: list with bill counts, edit a vendor's mobile, open its bills. */
export function VendorsScreen() {
  const { t, tk } = useExpenseT();
  const navigate = useNavigate();
  const [fragment, setFragment] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useOp('vendors.list', { fragment: fragment || undefined, ...paging });
  const [editing, setEditing] = useState<VendorInfo | null>(null);
  const [mobile, setMobile] = useState('');
  const [error, setError] = useState<string | null>(null);
  const update = useOpMutation('vendors.update', { invalidates: ['vendors.list', 'vendors.suggest'] });

  const columns: Column<VendorInfo>[] = [
    { key: 'name', header: t('field.vendorName'), render: (r) => r.name },
    { key: 'mobile', header: t('field.vendorMobile'), render: (r) => `+91 ${r.mobile}` },
    { key: 'bills', header: t('screen.billCount'), align: 'right', render: (r) => r.billCount },
    { key: 'unpaid', header: t('screen.unpaidCount'), align: 'right', render: (r) => r.unpaidCount },
    { key: 'total', header: t('screen.total'), align: 'right', render: (r) => <Money paise={r.totalPaise} /> },
    {
      key: 'actions', header: '', render: (r) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="outline" onClick={() => { setEditing(r); setMobile(r.mobile); setError(null); }}>{t('screen.editMobile')}</Button>
          <Button size="xs" onClick={() => navigate(`/expenses/search?vendorId=${r.id}`)}>{t('screen.vendorBills')}</Button>
        </Group>
      ),
    },
  ];
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <BackLink to="/" />
      <PageCard title={t('screen.vendorsTitle')}>
        <Stack gap="md">
          <SearchBox value={fragment} onChange={(x: string) => { setFragment(x); setPaging({ ...paging, page: 1 }); }} placeholder={t('field.vendorName')} />
          <DataTable
            columns={columns}
            rows={list.data?.items ?? []}
            rowKey={(r) => r.id}
            loading={list.isLoading}
            emptyText={t('screen.noResults')}
            paging={{ ...paging, total: list.data?.total ?? 0, onPageChange: (page) => setPaging({ ...paging, page }), onPageSizeChange: (pageSize) => setPaging({ page: 1, pageSize }) }}
          />
        </Stack>
      </PageCard>
      <Modal opened={Boolean(editing)} onClose={() => setEditing(null)} title={editing?.name}>
        <FormAlert>{error}</FormAlert>
        <MobileInput label={t('field.vendorMobile')} value={mobile} onChange={(e) => setMobile(e.currentTarget.value)} data-autofocus />
        <Group justify="flex-end" mt="md">
          <Button
            loading={update.isPending}
            onClick={() =>
              update.mutate({ id: editing!.id, mobile }, {
                onSuccess: () => { notify.success(t('screen.save')); setEditing(null); },
                onError: (err) => { const { fields, form } = callErrors(tk, err); setError(form ?? Object.values(fields)[0] ?? null); },
              })
            }
          >
            {t('screen.save')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}


