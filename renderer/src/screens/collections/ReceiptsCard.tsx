import { Anchor, Badge, Button, Card, Group, Modal, Text, TextInput, Title } from '@mantine/core';
import { asLanguage } from '../../i18n';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { COLLECTORS, RECEIPT_CANCELLERS, type ReceiptRow } from '@mgramseva/core/contracts';
import { useSession } from '../../session/session';
import { useOp, useOpMutation } from '../../api/hooks';
import { DataTable, DateText, Money, notify, type Column } from '../../components';
import { errorText, printReceipt, saveReceiptPdf } from './shared';
import { useBluetoothPrint } from '../printing/print';

/**
 * The receipts block of the household detail (SPEC §2.6): newest first, with download, print
 * and — for GP admin, Sarpanch, Secretary — cancel with a reason (Part A.5); and the Collect
 * payment button. Include it with one line: `<ReceiptsCard connectionId={d.connectionId} />`.
 */
export function ReceiptsCard({ connectionId, canCollect = true }: { connectionId: string; canCollect?: boolean }) {
  const { t, i18n } = useTranslation('collections');
  const navigate = useNavigate();
  const lang = asLanguage(i18n.language);
  const q = useOp('collections.receipts', { connectionId });
  const roles = useSession().data?.roles ?? [];
  const mayCancel = roles.some((r) => (RECEIPT_CANCELLERS as readonly string[]).includes(r));
  const mayCollect = canCollect && roles.some((r) => (COLLECTORS as readonly string[]).includes(r));
  const mayPrint = roles.some((r) => (COLLECTORS as readonly string[]).includes(r));
  const bluetooth = useBluetoothPrint();
  const [cancelling, setCancelling] = useState<ReceiptRow | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const cancel = useOpMutation('collections.cancelReceipt', { invalidates: ['collections.receipts', 'collections.info', 'consumers.get'] });

  const columns: Column<ReceiptRow>[] = [
    { key: 'no', header: t('screen.receiptNo'), render: (r) => <>{r.receiptNo} {r.cancelled && <Badge color="red" ml={6}>{t('screen.cancelled')}</Badge>}</> },
    { key: 'amount', header: t('screen.amountPaid'), align: 'right', render: (r) => <Money paise={r.amountPaise} /> },
    { key: 'date', header: t('screen.paidOn'), render: (r) => <DateText value={r.paidOn} /> },
    { key: 'mode', header: t('screen.mode'), render: (r) => t(`modes.${r.mode}`) },
    {
      key: 'actions',
      header: '',
      render: (r) => (
        <Group gap="md" wrap="nowrap">
          <Anchor component="button" c="#C8602B" onClick={() => void saveReceiptPdf(r.paymentId, lang).catch((e: unknown) => notify.error(errorText(t, e)))}>{t('screen.download')}</Anchor>
          <Anchor component="button" c="#C8602B" onClick={() => void printReceipt(r.paymentId, lang).catch((e: unknown) => notify.error(errorText(t, e)))}>{t('screen.printPlain')}</Anchor>
          {mayPrint && (
            <Anchor component="button" c="#C8602B" disabled={bluetooth.busy} onClick={() => void bluetooth.print(r.paymentId)}>{t('screen.printBluetooth', { ns: 'printing' })}</Anchor>
          )}
          {!r.cancelled && mayCancel && (
            <Anchor component="button" c="red" onClick={() => { setCancelling(r); setReason(''); setReasonError(undefined); }}>{t('screen.cancel')}</Anchor>
          )}
        </Group>
      ),
    },
  ];

  const confirmCancel = async () => {
    if (!cancelling) return;
    if (!reason.trim()) { setReasonError(t('validation.reasonRequired')); return; }
    try {
      await cancel.mutateAsync({ paymentId: cancelling.paymentId, reason });
      notify.success(t('screen.cancelDone'));
      setCancelling(null);
    } catch (e) {
      notify.error(errorText(t, e));
    }
  };

  return (
    <Card padding={32} mb="md">
      <Group justify="space-between" mb="md">
        <Title order={2} fz={20}>{t('screen.receiptsTitle')}</Title>
        {mayCollect && <Button onClick={() => navigate(`/collections/${connectionId}/collect`)}>{t('screen.collect')}</Button>}
      </Group>
      {q.data && q.data.length === 0 ? <Text c="#505A5F">{t('screen.noReceipts')}</Text> : <DataTable columns={columns} rows={q.data ?? []} rowKey={(r) => r.paymentId} loading={q.isLoading} />}
      <Modal opened={!!cancelling} onClose={() => setCancelling(null)} title={<Text fw={700}>{t('screen.cancelTitle', { receiptNo: cancelling?.receiptNo ?? '' })}</Text>}>
        {cancelling && <Text fz={20} fw={700} mb="sm"><Money paise={cancelling.amountPaise} /></Text>}
        <TextInput label={t('screen.cancelReason')} required value={reason} maxLength={200} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} data-autofocus />
        <Group justify="space-between" mt="lg">
          <Button color="gray.6" onClick={() => setCancelling(null)}>{t('common.cancel', { ns: 'app' })}</Button>
          <Button color="red" loading={cancel.isPending} onClick={() => void confirmCancel()}>{t('screen.cancelConfirm')}</Button>
        </Group>
      </Modal>
      {bluetooth.chooser}
    </Card>
  );
}
