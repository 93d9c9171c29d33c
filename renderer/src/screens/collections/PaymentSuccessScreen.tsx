import { Anchor, Button, Card, Group, Rating, Stack, Text, Title, Tooltip } from '@mantine/core';
import { asLanguage } from '../../i18n';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { ReceiptModel } from '@mgramseva/core/contracts';
import { api } from '../../api/client';
import { useOp } from '../../api/hooks';
import { ErrorState, LoadingState, SuccessPage, formatPaise, notify } from '../../components';
import { errorText, printReceipt, saveReceiptPdf } from './shared';
import { useBluetoothPrint } from '../printing/print';

/**
 * Payment success (UI.md "Payment success", SPEC §2.10, Part A.6): receipt number and amount,
 * Print (P) / Print (Bluetooth) (B) / Save PDF / New collection (N), Esc home; the three feedback
 * questions right there.
 */
export function PaymentSuccessScreen() {
  const { paymentId = '' } = useParams();
  const q = useOp('collections.receipt', { paymentId });
  if (q.isLoading) return <LoadingState />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <Success r={q.data} />;
}

function Success({ r }: { r: ReceiptModel }) {
  const { t, i18n } = useTranslation('collections');
  const navigate = useNavigate();
  const lang = asLanguage(i18n.language);
  const print = () => printReceipt(r.paymentId, lang).catch((e: unknown) => notify.error(errorText(t, e)));
  const save = () => saveReceiptPdf(r.paymentId, lang).catch((e: unknown) => notify.error(errorText(t, e)));
  const newCollection = () => navigate('/consumers/search?mode=collect');
  const bluetooth = useBluetoothPrint();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA'].includes(target.tagName)) return;
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      if (bluetooth.choosing) return; // the printer dialog has the keyboard
      if (e.key === 'b' || e.key === 'B') { e.preventDefault(); void bluetooth.print(r.paymentId); }
      else if (e.key === 'p' || e.key === 'P') { e.preventDefault(); void print(); }
      else if (e.key === 'n' || e.key === 'N') { e.preventDefault(); newCollection(); }
      else if (e.key === 'Escape') navigate('/');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <>
      <SuccessPage
        title={t('screen.successTitle')}
        idLabel={t('screen.receiptId')}
        idValue={r.receiptNo}
        message={
          <>
            {t('screen.successMessage', { amount: formatPaise(r.amountPaise) })}{' '}
            <b>{r.advancePaise > 0 ? t('screen.advanceAfter', { amount: formatPaise(r.advancePaise) }) : t('screen.pendingAfter', { amount: formatPaise(r.pendingPaise) })}</b>
          </>
        }
        actions={
          <>
            <Anchor component="button" c="#C8602B" fw={700} onClick={() => void print()}>{t('screen.print')}</Anchor>
            <Tooltip label={t('screen.shortcut', { ns: 'printing', key: 'B' })}>
              <Anchor component="button" c="#C8602B" fw={700} disabled={bluetooth.busy} onClick={() => void bluetooth.print(r.paymentId)}>{t('screen.printBluetoothKey', { ns: 'printing' })}</Anchor>
            </Tooltip>
            <Anchor component="button" c="#C8602B" fw={700} onClick={() => void printReceipt(r.paymentId, lang, 'receipt80').catch((e: unknown) => notify.error(errorText(t, e)))}>{t('screen.print80')}</Anchor>
            <Anchor component="button" c="#C8602B" fw={700} onClick={() => void save()}>{t('screen.savePdf')}</Anchor>
            <Anchor component="button" c="#C8602B" fw={700} onClick={newCollection}>{t('screen.newCollection')}</Anchor>
            <Anchor component="button" c="#C8602B" fw={700} onClick={() => navigate('/collections/register')}>{t('screen.openRegister')}</Anchor>
          </>
        }
      />
      <Feedback paymentId={r.paymentId} />
      {bluetooth.chooser}
    </>
  );
}

function Feedback({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation('collections');
  const [v, setV] = useState({ happyWithSupply: 0, supplyRegular: 0, qualityGood: 0 });
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const questions = [
    ['happyWithSupply', 'screen.q_happy'],
    ['supplyRegular', 'screen.q_regular'],
    ['qualityGood', 'screen.q_quality'],
  ] as const;
  const submit = async () => {
    setBusy(true);
    try {
      await api.call('collections.feedback', { paymentId, ...v });
      setSaved(true);
      notify.success(t('screen.feedbackSaved'));
    } catch (e) {
      notify.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card padding={32} mt="md">
      <Title order={2} fz={20} mb="md">{t('screen.feedbackTitle')}</Title>
      {saved ? (
        <Text>{t('screen.feedbackSaved')}</Text>
      ) : (
        <Stack gap="md">
          {questions.map(([key, label]) => (
            <Group key={key} justify="space-between">
              <Text fz={16}>{t(label)}</Text>
              <Rating size="lg" value={v[key]} onChange={(n) => setV({ ...v, [key]: n })} aria-label={t(label)} />
            </Group>
          ))}
          <Group justify="flex-end">
            <Button onClick={() => void submit()} loading={busy} disabled={Object.values(v).some((x) => x < 1)}>{t('screen.sendFeedback')}</Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
