import { join } from 'node:path';
import type { maintenanceChannels } from '../../../shared/contract/maintenance';
import type { AppContext } from '../../app-context';
import { readRecentProblems } from '../../logging/logger';
import { redactText } from '../../logging/redact';
import { createBackup, listBackups, stageRestore } from '../../services/backup/backup-service';
import type { Handlers } from '../dispatcher';

export function createMaintenanceHandlers(ctx: AppContext): Pick<Handlers, keyof typeof maintenanceChannels> {
  return {
    'backups:list': () => listBackups(ctx.dataDir),
    'backups:create': () => createBackup(ctx.ledger.sqlite, ctx.dataDir, 'manual', ctx.clock.now()),
    'backups:restore': ({ name }) => {
      const staged = stageRestore(ctx.dataDir, name, ctx.clock);
      ctx.log.warn('Backup restore staged; applied at next start', { backup: name });
      return { ...staged, restartRequired: true as const };
    },
    'logs:error-report': () => {
      const problems = readRecentProblems(join(ctx.dataDir, 'logs'));
      const lines = [
        `Reseller Desk ${ctx.version} on ${process.platform} ${process.arch}, Node ${process.versions.node}${process.versions.electron ? `, Electron ${process.versions.electron}` : ''}`,
        `Report made ${ctx.clock.now().toISOString()}`,
        '',
        ...(problems.length ? problems.map((p) => JSON.stringify(p)) : ['No warnings or errors logged recently.']),
      ];
      return { text: redactText(lines.join('\n')) };
    },
  };
}
