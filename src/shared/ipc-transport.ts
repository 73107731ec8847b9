/**
 * The Electron transport's two IPC channels: every call travels on INVOKE_CHANNEL as
 * (contractChannelName, input); every push event on EVENT_CHANNEL as (eventName, payload).
 * Shared by the preload and main's IPC bridge so the two cannot drift apart.
 */
export const INVOKE_CHANNEL = 'rd:invoke';
export const EVENT_CHANNEL = 'rd:event';
