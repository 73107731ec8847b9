import type { RouteSpec } from './profile';

/**
 * Every route each simulated API serves, with where it is documented. Sources:
 * `guide:N` = ../shared/seeds/proxies-sx-reseller-guide.txt line N,
 * `whozex:N` = ../shared/seeds/whozex-reseller-api.txt line N,
 * `facts:N` = ../shared/seeds/upstream-facts.md line N.
 * A source starting with `assumed` is served by the `extended` profile only.
 *
 * Proxies.sx documents NO reseller balance endpoint (facts:52): in `documented` the app
 * cannot read its balance from the API; the customer list (facts:19) is the documented
 * read that carries each customer's balance, allocatedPortSlots, usedPortSlots and
 * externalId, which is what settles an unknown top-up or port outcome.
 */
export const PSX_ROUTES: readonly RouteSpec[] = [
  // Documented
  { method: 'POST', path: '/v1/login/signin', summary: 'Sign in (email, password) for a Bearer token', source: 'guide:12, facts:9', public: true },
  { method: 'POST', path: '/v1/api-keys', summary: 'Create an API key (Bearer)', source: 'guide:15, facts:10' },
  { method: 'GET', path: '/v1/reseller/pricebook', summary: 'Read the pricebook', source: 'guide:37' },
  { method: 'PUT', path: '/v1/reseller/pricebook', summary: 'Update the pricebook', source: 'guide:38' },
  { method: 'POST', path: '/v1/reseller/pricebook/country-override', summary: 'Set a country margin override', source: 'guide:48' },
  { method: 'POST', path: '/v1/reseller/pricebook/calculate', summary: 'Quote a port price (type "port" only is documented)', source: 'guide:56' },
  { method: 'POST', path: '/v1/reseller/customers', summary: 'Create a customer', source: 'guide:77, facts:15' },
  {
    method: 'GET',
    path: '/v1/reseller/customers',
    summary: 'List customers → {customers, total}',
    source: 'facts:19',
    query: ['status', 'search', 'limit', 'skip'],
  },
  { method: 'POST', path: '/v1/reseller/customers/:id/topup', summary: "Top up a customer's balance from the reseller balance", source: 'guide:89' },
  { method: 'POST', path: '/v1/reseller/ports', summary: 'Create a port for a customer', source: 'guide:103' },
  { method: 'POST', path: '/v1/reseller/ports/:id/rotate', summary: 'Rotate a port (change device)', source: 'guide:140' },
  { method: 'POST', path: '/v1/reseller/webhooks', summary: 'Register a webhook (the answer shows no secret)', source: 'guide:143' },
  { method: 'GET', path: '/v1/reseller/docs/openapi', summary: 'This OpenAPI document', source: 'guide:298, facts:68', public: true },
  {
    method: 'GET',
    path: '/v1/ports',
    summary: 'List ports (page/limit) → {ports, total, page, pages}',
    source: 'facts:21',
    query: ['page', 'limit', 'type', 'status', 'countryId', 'carrierId'],
  },
  { method: 'POST', path: '/v1/ports/:id/rotate', summary: 'Rotate a port', source: 'facts:23' },
  { method: 'GET', path: '/v1/ports/:id/can-rotate', summary: 'Whether a port can rotate now', source: 'facts:23' },
  { method: 'GET', path: '/v1/countries/with-devices', summary: 'Countries with free devices', source: 'facts:26' },
  { method: 'GET', path: '/v1/carriers/country/:countryId', summary: 'Carriers of a country', source: 'facts:27', query: ['withDevice'] },

  // Assumed (extended only)
  { method: 'GET', path: '/v1/api-keys', summary: 'List API keys', source: 'assumed: the guide shows creating keys only' },
  { method: 'GET', path: '/v1/reseller/balance', summary: 'Reseller balance', source: 'assumed: no balance endpoint is documented (facts:52)' },
  { method: 'GET', path: '/v1/reseller/account', summary: 'Reseller account with balance', source: 'assumed: no balance endpoint is documented (facts:52)' },
  { method: 'GET', path: '/v1/reseller/transactions', summary: 'Reseller statement', source: 'assumed: no transactions endpoint is documented (facts:52)' },
  { method: 'GET', path: '/v1/reseller/customers/:id', summary: 'Read one customer', source: 'assumed: facts:53' },
  { method: 'PATCH', path: '/v1/reseller/customers/:id', summary: 'Edit a customer', source: 'assumed: facts:53' },
  { method: 'PUT', path: '/v1/reseller/customers/:id', summary: 'Edit a customer', source: 'assumed: facts:53' },
  { method: 'POST', path: '/v1/reseller/customers/:id/suspend', summary: 'Suspend a customer', source: 'assumed: facts:53' },
  { method: 'POST', path: '/v1/reseller/customers/:id/reactivate', summary: 'Reactivate a customer', source: 'assumed: facts:53' },
  { method: 'POST', path: '/v1/reseller/customers/:id/activate', summary: 'Activate a customer', source: 'assumed: facts:53' },
  { method: 'GET', path: '/v1/reseller/ports', summary: 'Reseller port list (skip/customerId)', source: 'assumed: facts:54 (the documented list is GET /ports)' },
  { method: 'GET', path: '/v1/reseller/ports/:id', summary: 'One port by id', source: 'assumed: facts:54' },
  { method: 'GET', path: '/v1/ports/:id', summary: 'One port by id', source: 'assumed: facts:54' },
  { method: 'POST', path: '/v1/reseller/ports/:id/extend', summary: 'Extend (renew) a port', source: 'assumed: facts:54' },
  { method: 'GET', path: '/v1/reseller/webhooks', summary: 'List webhooks', source: 'assumed: facts:55' },
  { method: 'GET', path: '/v1/reseller/webhooks/:id', summary: 'Read one webhook', source: 'assumed: facts:55' },
  { method: 'DELETE', path: '/v1/reseller/webhooks/:id', summary: 'Delete a webhook', source: 'assumed: facts:55' },
  { method: 'GET', path: '/v1/countries', summary: 'All countries', source: 'assumed: only /countries/with-devices is documented (facts:26)' },
  { method: 'GET', path: '/v1/countries/:id/cities', summary: 'Cities of a country', source: 'assumed: facts:55 (the provider removed its cities endpoint)' },
  { method: 'GET', path: '/v1/cities', summary: 'Cities of a country (?countryId)', source: 'assumed: facts:55' },
  { method: 'PATCH', path: '/v1/reseller/pricebook', summary: 'Update the pricebook (PATCH)', source: 'assumed: the guide shows PUT (guide:38)' },
  {
    method: 'DELETE',
    path: '/v1/reseller/pricebook/country-override/:countryId',
    summary: 'Remove a country override',
    source: 'assumed: the guide shows creating overrides only (guide:48)',
  },
  {
    method: 'POST',
    path: '/v1/reseller/pricebook/customer-discount',
    summary: 'Set a customer discount',
    source: 'assumed: guide:74 mentions discounts "if configured" but no endpoint',
  },
];

