import type { proxiesChannels } from '../../../shared/contract/proxies';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createProxiesHandlers(ctx: AppContext): Pick<Handlers, keyof typeof proxiesChannels> {
  return {
    'proxies:quote': (input) => ctx.proxies.quote(input),
    'proxies:create': (input) => ctx.proxies.create(input),
    'proxies:rotate': ({ serviceId }) => ctx.proxies.rotate(serviceId),
    'proxies:extend': (input) => ctx.proxies.extend(input),
    'proxies:list': (query) => ctx.proxies.list(query),
    'credentials:format': (input) => ctx.credentials.format(input),
  };
}
