/**
 * Proxies.sx adapter: dedicated mobile ports billed per day from the reseller balance,
 * customers with port-slot quotas, a server-side pricebook, rotation, webhooks.
 * Offset pagination (`limit`/`skip` → `{customers, total}`), Mongo-style `_id`s,
 * NestJS-style errors `{statusCode, message, error, code?}`.
 */
import { AppError } from '../../../shared/errors';
import { microsToDecimal } from '../../../shared/money';
import { BaseProvider, clampLimit, cursorNumber } from '../base-provider';
import { seg, type HttpResponse } from '../http/http-client';
import { jsonNumber } from '../http/json';
import type { JsonReader } from '../http/reader';
import { compact, listIn, moneyOut, wholeOut } from '../shared-decode';
import type * as T from '../types';
import type { UpstreamErrorInfo } from '../upstream-errors';
import { proxiesSxCreateApiKey, proxiesSxLogin } from './auth';
import * as D from './decode';
import { proxiesSxErrorInfo } from './errors';

export const PROXIES_SX_CAPABILITIES: T.ProviderCapabilities = Object.freeze({
  kind: 'proxies-sx',
  billing: 'per-day-ports',
  rotation: true,
  serverPricebook: true,
  webhooks: true,
  subUserBalances: false,
  customerTopUp: true,
  customerDeduct: false,
  customerUpdate: true,
  customerSuspend: true,
  ports: true,
  packages: false,
  referenceData: true,
  regenerateKey: false,
});

export class ProxiesSxProvider extends BaseProvider {
  readonly kind = 'proxies-sx' as const;
  readonly capabilities = PROXIES_SX_CAPABILITIES;
  /** Sign in with email + password (no API key yet). */
  static readonly login = proxiesSxLogin;
  /** Create an API key with a sign-in token. */
  static readonly createApiKey = proxiesSxCreateApiKey;

  constructor(options: T.ProviderOptions) {
    super('Proxies.sx', options, (key) => ({ 'x-api-key': key }));
  }

  protected payload(body: JsonReader, res: HttpResponse): { data: JsonReader; requestId: string | null } {
    const meta = body.isObject() && body.has('meta') && body.at('meta').isObject() ? body.at('meta') : null;
    return { data: body, requestId: res.requestId ?? meta?.optStr('requestId') ?? null };
  }

  protected errorInfo(body: JsonReader | null): UpstreamErrorInfo {
    return proxiesSxErrorInfo(body);
  }

  private offsetPage<I>(data: JsonReader, name: string, skip: number, map: (r: JsonReader) => I, requestId: string | null): T.Page<I> {
    const items = listIn(data, name, 'items').map(map);
    const total = data.isObject() ? data.at('total').asOptInt() : null;
    const next = skip + items.length;
    const more = total !== null ? next < total : false;
    return { items, total, nextCursor: more && items.length > 0 ? String(next) : null, requestId };
  }

  private offsetQuery(q: T.PageQuery | undefined): { limit: number; skip: number } {
    return { limit: clampLimit(q?.limit, 50, 100), skip: cursorNumber(q?.cursor, 0) };
  }

  // ---- account ----

  async getAccount(o: T.ReadOptions = {}): Promise<T.WithRequest<T.UpstreamAccount>> {
    const a = await this.call({ method: 'GET', path: '/reseller/account', signal: o.signal });
    return { ...D.account(a.data), requestId: a.requestId };
  }

  async listTransactions(q: T.TransactionQuery = {}, o: T.ReadOptions = {}): Promise<T.Page<T.UpstreamTransaction>> {
    const page = this.offsetQuery(q);
    const a = await this.call({ method: 'GET', path: '/reseller/transactions', query: { ...page, type: q.type }, signal: o.signal });
    return this.offsetPage(a.data, 'transactions', page.skip, D.transaction, a.requestId);
  }

  // ---- customers ----

  async createCustomer(input: T.CreateCustomerInput, o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    const body = compact({
      email: input.email,
      name: input.name,
      company: input.company,
      externalId: input.externalId,
      allocatedPortSlots: input.allocatedPortSlots,
      allocatedTrafficGB: input.allocatedTrafficGbMilli === undefined ? undefined : gbOut(input.allocatedTrafficGbMilli),
    });
    const a = await this.call({ method: 'POST', path: '/reseller/customers', body, idempotencyKey: o.idempotencyKey, signal: o.signal }, 'this customer');
    return { ...D.customer(D.unwrap(a.data, 'customer')), requestId: a.requestId };
  }

