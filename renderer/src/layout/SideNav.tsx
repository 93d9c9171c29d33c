import { NavLink, ScrollArea } from '@mantine/core';
import { IconHome } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useOp } from '../api/hooks';
import { CardIcon, cardLabelKey, cardRoute } from '../screens/home/cards';

/** Persistent left navigation (UI.md §4): Home, then the cards this user may open. */
export function SideNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: cards = [] } = useOp('home.cards', {});
  const here = location.pathname + location.search;

  return (
    <ScrollArea type="auto" py="sm" component="nav" aria-label={t('nav.label')}>
      <NavLink
        label={t('nav.home')}
        leftSection={<IconHome size={20} />}
        active={location.pathname === '/'}
        onClick={() => navigate('/')}
        color="orange"
        variant="light"
      />
      {cards.map((card) => {
        const route = cardRoute(card);
        return (
          <NavLink
            key={card.code}
            label={t(cardLabelKey(card.code))}
            leftSection={<CardIcon code={card.code} size={20} />}
            active={here === route || (!route.includes('?') && location.pathname.startsWith(route))}
            onClick={() => navigate(route)}
            color="orange"
            variant="light"
          />
        );
      })}
    </ScrollArea>
  );
}
