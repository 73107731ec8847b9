/**
 * The IPC contract: every channel (`noun:verb`) with its input schema and output type,
 * and every push event. Main's handler table, the preload's `window.api` and the
 * renderer's types all come from here. Each domain declares its channels in
 * `contract/<domain>.ts`; this file only gathers them.
 */
import type { z } from 'zod';
import type { ChannelDef, EventDef } from './contract/define';
import type { IpcError, Result } from './errors';
import { appChannels, appEvents } from './contract/app';
import { accountsChannels, accountsEvents } from './contract/accounts';
import { syncChannels, syncEvents } from './contract/sync';
import { customerChannels, customerEvents } from './contract/customers';
import { moneyChannels, moneyEvents } from './contract/money';
import { pricingChannels, pricingEvents } from './contract/pricing';
import { exportsChannels, exportsEvents } from './contract/exports';
import { maintenanceChannels } from './contract/maintenance';
import { sandboxChannels, sandboxEvents } from './contract/sandbox';
import { dialogChannels } from './contract/dialogs';
import { shellEvents } from './contract/shell';
import { operationsChannels, operationsEvents } from './contract/operations';
import { proxiesChannels } from './contract/proxies';
import { packagesChannels } from './contract/packages';
import { eventsChannels, eventsEvents } from './contract/events';
import { customerBulkChannels, customerBulkEvents } from './contract/customer-bulk';
import { dashboardChannels } from './contract/dashboard';
import { dataFolderChannels } from './contract/data-folder';
import { upstreamReportsChannels } from './contract/upstream-reports';

export const channels = {
  ...appChannels,
  ...accountsChannels,
  ...syncChannels,
  ...customerChannels,
  ...moneyChannels,
  ...pricingChannels,
  ...exportsChannels,
  ...maintenanceChannels,
  ...sandboxChannels,
  ...dialogChannels,
  ...eventsChannels,
  ...operationsChannels,
  ...proxiesChannels,
  ...packagesChannels,
  ...customerBulkChannels,
  ...dashboardChannels,
  ...dataFolderChannels,
  ...upstreamReportsChannels,
} satisfies Record<string, ChannelDef>;

export const events = {
  ...appEvents,
  ...accountsEvents,
  ...syncEvents,
  ...customerEvents,
  ...moneyEvents,
  ...pricingEvents,
  ...exportsEvents,
  ...shellEvents,
  ...eventsEvents,
  ...operationsEvents,
  ...customerBulkEvents,
  ...sandboxEvents,
} satisfies Record<string, EventDef>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels & string;
export type EventName = keyof typeof events & string;

/** What the page sends. */
export type Input<K extends ChannelName> = z.input<Channels[K]['input']>;
/** What a handler receives, after parsing (defaults filled, text trimmed). */
export type ParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type Output<K extends ChannelName> = Exclude<Channels[K]['__output'], undefined>;
export type EventPayload<E extends EventName> = Exclude<(typeof events)[E]['__payload'], undefined>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** Arguments of a channel's function on `window.api`: none when the input is `undefined`. */
export type ApiArgs<K extends ChannelName> = undefined extends Input<K> ? [input?: Input<K>] : [input: Input<K>];

/** The shape of `window.api`: one named function per channel, and `onEvent`. */
export type Api = {
  [K in ChannelName]: (...args: ApiArgs<K>) => Promise<Result<Output<K>>>;
} & {
  onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export type { IpcError, Result };
