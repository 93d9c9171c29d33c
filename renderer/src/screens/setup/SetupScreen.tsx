import { Button, Divider, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { z } from 'zod';
import { setupInput, type DemoUser, type OpOutput } from '@mgramseva/core/contracts';
import { api } from '../../api/client';
import { opKey } from '../../api/hooks';
import { FormAlert, MobileInput, notify, PasswordField, PasswordHints } from '../../components';
import { errorMessage } from '../../forms/errors';
import { useZodForm } from '../../forms/useZodForm';
import { AuthFrame } from '../../layout/AuthFrame';
import { useAppStatus } from '../../session/session';
import { DemoUsers } from './DemoUsers';

const tenant = setupInput.shape.tenant.shape;
const admin = setupInput.shape.admin.shape;

/** The setup form, flat, with the core's own field schemas and a confirm-password check. */
const setupForm = z
  .object({
    gpName: tenant.name,
    code: tenant.code,
    district: tenant.district,
    block: tenant.block,
    state: tenant.state,
    adminName: admin.name,
    mobile: admin.mobile,
    password: admin.password,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], error: 'validation.passwordMismatch' });

const SERVER_FIELDS = {
  'tenant.name': 'gpName',
  'tenant.code': 'code',
  'tenant.district': 'district',
  'tenant.block': 'block',
  'tenant.state': 'state',
  'admin.name': 'adminName',
  'admin.mobile': 'mobile',
  'admin.password': 'password',
} as const;

/**
 * First run (app.status.initialized is false): create the Gram Panchayat and its first
 * administrator, or load the demo Gram Panchayat and show its users' sign-in details.
 */
export function SetupScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [demoUsers, setDemoUsers] = useState<DemoUser[] | null>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);
  // Set when this screen itself finished the setup, so it leads on to sign-in itself.
  const [finished, setFinished] = useState(false);
  const { data: status } = useAppStatus();
  const form = useZodForm(setupForm, {
    initialValues: { gpName: '', code: '', district: '', block: '', state: '', adminName: '', mobile: '', password: '', confirm: '' },
    serverFields: SERVER_FIELDS,
  });

  /** Now the installation has a GP: the gate lets sign-in through (set before navigating). */
  const markInitialized = () =>
    queryClient.setQueryData(opKey('app.status', {}), (old: OpOutput<'app.status'> | undefined) =>
      old ? { ...old, initialized: true } : old,
    );

  const submit = form.onSubmit(async (v) => {
    await api.call('setup.createGramPanchayat', {
      tenant: { name: v.gpName, code: v.code, district: v.district, block: v.block, state: v.state },
      admin: { name: v.adminName, mobile: v.mobile, password: v.password },
    });
    notify.success(t('setup.created'));
    setFinished(true);
    markInitialized();
    navigate('/sign-in', { state: { mobile: v.mobile } });
  });

  const loadDemo = async () => {
    setLoadingDemo(true);
    try {
      const { users } = await api.call('setup.loadDemo', {});
      setFinished(true);
      setDemoUsers(users);
    } catch (err) {
      notify.error(errorMessage(t, err));
    } finally {
      setLoadingDemo(false);
    }
  };

  if (status?.initialized && !finished) return <Navigate to="/sign-in" replace />;

  if (demoUsers) {
    return (
      <AuthFrame width={760}>
        <DemoUsers
          users={demoUsers}
          onContinue={() => {
            markInitialized();
            navigate('/sign-in');
          }}
        />
      </AuthFrame>
    );
  }

  return (
    <AuthFrame width={760}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Title order={1} fz={24} mb={4}>
          {t('setup.title')}
        </Title>
        <Text c="#505A5F" mb="lg">
          {t('setup.subtitle')}
        </Text>
        <FormAlert>{form.formError}</FormAlert>

        <Title order={2} fz={18} mb="sm">
          {t('setup.gpSection')}
        </Title>
        <Stack gap="sm">
          <TextInput label={t('setup.gpName')} withAsterisk autoFocus {...form.getInputProps('gpName')} />
          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
            <TextInput
              label={t('setup.gpCode')}
              description={t('setup.gpCodeHint')}
              placeholder="pb.lodhipur"
              withAsterisk
              {...form.getInputProps('code')}
            />
            <TextInput label={t('setup.district')} withAsterisk {...form.getInputProps('district')} />
            <TextInput label={t('setup.block')} withAsterisk {...form.getInputProps('block')} />
            <TextInput label={t('setup.state')} withAsterisk {...form.getInputProps('state')} />
          </SimpleGrid>
        </Stack>

        <Title order={2} fz={18} mt="xl" mb="sm">
          {t('setup.adminSection')}
        </Title>
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
            <TextInput label={t('setup.adminName')} withAsterisk {...form.getInputProps('adminName')} />
            <MobileInput label={t('fields.mobile')} withAsterisk {...form.getInputProps('mobile')} />
            <div>
              <PasswordField label={t('fields.newPassword')} withAsterisk autoComplete="new-password" {...form.getInputProps('password')} />
              <PasswordHints password={form.values.password} />
            </div>
            <PasswordField label={t('fields.confirmPassword')} withAsterisk autoComplete="new-password" {...form.getInputProps('confirm')} />
          </SimpleGrid>
        </Stack>

        <Button type="submit" fullWidth h={50} fz={19} mt="xl" loading={form.submitting}>
          {t('setup.create')}
        </Button>
      </form>

      <Divider my="lg" label={t('setup.or')} labelPosition="center" />
      <Group justify="space-between" wrap="nowrap" align="center">
        <Text fz={14} c="#505A5F" maw={440}>
          {t('setup.demoHint')}
        </Text>
        <Button variant="outline" onClick={() => void loadDemo()} loading={loadingDemo}>
          {t('setup.loadDemo')}
        </Button>
      </Group>
    </AuthFrame>
  );
}