/** Behaviour beyond routes that differs by profile (each `extended` value is an assumption). */
export const PSX_BEHAVIOUR: readonly { feature: string; documented: string; extended: string }[] = [
  { feature: 'Idempotency-Key', documented: 'accepted, ignored: every request is a new write (facts:30 promises it for pool-key endpoints only, none served)', extended: 'assumed: deduplicated for 24 h on every write' },
  { feature: 'Webhook registration answer', documented: 'no secret (no document shows one)', extended: 'assumed: returns secret whsec_… once' },
  {
    feature: 'Webhook delivery',
    documented: 'design note (facts:58): body {id, type, created (unix seconds), resellerId, data}; headers X-Proxies-Event, X-Proxies-Delivery; no signature (no secret exists)',
    extended: 'assumed: body {id, event, createdAt, data}; X-Proxies-Event-Id, X-Proxies-Event, X-Proxies-Timestamp, X-Proxies-Signature t=…,v1=HMAC("<t>.<body>")',
  },
  { feature: 'Webhook events', documented: 'port.created, port.expired, port.rotated, customer.quota_exceeded, balance.low (guide:153-157)', extended: 'assumed: also port.expiring' },
  { feature: 'pricebook/calculate type', documented: '"port" only (guide:60)', extended: 'assumed: also "traffic" (facts:56)' },
  { feature: 'Undocumented query parameters', documented: 'refused: 400 "property x should not exist"', extended: 'assumed: customerId, skip, order on port lists; externalId, email, order on the customer list' },
  { feature: 'Reseller balance', documented: 'not reported by any documented route', extended: 'assumed: GET /reseller/balance and /reseller/account' },
];

