/**
 * Every Whozex call the app makes (paths below https://api.whozex.com/v1).
 * `seed:L<n>` = line of whozex-reseller-api.txt; `facts` = upstream-facts.md;
 * null = assumed (see docs/UPSTREAM-CONTRACT.md for what the app does without it).
 * New calls are new entries here AND a new row in the doc (a unit test checks both).
 */
import { defineRoutes } from '../routes';

export const WHOZEX_ROUTES = defineRoutes({
  // ---- account
  'account.get': { method: 'GET', path: '/account', documented: 'seed:L26' },
  'account.stats': { method: 'GET', path: '/account/stats', documented: 'seed:L40' },
  'transactions.list': { method: 'GET', path: '/account/transactions', documented: 'seed:L44' },
  'account.regenerateKey': { method: 'POST', path: '/account/regenerate-key', documented: 'seed:L52' },
  'analytics.overview': { method: 'GET', path: '/analytics/overview', documented: 'seed:L171' },
  // ---- sub-users
  'users.list': { method: 'GET', path: '/users', documented: 'seed:L57' },
  'users.create': { method: 'POST', path: '/users', documented: 'seed:L65' },
  'users.balance': { method: 'POST', path: '/users/:id/balance', documented: 'seed:L80' },
  'users.get': { method: 'GET', path: '/users/:id', documented: null, capability: 'customerRead', probe: true },
  // ---- packages
  'packages.create': { method: 'POST', path: '/users/:id/packages', documented: 'seed:L96' },
  'packages.get': { method: 'GET', path: '/packages/:id', documented: 'seed:L116' },
  'packages.addGb': { method: 'POST', path: '/packages/:id/add-gb', documented: 'seed:L120' },
  'packages.credentials': { method: 'GET', path: '/packages/:id/credentials', documented: 'seed:L132' },
  'packages.usage': { method: 'GET', path: '/packages/:id/usage', documented: 'seed:L151' },
  // ---- pricing
  'pricing.get': { method: 'GET', path: '/pricing', documented: 'seed:L158' },
  'pricing.calculate': { method: 'GET', path: '/pricing/calculate', documented: 'seed:L166' },
  // ---- webhooks
  'webhooks.create': { method: 'POST', path: '/webhooks', documented: 'seed:L175' },
  'webhooks.list': { method: 'GET', path: '/webhooks', documented: null, capability: 'webhookList', probe: true },
  'webhooks.delete': { method: 'DELETE', path: '/webhooks/:id', documented: null, capability: 'webhookDelete' },
});

export type WhozexRouteId = keyof typeof WHOZEX_ROUTES;
