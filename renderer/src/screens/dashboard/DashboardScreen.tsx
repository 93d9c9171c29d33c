import { Card, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useOp } from '../../api/hooks';
import { BackLink, ErrorState, LoadingState } from '../../components';
import { CollectionsTab } from './CollectionsTab';
import { ExpenditureTab } from './ExpenditureTab';
import { FeedbackCells } from './FeedbackCells';
import { FigureCells, MonthlyTable } from './MonthlyTable';
import { PeriodPicker } from './PeriodPicker';
import { TrendChart } from './TrendChart';
import { financialYearOf, monthLabel, todayIst } from './period';

/**
 * GPWSC Dashboard (SPEC §2.15, §7.1–7.3; UI.md "Dashboard"). `?fy=2026-27` is the year view
 * (feedback, trend chart, month table); `&month=2026-09` the month view (its figures and the
 * Collections | Expenditure tabs). A month in the table opens its month view.
 */
export function DashboardScreen() {
  const { t } = useTranslation('dashboard');
  const [params, setParams] = useSearchParams();
  const financialYear = params.get('fy') ?? financialYearOf(todayIst());
  const month = params.get('month') ?? undefined;
  const tab = params.get('tab') === 'expenditure' ? 'expenditure' : 'collections';
  const q = useOp('dashboard.monthly', { financialYear, month }, { placeholderData: keepPreviousData });

  const go = (fy: string, m: string | undefined, nextTab = tab) => {
    const next = new URLSearchParams({ fy });
    if (m) next.set('month', m);
    if (m && nextTab === 'expenditure') next.set('tab', 'expenditure');
    setParams(next);
  };
  const periodLabel = month ? monthLabel(month, t) : financialYear;

  return (
    <>
      <BackLink to={month ? `/dashboard?fy=${financialYear}` : '/'} />
      <Card padding={24} mb="md">
        <Group justify="space-between" align="center" mb="md">
          <Title order={1} fz={32} fw={700} c="#0B0C0C">
            {t('title')}
          </Title>
          <PeriodPicker years={q.data?.years ?? [financialYear]} financialYear={financialYear} month={month} onChange={(fy, m) => go(fy, m)} />
        </Group>
        {q.error ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : !q.data ? (
          <LoadingState />
        ) : (
          <FeedbackCells feedback={q.data.feedback} periodLabel={periodLabel} />
        )}
      </Card>
      {q.data && !month && (
        <Card padding={24} mb="md">
          <Title order={2} fz={20} mb="sm">
            {t('trend.title')}
          </Title>
          <TrendChart months={q.data.months} />
          <Stack gap={4} my="md">
            <Text fz={13} c="#505A5F" data-testid="surplus-help">
              {t('help.surplus')}
            </Text>
            <Text fz={13} c="#505A5F">
              {t('help.figures')}
            </Text>
          </Stack>
          <MonthlyTable months={q.data.months} totals={q.data.totals} onOpen={(m) => go(financialYear, m)} />
        </Card>
      )}
      {q.data && month && (
        <>
          <Card padding={24} mb="md">
            <Title order={2} fz={20} mb="sm">
              {t('summary', { period: periodLabel })}
            </Title>
            <FigureCells figures={q.data.selected} />
            <Text fz={13} c="#505A5F" mt="md" data-testid="surplus-help">
              {t('help.surplus')}
            </Text>
          </Card>
          <Card padding={24} mb="md">
            <Tabs value={tab} onChange={(v) => go(financialYear, month, v === 'expenditure' ? 'expenditure' : 'collections')} color="orange">
              <Tabs.List grow maw={480} mb="md">
                <Tabs.Tab value="collections" fz={16} fw={700}>
                  {t('tabs.collections')}
                </Tabs.Tab>
                <Tabs.Tab value="expenditure" fz={16} fw={700}>
                  {t('tabs.expenditure')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="collections">{tab === 'collections' && <CollectionsTab financialYear={financialYear} month={month} />}</Tabs.Panel>
              <Tabs.Panel value="expenditure">{tab === 'expenditure' && <ExpenditureTab financialYear={financialYear} month={month} />}</Tabs.Panel>
            </Tabs>
          </Card>
        </>
      )}
    </>
  );
}
