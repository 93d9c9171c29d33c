import { Box, Card, Center, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Before sign-in: full-bleed #0B4B66 background, a centred white card (UI.md "Login"). */
export function AuthFrame({ children, width = 500 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="#0B4B66" py={48} px="md">
      <Center>
        <Box w={width} maw="100%">
          <Card padding={32} radius={3} shadow="md">
            <Text fz={19} fw={500} mb="lg" c="#0B0C0C">
              <Text span fw={700} c="#0B4B66">
                mGramSeva
              </Text>
              {'  |  '}
              {t('brand.state')}
            </Text>
            {children}
          </Card>
          <Text ta="center" c="white" fz={12} mt="md" opacity={0.8}>
            {t('brand.poweredBy')}
          </Text>
        </Box>
      </Center>
    </Box>
  );
}
