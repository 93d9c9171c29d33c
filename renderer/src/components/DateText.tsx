import { formatDate } from '../format';

/** A business date or an instant as dd/mm/yyyy (Asia/Kolkata); '—' when empty. */
export function DateText({ value, withTime }: { value: string | null | undefined; withTime?: boolean }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{value ? formatDate(value, withTime) : '—'}</span>;
}
