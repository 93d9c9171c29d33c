/**
 * Preload (sandboxed, bundled to dist/electron/preload.cjs). Exposes exactly
 * `window.mgramseva = {call, on}` (core/src/api/client.ts PreloadBridge); the MessagePort to the
 * core stays in this isolated world.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, type RendererPortLike } from './bridge.js';
import { IPC, type CoreStatus } from './messages.js';

const controller = createBridge();

ipcRenderer.on(IPC.corePort, (event) => {
  const port = event.ports[0] as unknown as RendererPortLike | undefined;
  if (port) controller.setPort(port);
});
ipcRenderer.on(IPC.coreStatus, (_event, status: CoreStatus) => controller.onStatus(status));

const { call, on } = controller.bridge;
contextBridge.exposeInMainWorld('mgramseva', {
  call: (name: string, input: unknown, lang: string) => call(name, input, lang),
  on: (event: string, listener: (payload: unknown) => void) => on(event, listener),
});

// Ask main for a port; sent on every page load, so a reload gets a fresh connection.
ipcRenderer.send(IPC.connect);