  async listCustomers(q: T.CustomerQuery = {}, o: T.ReadOptions = {}): Promise<T.Page<T.UpstreamCustomer>> {
    const page = this.offsetQuery(q);
    const a = await this.call({ method: 'GET', path: '/reseller/customers', query: { ...page, status: q.status, search: q.search }, signal: o.signal });
    return this.offsetPage(a.data, 'customers', page.skip, D.customer, a.requestId);
  }

  async getCustomer(id: string, o: T.ReadOptions = {}): Promise<T.WithRequest<T.UpstreamCustomer>> {
    const a = await this.call({ method: 'GET', path: `/reseller/customers/${seg(id)}`, signal: o.signal }, `customer ${id}`);
    return { ...D.customer(D.unwrap(a.data, 'customer')), requestId: a.requestId };
  }

  override async updateCustomer(id: string, patch: T.UpdateCustomerInput, o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    const body = compact({
      name: patch.name,
      company: patch.company,
      externalId: patch.externalId,
      allocatedPortSlots: patch.allocatedPortSlots,
      allocatedTrafficGB: patch.allocatedTrafficGbMilli === undefined ? undefined : gbOut(patch.allocatedTrafficGbMilli),
    });
    const a = await this.call(
      { method: 'PATCH', path: `/reseller/customers/${seg(id)}`, body, idempotencyKey: o.idempotencyKey, signal: o.signal },
      `customer ${id}`,
    );
    return { ...D.customer(D.unwrap(a.data, 'customer')), requestId: a.requestId };
  }

  override async suspendCustomer(id: string, o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    return this.customerAction(id, 'suspend', o);
  }

  override async resumeCustomer(id: string, o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    return this.customerAction(id, 'activate', o);
  }

  private async customerAction(id: string, action: string, o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    const a = await this.call(
      { method: 'POST', path: `/reseller/customers/${seg(id)}/${action}`, idempotencyKey: o.idempotencyKey, signal: o.signal },
      `customer ${id}`,
    );
    return { ...D.customer(D.unwrap(a.data, 'customer')), requestId: a.requestId };
  }

  async topUpCustomer(id: string, input: T.BalanceMoveInput, o: T.MutationOptions): Promise<T.WithRequest<T.BalanceMove>> {
    const body = compact({ amount: moneyOut(input.amount, 'amount'), description: input.note, referenceId: input.referenceId });
    const a = await this.call(
      { method: 'POST', path: `/reseller/customers/${seg(id)}/topup`, body, idempotencyKey: o.idempotencyKey, signal: o.signal },
      'this top-up',
    );
    const d = a.data;
    const cust = d.has('customer') && d.at('customer').isObject() ? d.at('customer') : null;
    const customerBalance = d.has('customerBalance') ? d.at('customerBalance').asMinor() : (cust?.at('balance').asOptMinor() ?? null);
    const resellerBalance = d.has('resellerBalance')
      ? d.at('resellerBalance').asMinor()
      : d.has('reseller') && d.at('reseller').isObject()
        ? d.at('reseller').at('balance').asOptMinor()
        : null;
    return {
      customerId: id,
      action: 'add',
      amount: d.has('amount') ? d.at('amount').asMinor() : input.amount,
      customerBalance,
      resellerBalance,
      requestId: a.requestId,
    };
  }

  // ---- ports ----

  override async createPort(input: T.CreatePortInput, o: T.MutationOptions): Promise<T.WithRequest<T.CreatedPort>> {
    const body = compact({
      customerId: input.customerId,
      countryId: input.countryId,
      cityId: input.cityId,
      carrierId: input.carrierId,
      days: wholeOut(input.days, 'days'),
      exclusive: input.exclusive,
      isPrivate: input.isPrivate,
    });
    const a = await this.call({ method: 'POST', path: '/reseller/ports', body, idempotencyKey: o.idempotencyKey, signal: o.signal }, 'this port');
    const r = D.portWithPricing(a.data);
    const pricing = r.pricing ?? a.data.fail('the answer has no pricing');
    return { port: r.port, pricing, requestId: a.requestId };
  }

  override async rotatePort(id: string, o: T.MutationOptions): Promise<T.WithRequest<T.RotationResult>> {
    const a = await this.call({ method: 'POST', path: `/reseller/ports/${seg(id)}/rotate`, idempotencyKey: o.idempotencyKey, signal: o.signal }, `port ${id}`);
    const d = a.data;
    const p = d.has('port') && d.at('port').isObject() ? d.at('port') : null;
    const newIp = d.optStr('newIp') ?? d.optStr('currentIp') ?? d.optStr('ip') ?? p?.optStr('currentIp') ?? null;
    const rotatedAt = d.has('rotatedAt') ? d.at('rotatedAt').asDate() : (p?.at('lastRotatedAt').asOptDate() ?? null);
    const ok = d.has('success') ? d.at('success').asBool() : d.has('rotated') ? d.at('rotated').asBool() : true;
    return { portId: id, rotated: ok, newIp, rotatedAt, requestId: a.requestId };
  }

