import { z } from 'zod';
import { channel, noInput } from './define';

export interface BackupSummary {
  name: string;
  reason: 'daily' | 'pre-migration' | 'manual' | 'pre-restore';
  createdAt: string;
  sizeBytes: number;
}

export interface ErrorReport {
  /** Plain text a reseller can paste into a support message; contains no secret. */
  text: string;
}

export const maintenanceChannels = {
  'backups:list': channel<BackupSummary[]>()(noInput),
  'backups:create': channel<BackupSummary>()(noInput),
  /** Staged, applied when the app restarts; `confirm` must be true (the UI asks first). */
  'backups:restore': channel<{ name: string; stagedAt: string; restartRequired: true }>()(
    z
      .object({
        name: z.string().max(200),
        confirm: z.literal(true, { message: 'must be true: restoring replaces the current ledger' }),
      })
      .strict(),
  ),
  'logs:error-report': channel<ErrorReport>()(noInput),
};
