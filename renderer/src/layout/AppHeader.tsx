import { Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconChevronDown, IconKey, IconLanguage, IconLogout, IconPrinter, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type SessionInfo, PRINTER_USERS } from '@mgramseva/core/contracts';
import { api } from '../api/client';
import { notify } from '../components';
import { errorMessage } from '../forms/errors';
import { LANGUAGES } from '../i18n';
import { SyncIndicator } from '../screens/sync/SyncIndicator';
import { useChangeLanguage, useSetSession } from '../session/session';

/** The #0B4B66 top bar: logo, the Gram Panchayat (switcher when the user has several), user menu. */
export function AppHeader({ session }: { session: SessionInfo }) {
  return (
    <Group h="100%" px="lg" justify="space-between" bg="#0B4B66" c="white" wrap="nowrap">
      <Text fz={24} fw={700} c="white" style={{ letterSpacing: 0.5 }}>
        mGramSeva
      </Text>
      <Group gap="xl" wrap="nowrap">
        <SyncIndicator />
        <TenantSwitcher session={session} />
        <UserMenu session={session} />
      </Group>
    </Group>
  );
}

function TenantLabel({ session, caret }: { session: SessionInfo; caret: boolean }) {
  return (
    <Group gap={6} wrap="nowrap">
      <div style={{ textAlign: 'right' }}>
        <Text fz={14} fw={500} c="white" lh={1.2} data-testid="tenant-name">
          {session.tenant.name}
        </Text>
        <Text fz={11} c="white" opacity={0.85} lh={1.2}>
          {session.tenant.code}
        </Text>
      </div>
      {caret && <IconChevronDown size={16} />}
    </Group>
  );
}

function TenantSwitcher({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const setSession = useSetSession();
  const navigate = useNavigate();
  if (session.tenants.length < 2) return <TenantLabel session={session} caret={false} />;

  const select = async (tenantId: string) => {
    try {
      setSession(await api.call('auth.selectTenant', { tenantId }));
      navigate('/');
    } catch (err) {
      notify.error(errorMessage(t, err));
    }
  };
  return (
    <Menu position="bottom-end" width={320} shadow="md">
      <Menu.Target>
        <UnstyledButton c="white" aria-label={t('header.switchGp')}>
          <TenantLabel session={session} caret />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('header.switchGp')}</Menu.Label>
        {session.tenants.map((tenant) => (
          <Menu.Item
            key={tenant.id}
            onClick={() => void select(tenant.id)}
            c={tenant.id === session.tenant.id ? '#F47738' : undefined}
            rightSection={tenant.id === session.tenant.id ? <IconCheck size={16} /> : null}
          >
            {tenant.name} <Text span fz={12} c="dimmed">({tenant.code})</Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function UserMenu({ session }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const changeLanguage = useChangeLanguage();

  const signOut = async () => {
    await api.call('auth.signOut', {}).catch(() => undefined);
    setSession(null);
    navigate('/sign-in');
  };

  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton c="white" aria-label={t('header.userMenu')} data-testid="user-menu">
          <Group gap={6} wrap="nowrap">
            <IconUserCircle size={26} />
            <Text fz={14} fw={500} c="white" maw={160} truncate>
              {session.user.name}
            </Text>
            <IconChevronDown size={16} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Group gap={6}>
            <IconLanguage size={14} />
            {t('header.language')}
          </Group>
        </Menu.Label>
        {LANGUAGES.map((lang) => (
          <Menu.Item
            key={lang.code}
            onClick={() => void changeLanguage(lang.code)}
            c={i18n.language === lang.code ? '#F47738' : undefined}
            rightSection={i18n.language === lang.code ? <IconCheck size={16} /> : null}
            lang={lang.code}
          >
            {lang.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        {session.roles.some((r) => (PRINTER_USERS as readonly string[]).includes(r)) && (
          <Menu.Item leftSection={<IconPrinter size={16} />} onClick={() => navigate('/printer')}>
            {t('printing:screen.menu')}
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => navigate('/change-password')}>
          {t('header.changePassword')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
          {t('header.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
