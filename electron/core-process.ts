/**
 * Entry of the core's Electron utility process (dist/electron/core-process.cjs). Pure Node: it
 * must not import 'electron'; Electron gives it `process.parentPort`, typed here.
 *
 * Started by main with `--data-dir=<userData>`; opens the core there, then takes one
 * MessagePort per window connection from main ({type:'connect'}) and answers calls on it
 * (protocol in messages.ts).
 */
import { Core } from '@mgramseva/core/node';
import { CoreHost, type Endpoint } from './core-host.js';
import { MainProcessPdfPrinter } from './pdf-bridge.js';
import type { CoreToMain, MainToCore, PortToRenderer } from './messages.js';

/** Electron's MessagePortMain, as far as this process uses it. */
export interface MessagePortMainLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** Electron's `process.parentPort` in a utility process. */
export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown; ports: MessagePortMainLike[] }) => void): unknown;
  postMessage(message: unknown): void;
}

export function endpointFromPort(port: MessagePortMainLike): Endpoint {
  return {
    post: (message: PortToRenderer) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (e) => listener(e.data));
      port.start();
    },
    onClose: (listener) => {
      port.on('close', listener);
    },
    close: () => port.close(),
  };
}

export function dataDirFromArgs(argv: string[], env: NodeJS.ProcessEnv): string {
  const arg = argv.find((a) => a.startsWith('--data-dir='));
  const dir = arg ? arg.slice('--data-dir='.length) : env['MGRAMSEVA_DATA_DIR'];
  if (!dir) throw new Error('core process started without --data-dir');
  return dir;
}

/**
 * Wires a parent port to a host; returned for tests. `openCore` gets the desktop's PDF printer
 * (documents are printed by main with Electron's printToPDF, pdf-bridge.ts).
 */
export function serveParentPort(
  parentPort: ParentPortLike,
  openCore: (pdf: MainProcessPdfPrinter) => Promise<Core>,
  exit: (code: number) => void,
): CoreHost {
  const toMain = (m: CoreToMain) => parentPort.postMessage(m);
  const pdf = new MainProcessPdfPrinter(toMain);
  const opening = openCore(pdf);
  const host = new CoreHost(opening, { toMain });
  opening.then(
    () => toMain({ type: 'ready' }),
    (error: unknown) => {
      console.error('[core-process] could not open the data folder', error);
      toMain({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
      exit(1);
    },
  );
  parentPort.on('message', (e) => {
    const msg = e.data as MainToCore;
    switch (msg?.type) {
      case 'connect': {
        const port = e.ports[0];
        if (port) host.connect(msg.connectionId, endpointFromPort(port), msg.token);
        break;
      }
      case 'disconnect':
        host.disconnect(msg.connectionId);
        break;
      case 'pdf-result':
        pdf.settle(msg);
        break;
      case 'shutdown':
        host.closeAll();
        void opening
          .then((core) => core.close())
          .catch(() => undefined)
          .finally(() => exit(0));
        break;
    }
  });
  return host;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) {
  const dataDir = dataDirFromArgs(process.argv, process.env);
  serveParentPort(
    parentPort,
    async (pdf) => {
      const core = await Core.open({ dataDir, pdf });
      await core.startBackground();
      return core;
    },
    (code) => process.exit(code),
  );
}
