import { Card, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconMoodEmpty } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CardInfo } from '@mgramseva/core/contracts';
import { useOp } from '../../api/hooks';
import { EmptyState, ErrorState, LoadingState } from '../../components';
import { useSession } from '../../session/session';
import { CardIcon, cardLabelKey, cardRoute } from './cards';
import { NotificationsPanel } from '../notifications/NotificationsPanel';

/** The home grid: the cards core says this user may open for this GP, in order (SPEC §1.2). */
export function HomeScreen() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const cards = useOp('home.cards', {});

  return (
    <>
      <Title order={1} fz={32} mb={4}>
        {t('home.title')}
      </Title>
      <Text c="#505A5F" mb="lg">
        {t('home.welcome', { name: session?.user.name ?? '' })}
      </Text>
      {cards.isPending ? (
        <LoadingState />
      ) : cards.isError ? (
        <ErrorState error={cards.error} onRetry={() => void cards.refetch()} />
      ) : cards.data.length === 0 ? (
        <Card padding={32}>
          <EmptyState icon={<IconMoodEmpty size={40} color="#505A5F" />}>{t('home.noCards')}</EmptyState>
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3, xl: 4 }} spacing="lg" data-testid="home-cards">
          {cards.data.map((card) => (
            <HomeCard key={card.code} card={card} />
          ))}
        </SimpleGrid>
      )}
      <NotificationsPanel />
    </>
  );
}

function HomeCard({ card }: { card: CardInfo }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card padding={0}>
      <UnstyledButton className="mgs-home-card" onClick={() => navigate(cardRoute(card))} p="lg" mih={120} h="100%">
        <Stack align="center" gap={10}>
          <CardIcon code={card.code} size={32} color="#F47738" stroke={1.6} aria-hidden />
          <Text fz={16} fw={500} ta="center" lh={1.35}>
            {t(cardLabelKey(card.code))}
          </Text>
        </Stack>
      </UnstyledButton>
    </Card>
  );
}
