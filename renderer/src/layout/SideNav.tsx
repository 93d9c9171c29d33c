import { NavLink, ScrollArea } from '@mantine/core';
import { IconHome, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useOp } from '../api/hooks';
import { CardIcon, cardLabelKey, cardRoute } from '../screens/home/cards';

/** Persistent left navigation (UI.md §4): Home, then the cards this user may open. Real links, so Tab reaches them. */
export function SideNav() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: cards = [] } = useOp('home.cards', {});
  const here = location.pathname + location.search;

  return (
    <ScrollArea type="auto" py="sm" component="nav" aria-label={t('nav.label')}>
      <NavLink
        component={Link}
        to="/"
        label={t('nav.home')}
        leftSection={<IconHome size={20} />}
        active={location.pathname === '/'}
        color="orange"
        variant="light"
      />
      {cards.map((card) => {
        const route = cardRoute(card);
        return (
          <NavLink
            key={card.code}
            component={Link}
            to={route}
            label={t(cardLabelKey(card.code))}
            leftSection={<CardIcon code={card.code} size={20} />}
            active={here === route || (!route.includes('?') && location.pathname.startsWith(route))}
            color="orange"
            variant="light"
          />
        );
      })}
      <NavLink
        component={Link}
        to="/sync"
        label={t('syncui:nav')}
        leftSection={<IconRefresh size={20} />}
        active={location.pathname === '/sync'}
        color="orange"
        variant="light"
      />
    </ScrollArea>
  );
}
