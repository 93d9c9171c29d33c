import { Table, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MonthFigures, MonthRow } from '@mgramseva/core/contracts';
import { Money } from '../../components';
import { monthLabel } from './period';

const FIGURES: (keyof Omit<MonthFigures, 'surplusPaise'>)[] = [
  'demandPaise',
  'pendingCollectionPaise',
  'actualCollectionPaise',
  'totalExpenditurePaise',
  'pendingExpenditurePaise',
  'actualPaymentPaise',
];
const HEADERS: Record<(typeof FIGURES)[number], string> = {
  demandPaise: 'table.demand',
  pendingCollectionPaise: 'table.pendingCollection',
  actualCollectionPaise: 'table.actualCollection',
  totalExpenditurePaise: 'table.totalExpenditure',
  pendingExpenditurePaise: 'table.pendingExpenditure',
  actualPaymentPaise: 'table.actualPayment',
};

/** Surplus in green, deficit in red (SPEC §7.1). */
export function Surplus({ paise }: { paise: number }) {
  return (
    <span style={{ color: paise < 0 ? '#D4351C' : '#00703C', fontWeight: 700 }} data-surplus={paise < 0 ? 'deficit' : 'surplus'}>
      <Money paise={paise} />
    </span>
  );
}

/** Month | Surplus/Deficit | Demand | … | Actual payment, a month opens its tabular dashboard; totals row last. */
export function MonthlyTable({ months, totals, onOpen }: { months: MonthRow[]; totals: MonthFigures; onOpen: (month: string) => void }) {
  const { t } = useTranslation('dashboard');
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped stripedColor="#EEEEEE" highlightOnHover verticalSpacing={12} horizontalSpacing={14} aria-label={t('trend.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th fz={13} fw={700}>{t('table.month')}</Table.Th>
            <Table.Th fz={13} fw={700} ta="right">{t('table.surplus')}</Table.Th>
            {FIGURES.map((f) => (
              <Table.Th key={f} fz={13} fw={700} ta="right">
                {t(HEADERS[f])}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {months.map((m) => (
            <Table.Tr key={m.month} style={{ cursor: 'pointer' }} onClick={() => onOpen(m.month)} data-month={m.month}>
              <Table.Td>
                <UnstyledButton c="#C8602B" fw={700} fz={14} aria-label={t('table.openMonth', { month: monthLabel(m.month, t) })}>
                  {monthLabel(m.month, t)}
                </UnstyledButton>
              </Table.Td>
              <Table.Td ta="right">
                <Surplus paise={m.surplusPaise} />
              </Table.Td>
              {FIGURES.map((f) => (
                <Table.Td key={f} ta="right">
                  <Money paise={m[f]} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr style={{ fontWeight: 700 }} data-month="total">
            <Table.Td fw={700}>{t('table.total')}</Table.Td>
            <Table.Td ta="right">
              <Surplus paise={totals.surplusPaise} />
            </Table.Td>
            {FIGURES.map((f) => (
              <Table.Td key={f} ta="right" fw={700}>
                <Money paise={totals[f]} />
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The chosen month's figures as label/value cells (month view). */
export function FigureCells({ figures }: { figures: MonthFigures }) {
  const { t } = useTranslation('dashboard');
  const cells: [string, React.ReactNode][] = [
    [t('table.surplus'), <Surplus key="s" paise={figures.surplusPaise} />],
    ...FIGURES.map((f): [string, React.ReactNode] => [t(HEADERS[f]), <Money key={f} paise={figures[f]} />]),
  ];
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 12 }}>
      {cells.map(([label, value]) => (
        <div key={label} style={{ borderLeft: '1px solid #D6D5D4', paddingLeft: 12 }}>
          <div style={{ fontSize: 18, fontWeight: 700 }}>{value}</div>
          <div style={{ fontSize: 13, color: '#505A5F' }}>{label}</div>
        </div>
      ))}
    </div>
  );
}
