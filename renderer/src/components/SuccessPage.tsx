import { Box, Button, Card, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { BackLink } from './BackLink';

/**
 * The acknowledgement page (UI.md "Payment success"): green block with title, ✓, the id's
 * label and value; then a message, a row of action links and one primary button (default:
 * Back to Home).
 */
export function SuccessPage({
  title,
  idLabel,
  idValue,
  message,
  actions,
  primaryLabel,
  onPrimary,
}: {
  title: ReactNode;
  idLabel?: ReactNode;
  idValue?: ReactNode;
  message?: ReactNode;
  actions?: ReactNode;
  primaryLabel?: ReactNode;
  onPrimary?: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <BackLink to="/" />
      <Card padding={0} role="status">
        <Box bg="#00703C" c="white" p={32} ta="center">
          <Stack gap={12} align="center">
            <Text fz={32} fw={700} lh={1.2}>
              {title}
            </Text>
            <Box
              aria-hidden
              w={48}
              h={48}
              fz={28}
              style={{ borderRadius: '50%', border: '3px solid white', display: 'grid', placeItems: 'center' }}
            >
              ✓
            </Box>
            {idLabel && (
              <Text fz={18} fw={700}>
                {idLabel}
              </Text>
            )}
            {idValue && (
              <Text fz={24} fw={700} data-testid="success-id">
                {idValue}
              </Text>
            )}
          </Stack>
        </Box>
        <Stack p={32} gap="md">
          {message && <Text fz={14}>{message}</Text>}
          {actions && <Group gap="lg">{actions}</Group>}
          <Group justify="flex-end">
            <Button miw={300} h={50} fz={19} onClick={onPrimary ?? (() => navigate('/'))}>
              {primaryLabel ?? t('common.backToHome')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </>
  );
}
