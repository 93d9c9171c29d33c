import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled group of fields inside a PageCard (desktop adaptation, UI.md §4). */
export function FormSection({ title, children }: { title?: ReactNode; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 24 }}>
      {title && (
        <Title order={2} fz={20} fw={700} mb="md">
          {title}
        </Title>
      )}
      <Stack gap="md">{children}</Stack>
    </section>
  );
}
