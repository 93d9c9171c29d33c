import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { signInInput } from '@mgramseva/core/contracts';
import { api } from '../../api/client';
import { FormAlert, MobileInput, PasswordField } from '../../components';
import { useZodForm } from '../../forms/useZodForm';
import { isLanguage } from '../../i18n';
import { AuthFrame } from '../../layout/AuthFrame';
import { takeSessionEnded, useChangeLanguage, useSession, useSetSession } from '../../session/session';

interface SignInState {
  /** Prefilled after setup. */
  mobile?: string;
}

/** Mobile (+91) and password. Continue is enabled once the mobile has 10 digits and a password is typed. */
export function SignInScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as SignInState;
  const setSession = useSetSession();
  const changeLanguage = useChangeLanguage();
  const form = useZodForm(signInInput, { initialValues: { mobile: state.mobile ?? '', password: '' } });
  const [expired] = useState(takeSessionEnded);
  const { data: current } = useSession();
  const ready = form.values.mobile.length === 10 && form.values.password.length > 0;

  const submit = form.onSubmit(async (input) => {
    const { session } = await api.call('auth.signIn', input);
    setSession(session);
    // The user's own language, when they chose one earlier on any computer.
    if (isLanguage(session.user.language)) await changeLanguage(session.user.language);
    navigate('/', { replace: true });
  });

  if (current && !form.submitting) return <Navigate to="/" replace />;

  return (
    <AuthFrame>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Text component="h1" fz={18} fw={700} mb="md">
          {t('signIn.title')}
        </Text>
        {expired && !form.formError && (
          <Alert color="yellow" variant="light" mb="md" role="status">
            {t('signIn.sessionEnded')}
          </Alert>
        )}
        <FormAlert>{form.formError}</FormAlert>
        <Stack gap="md">
          <MobileInput
            label={t('fields.mobile')}
            withAsterisk
            autoFocus={!state.mobile}
            {...form.getInputProps('mobile')}
          />
          <PasswordField
            label={t('fields.password')}
            withAsterisk
            autoComplete="current-password"
            autoFocus={Boolean(state.mobile)}
            {...form.getInputProps('password')}
          />
          <Button type="submit" fullWidth h={50} fz={19} disabled={!ready} mt="sm">
            {t('common.continue')}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
