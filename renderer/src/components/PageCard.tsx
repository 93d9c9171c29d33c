import { Card, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One white card holding a page: 32px title, grey subtitle, then the content (UI.md §2). */
export function PageCard({ title, subtitle, children }: { title?: ReactNode; subtitle?: ReactNode; children?: ReactNode }) {
  return (
    <Card padding={32} mb="md">
      {title && (
        <Title order={1} fz={32} fw={700} c="#0B0C0C">
          {title}
        </Title>
      )}
      {subtitle && (
        <Text fz={16} c="#505A5F" mt={4}>
          {subtitle}
        </Text>
      )}
      {children && <div style={{ marginTop: title || subtitle ? 24 : 0 }}>{children}</div>}
    </Card>
  );
}
