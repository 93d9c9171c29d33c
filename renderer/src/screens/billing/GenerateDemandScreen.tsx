import { Alert, Anchor, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { asLanguage } from '../../i18n';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkPreview, BulkResult } from '@mgramseva/core/contracts';
import { api } from '../../api/client';
import { useOp, useOpMutation } from '../../api/hooks';
import { BackLink, ConfirmDialog, ErrorState, FieldRow, FormAlert, LoadingState, Money, PageCard, SubmitBar, SuccessPage, notify } from '../../components';
import { cycleLabel, errorText, saveCyclePdf } from './shared';

/**
 * Generate demand — non-metered bulk (SPEC §2.9, UI.md "Bulk demand"): billing year and cycle
 * (completed months only), a confirmation listing the rates and how many connections get a
 * demand / already have one, then the success page with the cycle and the count.
 */
export function GenerateDemandScreen() {
  const { t, i18n } = useTranslation('billing');
  const lang = asLanguage(i18n.language);
  const cycles = useOp('billing.cycles', {});
  const [year, setYear] = useState<string | null>(null);
  const [month, setMonth] = useState<string | null>(null);
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<BulkResult | null>(null);
  const generate = useOpMutation('billing.generateBulkDemand', { invalidates: ['billing.currentBill', 'consumers.get', 'collections.info', 'home.cards'] });

  if (cycles.isLoading) return <LoadingState />;
  if (cycles.error || !cycles.data) return <ErrorState error={cycles.error} onRetry={() => void cycles.refetch()} />;
  const years = cycles.data.years;
  const fy = year ?? years[0]?.financialYear ?? null;
  const months = years.find((y) => y.financialYear === fy)?.months ?? [];
  const m = month && months.includes(month) ? month : null;

  if (done) {
    return (
      <SuccessPage
        title={t('screen.demand.successTitle')}
        idLabel={t('screen.demand.billingCycle')}
        idValue={cycleLabel(lang, done.month)}
        message={t('screen.demand.successMessage', { count: done.generated, already: done.alreadyBilled })}
        actions={<Anchor component="button" c="#C8602B" fw={700} onClick={() => void saveCyclePdf(done.month, lang).catch((e: unknown) => notify.error(errorText(t, e)))}>{t('screen.demand.downloadAll')}</Anchor>}
      />
    );
  }

  const check = async () => {
    setError(null);
    if (!fy || !m) { setError(t('screen.demand.chooseCycle')); return; }
    setChecking(true);
    try {
      setPreview(await api.call('billing.bulkDemandPreview', { financialYear: fy, month: m }));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setChecking(false);
    }
  };
  const confirm = async () => {
    if (!fy || !m) return;
    try {
      setDone(await generate.mutateAsync({ financialYear: fy, month: m }));
    } catch (e) {
      setPreview(null);
      setError(errorText(t, e));
    }
  };
  const allZero = preview ? preview.rates.every((r) => r.monthlyChargePaise <= 0) : false;
  const blocked = !preview || preview.toGenerate === 0 || preview.missingPrevious > 0 || allZero;

  return (
    <>
      <BackLink />
      <PageCard title={t('screen.demand.title')} subtitle={t('screen.demand.subtitle')}>
        <Stack gap="md">
          <FieldRow label={t('screen.demand.serviceCategory')} id="cat"><TextInput id="cat" value={t('screen.waterCharges')} disabled /></FieldRow>
          <FieldRow label={t('screen.demand.serviceType')} id="type"><TextInput id="type" value={t('doc.nonMetered')} disabled /></FieldRow>
          <FieldRow label={t('screen.demand.billingYear')} id="fy" required>
            <Select id="fy" data={years.map((y) => y.financialYear)} value={fy} onChange={(v) => { setYear(v); setMonth(null); }} allowDeselect={false} />
          </FieldRow>
          <FieldRow label={t('screen.demand.billingCycle')} id="cycle" required>
            <Select id="cycle" placeholder={t('screen.demand.chooseCycle')} data={months.map((x) => ({ value: x, label: cycleLabel(lang, x) }))} value={m} onChange={setMonth} />
          </FieldRow>
          {error && <FormAlert>{error}</FormAlert>}
        </Stack>
      </PageCard>
      <SubmitBar label={t('screen.demand.generate')} loading={checking} onClick={() => void check()} />
      <ConfirmDialog
        opened={!!preview}
        title={t('screen.demand.confirmTitle')}
        value={m ? cycleLabel(lang, m) : ''}
        confirmLabel={blocked ? t('screen.close') : t('screen.demand.confirm')}
        loading={generate.isPending}
        onConfirm={() => (blocked ? setPreview(null) : void confirm())}
        onCancel={() => setPreview(null)}
      >
        {preview && (
          <Stack gap="sm">
            <Table withTableBorder>
              <Table.Thead><Table.Tr><Table.Th>{t('screen.demand.buildingType')}</Table.Th><Table.Th ta="right">{t('screen.demand.monthlyCharge')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {preview.rates.map((r) => (
                  <Table.Tr key={r.propertyType}><Table.Td>{t(`consumers:masters.propertyTypes.${r.propertyType}`, { defaultValue: r.propertyType })}</Table.Td><Table.Td ta="right"><Money paise={r.monthlyChargePaise} /></Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text>{t('screen.demand.counts', { count: preview.toGenerate, already: preview.alreadyBilled, inactive: preview.inactive })}</Text>
            {preview.toGenerate > 0 && <Text fw={700}>{t('screen.demand.total')}: <Money paise={preview.totalPaise} /></Text>}
            {preview.noRate > 0 && <Text c="#505A5F">{t('screen.demand.noRate', { count: preview.noRate })}</Text>}
            {allZero && <Alert color="orange">{t('screen.demand.allZero')}</Alert>}
            {preview.missingPrevious > 0 && <Alert color="red">{t('screen.demand.missingPrevious', { count: preview.missingPrevious })}</Alert>}
            {preview.toGenerate === 0 && preview.missingPrevious === 0 && <Alert color="orange">{t('screen.demand.nothing')}</Alert>}
          </Stack>
        )}
      </ConfirmDialog>
    </>
  );
}
