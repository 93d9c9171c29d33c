import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { BackLink, DateField, DateText, ErrorState, LoadingState, Money, PageCard, formatPaise } from '../../components';

const todayIst = () => new Date(Date.now() + 5.5 * 3_600_000).toISOString().slice(0, 10);

/**
 * The collection register (issue 5): for a day or a range, by collector, with totals by mode —
 * what the clerk hands over with the cash. Cancelled receipts are listed, struck through, and
 * not counted.
 */
export function CollectionRegisterScreen() {
  const { t } = useTranslation('collections');
  const [range, setRange] = useState({ from: todayIst(), to: todayIst() });
  const [draft, setDraft] = useState(range);
  const q = useOp('collections.register', range);
  return (
    <>
      <BackLink />
      <PageCard title={t('screen.registerTitle')}>
        <Group align="flex-end">
          <DateField id="register-from" label={t('screen.from')} value={draft.from} onChange={(from) => setDraft({ ...draft, from })} w={180} />
          <DateField id="register-to" label={t('screen.to')} value={draft.to} onChange={(to) => setDraft({ ...draft, to })} w={180} />
          <Button onClick={() => setRange(draft)}>{t('screen.show')}</Button>
          <Button variant="outline" onClick={() => window.print()}>{t('screen.printRegister')}</Button>
        </Group>
      </PageCard>
      {q.isLoading && <LoadingState />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (
        <>
          <Card padding={32} mb="md">
            <Group justify="space-between">
              <Title order={2} fz={20}>{t('screen.grandTotal')}</Title>
              <Text fz={24} fw={700} data-testid="register-total"><Money paise={q.data.totalPaise} /></Text>
            </Group>
            <Text c="#505A5F">
              {t('screen.count')}: {q.data.count} · {Object.entries(q.data.totalsByMode).map(([m, p]) => `${t(`modes.${m}`)} ${formatPaise(p)}`).join(' · ')}
            </Text>
          </Card>
          {q.data.collectors.map((c) => (
            <Card key={c.collectorId} padding={32} mb="md">
              <Group justify="space-between" mb="sm">
                <Title order={3} fz={18}>{t('screen.collector')}: {c.collectorName}</Title>
                <Text fw={700}><Money paise={c.totalPaise} /></Text>
              </Group>
              <Stack gap={4} mb="sm">
                <Text fz={14}>{t('screen.byMode')}: {Object.entries(c.totalsByMode).map(([m, p]) => `${t(`modes.${m}`)} ${formatPaise(p)}`).join(' · ') || '—'}</Text>
                {c.cancelledCount > 0 && <Text fz={14} c="red">{t('screen.cancelledCount', { count: c.cancelledCount, amount: formatPaise(c.cancelledPaise) })}</Text>}
              </Stack>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('screen.paidOn')}</Table.Th><Table.Th>{t('screen.receiptNo')}</Table.Th><Table.Th>{t('screen.consumer')}</Table.Th>
                    <Table.Th>{t('screen.mode')}</Table.Th><Table.Th ta="right">{t('screen.amountPaid')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.rows.map((r) => (
                    <Table.Tr key={r.paymentId} style={r.cancelled ? { textDecoration: 'line-through', color: '#888' } : undefined}>
                      <Table.Td><DateText value={r.createdAt} withTime /></Table.Td>
                      <Table.Td>{r.receiptNo}</Table.Td>
                      <Table.Td>{r.connectionNo} · {r.consumerName}</Table.Td>
                      <Table.Td>{t(`modes.${r.mode}`)}</Table.Td>
                      <Table.Td ta="right"><Money paise={r.amountPaise} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          ))}
        </>
      )}
    </>
  );
}
