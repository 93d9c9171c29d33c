import type { OpInput, OpName, OpOutput } from './contract.js';
import type { ApiErrorBody, ApiResponse } from './errors.js';

/**
 * The renderer's (and tests') typed way to call core. A transport moves one call and returns
 * the response envelope; the client unwraps it and throws ApiCallError on failure.
 */
export interface Transport {
  call(name: string, input: unknown, lang: string): Promise<ApiResponse<unknown>>;
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiErrorBody) {
    super(error.message);
    this.name = 'ApiCallError';
  }
  get code() {
    return this.error.code;
  }
  get fields() {
    return this.error.fields ?? {};
  }
}

export interface ApiClient {
  call<N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>>;
  setLanguage(lang: string): void;
}

export function createClient(transport: Transport, initialLang = 'en'): ApiClient {
  let lang = initialLang;
  return {
    async call(name, input) {
      const response = await transport.call(name, input, lang);
      if (!response.ok) throw new ApiCallError(response.error);
      return response.result as never;
    },
    setLanguage(next) {
      lang = next;
    },
  };
}

/** Browser mode: POST /api/<op> on the page's own origin; the session rides in the cookie. */
export function httpTransport(baseUrl = ''): Transport {
  return {
    async call(name, input, lang) {
      let res: Response;
      try {
        res = await fetch(`${baseUrl}/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-mgs-lang': lang },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', key: 'errors.unreachable', message: 'The app could not reach its local service.' } };
      }
      try {
        return (await res.json()) as ApiResponse<unknown>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', key: 'errors.internal', message: `Unexpected reply (${res.status}).` } };
      }
    },
  };
}

/** What Electron's preload exposes on `window.mgramseva` (electron/preload.ts). */
export interface PreloadBridge {
  call(name: string, input: unknown, lang: string): Promise<ApiResponse<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Electron: the preload's typed `call`, over the MessagePort to the core process. */
export function ipcTransport(bridge: PreloadBridge): Transport {
  return { call: (name, input, lang) => bridge.call(name, input, lang) };
}
