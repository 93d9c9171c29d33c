import {
  IconAddressBook,
  IconApps,
  IconBook2,
  IconBuildingBank,
  IconFilePencil,
  IconFilePlus,
  IconInfoCircle,
  IconLayoutDashboard,
  IconPrinter,
  IconReportAnalytics,
  IconUserPlus,
  IconWallet,
  type Icon,
  type IconProps,
} from '@tabler/icons-react';
import { createElement } from 'react';
import type { CardInfo } from '@mgramseva/core/contracts';

/**
 * Home card code (resources/masterdata/roles.json) → its icon. Core decides which cards a user
 * sees and where they lead (CardInfo.route); the label is `cards.<CODE>` in app.json.
 * A domain that needs a different icon or route changes its one line here.
 */
export const CARDS: Record<string, { icon: Icon; route?: string }> = {
  CORE_HOUSEHOLD_REGISTER: { icon: IconBook2 },
  CORE_COLLECT_PAYMENTS: { icon: IconWallet },
  DOWNLOAD_BILLS_AND_RECEIPTS: { icon: IconPrinter },
  ADD_EXPENSES_RECORD: { icon: IconFilePlus },
  CORE_UPDATE_EXPENSES: { icon: IconFilePencil },
  CORE_GENERATE_DEMAND: { icon: IconBuildingBank },
  CORE_CONSUMER_CREATE: { icon: IconUserPlus },
  CORE_UPDATE_CONSUMER_DETAILS: { icon: IconAddressBook },
  CORE_GPWSC_DASHBOARD: { icon: IconLayoutDashboard },
  CORE_GPWSC_DETAILS_AND_RATE_INFO: { icon: IconInfoCircle },
  CORE_REPORTS: { icon: IconReportAnalytics },
};

/** The card's icon as an element: `<CardIcon code={card.code} size={32} />`. */
export function CardIcon({ code, ...props }: { code: string } & IconProps) {
  return createElement(CARDS[code]?.icon ?? IconApps, props);
}

export function cardRoute(card: CardInfo): string {
  return CARDS[card.code]?.route ?? card.route;
}

export const cardLabelKey = (code: string) => `cards.${code}`;
