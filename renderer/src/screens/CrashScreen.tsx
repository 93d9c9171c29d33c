import { Button, Card, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router-dom';

/** A screen that threw: say so plainly and offer a way back instead of a blank page. */
export function CrashScreen() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error('[renderer] screen failed', error);
  return (
    <Center mih="100vh" bg="#EEEEEE" p="md">
      <Card padding={32} maw={520}>
        <Stack gap="md">
          <Title order={1} fz={24}>
            {t('crash.title')}
          </Title>
          <Text c="#505A5F">{t('crash.body')}</Text>
          <Button onClick={() => window.location.assign('#/')} miw={200}>
            {t('common.backToHome')}
          </Button>
        </Stack>
      </Card>
    </Center>
  );
}
