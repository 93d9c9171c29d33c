import { Anchor, Group, PinInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { asLanguage } from '../../i18n';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { MeteredInfo, MeteredResult } from '@mgramseva/core/contracts';
import { useOp, useOpMutation } from '../../api/hooks';
import { BackLink, DateField, DateText, ErrorState, FieldRow, FormAlert, LoadingState, Money, PageCard, SubmitBar, SuccessPage, notify } from '../../components';
import { errorText, fieldErrors, saveBillPdf } from './shared';

/**
 * Generate bill — metered (SPEC §2.8, UI.md "Generate bill, metered"): the previous reading and
 * date, the new reading as five single-digit boxes, the reading date (not in the future) and the
 * meter status; then the success page with the bill number, Download bill and Collect payment.
 */
export function MeteredBillScreen() {
  const { connectionId = '' } = useParams();
  const q = useOp('billing.meteredInfo', { connectionId });
  if (q.isLoading) return <LoadingState />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <MeteredBill info={q.data} />;
}

function MeteredBill({ info }: { info: MeteredInfo }) {
  const { t, i18n } = useTranslation('billing');
  const navigate = useNavigate();
  const lang = asLanguage(i18n.language);
  const [digits, setDigits] = useState('');
  const [date, setDate] = useState(info.today);
  const [status, setStatus] = useState<string>('Working');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<MeteredResult | null>(null);
  const save = useOpMutation('billing.generateMeteredBill', { invalidates: ['billing.currentBill', 'billing.meteredInfo', 'consumers.get', 'collections.info'] });
  const needsReading = status === 'Working' || status === 'Replaced' || status === 'Reset';

  if (done) {
    return (
      <SuccessPage
        title={t('screen.metered.successTitle')}
        idLabel={t('doc.billNo')}
        idValue={done.billNo}
        message={<>{t('screen.metered.successMessage', { units: done.consumption })} <b><Money paise={done.totalPaise} /></b></>}
        actions={
          <>
            <Anchor component="button" c="#C8602B" fw={700} onClick={() => void saveBillPdf({ demandId: done.demandId }, lang).catch((e: unknown) => notify.error(errorText(t, e)))}>{t('screen.downloadBill')}</Anchor>
            <Anchor component="button" c="#C8602B" fw={700} onClick={() => navigate(`/collections/${info.connectionId}/collect`)}>{t('screen.collectPayment')}</Anchor>
          </>
        }
      />
    );
  }

  const submit = async () => {
    setErrors({});
    setFormError(null);
    if (needsReading && !/^\d{5}$/.test(digits)) { setErrors({ reading: t('readingInvalid') }); return; }
    try {
      setDone(await save.mutateAsync({ connectionId: info.connectionId, reading: needsReading ? Number(digits) : info.previousReading, readingDate: date, meterStatus: status as MeteredInfo['statuses'][number] }));
    } catch (e) {
      const f = fieldErrors(e);
      setErrors(f);
      if (!Object.keys(f).length || !(f['reading'] || f['readingDate'])) setFormError(errorText(t, e));
    }
  };

  return (
    <>
      <BackLink />
      <PageCard title={t('screen.metered.title')} subtitle={info.connectionNo}>
        <Stack gap="md">
          <FieldRow label={t('screen.demand.serviceCategory')} id="cat"><TextInput id="cat" value={t('screen.waterCharges')} disabled /></FieldRow>
          <FieldRow label={t('screen.demand.serviceType')} id="type"><TextInput id="type" value={t('doc.metered')} disabled /></FieldRow>
          <FieldRow label={t('screen.metered.propertyType')} id="pt"><TextInput id="pt" value={t(`consumers:masters.propertyTypes.${info.propertyType}`, { defaultValue: info.propertyType })} disabled /></FieldRow>
          <FieldRow label={t('doc.meterNumber')} id="meter"><TextInput id="meter" value={info.meterNumber ?? ''} disabled /></FieldRow>
          <FieldRow label={t('doc.previousReading')} id="prev">
            <Group gap="md">
              <PinInput length={5} value={String(info.previousReading).padStart(5, '0')} readOnly disabled aria-label={t('doc.previousReading')} />
              <Text c="#505A5F"><DateText value={info.previousReadingDate} /> · {t('screen.daysAgo', { count: info.daysSince })}</Text>
            </Group>
          </FieldRow>
          <FieldRow label={t('screen.metered.status')} id="status" required>
            <Select id="status" data={info.statuses.map((s) => ({ value: s, label: t(`screen.metered.statuses.${s}`) }))} value={status} onChange={(v) => setStatus(v ?? 'Working')} allowDeselect={false} />
          </FieldRow>
          {needsReading && (
            <FieldRow label={t('screen.metered.newReading')} id="reading" required>
              <Stack gap={4} data-testid="new-reading">
                <PinInput length={5} type="number" value={digits} onChange={setDigits} error={!!errors['reading']} aria-label={t('screen.metered.newReading')} oneTimeCode={false} />
                {errors['reading'] && <Text c="red" fz={14}>{errors['reading']}</Text>}
              </Stack>
            </FieldRow>
          )}
          <FieldRow label={t('screen.metered.readingDate')} id="date" required>
            <DateField id="date" value={date} max={info.today} min={info.previousReadingDate} onChange={setDate} error={errors['readingDate']} />
          </FieldRow>
          <Text c="#505A5F" fz={14}>{t(`screen.metered.rules.${status}`)}</Text>
          {formError && <FormAlert>{formError}</FormAlert>}
        </Stack>
      </PageCard>
      <SubmitBar label={t('screen.metered.submit')} loading={save.isPending} onClick={() => void submit()} />
    </>
  );
}
