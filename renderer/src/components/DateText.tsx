const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', day: '2-digit', month: '2-digit', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Kolkata',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/**
 * dd/mm/yyyy. A business date ('2026-04-01') is shown as is; an instant (ISO UTC) is shown in
 * Asia/Kolkata, with the time when asked.
 */
export function formatDate(value: string, withTime = false): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return (withTime ? DATE_TIME : DATE).format(date).replace(',', '');
}

export function DateText({ value, withTime }: { value: string | null | undefined; withTime?: boolean }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{value ? formatDate(value, withTime) : '—'}</span>;
}
