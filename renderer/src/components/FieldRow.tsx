import { Grid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Label on the left (one third), input on the right, as the original's desktop forms.
 * Give the input the same `id` so the label is clickable and read by screen readers.
 */
export function FieldRow({ label, id, required, children }: { label: ReactNode; id: string; required?: boolean; children: ReactNode }) {
  return (
    <Grid align="flex-start" gap="md" mb="md">
      <Grid.Col span={4} pt={14}>
        <Text component="label" htmlFor={id} fz={16} c="#0B0C0C">
          {label}
          {required && (
            <Text span c="#D4351C" aria-hidden>
              {' *'}
            </Text>
          )}
        </Text>
      </Grid.Col>
      <Grid.Col span={8}>{children}</Grid.Col>
    </Grid>
  );
}
