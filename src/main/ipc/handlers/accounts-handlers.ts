import type { accountsChannels } from '../../../shared/contract/accounts';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createAccountsHandlers(ctx: AppContext): Pick<Handlers, keyof typeof accountsChannels> {
  return {
    'accounts:list': (input) => ctx.accounts.list(input ?? {}),
    'accounts:add': (input) => ctx.accounts.add(input),
    'accounts:update': (input) => ctx.accounts.update(input),
    'accounts:remove': async ({ id }) => {
      ctx.sync.cancel(id);
      await ctx.accounts.remove(id);
    },
    'accounts:regenerate-key': ({ id }) => ctx.accounts.regenerateKey(id),
    'accounts:login-proxies-sx': (input) => ctx.accounts.loginProxiesSx(input),
    'accounts:test': ({ id }) => ctx.accounts.test(id),
    'accounts:capabilities': ({ id }) => ctx.accounts.capabilities(id),
    'accounts:check-capabilities': ({ id }) => ctx.accounts.checkCapabilities(id),
    'accounts:preview-books-balance': ({ id, balance }) => ctx.accounts.previewBooksBalance(id, balance),
    'accounts:set-books-balance': (input) => ctx.accounts.setBooksBalance(input),
    'accounts:summary': (input) => ctx.accounts.summary(input ?? {}),
  };
}
