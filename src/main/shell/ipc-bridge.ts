import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc-transport';
import type { Dispatch } from '../ipc/dispatcher';
import { isAppPageUrl, type AppPage } from './app-page';
import { isAllowedSender, type SenderFrameLike } from './sender-check';

export { EVENT_CHANNEL, INVOKE_CHANNEL };

export const FORBIDDEN_SENDER_RESULT: Result<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'FORBIDDEN_SENDER', message: 'This call did not come from the Reseller Desk window and was refused.' }),
}) as Result<never>;

function senderFrameOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderFrameLike | null {
  try {
    return event.senderFrame ?? null;
  } catch {
    // Reading a frame that has just been destroyed can throw: treat it as no sender.
    return null;
  }
}

/**
 * Registers the one invoke handler: every call's sender frame is checked (main frame of
 * the app's own page) before `dispatch` parses the input and runs the handler.
 * Returns a function that removes the handler.
 */
export function registerIpcBridge(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, page: AppPage): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    if (!isAllowedSender(senderFrameOf(event), page)) return FORBIDDEN_SENDER_RESULT;
    return dispatch(channel, input);
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

type EventSource = { subscribe(listener: (name: EventName, payload: unknown) => void): () => void };

/**
 * Forwards every bus event to the app's window, if it is open and still shows the app's
 * page (an event never goes to a page that is not ours).
 */
export function forwardEvents(
  bus: EventSource,
  target: () => Pick<WebContents, 'send' | 'isDestroyed' | 'getURL'> | undefined,
  page: AppPage,
): () => void {
  return bus.subscribe((name, payload) => {
    const contents = target();
    if (!contents || contents.isDestroyed() || !isAppPageUrl(contents.getURL(), page)) return;
    contents.send(EVENT_CHANNEL, name, payload);
  });
}
