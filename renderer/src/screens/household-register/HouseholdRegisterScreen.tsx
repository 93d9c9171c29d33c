import { Button, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { TFunction } from 'i18next';
import { REGISTER_TABS, type RegisterRow, type RegisterSortKey, type RegisterTab } from '@mgramseva/core/contracts';
import { api } from '../../api/client';
import { useOp } from '../../api/hooks';
import {
  BackLink,
  DataTable,
  DateText,
  ErrorState,
  FilterPills,
  MeteredBadge,
  Money,
  PageCard,
  SearchBox,
  ShortText,
  StatusChip,
  downloadBase64,
  formatDate,
  notify,
  useServerPaging,
  type Column,
} from '../../components';
import { errorMessage } from '../../forms/errors';
import { asLanguage } from '../../i18n';

const asTab = (v: string | null): RegisterTab => ((REGISTER_TABS as readonly string[]).includes(v ?? '') ? (v as RegisterTab) : 'all');

function columns(t: TFunction, open: (r: RegisterRow) => void): Column<RegisterRow>[] {
  const money = (key: string, pick: (r: RegisterRow) => number, sortable = false): Column<RegisterRow> => ({
    key,
    header: t(`column.${key}`),
    align: 'right',
    sortable,
    render: (r) => <Money paise={pick(r)} />,
  });
  const master = (list: string, code: string | null) => (code ? t(`consumers:masters.${list}.${code}`, { defaultValue: code }) : '');
  // One line per household (rows ~52 px, UI.md Tables); the table scrolls sideways instead.
  const oneLine = (c: Column<RegisterRow>): Column<RegisterRow> => ({ ...c, render: (r) => <span style={{ whiteSpace: 'nowrap' }}>{c.render(r)}</span> });
  const all: Column<RegisterRow>[] = [
    {
      key: 'connectionNo',
      header: t('column.connectionNo'),
      sortable: true,
      sticky: true,
      render: (r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <UnstyledButton
            c="#C8602B"
            fw={700}
            fz={14}
            onClick={(e) => {
              e.stopPropagation();
              open(r);
            }}
          >
            {r.connectionNo}
          </UnstyledButton>
          {r.metered && <MeteredBadge label={t('screen.metered')} />}
        </span>
      ),
    },
    { key: 'name', header: t('column.name'), render: (r) => <ShortText text={r.name} /> },
    { key: 'gender', header: t('column.gender'), render: (r) => t(`consumers:masters.genders.${r.gender}`) },
    { key: 'fatherName', header: t('column.fatherName'), render: (r) => <ShortText text={r.fatherName} /> },
    { key: 'mobile', header: t('column.mobile'), render: (r) => r.mobile },
    { key: 'oldConnectionId', header: t('column.oldConnectionId'), render: (r) => r.oldConnectionId },
    { key: 'category', header: t('column.category'), render: (r) => master('categories', r.category) },
    { key: 'subCategory', header: t('column.subCategory'), render: (r) => master('subCategories', r.subCategory) },
    { key: 'propertyType', header: t('column.propertyType'), render: (r) => master('propertyTypes', r.propertyType) },
    { key: 'connectionType', header: t('column.connectionType'), render: (r) => t(`consumers:masters.serviceTypes.${r.connectionType}`) },
    { key: 'meterReadingDate', header: t('column.meterReadingDate'), render: (r) => (r.meterReadingDate ? <DateText value={r.meterReadingDate} /> : '') },
    { key: 'meterNumber', header: t('column.meterNumber'), render: (r) => r.meterNumber ?? '' },
    { key: 'previousReading', header: t('column.previousReading'), align: 'right', render: (r) => r.previousReading ?? '' },
    money('arrearsOnCreation', (r) => r.arrearsOnCreationPaise),
    money('penaltyOnCreation', (r) => r.penaltyOnCreationPaise),
    money('advanceOnCreation', (r) => r.advanceOnCreationPaise),
    money('totalBill', (r) => r.totalBillPaise),
    money('totalCollected', (r) => r.totalCollectedPaise),
    money('advanceToday', (r) => r.advanceTodayPaise),
    money('pending', (r) => r.pendingPaise, true),
    { key: 'createdOn', header: t('column.createdOn'), render: (r) => <DateText value={r.createdOn} /> },
    { key: 'lastBillDate', header: t('column.lastBillDate'), sortable: true, render: (r) => (r.lastBillDate ? <DateText value={r.lastBillDate} /> : '') },
    {
      key: 'status',
      header: t('column.status'),
      render: (r) => (
        <StatusChip tone={r.status === 'Active' ? 'success' : 'error'}>{r.status === 'Active' ? t('screen.active') : t('screen.inactive')}</StatusChip>
      ),
    },
  ];
  return all.map(oneLine);
}

const SORT_OF: Record<string, RegisterSortKey> = { connectionNo: 'connectionNo', pending: 'pending', lastBillDate: 'lastBillDate' };

/** Download ▾ (PDF / Excel) of what the table shows: same search, tab and sort. */
function DownloadMenu({ criteria }: { criteria: { search?: string; tab: RegisterTab; sort: RegisterSortKey; direction: 'asc' | 'desc' } }) {
  const { t, i18n } = useTranslation('register');
  const [busy, setBusy] = useState(false);
  const lang = asLanguage(i18n.language);
  const save = async (format: 'pdf' | 'xlsx') => {
    setBusy(true);
    try {
      const r = await api.call(format === 'pdf' ? 'consumers.registerPdf' : 'consumers.registerXlsx', { ...criteria, lang });
      downloadBase64(r.fileName, r.mimeType, r.base64);
      if (r.truncated) notify.error(t('screen.pdfTruncated', { count: r.rows }));
      else notify.success(t('screen.downloaded', { file: r.fileName, count: r.rows }));
    } catch (err) {
      notify.error(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="outline" leftSection={<IconDownload size={18} />} rightSection={<IconChevronDown size={16} />} loading={busy}>
          {t('screen.download')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void save('pdf')}>{t('screen.downloadPdf')}</Menu.Item>
        <Menu.Item onClick={() => void save('xlsx')}>{t('screen.downloadExcel')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * Household register (SPEC §2.14, UI.md "Household register"): as-of date, pill search (name or
 * connection ID), tabs All / Paid / Pending with counts, the server-sorted and server-paged
 * table, and Download PDF / Excel of the same view. `?status=pending|paid` (the billing
 * notification's link) opens on that tab. A row or its connection ID opens the household.
 */
export function HouseholdRegisterScreen() {
  const { t } = useTranslation('register');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = asTab(params.get('status'));
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const pager = useServerPaging({ key: 'connectionNo', direction: 'asc' });
  const { firstPage } = pager;

  // Search as the clerk types, once they pause.
  useEffect(() => {
    const id = setTimeout(() => {
      setSearch(text.trim());
      firstPage();
    }, 300);
    return () => clearTimeout(id);
  }, [text, firstPage]);

  const criteria = { search: search || undefined, tab, sort: SORT_OF[pager.sort.key] ?? 'connectionNo', direction: pager.sort.direction };
  const q = useOp('consumers.register', { ...criteria, page: pager.page, pageSize: pager.pageSize }, { placeholderData: keepPreviousData });
  const data = q.data;
  const open = (r: RegisterRow) => navigate(`/consumers/${r.connectionId}`);
  const setTab = (v: string) => {
    const next = new URLSearchParams(params);
    if (v === 'all') next.delete('status');
    else next.set('status', v);
    setParams(next, { replace: true });
    firstPage();
  };

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <BackLink to="/" />
        <DownloadMenu criteria={criteria} />
      </Group>
      <PageCard title={t('title')} subtitle={data ? t('asOf', { date: formatDate(data.asOf) }) : undefined}>
        <Stack gap="md">
          <Group justify="space-between" wrap="wrap">
            <div style={{ flex: '1 1 360px', maxWidth: 520 }}>
              <SearchBox value={text} onChange={setText} placeholder={t('screen.searchPlaceholder')} autoFocus />
            </div>
            <FilterPills
              value={tab}
              onChange={setTab}
              options={REGISTER_TABS.map((k) => ({ value: k, label: t(`screen.tab.${k}`, { count: data?.counts[k] ?? 0 }) }))}
            />
          </Group>
          {q.isError ? (
            <ErrorState error={q.error} onRetry={() => void q.refetch()} />
          ) : (
            <div style={{ opacity: q.isFetching && data ? 0.6 : 1 }}>
              <DataTable
                columns={columns(t, open)}
                rows={data?.rows ?? []}
                rowKey={(r) => r.connectionId}
                loading={!data}
                onRowClick={open}
                emptyText={<Text>{t('screen.noResults')}</Text>}
                {...pager.sorting}
                paging={pager.paging(data?.total ?? 0)}
              />
            </div>
          )}
        </Stack>
      </PageCard>
    </>
  );
}
