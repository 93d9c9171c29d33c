import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { IconDownload, IconTable } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { REPORT_KINDS, type ReportCell, type ReportColumn, type ReportKind, type ReportRow } from '@mgramseva/core/contracts';
import { api } from '../../api/client';
import { useOp } from '../../api/hooks';
import { BackLink, DataTable, DateText, ErrorState, Money, PageCard, downloadBase64, formatDate, notify, useServerPaging, type Column } from '../../components';
import { errorMessage } from '../../forms/errors';
import { asLanguage } from '../../i18n';
import { PeriodPicker } from '../dashboard/PeriodPicker';
import { financialYearOf, todayIst } from '../dashboard/period';

interface Choice {
  report: ReportKind;
  financialYear: string;
  month: string | undefined;
}

/** The last five financial years, newest first (core checks the same, dashboard/period.ts). */
function recentYears(today: string): string[] {
  const start = Number(financialYearOf(today).slice(0, 4));
  return Array.from({ length: 5 }, (_, i) => `${start - i}-${String((start - i + 1) % 100).padStart(2, '0')}`);
}

/** A core key prefix (`expenses.type.`) as the renderer's namespaced key (`expenses:type.`). */
const nsKey = (prefix: string, code: string) => `${prefix.replace('.', ':')}${code}`;

function cell(t: TFunction, c: ReportColumn, v: ReportCell) {
  if (v === null || v === '') return '';
  switch (c.kind) {
    case 'money':
      return <Money paise={Number(v)} />;
    case 'date':
      return <DateText value={String(v)} />;
    case 'instant':
      return formatDate(String(v), true); // dd/mm/yyyy hh:mm in IST
    case 'bool':
      return v ? t('yes') : t('no');
    case 'code':
      return t(nsKey(c.prefix ?? '', String(v)), { defaultValue: String(v) });
    default:
      return String(v);
  }
}

function columnsOf(t: TFunction, cols: ReportColumn[]): Column<ReportRow>[] {
  return cols.map((c, i) => ({
    key: c.key,
    header: t(`column.${c.key}`),
    align: c.kind === 'money' || c.key === 'receipts' ? 'right' : undefined,
    sticky: i === 0,
    render: (r) => <span style={{ whiteSpace: 'nowrap' }}>{cell(t, c, r[c.key] ?? null)}</span>,
  }));
}

/** The table of the report last asked for with View, a page at a time. */
function ReportTable({ choice }: { choice: Choice }) {
  const { t } = useTranslation('reports');
  const pager = useServerPaging();
  const q = useOp('reports.view', { ...choice, page: pager.page, pageSize: pager.pageSize }, { placeholderData: keepPreviousData });
  const data = q.data;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Stack gap="sm">
      {data && (
        <Text fw={700} fz={18} aria-live="polite">
          {t('screen.showing', { report: t(`kind.${data.report}`), from: formatDate(data.from), to: formatDate(data.to) })}
        </Text>
      )}
      <div style={{ opacity: q.isFetching && data ? 0.6 : 1 }}>
        <DataTable
          columns={data ? columnsOf(t, data.columns) : []}
          rows={data?.rows ?? []}
          rowKey={(r) => JSON.stringify(r)}
          loading={!data}
          emptyText={<Text>{t('screen.noRows')}</Text>}
          paging={pager.paging(data?.total ?? 0)}
        />
      </div>
    </Stack>
  );
}

/**
 * Reports (SPEC §2.16, §7.4): choose a report and a period (a financial year or one month of it,
 * the dashboard's picker), View shows it as a paged table, Download saves it as Excel.
 */
export function ReportsScreen() {
  const { t, i18n } = useTranslation('reports');
  const today = todayIst();
  const [choice, setChoice] = useState<Choice>({ report: 'bill', financialYear: financialYearOf(today), month: today.slice(0, 7) });
  const [viewed, setViewed] = useState<Choice | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = asLanguage(i18n.language);

  const download = async () => {
    setBusy(true);
    try {
      const r = await api.call('reports.xlsx', { ...choice, lang });
      downloadBase64(r.fileName, r.mimeType, r.base64);
      notify.success(t('screen.downloaded', { file: r.fileName, count: r.rows }));
    } catch (err) {
      notify.error(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <BackLink to="/" />
      <PageCard title={t('title')} subtitle={t(`describe.${choice.report}`)}>
        <Stack gap="md">
          <Group align="flex-end" wrap="wrap" gap="md">
            <Select
              label={t('screen.chooseReport')}
              data={REPORT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              value={choice.report}
              allowDeselect={false}
              onChange={(v) => v && setChoice((c) => ({ ...c, report: v as ReportKind }))}
              w={300}
            />
            <Stack gap={4}>
              <Text fz={14} fw={500}>
                {t('screen.period')}
              </Text>
              <PeriodPicker
                years={recentYears(today)}
                financialYear={choice.financialYear}
                month={choice.month}
                onChange={(financialYear, month) => setChoice((c) => ({ ...c, financialYear, month }))}
              />
            </Stack>
            <Button leftSection={<IconTable size={18} />} onClick={() => setViewed(choice)}>
              {t('screen.view')}
            </Button>
            <Button variant="outline" leftSection={<IconDownload size={18} />} loading={busy} onClick={() => void download()}>
              {t('screen.download')}
            </Button>
          </Group>
          <Text fz={14} c="#505A5F">
            {t('screen.later')}
          </Text>
          {viewed && <ReportTable key={JSON.stringify(viewed)} choice={viewed} />}
        </Stack>
      </PageCard>
    </>
  );
}
