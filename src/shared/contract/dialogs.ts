import { z } from 'zod';
import { channel } from './define';

export const dialogChannels = {
  /**
   * The native save dialog for an export, opened in the last export folder. The chosen
   * path is granted to the export service (it may then replace an existing file there).
   * Null when the reseller cancels.
   */
  'exports:choose-path': channel<{ path: string } | null>()(
    z
      .object({
        suggestedName: z
          .string()
          .min(1)
          .max(200)
          // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
          .regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, { message: 'must be a file name without folders' }),
      })
      .strict(),
  ),
};
