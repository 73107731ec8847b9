import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/api-builder';

// Placeholder transport; the shell issue hardens it (see src/main/shell/ipc-bridge.ts).
const api = buildApi(
  (channel, input) => ipcRenderer.invoke('rd:invoke', channel, input),
  (event, listener) => {
    const wrapped = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('rd:event', wrapped);
    return () => ipcRenderer.removeListener('rd:event', wrapped);
  },
);
contextBridge.exposeInMainWorld('api', api);
