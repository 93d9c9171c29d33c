import { ActionIcon, Box, Button, Card, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useOp, useOpMutation } from '../../api/hooks';
import type { NotificationInfo } from '@mgramseva/core/contracts';

/**
 * The home screen's notifications (SPEC §8.2, UI.md "Home"): "Notifications (n)", then one card
 * per event with an orange left bar, title, text, age and a ✕ that dismisses it for this user.
 * Title and text come from core already in the user's language. Clicking opens the action.
 */
export function NotificationsPanel() {
  const { t } = useTranslation('notifications');
  const [pageSize, setPageSize] = useState(5);
  const list = useOp('notifications.list', { pageSize }, { placeholderData: (prev) => prev });
  const dismiss = useOpMutation('notifications.dismiss', { invalidates: ['notifications.list'] });
  const items = list.data?.items ?? [];
  if (!list.data || list.data.total === 0) return null;
  return (
    <Box mt={32} data-testid="notifications">
      <Title order={2} fz={20} mb="sm">
        {t('title', { count: list.data.total })}
      </Title>
      <Stack gap="sm">
        {items.map((n) => (
          <NotificationCard key={n.id} n={n} onDismiss={() => dismiss.mutate({ id: n.id })} />
        ))}
      </Stack>
      {list.data.total > items.length && pageSize < 50 && (
        <Button variant="subtle" mt="xs" onClick={() => setPageSize(Math.min(50, pageSize + 10))}>
          {t('more')}
        </Button>
      )}
    </Box>
  );
}

function NotificationCard({ n, onDismiss }: { n: NotificationInfo; onDismiss: () => void }) {
  const { t } = useTranslation('notifications');
  const navigate = useNavigate();
  const [now] = useState(() => Date.now());
  const days = Math.max(0, Math.floor((now - Date.parse(n.createdAt)) / 86_400_000));
  return (
    <Card padding={0} style={{ borderLeft: '5px solid #F47738' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" p="md">
        <UnstyledButton onClick={() => n.actionRoute && navigate(n.actionRoute)} style={{ flex: 1 }}>
          <Text fz={16} fw={700}>
            {n.title}
          </Text>
          <Text fz={14} c="#505A5F">
            {n.body}
          </Text>
          <Text fz={12} c="#505A5F" mt={4}>
            {days === 0 ? t('today') : t('daysAgo', { count: days })}
          </Text>
        </UnstyledButton>
        <ActionIcon variant="subtle" color="gray" onClick={onDismiss} aria-label={t('dismiss')}>
          <IconX size={18} />
        </ActionIcon>
      </Group>
    </Card>
  );
}
