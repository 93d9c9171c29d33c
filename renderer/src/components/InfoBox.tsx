import { Box, Group, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** Blue-on-light-blue information box (UI.md "Info box"). */
export function InfoBox({ title, children }: { title?: ReactNode; children: ReactNode }) {
  return (
    <Box bg="#C7E0F1" p="md" style={{ borderRadius: 3 }} role="note">
      <Group gap={8} align="flex-start" wrap="nowrap">
        <IconInfoCircle size={20} color="#3498DB" style={{ flexShrink: 0, marginTop: 2 }} />
        <div>
          {title && (
            <Text fw={700} c="#0B0C0C" mb={4}>
              {title}
            </Text>
          )}
          <Text fz={14} c="#0B0C0C">
            {children}
          </Text>
        </div>
      </Group>
    </Box>
  );
}

/** Grey detail box for a breakdown, e.g. arrears / penalty / advance (UI.md "Detail box"). */
export function DetailBox({ children }: { children: ReactNode }) {
  return (
    <Box p="md" bg="rgba(238, 238, 238, 0.4)" style={{ border: '1px solid #D6D5D4', borderRadius: 4 }}>
      {children}
    </Box>
  );
}

/** Label / value rows for detail cards ("Name", "Father's name", …). */
export function LabelValue({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <Group gap="md" wrap="nowrap" align="flex-start" py={6}>
      <Text fz={16} c="#505A5F" w="35%" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text fz={16} c="#0B0C0C" style={{ wordBreak: 'break-word' }}>
        {children}
      </Text>
    </Group>
  );
}
