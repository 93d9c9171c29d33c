import type { Handlers } from '../api/handlers.js';
import { signedIn } from '../api/context.js';
import { cardsFor } from '../masterdata/roles.js';

export const homeHandlers: Handlers<'home.cards'> = {
  'home.cards': async (ctx) => cardsFor(signedIn(ctx).roles).map(({ code, route }) => ({ code, route })),
};
