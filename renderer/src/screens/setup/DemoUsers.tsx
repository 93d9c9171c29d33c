import { Button, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DemoUser } from '@mgramseva/core/contracts';

/** After "Load demo Gram Panchayat": who can sign in, with which mobile and password. */
export function DemoUsers({ users, onContinue }: { users: DemoUser[]; onContinue: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1} fz={24} mb={4}>
        {t('setup.demoLoaded')}
      </Title>
      <Text c="#505A5F" mb="lg">
        {t('setup.demoUsersHint')}
      </Text>
      <Table striped stripedColor="#EEEEEE" withTableBorder data-testid="demo-users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('setup.demoName')}</Table.Th>
            <Table.Th>{t('setup.demoRole')}</Table.Th>
            <Table.Th>{t('fields.mobile')}</Table.Th>
            <Table.Th>{t('fields.password')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.mobile}>
              <Table.Td>{u.name}</Table.Td>
              <Table.Td>{t(`roles.${u.role}`, { defaultValue: u.role })}</Table.Td>
              <Table.Td ff="monospace">+91 {u.mobile}</Table.Td>
              <Table.Td ff="monospace">{u.password}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Button fullWidth h={50} fz={19} mt="xl" onClick={onContinue} autoFocus>
        {t('setup.continueToSignIn')}
      </Button>
    </>
  );
}
