import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { z } from 'zod';
import { anyPassword, newPassword } from '@mgramseva/core/contracts';
import { api } from '../../api/client';
import { BackLink, FieldRow, FormAlert, notify, PageCard, PasswordField, PasswordHints, SubmitBar } from '../../components';
import { useZodForm } from '../../forms/useZodForm';

/** The core's rules (auth.changePassword) plus the confirm field. */
const changePasswordForm = z
  .object({ currentPassword: anyPassword, newPassword, confirm: z.string() })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ['newPassword'], error: 'validation.passwordSameAsOld' })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], error: 'validation.passwordMismatch' });

export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useZodForm(changePasswordForm, { initialValues: { currentPassword: '', newPassword: '', confirm: '' } });
  const filled = Boolean(form.values.currentPassword && form.values.newPassword && form.values.confirm);

  const submit = form.onSubmit(async ({ currentPassword, newPassword }) => {
    await api.call('auth.changePassword', { currentPassword, newPassword });
    notify.success(t('changePassword.done'));
    navigate('/');
  });

  return (
    <>
      <BackLink />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PageCard title={t('changePassword.title')} subtitle={t('changePassword.subtitle')}>
          <FormAlert>{form.formError}</FormAlert>
          <FieldRow id="current-password" label={t('fields.currentPassword')} required>
            <PasswordField id="current-password" autoFocus autoComplete="current-password" {...form.getInputProps('currentPassword')} />
          </FieldRow>
          <FieldRow id="new-password" label={t('fields.newPassword')} required>
            <PasswordField id="new-password" autoComplete="new-password" {...form.getInputProps('newPassword')} />
            <PasswordHints password={form.values.newPassword} />
          </FieldRow>
          <FieldRow id="confirm-password" label={t('fields.confirmPassword')} required>
            <PasswordField id="confirm-password" autoComplete="new-password" {...form.getInputProps('confirm')} />
          </FieldRow>
        </PageCard>
        <SubmitBar label={t('changePassword.submit')} loading={form.submitting} disabled={!filled} />
      </form>
    </>
  );
}
