import { UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

/** "◂ Back" at the top left of every inner page. Goes to `to`, else one step back. */
export function BackLink({ to }: { to?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <UnstyledButton
      onClick={() => (to ? navigate(to) : navigate(-1))}
      fz={16}
      fw={500}
      c="#0B0C0C"
      mb="sm"
      px={4}
    >
      ◂ {t('common.back')}
    </UnstyledButton>
  );
}
