/**
 * The message protocol between the three Electron-side parties. Plain, structured-clone-able
 * objects only; every message has a `type`.
 *
 *   renderer (preload) ──port──▶ core process    CallMessage           {type:'call', id, name, input, lang}
 *   core process ──port──▶ renderer (preload)    ReplyMessage          {type:'reply', id, response}
 *                                                EventMessage          {type:'event', name, payload}
 *   main ──parentPort──▶ core process            ConnectMessage        {type:'connect', connectionId, token?} + one MessagePort
 *                                                DisconnectMessage     {type:'disconnect', connectionId}
 *                                                ShutdownMessage       {type:'shutdown'}
 *                                                PdfResultMessage      {type:'pdf-result', id, base64 | error}
 *   core process ──parentPort──▶ main            ReadyMessage          {type:'ready'}
 *                                                SessionMessage        {type:'session', connectionId, token}   (token or null)
 *                                                FatalMessage          {type:'fatal', message}
 *                                                PdfRequestMessage     {type:'pdf', id, html, paper}  (printToPDF in main)
 *   main ──ipc──▶ preload                        'mgramseva:core-port'  (one MessagePort, the renderer's end)
 *                                                'mgramseva:core-status' CoreStatus
 *   preload ──ipc──▶ main                        'mgramseva:connect'    (asks for a port; sent on every page load)
 *
 * One connection = one MessageChannelMain between one page load of one window and the core
 * process. The session token lives only in the core process (per connection) and in main (so a
 * reload or a core restart keeps the session); it never crosses the port to the renderer: the
 * core process strips it from `auth.signIn` results.
 */
import type { ApiResponse, Paper } from '@mgramseva/core/node';

export type CallId = number;

export interface CallMessage {
  type: 'call';
  id: CallId;
  name: string;
  input: unknown;
  lang: string;
}

export interface ReplyMessage {
  type: 'reply';
  id: CallId;
  response: ApiResponse<unknown>;
}

export interface EventMessage {
  type: 'event';
  name: string;
  payload: unknown;
}

export type PortToCore = CallMessage;
export type PortToRenderer = ReplyMessage | EventMessage;

export interface ConnectMessage {
  type: 'connect';
  connectionId: number;
  /** The session this window had before a reload or a core restart. */
  token?: string | undefined;
}
export interface DisconnectMessage {
  type: 'disconnect';
  connectionId: number;
}
export interface ShutdownMessage {
  type: 'shutdown';
}
/** main → core: a document the core asked for, printed (or why it could not be). */
export interface PdfResultMessage {
  type: 'pdf-result';
  id: number;
  base64?: string;
  error?: string;
}
export type MainToCore = ConnectMessage | DisconnectMessage | ShutdownMessage | PdfResultMessage;

export interface ReadyMessage {
  type: 'ready';
}
export interface SessionMessage {
  type: 'session';
  connectionId: number;
  token: string | null;
}
export interface FatalMessage {
  type: 'fatal';
  message: string;
}
/** core → main: print this HTML document to PDF with Electron's printToPDF (core's PDF printer in the desktop). */
export interface PdfRequestMessage {
  type: 'pdf';
  id: number;
  html: string;
  paper: Paper;
}
export type CoreToMain = ReadyMessage | SessionMessage | FatalMessage | PdfRequestMessage;

/** IPC channel names between main and the preload. Nothing else uses ipcMain/ipcRenderer. */
export const IPC = {
  connect: 'mgramseva:connect',
  corePort: 'mgramseva:core-port',
  coreStatus: 'mgramseva:core-status',
} as const;

/**
 * What the renderer hears on `window.mgramseva.on('core.status', …)`:
 * `restarting` after the data service stopped unexpectedly (a new port follows when it is back),
 * `ready` once it answers again, `failed` when it kept crashing and main gave up.
 */
export interface CoreStatus {
  state: 'restarting' | 'ready' | 'failed';
  message: string;
}
export const CORE_STATUS_EVENT = 'core.status';

const RESTART_MESSAGES: Record<string, string> = {
  en: 'The data service stopped and is restarting. Check whether your last change was saved, then try again.',
  hi: 'डेटा सेवा रुक गई थी और फिर से शुरू हो रही है। देखें कि आपका पिछला बदलाव सहेजा गया या नहीं, फिर दोबारा कोशिश करें।',
  pa: 'ਡਾਟਾ ਸੇਵਾ ਰੁਕ ਗਈ ਸੀ ਅਤੇ ਮੁੜ ਸ਼ੁਰੂ ਹੋ ਰਹੀ ਹੈ। ਦੇਖੋ ਕਿ ਤੁਹਾਡੀ ਪਿਛਲੀ ਤਬਦੀਲੀ ਸੰਭਾਲੀ ਗਈ ਜਾਂ ਨਹੀਂ, ਫਿਰ ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ।',
};

/** The reply a call gets when the core process went away before answering it. */
export function coreStoppedResponse(lang: string): ApiResponse<unknown> {
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      key: 'errors.coreRestarted',
      message: RESTART_MESSAGES[lang] ?? (RESTART_MESSAGES['en'] as string),
    },
  };
}

export const STATUS_MESSAGES: Record<CoreStatus['state'], string> = {
  restarting: 'The data service stopped; restarting…',
  ready: 'The data service is running.',
  failed: 'The data service keeps stopping and could not be restarted. Close mGramSeva and open it again; if this repeats, contact support.',
};
