import { Anchor, Button, Card, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { asLanguage } from '../../i18n';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useOp, useOpMutation } from '../../api/hooks';
import { DateText, DetailBox, LabelValue, Money, formatDate, formatPaise, notify } from '../../components';
import { errorText, fieldErrors, saveBillPdf } from './shared';

/**
 * The household detail's billing cards (SPEC §2.6): for a metered connection the "Generate new
 * bill" card, then the latest-bill card. Include with one line:
 * `<BillingCards connectionId={d.connectionId} serviceType={d.serviceType} active={d.status === 'Active'} />`.
 */
export function BillingCards({ connectionId, serviceType, active = true }: { connectionId: string; serviceType: 'Metered' | 'Non_Metered'; active?: boolean }) {
  return (
    <>
      {serviceType === 'Metered' && active && <GenerateNewBillCard connectionId={connectionId} />}
      <LatestBillCard connectionId={connectionId} />
    </>
  );
}

function GenerateNewBillCard({ connectionId }: { connectionId: string }) {
  const { t } = useTranslation('billing');
  const navigate = useNavigate();
  const info = useOp('billing.meteredInfo', { connectionId });
  const bill = useOp('billing.currentBill', { connectionId });
  if (!info.data) return null;
  const i = info.data;
  // The billing period's rule is core's (billing-period.ts); here only: is core's `today` before it?
  const notYet = i.nextBillFrom && i.today < i.nextBillFrom ? t(`screen.card.notYet.${i.billingPeriod}`, { date: formatDate(i.nextBillFrom) }) : null;
  return (
    <Card padding={32} mb="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={2} fz={20}>{t('screen.card.generateTitle')}</Title>
          <LabelValue label={t('screen.card.lastReadingDate')}><DateText value={i.previousReadingDate} /> ({i.daysSince === 0 ? t('screen.today') : t('screen.daysAgo', { count: i.daysSince })})</LabelValue>
          <LabelValue label={t('doc.previousReading')}>{String(i.previousReading).padStart(5, '0')}</LabelValue>
          {bill.data && <LabelValue label={t('screen.card.pending')}><Money paise={bill.data.netDuePaise} /></LabelValue>}
          {i.nextBillFrom && (
            <LabelValue label={t('screen.card.nextBillFrom')}><DateText value={i.nextBillFrom} /> ({t(`screen.card.period.${i.billingPeriod}`)})</LabelValue>
          )}
        </Stack>
        <Stack gap={6} align="flex-end" maw={300}>
          <Button disabled={!!notYet} aria-describedby={notYet ? 'metered-not-yet' : undefined} onClick={() => navigate(`/billing/${connectionId}/metered-bill`)}>
            {t('screen.card.generate')}
          </Button>
          {/* Shown, not a hover tooltip: a disabled button gets no pointer events, and clerks on touch screens never hover. */}
          {notYet && <Text id="metered-not-yet" size="sm" c="#505A5F" ta="right">{notYet}</Text>}
        </Stack>
      </Group>
    </Card>
  );
}

