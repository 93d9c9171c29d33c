import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The confirmation pop-up (UI.md §1): a question, the key value large and bold, grey Cancel on
 * the left and orange Confirm on the right. Esc cancels; Enter confirms — also when pressed the
 * moment the dialog appears, before focus has moved onto Confirm (a quick clerk's Ctrl+Enter, Enter).
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
  useEffect(() => {
    if (!opened || loading) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
      // A focused button answers Enter itself (Cancel must cancel); a text area takes new lines.
      if (e.target instanceof HTMLButtonElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      e.preventDefault();
      onConfirm();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [opened, loading, onConfirm]);
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