export const WHOZEX_ROUTES: readonly RouteSpec[] = [
  // Documented
  { method: 'GET', path: '/v1/account', summary: 'Reseller account, balance, key metadata', source: 'whozex:26' },
  { method: 'GET', path: '/v1/account/stats', summary: 'Spending, GB by proxy type, 30-day chart', source: 'whozex:40' },
  { method: 'GET', path: '/v1/account/transactions', summary: 'Reseller transactions (paginated)', source: 'whozex:44', query: ['page', 'limit', 'type'] },
  { method: 'POST', path: '/v1/account/regenerate-key', summary: 'Revoke the key and issue a new one', source: 'whozex:52' },
  { method: 'GET', path: '/v1/users', summary: 'List sub-users (paginated)', source: 'whozex:57', query: ['page', 'limit', 'search'] },
  { method: 'POST', path: '/v1/users', summary: 'Create a sub-user', source: 'whozex:65' },
  { method: 'POST', path: '/v1/users/:id/balance', summary: "Add to or deduct from a sub-user's balance", source: 'whozex:80' },
  { method: 'POST', path: '/v1/users/:id/packages', summary: 'Buy a package for a sub-user (heavy)', source: 'whozex:96' },
  { method: 'GET', path: '/v1/packages/:id', summary: 'One package with live GB', source: 'whozex:116' },
  { method: 'POST', path: '/v1/packages/:id/add-gb', summary: 'Add GB to a package', source: 'whozex:120' },
  { method: 'GET', path: '/v1/packages/:id/credentials', summary: 'Connection strings with targeting', source: 'whozex:132', query: ['country', 'city'] },
  { method: 'GET', path: '/v1/packages/:id/usage', summary: 'Usage history for charts', source: 'whozex:151', query: ['duration', 'granularity'] },
  { method: 'GET', path: '/v1/pricing', summary: 'Pricing tiers with your price', source: 'whozex:158', query: [] },
  { method: 'GET', path: '/v1/pricing/calculate', summary: 'Cost of a GB amount', source: 'whozex:166', query: ['gb'] },
  { method: 'GET', path: '/v1/analytics/overview', summary: 'Analytics across sub-users', source: 'whozex:171' },
  { method: 'POST', path: '/v1/webhooks', summary: 'Register a webhook (secret shown once)', source: 'whozex:175' },

  // Assumed (extended only)
  { method: 'GET', path: '/v1/users/:id', summary: 'Read one sub-user', source: 'assumed: facts:63' },
  { method: 'GET', path: '/v1/users/:id/packages', summary: "A sub-user's packages", source: 'assumed: no document lists it' },
  { method: 'GET', path: '/v1/webhooks', summary: 'List webhooks', source: 'assumed: facts:63' },
  { method: 'DELETE', path: '/v1/webhooks/:id', summary: 'Delete a webhook', source: 'assumed: facts:63' },
  { method: 'GET', path: '/v1/openapi.json', summary: 'This OpenAPI document', source: 'assumed: Whozex documents no OpenAPI document' },
];

/** The event names the Whozex seed's example lists (facts:64). */
export const WHOZEX_DOCUMENTED_EVENTS = ['package.created', 'package.low_gb', 'balance.added', 'user.created'] as const;

export const WHOZEX_BEHAVIOUR: readonly { feature: string; documented: string; extended: string }[] = [
  { feature: 'Idempotency-Key', documented: 'accepted, ignored (facts:65)', extended: 'assumed: deduplicated for 24 h on every POST/DELETE' },
  {
    feature: 'Webhook events',
    documented: `${WHOZEX_DOCUMENTED_EVENTS.join(', ')}; any other is refused with INVALID_PARAMS`,
    extended: 'assumed: also balance.deducted, package.gb_added, package.depleted, package.expired',
  },
  { feature: 'Webhook URL', documented: 'HTTPS (whozex:180); the sandbox also takes http:// on loopback', extended: 'same' },
  {
    feature: 'Webhook delivery',
    documented: 'body {event, data, timestamp}; X-Whozex-Signature sha256=<hex> (whozex:194-207)',
    extended: 'assumed: also X-Whozex-Event and X-Whozex-Event-Id headers',
  },
  { feature: 'proxy_type on /pricing and /pricing/calculate', documented: 'ignored (residential prices, no proxy_type in the answer)', extended: 'assumed: honoured' },
  { feature: 'Undocumented query parameters', documented: 'ignored (dropped before the route)', extended: 'as the route reads them' },
];
