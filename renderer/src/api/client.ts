import { ApiCallError, createClient, httpTransport, ipcTransport, type ApiClient, type PreloadBridge } from '@mgramseva/core/contracts';
import i18n from '../i18n';

declare global {
  interface Window {
    /** Electron's preload bridge (electron/preload.ts); absent in browser mode. */
    mgramseva?: PreloadBridge;
  }
}

/** Operations whose UNAUTHENTICATED reply is an answer, not a lost session. */
const SIGN_IN_OPS = new Set(['auth.signIn']);

type Listener = () => void;
const expiryListeners = new Set<Listener>();

/** Called when any call reports the session has ended (idle timeout, signed out elsewhere). */
export function onSessionExpired(listener: Listener): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

function createAppClient(): ApiClient {
  const transport = window.mgramseva ? ipcTransport(window.mgramseva) : httpTransport('');
  const inner = createClient(transport, i18n.language);
  return {
    async call(name, input) {
      try {
        return await inner.call(name, input);
      } catch (err) {
        if (err instanceof ApiCallError && err.code === 'UNAUTHENTICATED' && !SIGN_IN_OPS.has(name)) {
          expiryListeners.forEach((l) => l());
        }
        throw err;
      }
    },
    setLanguage: (lang) => inner.setLanguage(lang),
  };
}

/** The one client of the renderer. Its language follows i18next. */
export const api = createAppClient();
i18n.on('languageChanged', (lang) => api.setLanguage(lang));

export { ApiCallError };
