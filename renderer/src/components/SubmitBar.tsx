import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The footer that stays visible at the bottom of a form page, with the orange submit button
 * right-aligned (300 × 60, UI.md §1). Put it inside the <form>: the button submits it.
 */
export function SubmitBar({
  label,
  loading,
  disabled,
  onClick,
  children,
}: {
  label: ReactNode;
  loading?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  /** Extra buttons left of the submit button. */
  children?: ReactNode;
}) {
  return (
    <Group
      justify="flex-end"
      gap="md"
      p={20}
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 5,
        background: '#FFFFFF',
        boxShadow: '0 -1px 3px rgba(0,0,0,0.16)',
        marginTop: 16,
      }}
    >
      {children}
      <Button
        type={onClick ? 'button' : 'submit'}
        onClick={onClick}
        loading={loading}
        disabled={disabled}
        miw={300}
        h={60}
        fz={19}
      >
        {label}
      </Button>
    </Group>
  );
}
