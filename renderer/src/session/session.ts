import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { SessionInfo } from '@mgramseva/core/contracts';
import { api } from '../api/client';
import { opKey, useOp } from '../api/hooks';
import i18n, { storeLanguage, type Language } from '../i18n';

/** Installation status: initialized? default language? Read once per app start. */
export function useAppStatus() {
  return useOp('app.status', {}, { staleTime: Infinity });
}

/** The signed-in session (null when signed out). Kept in react-query's cache. */
export function useSession() {
  return useOp('auth.session', {}, { staleTime: Infinity });
}

/** Replace the cached session (after sign-in, tenant switch or sign-out) and drop data of the old one. */
export function useSetSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (session: SessionInfo | null) => {
      queryClient.removeQueries({
        predicate: (q) => q.queryKey[0] === 'op' && q.queryKey[1] !== 'app.status' && q.queryKey[1] !== 'auth.session',
      });
      queryClient.setQueryData(opKey('auth.session', {}), session);
    },
    [queryClient],
  );
}

/**
 * Switch the language everywhere: screen text (i18next), core's messages (client.setLanguage,
 * done by the client on languageChanged), this computer (localStorage) and, when signed in,
 * the user's profile.
 */
export function useChangeLanguage() {
  const { data: session } = useSession();
  const signedIn = Boolean(session);
  return useCallback(
    async (lang: Language) => {
      storeLanguage(lang);
      await i18n.changeLanguage(lang);
      if (signedIn) await api.call('profile.setLanguage', { language: lang }).catch(() => undefined);
    },
    [signedIn],
  );
}

const ENDED_KEY = 'mgs.sessionEnded';

/** Remember, across the redirect, that the session ended under the person's hands. */
export function markSessionEnded() {
  sessionStorage.setItem(ENDED_KEY, '1');
}

/** Read once by the sign-in screen: was the person sent here because their session ended? */
export function takeSessionEnded(): boolean {
  const ended = sessionStorage.getItem(ENDED_KEY) === '1';
  sessionStorage.removeItem(ENDED_KEY);
  return ended;
}
