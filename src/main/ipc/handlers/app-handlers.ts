import { platform } from 'node:os';
import type { appChannels } from '../../../shared/contract/app';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createAppHandlers(ctx: AppContext): Pick<Handlers, keyof typeof appChannels> {
  return {
    'app:info': () => ({
      name: 'Reseller Desk',
      version: ctx.version,
      dataDir: ctx.dataDir,
      ledgerFile: ctx.ledger.file,
      platform: platform(),
      upstreams: ctx.upstreamStatus.list(),
      keychainAvailable: ctx.secrets.keychain.available,
    }),
    'settings:get': () => ctx.settings.get(),
    'settings:update': (patch) => ctx.settings.update(patch),
    'app:open-external': async ({ url }) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new AppError('INVALID_INPUT', 'url: is not a valid address', { field: 'url' });
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        throw new AppError('INVALID_INPUT', 'url: only http and https links can be opened', { field: 'url' });
      }
      await ctx.openExternal(parsed.toString());
    },
  };
}
