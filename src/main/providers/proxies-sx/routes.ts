/**
 * Every Proxies.sx call the app makes (paths below https://api.proxies.sx/v1).
 * `seed:L<n>` = line of proxies-sx-reseller-guide.txt; `facts` = upstream-facts.md;
 * null = assumed (see docs/UPSTREAM-CONTRACT.md for what the app does without it).
 * New calls are new entries here AND a new row in the doc (a unit test checks both).
 */
import { defineRoutes } from '../routes';

export const PROXIES_SX_ROUTES = defineRoutes({
  // ---- sign-in and keys (no API key yet)
  'auth.signin': { method: 'POST', path: '/login/signin', documented: 'seed:L12' },
  'auth.createApiKey': { method: 'POST', path: '/api-keys', documented: 'seed:L15' },
  // ---- the OpenAPI document: read once per capability check
  'docs.openapi': { method: 'GET', path: '/reseller/docs/openapi', documented: 'seed:L298' },
  // ---- account (no balance or statement is documented)
  'account.get': { method: 'GET', path: '/reseller/account', documented: null, capability: 'balance', probe: true },
  'transactions.list': { method: 'GET', path: '/reseller/transactions', documented: null, capability: 'transactions', probe: true },
  // ---- customers
  'customers.list': { method: 'GET', path: '/reseller/customers', documented: 'facts' },
  'customers.create': { method: 'POST', path: '/reseller/customers', documented: 'seed:L77' },
  'customers.topup': { method: 'POST', path: '/reseller/customers/:id/topup', documented: 'seed:L89' },
  'customers.get': { method: 'GET', path: '/reseller/customers/:id', documented: null, capability: 'customerRead', probe: true },
  'customers.update': { method: 'PATCH', path: '/reseller/customers/:id', documented: null, capability: 'customerUpdate' },
  'customers.suspend': { method: 'POST', path: '/reseller/customers/:id/suspend', documented: null, capability: 'customerSuspend' },
  'customers.activate': { method: 'POST', path: '/reseller/customers/:id/activate', documented: null, capability: 'customerSuspend' },
  // ---- ports
  'ports.create': { method: 'POST', path: '/reseller/ports', documented: 'seed:L103' },
  'ports.rotate': { method: 'POST', path: '/reseller/ports/:id/rotate', documented: 'seed:L140' },
  'ports.list': { method: 'GET', path: '/ports', documented: 'facts' },
  'ports.get': { method: 'GET', path: '/reseller/ports/:id', documented: null, capability: 'portRead', probe: true },
  'ports.extend': { method: 'POST', path: '/reseller/ports/:id/extend', documented: null, capability: 'portExtend' },
  // ---- pricebook
  'pricebook.get': { method: 'GET', path: '/reseller/pricebook', documented: 'seed:L37' },
  'pricebook.put': { method: 'PUT', path: '/reseller/pricebook', documented: 'seed:L38' },
  'pricebook.countryOverride': { method: 'POST', path: '/reseller/pricebook/country-override', documented: 'seed:L48' },
  'pricebook.calculate': { method: 'POST', path: '/reseller/pricebook/calculate', documented: 'seed:L56' },
  // ---- webhooks
  'webhooks.create': { method: 'POST', path: '/reseller/webhooks', documented: 'seed:L143' },
  'webhooks.list': { method: 'GET', path: '/reseller/webhooks', documented: null, capability: 'webhookList', probe: true },
  'webhooks.delete': { method: 'DELETE', path: '/reseller/webhooks/:id', documented: null, capability: 'webhookDelete' },
  // ---- reference data
  'countries.withDevices': { method: 'GET', path: '/countries/with-devices', documented: 'facts' },
  'carriers.byCountry': { method: 'GET', path: '/carriers/country/:countryId', documented: 'facts' },
  'cities.byCountry': { method: 'GET', path: '/countries/:countryId/cities', documented: null, capability: 'cities', probe: true },
});

export type ProxiesSxRouteId = keyof typeof PROXIES_SX_ROUTES;
