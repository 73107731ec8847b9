export { createWhozexApp, type WhozexDeps } from './app';
export { seedWhozex, seedWhozexLargeAccount, WHOZEX_SANDBOX_KEY, WHOZEX_SANDBOX_RESELLER_ID } from './seed';
export { signBody, WEBHOOK_EVENTS, type WhozexEvent } from './events';
export { INSUFFICIENT_BALANCE_STATUS } from './envelope';
export { MAX_WEBHOOKS, WEBHOOK_LIMIT_STATUS } from './routes/webhooks';
