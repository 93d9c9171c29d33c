import { Loader, Overlay, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** While a write is in progress: dim the screen, spinner and "Loading..." (UI.md §3 "Loading"). */
export function BusyOverlay({ visible }: { visible: boolean }) {
  const { t } = useTranslation();
  if (!visible) return null;
  return (
    <Overlay fixed backgroundOpacity={0.5} color="#000" zIndex={400} center aria-busy="true" role="status">
      <Stack align="center" gap="sm">
        <Loader color="orange" />
        <Text c="white" fz={16} fw={700}>
          {t('common.loading')}
        </Text>
      </Stack>
    </Overlay>
  );
}
