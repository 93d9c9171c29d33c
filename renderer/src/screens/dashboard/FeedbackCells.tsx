import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FeedbackAverages } from '@mgramseva/core/contracts';

/** Three metric cells (bold average with an orange ★ over the question), then who answered (UI.md "Dashboard"). */
export function FeedbackCells({ feedback, periodLabel }: { feedback: FeedbackAverages; periodLabel: string }) {
  const { t } = useTranslation('dashboard');
  const cells: [string, number | null][] = [
    [t('feedback.quality'), feedback.quality],
    [t('feedback.regular'), feedback.regular],
    [t('feedback.happy'), feedback.happy],
  ];
  return (
    <Stack gap={6} data-testid="dashboard-feedback">
      <Group gap={0} grow align="stretch">
        {cells.map(([label, value], i) => (
          <Stack key={label} gap={2} align="center" py="sm" style={{ borderLeft: i ? '1px solid #D6D5D4' : undefined }}>
            <Text fz={22} fw={700}>
              {value === null ? '–' : value.toFixed(1)} <span style={{ color: '#F47738' }}>★</span>
            </Text>
            <Text fz={13} c="#505A5F" ta="center">
              {label}
            </Text>
          </Stack>
        ))}
      </Group>
      <Text fz={12} c="#505A5F">
        {feedback.count ? t('feedback.count', { count: feedback.count, period: periodLabel }) : t('feedback.none', { period: periodLabel })}
      </Text>
    </Stack>
  );
}
