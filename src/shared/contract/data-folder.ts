import { z } from 'zod';
import { channel, noInput } from './define';

export interface DataFolderView {
  dataDir: string;
  ledgerFile: string;
  /** Set by RESELLER_DESK_DATA_DIR for this run: it cannot be moved from the window. */
  fromEnv: boolean;
  /** A move chosen in the window, carried out at the next start. */
  pendingMove: { target: string; stagedAt: string } | null;
  /** The desktop shell is there to open folders, pick one and restart (not under plain Node). */
  desktop: boolean;
}

export const dataFolderChannels = {
  'data-folder:get': channel<DataFolderView>()(noInput),
  /** Shows the data folder in the system's file manager. */
  'data-folder:open': channel<void>()(noInput),
  /** The native folder picker; null when the reseller cancels. */
  'data-folder:choose': channel<{ path: string } | null>()(noInput),
  /**
   * Stages moving the data to `path` (an empty or new folder): the folder is copied there
   * at the next start, before anything opens it. `confirm` must be true.
   */
  'data-folder:move': channel<DataFolderView>()(
    z
      .object({
        path: z.string().min(1).max(4096),
        confirm: z.literal(true, { message: 'must be true: the app restarts on the new folder' }),
      })
      .strict(),
  ),
  'data-folder:cancel-move': channel<DataFolderView>()(noInput),
  /** Restarts Reseller Desk (a staged move or restore is carried out as it starts). */
  'app:relaunch': channel<void>()(noInput),
};
