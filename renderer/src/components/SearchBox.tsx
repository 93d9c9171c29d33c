import { Group, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

/** The pill search box of the registers (radius 25, white, leading magnifier). */
export function SearchBox({
  value,
  onChange,
  placeholder,
  autoFocus,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  autoFocus?: boolean;
}) {
  return (
    <TextInput
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      placeholder={placeholder}
      aria-label={placeholder}
      autoFocus={autoFocus}
      leftSection={<IconSearch size={18} />}
      radius={25}
      size="md"
      type="search"
    />
  );
}

export interface FilterOption {
  value: string;
  /** Label with its count, e.g. "Paid (28)". */
  label: string;
}

/** Filter pills ("All (282)", "Paid (28)", …): the selected one white, the others orange-tinted. */
export function FilterPills({ options, value, onChange }: { options: FilterOption[]; value: string; onChange: (value: string) => void }) {
  return (
    <Group gap="sm" role="radiogroup">
      {options.map((o) => {
        const on = o.value === value;
        return (
          <UnstyledButton
            key={o.value}
            role="radio"
            aria-checked={on}
            onClick={() => onChange(o.value)}
            px={16}
            py={6}
            fz={14}
            fw={on ? 700 : 500}
            c={on ? '#0B0C0C' : '#C8602B'}
            bg={on ? 'white' : 'rgba(244, 119, 56, 0.12)'}
            style={{ borderRadius: 20, border: on ? '1px solid #D6D5D4' : '1px solid transparent' }}
          >
            {o.label}
          </UnstyledButton>
        );
      })}
    </Group>
  );
}
