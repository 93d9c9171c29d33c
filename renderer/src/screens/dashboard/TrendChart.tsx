import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MonthRow } from '@mgramseva/core/contracts';
import { formatPaise } from '../../format';
import { monthLabel, shortMonth } from './period';

const REVENUE = '#406ABB';
const EXPENDITURE = '#FF0000';

/**
 * Revenue (actual collection) vs expenditure (actual payment) per month, as two lines (UI.md
 * colours). Plain SVG: DESIGN.md names recharts, but it is not among the app's dependencies.
 */
export function TrendChart({ months }: { months: MonthRow[] }) {
  const { t } = useTranslation('dashboard');
  const W = 720;
  const H = 260;
  const pad = { left: 80, right: 16, top: 16, bottom: 32 };
  const step = niceStep(Math.max(100, ...months.map((m) => Math.max(m.actualCollectionPaise, m.actualPaymentPaise))) / 4);
  const max = step * 4;
  const dx = months.length > 1 ? (W - pad.left - pad.right) / (months.length - 1) : 0;
  const x = (i: number) => pad.left + (months.length > 1 ? i * dx : (W - pad.left - pad.right) / 2);
  const y = (v: number) => pad.top + (H - pad.top - pad.bottom) * (1 - v / max);
  const line = (pick: (m: MonthRow) => number) => months.map((m, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(pick(m)).toFixed(1)}`).join(' ');
  const ticks = [0, 1, 2, 3, 4].map((i) => i * step);
  const rupees = (p: number) => formatPaise(p).replace(/\.00$/, '');
  return (
    <div>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('trend.chartLabel')} style={{ maxWidth: 960, display: 'block' }}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={W - pad.right} y1={y(v)} y2={y(v)} stroke="#EEEEEE" />
            <text x={pad.left - 6} y={y(v) + 4} fontSize={11} textAnchor="end" fill="#505A5F">
              {rupees(v)}
            </text>
          </g>
        ))}
        {months.map((m, i) => (
          <text key={m.month} x={x(i)} y={H - 10} fontSize={11} textAnchor="middle" fill="#505A5F">
            {shortMonth(m.month, t)}
          </text>
        ))}
        <path d={line((m) => m.actualCollectionPaise)} fill="none" stroke={REVENUE} strokeWidth={2} data-series="revenue" />
        <path d={line((m) => m.actualPaymentPaise)} fill="none" stroke={EXPENDITURE} strokeWidth={2} data-series="expenditure" />
        {months.map((m, i) => (
          <g key={m.month}>
            <circle cx={x(i)} cy={y(m.actualCollectionPaise)} r={3.5} fill={REVENUE}>
              <title>{`${monthLabel(m.month, t)} · ${t('trend.revenue')}: ${formatPaise(m.actualCollectionPaise)}`}</title>
            </circle>
            <circle cx={x(i)} cy={y(m.actualPaymentPaise)} r={3.5} fill={EXPENDITURE}>
              <title>{`${monthLabel(m.month, t)} · ${t('trend.expenditure')}: ${formatPaise(m.actualPaymentPaise)}`}</title>
            </circle>
          </g>
        ))}
      </svg>
      <Group gap="lg" mt={4}>
        <Legend colour={REVENUE} label={t('trend.revenue')} />
        <Legend colour={EXPENDITURE} label={t('trend.expenditure')} />
      </Group>
    </div>
  );
}

/** A round axis step (1, 2, 2.5 or 5 × 10ⁿ rupees) at least `paise`. */
function niceStep(paise: number): number {
  const rupees = paise / 100;
  const exp = 10 ** Math.floor(Math.log10(rupees));
  const f = rupees / exp;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return Math.max(1, nice * exp) * 100;
}

function Legend({ colour, label }: { colour: string; label: string }) {
  return (
    <Group gap={6}>
      <span style={{ width: 18, height: 3, background: colour, display: 'inline-block' }} />
      <Text fz={13}>{label}</Text>
    </Group>
  );
}
