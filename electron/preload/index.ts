// Preload: exposes the typed API to the renderer.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('postnetHost', { kind: 'electron' });
