import { isAppPageUrl, type AppPage } from './app-page';

/** What the IPC bridge knows of the frame that sent a call (a subset of WebFrameMain). */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * A call is served only when it comes from the main frame of the app's own page. A
 * sub-frame, a page that navigated elsewhere, or a destroyed frame (null) is refused
 * before its input is even parsed.
 */
export function isAllowedSender(frame: SenderFrameLike | null | undefined, page: AppPage): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppPageUrl(frame.url, page);
}
