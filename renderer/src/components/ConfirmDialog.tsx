import { Button, Group, Modal, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The confirmation pop-up (UI.md §1): a question, the key value large and bold, grey Cancel on
 * the left and orange Confirm on the right. Esc cancels; Confirm has focus so Enter confirms.
 */
export function ConfirmDialog({
  opened,
  title,
  value,
  children,
  confirmLabel,
  cancelLabel,
  loading,
  onConfirm,
  onCancel,
}: {
  opened: boolean;
  title: ReactNode;
  value?: ReactNode;
  children?: ReactNode;
  confirmLabel?: ReactNode;
  cancelLabel?: ReactNode;
  loading?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onCancel} title={<Text fz={18} fw={700}>{title}</Text>} size="md">
      {value && (
        <Text fz={24} fw={700} mb="sm">
          {value}
        </Text>
      )}
      {children}
      <Group justify="space-between" mt="lg">
        <Button color="gray.6" onClick={onCancel} disabled={loading}>
          {cancelLabel ?? t('common.cancel')}
        </Button>
        <Button onClick={onConfirm} loading={loading} data-autofocus>
          {confirmLabel ?? t('common.confirm')}
        </Button>
      </Group>
    </Modal>
  );
}
