import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../forms/errors';

/** Orange spinner in place of content that is loading. */
export function LoadingState() {
  const { t } = useTranslation();
  return (
    <Center py={48} aria-busy="true" aria-label={t('common.loading')}>
      <Loader color="orange" />
    </Center>
  );
}

/** Centred 16px message, "No records found" unless told otherwise. */
export function EmptyState({ children, icon }: { children?: ReactNode; icon?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center py={48}>
      <Stack align="center" gap="sm">
        {icon}
        <Text fz={16} c="#505A5F" ta="center">
          {children ?? t('table.noRecords')}
        </Text>
      </Stack>
    </Center>
  );
}

/** A failed read: the message and a Retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Center py={48}>
      <Stack align="center" gap="md">
        <Text fz={16} c="#D4351C" ta="center">
          {errorMessage(t, error)}
        </Text>
        {onRetry && (
          <Button variant="outline" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Center>
  );
}

/** A form-level problem (wrong password, locked, …) shown inside the card. */
export function FormAlert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert" mb="md" styles={{ message: { fontSize: 15 } }}>
      {children}
    </Alert>
  );
}
