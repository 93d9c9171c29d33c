/**
 * The renderer's Content-Security-Policy, the same in browser mode (http.ts) as in Electron
 * (electron/protocol.ts). Its own file so Electron's main bundle does not pull in fastify.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
