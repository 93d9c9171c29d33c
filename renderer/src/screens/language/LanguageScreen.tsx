import { Button, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { AuthFrame } from '../../layout/AuthFrame';
import { isLanguage, LANGUAGES, storedLanguage, type Language } from '../../i18n';
import { useAppStatus, useChangeLanguage } from '../../session/session';

/**
 * First launch: ਪੰਜਾਬੀ / हिंदी / ENGLISH. Preselected: the stored choice, else the
 * deployment's default (app.status.defaultLanguage, Punjabi in Punjab). The screen's own text
 * follows the box selected.
 */
export function LanguageScreen() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data: status } = useAppStatus();
  const changeLanguage = useChangeLanguage();
  const [selected, setSelected] = useState<Language>(
    () => storedLanguage() ?? (isLanguage(status?.defaultLanguage) ? status.defaultLanguage : 'pa'),
  );
  useEffect(() => {
    void i18n.changeLanguage(selected);
  }, [i18n, selected]);

  const proceed = async () => {
    await changeLanguage(selected);
    navigate(status?.initialized ? '/sign-in' : '/setup');
  };

  return (
    <AuthFrame>
      <Text fz={18} fw={700} mb="md">
        {t('language.title')}
      </Text>
      <SimpleGrid cols={3} spacing="sm" mb="lg" role="radiogroup" aria-label={t('language.title')}>
        {LANGUAGES.map((lang) => {
          const on = lang.code === selected;
          return (
            <UnstyledButton
              key={lang.code}
              role="radio"
              aria-checked={on}
              lang={lang.code}
              onClick={() => setSelected(lang.code)}
              h={48}
              ta="center"
              fz={18}
              fw={on ? 700 : 400}
              bg={on ? '#F47738' : 'white'}
              c={on ? 'white' : '#0B0C0C'}
              style={{ border: `1px solid ${on ? '#F47738' : '#9E9E9E'}` }}
            >
              {lang.label}
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
      <Button fullWidth h={50} fz={19} onClick={() => void proceed()} autoFocus>
        {t('common.continue')}
      </Button>
    </AuthFrame>
  );
}
