import { formatPaise } from '../format';

/** An amount from core (integer paise) as ₹1,23,456.00. */
export function Money({ paise }: { paise: number }) {
  return <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatPaise(paise)}</span>;
}
