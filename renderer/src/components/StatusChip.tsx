import type { ReactNode } from 'react';

/** DIGIT alert colours (UI.md §1 "Status display"): text always carries the meaning too. */
const TONES = {
  success: { color: '#00703C', background: '#BAD6C9' },
  pending: { color: '#C8602B', background: '#FEEFE7' },
  error: { color: '#D4351C', background: '#EFC7C1' },
  neutral: { color: '#505A5F', background: '#EEEEEE' },
} as const;

export type StatusTone = keyof typeof TONES;

/** A small status chip: Paid = success, Pending = pending, Cancelled / Inactive = error. */
export function StatusChip({ tone, children }: { tone: StatusTone; children: ReactNode }) {
  const { color, background } = TONES[tone];
  return (
    <span
      style={{ color, background, padding: '2px 10px', borderRadius: 12, fontSize: 13, fontWeight: 500, whiteSpace: 'nowrap' }}
      data-tone={tone}
    >
      {children}
    </span>
  );
}

/** The "M" in a circle after a metered connection's id (UI.md "M metered badge"). */
export function MeteredBadge({ label }: { /** Accessible text, e.g. t('…metered'). */ label: string }) {
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      style={{
        display: 'inline-grid',
        placeItems: 'center',
        width: 16,
        height: 16,
        marginLeft: 6,
        border: '1px solid #F47738',
        borderRadius: '50%',
        color: '#F47738',
        fontSize: 11,
        fontWeight: 700,
        lineHeight: 1,
        verticalAlign: 'middle',
      }}
    >
      M
    </span>
  );
}
