import { Badge, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { ConsumerDetail } from '@mgramseva/core/contracts';
import { useOp } from '../../api/hooks';
import { BackLink, DataTable, DateText, ErrorState, formatPaise, LoadingState, Money, type Column } from '../../components';
import { addressOf, cycleLabel, masterLabel } from './labels';
import { ReceiptsCard } from '../collections/ReceiptsCard';
import { BillingCards } from '../billing/BillingCards';

/**
 * Household (consumer) detail (SPEC §2.6): the connection card, the opening balance, and the
 * audit history of every change. The bill, receipt and "generate new bill" cards of the
 * billing and collections domains go in the slot marked below.
 */
export function HouseholdScreen() {
  const { connectionId = '' } = useParams();
  const q = useOp('consumers.get', { connectionId });
  if (q.isLoading) return <LoadingState />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <Household d={q.data} />;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Grid gap="xs">
      <Grid.Col span={5}>
        <Text fz={16} fw={700} c="#0B0C0C">{label}</Text>
      </Grid.Col>
      <Grid.Col span={7}>
        <Text fz={16}>{children || '—'}</Text>
      </Grid.Col>
    </Grid>
  );
}

function Household({ d }: { d: ConsumerDetail }) {
  const { t, i18n } = useTranslation('consumers');
  const navigate = useNavigate();
  const [more, setMore] = useState(false);
  // Opening arrears/advance; bills and advance left by payments have their own cards.
  const openingDemands = d.demands.filter((x) => x.opening);
  const shown = (field: string, value: unknown) =>
    value === null || value === undefined ? '—' : field.endsWith('Paise') && typeof value === 'number' ? formatPaise(value) : String(value);
  const auditColumns: Column<ConsumerDetail['audit'][number]>[] = [
    { key: 'at', header: t('screen.detail.when'), render: (a) => <DateText value={a.at} withTime /> },
    { key: 'who', header: t('screen.detail.who'), render: (a) => a.userName ?? '—' },
    { key: 'what', header: t('screen.detail.what'), render: (a) => t(`screen.detail.actions.${a.action}`, { defaultValue: a.action }) },
    {
      key: 'changes',
      header: t('screen.detail.changes'),
      render: (a) =>
        a.action === 'create' || a.action === 'import' || a.action === 'demo' ? (
          t('screen.detail.created')
        ) : (
          <Stack gap={2}>
            {Object.entries(a.changes).map(([field, change]) => (
              <Text key={field} fz={14}>
                <b>{t(`fields.${field}`, { defaultValue: field })}</b>: {Array.isArray(change) ? `${shown(field, change[0])} → ${shown(field, change[1])}` : shown(field, change)}
              </Text>
            ))}
          </Stack>
        ),
    },
  ];
  return (
    <>
      <BackLink />
      <Card padding={32} mb="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fz={14} c="#505A5F">{t('fields.connectionNo')}</Text>
            <Title order={1} fz={24} fw={700}>{d.connectionNo}</Title>
          </div>
          <Group>
            <Badge size="lg" color={d.status === 'Active' ? '#00703C' : 'gray'}>{t(`masters.status.${d.status}`)}</Badge>
            <Button onClick={() => navigate(`/consumers/${d.connectionId}/edit`)}>{t('screen.detail.edit')}</Button>
          </Group>
        </Group>
        <Stack gap={6} mt="lg">
          <Row label={t('fields.name')}>{d.name}</Row>
          <Row label={t('fields.fatherName')}>{d.fatherName}</Row>
          <Row label={t('fields.mobile')}>+91 {d.mobile}</Row>
          <Row label={t('fields.oldConnectionId')}>{d.oldConnectionId}</Row>
          <Row label={t('screen.search.address')}>{addressOf(d)}</Row>
          <Row label={t('fields.propertyType')}>{masterLabel(t, 'propertyTypes', { code: d.propertyType })}</Row>
          <Row label={t('fields.serviceType')}>{t(`masters.serviceTypes.${d.serviceType}`)}</Row>
          {d.serviceType === 'Metered' && <Row label={t('fields.meterNumber')}>{d.meterNumber}</Row>}
          {more && (
            <>
              <Row label={t('fields.gender')}>{masterLabel(t, 'genders', { code: d.gender })}</Row>
              <Row label={t('fields.category')}>{d.category && masterLabel(t, 'categories', { code: d.category })}</Row>
              <Row label={t('fields.subCategory')}>{d.subCategory && masterLabel(t, 'subCategories', { code: d.subCategory })}</Row>
              <Row label={t('fields.gramPanchayat')}>{d.gramPanchayat}</Row>
              {d.serviceType === 'Metered' ? (
                <>
                  <Row label={t('fields.previousReadingDate')}><DateText value={d.previousReadingDate} /></Row>
                  <Row label={t('fields.previousReading')}>{String(d.previousReading ?? 0).padStart(5, '0')}</Row>
                </>
              ) : (
                <Row label={t('fields.lastBilledCycle')}>{d.lastBilledCycle && cycleLabel(i18n.language, d.lastBilledCycle)}</Row>
              )}
              {d.previousMobiles.length > 0 && <Row label={t('screen.detail.previousMobiles')}>{d.previousMobiles.map((m) => `+91 ${m}`).join(', ')}</Row>}
              {d.statusRemarks && <Row label={t('fields.remarks')}>{d.statusRemarks}</Row>}
            </>
          )}
        </Stack>
        <Button variant="subtle" color="#C8602B" px={0} mt="sm" onClick={() => setMore(!more)}>
          {more ? t('screen.detail.showLess') : t('screen.detail.showMore')}
        </Button>
      </Card>

      {/* Billing and collections cards (generate new bill, latest bill, receipts) go here. */}
      <BillingCards connectionId={d.connectionId} serviceType={d.serviceType} active={d.status === 'Active'} />
      <ReceiptsCard connectionId={d.connectionId} />

      {openingDemands.length > 0 && (
        <Card padding={32} mb="md">
          <Title order={2} fz={20} mb="md">{t('screen.detail.openingBalance')}</Title>
          <Stack gap="xs">
            {openingDemands.map((x) => (
              <Group key={x.id} justify="space-between" opacity={x.cancelled ? 0.5 : 1}>
                <Text>
                  {t(`screen.detail.demandTypes.${x.consumerType}`)} · <DateText value={x.periodFrom} /> – <DateText value={x.periodTo} />
                  {x.cancelled && ` (${t('screen.detail.cancelled')})`}
                </Text>
                <Money paise={x.lines.reduce((s, l) => s + l.amountPaise, 0)} />
              </Group>
            ))}
          </Stack>
        </Card>
      )}

      <Card padding={32} mb="md">
        <Title order={2} fz={20} mb="md">{t('screen.detail.history')}</Title>
        <DataTable columns={auditColumns} rows={d.audit} rowKey={(a) => `${a.at}-${a.action}`} />
      </Card>
    </>
  );
}