  override async extendPort(id: string, input: T.ExtendPortInput, o: T.MutationOptions): Promise<T.WithRequest<T.ExtendedPort>> {
    const a = await this.call(
      { method: 'POST', path: `/reseller/ports/${seg(id)}/extend`, body: { days: wholeOut(input.days, 'days') }, idempotencyKey: o.idempotencyKey, signal: o.signal },
      `port ${id}`,
    );
    return { ...D.portWithPricing(a.data), requestId: a.requestId };
  }

  override async listPorts(q: T.PortQuery = {}, o: T.ReadOptions = {}): Promise<T.Page<T.UpstreamPort>> {
    const page = this.offsetQuery(q);
    const a = await this.call({
      method: 'GET',
      path: '/reseller/ports',
      query: { ...page, customerId: q.customerId, status: q.status, type: q.type, countryId: q.countryId },
      signal: o.signal,
    });
    return this.offsetPage(a.data, 'ports', page.skip, D.port, a.requestId);
  }

  /** The documented port list (`GET /v1/ports`, page-numbered), unlike listPorts' assumed `/reseller/ports`. */
  async listPortsDocumented(
    q: { cursor?: string | null; limit?: number; status?: 'active' | 'suspended' | 'expired' } = {},
    o: T.ReadOptions = {},
  ): Promise<T.Page<T.UpstreamPort>> {
    const page = cursorNumber(q.cursor, 1);
    const limit = clampLimit(q.limit, 100, 100);
    const a = await this.call({ method: 'GET', path: '/ports', query: { page, limit, status: q.status }, signal: o.signal });
    const items = listIn(a.data, 'ports', 'items', 'data').map(D.port);
    const total = a.data.isObject() ? a.data.at('total').asOptInt() : null;
    const more = total !== null ? (page - 1) * limit + items.length < total : items.length === limit;
    return { items, total, nextCursor: more && items.length > 0 ? String(page + 1) : null, requestId: a.requestId };
  }

  override async getPort(id: string, o: T.ReadOptions = {}): Promise<T.WithRequest<T.UpstreamPort>> {
    const a = await this.call({ method: 'GET', path: `/reseller/ports/${seg(id)}`, signal: o.signal }, `port ${id}`);
    return { ...D.port(D.unwrap(a.data, 'port')), requestId: a.requestId };
  }

  // ---- pricebook ----

  async getPricebook(o: T.ReadOptions = {}): Promise<T.WithRequest<T.Pricebook>> {
    const a = await this.call({ method: 'GET', path: '/reseller/pricebook', signal: o.signal });
    return { ...D.pricebook(a.data), requestId: a.requestId };
  }

  override async updatePricebook(patch: T.PricebookUpdate, o: T.MutationOptions): Promise<T.WithRequest<T.Pricebook>> {
    const body = compact({
      pricingMode: patch.pricingMode,
      defaultMarginPercent: patch.defaultMarginBps === undefined ? undefined : bpsOut(patch.defaultMarginBps),
      portPricing: patch.portPricing ? ruleOut(patch.portPricing) : undefined,
      trafficPricing: patch.trafficPricing ? ruleOut(patch.trafficPricing) : undefined,
    });
    const a = await this.call({ method: 'PUT', path: '/reseller/pricebook', body, idempotencyKey: o.idempotencyKey, signal: o.signal });
    return { ...D.pricebook(a.data), requestId: a.requestId };
  }

  override async setCountryOverride(input: T.CountryOverride, o: T.MutationOptions): Promise<T.WithRequest<T.Pricebook>> {
    const body = { countryId: input.countryId, ...ruleOut(input) };
    const a = await this.call(
      { method: 'POST', path: '/reseller/pricebook/country-override', body, idempotencyKey: o.idempotencyKey, signal: o.signal },
      `country ${input.countryId}`,
    );
    // Some deployments answer with the override only: read the book back then.
    if (a.data.isObject() && (a.data.has('pricingMode') || a.data.has('pricebook'))) return { ...D.pricebook(a.data), requestId: a.requestId };
    const book = await this.getPricebook(o.signal ? { signal: o.signal } : {});
    return { ...book, requestId: a.requestId };
  }

