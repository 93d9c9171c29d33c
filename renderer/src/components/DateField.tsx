import { DateInput } from '@mantine/dates';

/**
 * A business date shown and typed as dd/mm/yyyy whatever the browser's locale (SPEC Part A.4);
 * the value stays `YYYY-MM-DD`, as core expects. Typing `YYYY-MM-DD` works too.
 */
export function parseDateText(text: string): string | null {
  const t = text.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const [y, m, d] = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : [];
  if (!y || !m || !d) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

export interface DateFieldProps {
  id?: string;
  label?: string;
  value: string;
  onChange: (value: string) => void;
  min?: string;
  max?: string;
  error?: string | undefined | null;
  w?: number;
  required?: boolean;
}

export function DateField({ id, label, value, onChange, min, max, error, w, required }: DateFieldProps) {
  return (
    <DateInput
      id={id}
      label={label}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      valueFormat="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      dateParser={parseDateText}
      // min/max only mark the calendar: a typed date outside them is kept, so the form's
      // validation can say exactly what is wrong instead of silently dropping it.
      excludeDate={(d) => (min !== undefined && d < min) || (max !== undefined && d > max)}
      error={error}
      w={w}
      withAsterisk={required}
    />
  );
}
