const RUPEES = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2 });

/** ₹ with Indian grouping, e.g. 12345600 paise → ₹1,23,456.00. Amounts from core are integer paise. */
export function formatPaise(paise: number): string {
  return RUPEES.format(paise / 100);
}

export function Money({ paise }: { paise: number }) {
  return <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatPaise(paise)}</span>;
}
