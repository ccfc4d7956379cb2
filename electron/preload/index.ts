/**
 * Preload (sandboxed, CommonJS): exposes the PostnetBridge as `window.postnet` and nothing else;
 * `ipcRenderer` itself never reaches the page. The page wraps it with `apiFromBridge`.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { BRIDGE_KEY } from '../../shared/api/bridge';
import { CONNECT_EVENTS_CHANNEL, EVENTS_PORT_CHANNEL } from '../../shared/api/ipc';
import type { Reply } from '../../shared/api/reply';
import { createBridge, type Invoke } from './create-bridge';
import { EventsClient, type EventsPort } from './events-client';
import { UserFiles, type UserFileEvent } from './user-files';

const invoke: Invoke = (channel, ...args) => ipcRenderer.invoke(channel, ...args) as Promise<Reply<unknown>>;

const userFiles = new UserFiles((file) => {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    return '';
  }
});
const page = globalThis as unknown as {
  addEventListener(type: string, listener: (event: UserFileEvent) => void, capture: boolean): void;
};
page.addEventListener('drop', (event) => userFiles.note(event), true);
page.addEventListener('change', (event) => userFiles.note(event), true);

const events = new EventsClient();
ipcRenderer.on(EVENTS_PORT_CHANNEL, (event) => {
  const port = event.ports[0] as unknown as EventsPort | undefined;
  if (port) events.attach(port);
});
void invoke(CONNECT_EVENTS_CHANNEL);

contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge({ invoke, userFiles, events }));