  async quote(input: T.QuoteInput, o: T.ReadOptions = {}): Promise<T.WithRequest<T.Quote>> {
    const body =
      input.type === 'port'
        ? compact({
            type: 'port',
            basePrice: jsonNumber(microsToDecimal(input.basePricePerDayMicros)),
            days: wholeOut(input.days, 'days'),
            countryId: input.countryId,
            customerId: input.customerId,
          })
        : compact({
            type: 'traffic',
            basePrice: input.basePricePerGbMicros === undefined ? undefined : jsonNumber(microsToDecimal(input.basePricePerGbMicros)),
            gb: wholeOut(input.gb, 'gb'),
            countryId: input.countryId,
            customerId: input.customerId,
          });
    const a = await this.call({ method: 'POST', path: '/reseller/pricebook/calculate', body, safe: true, signal: o.signal });
    return { ...D.quote(a.data), requestId: a.requestId };
  }

  // ---- webhooks ----

  async registerWebhook(input: T.WebhookInput, o: T.MutationOptions): Promise<T.WithRequest<T.RegisteredWebhook>> {
    const body = { name: input.name ?? 'Reseller Desk', url: input.url, events: input.events };
    const a = await this.call({ method: 'POST', path: '/reseller/webhooks', body, idempotencyKey: o.idempotencyKey, signal: o.signal });
    const w = D.unwrap(a.data, 'webhook');
    // No document shows a secret in this answer: null when absent (deliveries are then hints).
    const secret = a.data.optStr('secret') ?? w.optStr('secret') ?? null;
    return { ...D.webhook(w), secret, requestId: a.requestId };
  }

  async listWebhooks(o: T.ReadOptions = {}): Promise<T.List<T.UpstreamWebhook>> {
    const a = await this.call({ method: 'GET', path: '/reseller/webhooks', signal: o.signal });
    return { items: listIn(a.data, 'webhooks', 'items').map(D.webhook), requestId: a.requestId };
  }

  async deleteWebhook(id: string, o: T.MutationOptions): Promise<T.Traced> {
    const a = await this.call({ method: 'DELETE', path: `/reseller/webhooks/${seg(id)}`, idempotencyKey: o.idempotencyKey, signal: o.signal }, `webhook ${id}`);
    return { requestId: a.requestId };
  }

  // ---- reference data ----

  override async listCountries(o: T.ReadOptions = {}): Promise<T.List<T.Country>> {
    const a = await this.call({ method: 'GET', path: '/countries/with-devices', signal: o.signal });
    return { items: listIn(a.data, 'countries', 'items').map(D.country), requestId: a.requestId };
  }

  override async listCities(countryId: string, o: T.ReadOptions = {}): Promise<T.List<T.City>> {
    const a = await this.call({ method: 'GET', path: `/countries/${seg(countryId)}/cities`, signal: o.signal }, `country ${countryId}`);
    return { items: listIn(a.data, 'cities', 'items').map((c) => D.city(c, countryId)), requestId: a.requestId };
  }

  override async listCarriers(countryId: string, o: T.ReadOptions = {}): Promise<T.List<T.Carrier>> {
    const a = await this.call(
      { method: 'GET', path: `/carriers/country/${seg(countryId)}`, query: { withDevice: true }, signal: o.signal },
      `country ${countryId}`,
    );
    return { items: listIn(a.data, 'carriers', 'items').map((c) => D.carrier(c, countryId)), requestId: a.requestId };
  }
}

function gbOut(milli: number): ReturnType<typeof jsonNumber> {
  if (!Number.isSafeInteger(milli) || milli < 0) throw new AppError('INVALID_INPUT', 'Traffic must be a whole number of MB.', { field: 'allocatedTrafficGbMilli' });
  const whole = Math.trunc(milli / 1000);
  const frac = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return jsonNumber(frac ? `${whole}.${frac}` : String(whole));
}

function bpsOut(bps: number): ReturnType<typeof jsonNumber> {
  if (!Number.isSafeInteger(bps) || bps < 0) throw new AppError('INVALID_INPUT', 'A margin must be zero or more.', { field: 'marginPercent' });
  const whole = Math.trunc(bps / 100);
  const frac = String(bps % 100).padStart(2, '0').replace(/0+$/, '');
  return jsonNumber(frac ? `${whole}.${frac}` : String(whole));
}

function millionthsOut(m: number): ReturnType<typeof jsonNumber> {
  return jsonNumber(microsToDecimal(m).replace(/\.?0+$/, '') || '0');
}

function ruleOut(r: T.PriceRule): Record<string, unknown> {
  return compact({
    marginPercent: r.marginBps === undefined || r.marginBps === null ? undefined : bpsOut(r.marginBps),
    fixedPrice: r.fixedPriceMicros === undefined || r.fixedPriceMicros === null ? undefined : jsonNumber(microsToDecimal(r.fixedPriceMicros)),
    multiplier: r.multiplier === undefined || r.multiplier === null ? undefined : millionthsOut(r.multiplier),
  });
}
