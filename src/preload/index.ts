/**
 * The preload: exposes `window.api` (one named function per contract channel, and
 * `onEvent`) and nothing else. The page never sees ipcRenderer, the IPC event object or
 * any Electron handle; calls travel on one invoke channel, events on one event channel.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, type Invoke, type Subscribe } from '../shared/api-builder';
import type { Api } from '../shared/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/ipc-transport';

const invoke: Invoke = (channel, input) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, input);

const subscribe: Subscribe = (event, listener) => {
  const wrapped = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (name === event) listener(payload);
  };
  ipcRenderer.on(EVENT_CHANNEL, wrapped);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  };
};

const api = buildApi(invoke, subscribe) satisfies Api;

contextBridge.exposeInMainWorld('api', api);
