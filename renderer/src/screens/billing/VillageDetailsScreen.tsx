import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { BackLink, ErrorState, LabelValue, LoadingState, Money } from '../../components';

/** GPWSC details & rate info (SPEC §2.17): the GP's identity and the water-charge rates in force. Any signed-in user. */
export function VillageDetailsScreen() {
  const { t } = useTranslation('billing');
  const navigate = useNavigate();
  const q = useOp('billing.rateInfo', {});
  // Only a GP admin may read (and so edit) the tariff: the button shows when that read succeeds.
  const admin = useOp('billing.tariffs.get', {}, { retry: false });
  if (q.isLoading) return <LoadingState />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const { gpwsc, rates } = q.data;
  const rupees = (p: number) => <Money paise={p} />;
  return (
    <>
      <BackLink />
      <Card padding={32} mb="md">
        <Title order={1} fz={24} mb="md">{t('screen.village.detailsTitle')}</Title>
        <Stack gap={6}>
          <LabelValue label={t('screen.village.tenantId')}>{gpwsc.tenantCode}</LabelValue>
          <LabelValue label={t('screen.village.villageName')}>{gpwsc.villageName}</LabelValue>
          <LabelValue label={t('screen.village.villageCode')}>{gpwsc.villageCode}</LabelValue>
          <LabelValue label={t('screen.village.block')}>{gpwsc.block}</LabelValue>
          <LabelValue label={t('screen.village.district')}>{gpwsc.district}</LabelValue>
          <LabelValue label={t('screen.village.state')}>{gpwsc.state}</LabelValue>
        </Stack>
      </Card>
      <Card padding={32} mb="md">
        <Group justify="space-between" mb="md">
          <Title order={2} fz={20}>{t('screen.village.rateTitle')}</Title>
          {admin.data && <Button onClick={() => navigate('/billing/tariffs')}>{t('screen.village.editRates')}</Button>}
        </Group>
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('screen.village.chargeHead')}</Table.Th>
              <Table.Th>{t('screen.demand.serviceType')}</Table.Th>
              <Table.Th>{t('screen.village.calculation')}</Table.Th>
              <Table.Th>{t('screen.demand.buildingType')}</Table.Th>
              <Table.Th>{t('screen.village.slab')}</Table.Th>
              <Table.Th ta="right">{t('screen.village.rate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rates.map((r) => (
              <Table.Tr key={`${r.propertyType}-${r.connectionType}`}>
                <Table.Td>{t('screen.waterCharges')}</Table.Td>
                <Table.Td>{r.connectionType === 'Metered' ? t('doc.metered') : t('doc.nonMetered')}</Table.Td>
                <Table.Td>{r.connectionType === 'Metered' ? t('screen.village.consumption') : t('screen.village.flat')}</Table.Td>
                <Table.Td>{t(`consumers:masters.propertyTypes.${r.propertyType}`, { defaultValue: r.propertyType })}</Table.Td>
                <Table.Td>
                  {r.connectionType === 'Metered' ? (
                    <Stack gap={0}>
                      <Text fz={14}>{t('screen.village.minimum')}</Text>
                      {r.slabs.map((s) => <Text fz={14} key={s.from}>{s.from}–{s.to >= 1_000_000 ? '∞' : s.to} {t('screen.village.units')}</Text>)}
                    </Stack>
                  ) : t('screen.village.perMonth')}
                </Table.Td>
                <Table.Td ta="right">
                  {r.connectionType === 'Metered' ? (
                    <Stack gap={0} align="flex-end">
                      <Text fz={14}>{rupees(r.minimumChargePaise)}</Text>
                      {r.slabs.map((s) => <Text fz={14} key={s.from}>{rupees(s.ratePaise)} / {t('screen.village.unit')}</Text>)}
                    </Stack>
                  ) : rupees(r.minimumChargePaise)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </>
  );
}