function LatestBillCard({ connectionId }: { connectionId: string }) {
  const { t, i18n } = useTranslation('billing');
  const lang = asLanguage(i18n.language);
  const q = useOp('billing.currentBill', { connectionId });
  // Only a GP admin may read the tariff, and only a GP admin may reverse a bill (Part A.5).
  const admin = useOp('billing.tariffs.get', {}, { retry: false });
  const [reversing, setReversing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const reverse = useOpMutation('billing.reverseDemand', { invalidates: ['billing.currentBill', 'billing.meteredInfo', 'consumers.get', 'collections.info'] });
  const b = q.data;
  if (!b || !b.hasBill) return null;
  const confirmReverse = async () => {
    try {
      await reverse.mutateAsync({ demandId: b.demandId!, reason });
      notify.success(t('screen.card.reversed'));
      setReversing(false);
    } catch (e) {
      const f = fieldErrors(e);
      if (f['reason']) setReasonError(f['reason']);
      else notify.error(errorText(t, e));
    }
  };
  return (
    <Card padding={32} mb="md">
      <Group justify="space-between" mb="md">
        <Title order={2} fz={20}>{t('screen.card.latestTitle')}</Title>
        <Group gap="lg">
          <Anchor component="button" c="#C8602B" fw={700} onClick={() => void saveBillPdf({ connectionId }, lang).catch((e: unknown) => notify.error(errorText(t, e)))}>{t('screen.downloadBill')}</Anchor>
          <Anchor
            component="button"
            c="#C8602B"
            onClick={() =>
              void navigator.clipboard
                .writeText(t('screen.card.shareText', { connectionNo: b.connectionNo, date: (b.billDate ?? '').split('-').reverse().join('/'), amount: formatPaise(b.netDuePaise) }))
                .then(() => notify.success(t('screen.card.copied')))
                .catch(() => notify.error(t('screen.card.copyFailed')))
            }
          >
            {t('screen.card.copyMessage')}
          </Anchor>
          {admin.data && <Anchor component="button" c="red" onClick={() => { setReversing(true); setReason(''); setReasonError(undefined); }}>{t('screen.card.reverse')}</Anchor>}
        </Group>
      </Group>
      <Modal opened={reversing} onClose={() => setReversing(false)} title={<Text fw={700}>{t('screen.card.reverseTitle', { billNo: b.billNo })}</Text>}>
        <Text mb="sm">{t('screen.card.reverseHelp')}</Text>
        <TextInput label={t('screen.card.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} data-autofocus />
        <Group justify="space-between" mt="lg">
          <Button color="gray.6" onClick={() => setReversing(false)}>{t('app:common.cancel')}</Button>
          <Button color="red" loading={reverse.isPending} onClick={() => void confirmReverse()}>{t('screen.card.reverse')}</Button>
        </Group>
      </Modal>
      <Stack gap={4} mb="sm">
        <LabelValue label={t('doc.billNo')}>{b.billNo}</LabelValue>
        <LabelValue label={t('doc.billPeriodMetered')}><DateText value={b.periodFrom} /> – <DateText value={b.periodTo} /></LabelValue>
        <LabelValue label={t('doc.issueDate')}><DateText value={b.billDate} /></LabelValue>
      </Stack>
      <DetailBox>
        <Stack gap={6}>
          <Group justify="space-between"><Text>{t('doc.currentCharge')}</Text><Money paise={b.currentChargePaise} /></Group>
          {b.currentChargePaise !== b.currentOutstandingPaise && <Group justify="space-between"><Text>{t('doc.paidAgainstCurrent')}</Text><Money paise={b.currentOutstandingPaise - b.currentChargePaise} /></Group>}
          {b.arrears.map((a) => (
            <Group key={a.demandId} justify="space-between"><Text>{t('screen.card.arrears')} <DateText value={a.periodFrom} /> – <DateText value={a.periodTo} /></Text><Money paise={a.outstandingPaise} /></Group>
          ))}
          {b.penaltyPaise !== 0 && <Group justify="space-between"><Text>{t('doc.penalty')}</Text><Money paise={b.penaltyPaise} /></Group>}
          {b.advanceAdjustedPaise > 0 && <Group justify="space-between"><Text>{t('doc.advanceAdjusted')}</Text><Money paise={-b.advanceAdjustedPaise} /></Group>}
          {b.advanceRemainingPaise > 0 && <Group justify="space-between"><Text>{t('screen.card.advanceAvailable')}</Text><Money paise={b.advanceRemainingPaise} /></Group>}
          <Group justify="space-between"><Text fw={700}>{t('screen.card.netDue')}</Text><Text fw={700}><Money paise={b.netDuePaise} /></Text></Group>
        </Stack>
      </DetailBox>
      {b.penaltyIfLatePaise > 0 && b.penaltyApplicableAfter && (
        <Text mt="sm" c="#D4351C">{t('screen.card.penaltyHint', { date: b.penaltyApplicableAfter.split('-').reverse().join('/') })} <b><Money paise={b.netDueWithPenaltyPaise} /></b></Text>
      )}
    </Card>
  );
}
