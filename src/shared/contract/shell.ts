import { event } from './define';

/** Push events raised by the desktop shell (tray, notifications). */
export const shellEvents = {
  /** The tray or a notification asks the window to show a page: `page` is a renderer route ("/alerts/al_1"). */
  'event:navigate': event<{ page: string }>(),
};
