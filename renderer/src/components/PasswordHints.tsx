import { List, ThemeIcon } from '@mantine/core';
import { IconCheck, IconPoint } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_RULES } from '@mgramseva/core/contracts';

/** The live password-rule card of SPEC §2.2: each rule ticks green as the person types. */
export function PasswordHints({ password }: { password: string }) {
  const { t } = useTranslation();
  return (
    <List spacing={4} size="sm" mt={8} aria-live="polite" data-testid="password-hints">
      {PASSWORD_RULES.map((rule) => {
        const ok = rule.test(password);
        return (
          <List.Item
            key={rule.key}
            data-ok={ok}
            c={ok ? '#00703C' : '#505A5F'}
            icon={
              <ThemeIcon size={18} radius="xl" color={ok ? '#00703C' : 'gray.4'}>
                {ok ? <IconCheck size={12} /> : <IconPoint size={12} />}
              </ThemeIcon>
            }
          >
            {t(rule.key, { ns: 'core' })}
          </List.Item>
        );
      })}
    </List>
  );
}
