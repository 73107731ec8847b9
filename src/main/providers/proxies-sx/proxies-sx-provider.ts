/**
 * Proxies.sx adapter: dedicated mobile ports billed per day from the reseller balance,
 * customers with port-slot quotas, a server-side pricebook, rotation, webhooks.
 * Offset pagination (`limit`/`skip` → `{customers, total}`), Mongo-style `_id`s,
 * NestJS-style errors `{statusCode, message, error, code?}`.
 */
import { AppError } from '../../../shared/errors';
import { microsToDecimal } from '../../../shared/money';
import { BaseProvider, clampLimit, cursorNumber, type CapabilityHinges } from '../base-provider';
import type { HttpResponse } from '../http/http-client';
import { jsonNumber } from '../http/json';
import type { JsonReader } from '../http/reader';
import { compact, listIn, moneyOut, wholeOut } from '../shared-decode';
import type * as T from '../types';
import type { UpstreamErrorInfo } from '../upstream-errors';
import { proxiesSxCreateApiKey, proxiesSxLogin } from './auth';
import * as D from './decode';
import { proxiesSxErrorInfo } from './errors';
import { PROXIES_SX_ROUTES } from './routes';

/**
 * Everything the adapter can do when every assumed route is there. Per account, the flags
 * in PROXIES_SX_HINGES are narrowed to what that account's upstream offers.
 */
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
  balanceReport: true,
  transactionsReport: true,
  portExtend: true,
});

/** Flags resting on undocumented routes (upstream-facts.md, "What no public document promises"). */
const PROXIES_SX_HINGES: CapabilityHinges = {
  customerUpdate: 'customerUpdate',
  customerSuspend: 'customerSuspend',
  balanceReport: 'balance',
  transactionsReport: 'transactions',
  portExtend: 'portExtend',
};

export class ProxiesSxProvider extends BaseProvider {
  readonly kind = 'proxies-sx' as const;
  protected readonly declared = PROXIES_SX_CAPABILITIES;
  protected readonly hinges = PROXIES_SX_HINGES;
  protected readonly routes = PROXIES_SX_ROUTES;
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

  /** The documented customer list, one item: proves the key without an assumed route. */
  async verifyKey(o: T.ReadOptions = {}): Promise<T.Traced> {
    const a = await this.send('customers.list', {}, { query: { limit: 1 }, signal: o.signal });
    return { requestId: a.requestId };
  }

  protected override async probeId(cap: string, o: T.ReadOptions): Promise<string | null> {
    if (cap === 'customerRead') return (await this.listCustomers({ limit: 1 }, o)).items[0]?.id ?? null;
    if (cap === 'portRead') return (await this.listPorts({ limit: 1 }, o)).items[0]?.id ?? null;
    if (cap === 'cities') return (await this.listCountries(o)).items[0]?.id ?? null;
    return null;
  }

  /** Assumed (`balance`): no document shows a reseller balance endpoint. */
  async getAccount(o: T.ReadOptions = {}): Promise<T.WithRequest<T.UpstreamAccount>> {
    const a = await this.send('account.get', {}, { signal: o.signal });
    return { ...D.account(a.data), requestId: a.requestId };
  }

  async listTransactions(q: T.TransactionQuery = {}, o: T.ReadOptions = {}): Promise<T.Page<T.UpstreamTransaction>> {
    const page = this.offsetQuery(q);
    const a = await this.send('transactions.list', {}, { query: { ...page, type: q.type }, signal: o.signal });
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
    const a = await this.send('customers.create', {}, { body, idempotencyKey: o.idempotencyKey, signal: o.signal }, 'this customer');
    return { ...D.customer(D.unwrap(a.data, 'customer')), requestId: a.requestId };
  }

  async listCustomers(q: T.CustomerQuery = {}, o: T.ReadOptions = {}): Promise<T.Page<T.UpstreamCustomer>> {
    const page = this.offsetQuery(q);
    const a = await this.send('customers.list', {}, { query: { ...page, status: q.status, search: q.search }, signal: o.signal });
    return this.offsetPage(a.data, 'customers', page.skip, D.customer, a.requestId);
  }

  /** Assumed route (`customerRead`); without it, the documented list is searched for the id. */
  async getCustomer(id: string, o: T.ReadOptions = {}): Promise<T.WithRequest<T.UpstreamCustomer>> {
    try {
      const a = await this.send('customers.get', { id }, { signal: o.signal }, `customer ${id}`);
      return { ...D.customer(D.unwrap(a.data, 'customer')), requestId: a.requestId };
    } catch (error) {
      if (!BaseProvider.isAbsent(error)) throw error;
      return this.findIn((cursor) => this.listCustomers({ cursor, limit: 100 }, o), id, `Customer ${id}`);
    }
  }

  /** Pages a documented list for one id; NOT_FOUND when it is not there. */
  private async findIn<I extends { id: string }>(list: (cursor: string | null) => Promise<T.Page<I>>, id: string, what: string): Promise<T.WithRequest<I>> {
    let cursor: string | null = null;
    do {
      const page: T.Page<I> = await list(cursor);
      const hit = page.items.find((x) => x.id === id);
      if (hit) return { ...hit, requestId: page.requestId };
      cursor = page.nextCursor;
    } while (cursor !== null);
    throw new AppError('NOT_FOUND', `${what} was not found at Proxies.sx for '${this.accountName}'. It may have been removed there; sync the account to refresh.`);
  }

  override async updateCustomer(id: string, patch: T.UpdateCustomerInput, o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    const body = compact({
      name: patch.name,
      company: patch.company,
      externalId: patch.externalId,
      allocatedPortSlots: patch.allocatedPortSlots,
      allocatedTrafficGB: patch.allocatedTrafficGbMilli === undefined ? undefined : gbOut(patch.allocatedTrafficGbMilli),
    });
    const a = await this.send('customers.update', { id }, { body, idempotencyKey: o.idempotencyKey, signal: o.signal }, `customer ${id}`);
    return { ...D.customer(D.unwrap(a.data, 'customer')), requestId: a.requestId };
  }

  override async suspendCustomer(id: string, o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    return this.customerAction(id, 'customers.suspend', o);
  }

  override async resumeCustomer(id: string, o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    return this.customerAction(id, 'customers.activate', o);
  }

  private async customerAction(id: string, route: 'customers.suspend' | 'customers.activate', o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    const a = await this.send(route, { id }, { idempotencyKey: o.idempotencyKey, signal: o.signal }, `customer ${id}`);
    return { ...D.customer(D.unwrap(a.data, 'customer')), requestId: a.requestId };
  }

  async topUpCustomer(id: string, input: T.BalanceMoveInput, o: T.MutationOptions): Promise<T.WithRequest<T.BalanceMove>> {
    const body = compact({ amount: moneyOut(input.amount, 'amount'), description: input.note, referenceId: input.referenceId });
    const a = await this.send('customers.topup', { id }, { body, idempotencyKey: o.idempotencyKey, signal: o.signal }, 'this top-up');
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
    const a = await this.send('ports.create', {}, { body, idempotencyKey: o.idempotencyKey, signal: o.signal }, 'this port');
    const r = D.portWithPricing(a.data);
    const pricing = r.pricing ?? a.data.fail('the answer has no pricing');
    return { port: r.port, pricing, requestId: a.requestId };
  }

  override async rotatePort(id: string, o: T.MutationOptions): Promise<T.WithRequest<T.RotationResult>> {
    const a = await this.send('ports.rotate', { id }, { idempotencyKey: o.idempotencyKey, signal: o.signal }, `port ${id}`);
    const d = a.data;
    const p = d.has('port') && d.at('port').isObject() ? d.at('port') : null;
    const newIp = d.optStr('newIp') ?? d.optStr('currentIp') ?? d.optStr('ip') ?? p?.optStr('currentIp') ?? null;
    const rotatedAt = d.has('rotatedAt') ? d.at('rotatedAt').asDate() : (p?.at('lastRotatedAt').asOptDate() ?? null);
    const ok = d.has('success') ? d.at('success').asBool() : d.has('rotated') ? d.at('rotated').asBool() : true;
    return { portId: id, rotated: ok, newIp, rotatedAt, requestId: a.requestId };
  }

  override async extendPort(id: string, input: T.ExtendPortInput, o: T.MutationOptions): Promise<T.WithRequest<T.ExtendedPort>> {
    // Assumed (`portExtend`): a "no such route" answer turns it off; nothing was charged.
    const a = await this.send('ports.extend', { id }, { body: { days: wholeOut(input.days, 'days') }, idempotencyKey: o.idempotencyKey, signal: o.signal }, `port ${id}`);
    return { ...D.portWithPricing(a.data), requestId: a.requestId };
  }

  /**
   * The documented port list (`GET /v1/ports?page&limit&type&status&countryId&carrierId`).
   * It has no customer filter: `customerId` is applied here, page by page (a page may then
   * hold fewer items than asked; `nextCursor` still says whether more pages follow).
   */
  override async listPorts(q: T.PortQuery = {}, o: T.ReadOptions = {}): Promise<T.Page<T.UpstreamPort>> {
    const limit = clampLimit(q.limit, 50, 100);
    const page = Math.max(1, cursorNumber(q.cursor, 1));
    const a = await this.send('ports.list', {}, { query: { page, limit, type: q.type, status: q.status, countryId: q.countryId }, signal: o.signal });
    const all = listIn(a.data, 'ports', 'items').map(D.port);
    const total = a.data.isObject() && a.data.has('total') ? a.data.at('total').asOptInt() : null;
    const more = total !== null ? page * limit < total : all.length >= limit;
    const items = q.customerId === undefined ? all : all.filter((p) => p.customerId === q.customerId);
    return { items, total: q.customerId === undefined ? total : null, nextCursor: more && all.length > 0 ? String(page + 1) : null, requestId: a.requestId };
  }

  /** Assumed route (`portRead`); without it, the documented port list is searched for the id. */
  override async getPort(id: string, o: T.ReadOptions = {}): Promise<T.WithRequest<T.UpstreamPort>> {
    try {
      const a = await this.send('ports.get', { id }, { signal: o.signal }, `port ${id}`);
      return { ...D.port(D.unwrap(a.data, 'port')), requestId: a.requestId };
    } catch (error) {
      if (!BaseProvider.isAbsent(error)) throw error;
      return this.findIn((cursor) => this.listPorts({ cursor, limit: 100 }, o), id, `Port ${id}`);
    }
  }

  // ---- pricebook ----

  async getPricebook(o: T.ReadOptions = {}): Promise<T.WithRequest<T.Pricebook>> {
    const a = await this.send('pricebook.get', {}, { signal: o.signal });
    return { ...D.pricebook(a.data), requestId: a.requestId };
  }

  override async updatePricebook(patch: T.PricebookUpdate, o: T.MutationOptions): Promise<T.WithRequest<T.Pricebook>> {
    const body = compact({
      pricingMode: patch.pricingMode,
      defaultMarginPercent: patch.defaultMarginBps === undefined ? undefined : bpsOut(patch.defaultMarginBps),
      portPricing: patch.portPricing ? ruleOut(patch.portPricing) : undefined,
      trafficPricing: patch.trafficPricing ? ruleOut(patch.trafficPricing) : undefined,
    });
    const a = await this.send('pricebook.put', {}, { body, idempotencyKey: o.idempotencyKey, signal: o.signal });
    return { ...D.pricebook(a.data), requestId: a.requestId };
  }

  override async setCountryOverride(input: T.CountryOverride, o: T.MutationOptions): Promise<T.WithRequest<T.Pricebook>> {
    const body = { countryId: input.countryId, ...ruleOut(input) };
    const a = await this.send('pricebook.countryOverride', {}, { body, idempotencyKey: o.idempotencyKey, signal: o.signal }, `country ${input.countryId}`);
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
    // `type: "traffic"` is not in the seed (only "port" is): assumed, see UPSTREAM-CONTRACT.md.
    const a = await this.send('pricebook.calculate', {}, { body, safe: true, signal: o.signal });
    return { ...D.quote(a.data), requestId: a.requestId };
  }

  // ---- webhooks ----

  async registerWebhook(input: T.WebhookInput, o: T.MutationOptions): Promise<T.WithRequest<T.RegisteredWebhook>> {
    const body = { name: input.name ?? 'Reseller Desk', url: input.url, events: input.events };
    const a = await this.send('webhooks.create', {}, { body, idempotencyKey: o.idempotencyKey, signal: o.signal });
    const w = D.unwrap(a.data, 'webhook');
    // No document shows a secret in this answer: null when absent (deliveries are then hints).
    const secret = a.data.optStr('secret') ?? w.optStr('secret') ?? null;
    return { ...D.webhook(w), secret, requestId: a.requestId };
  }

  async listWebhooks(o: T.ReadOptions = {}): Promise<T.List<T.UpstreamWebhook>> {
    const a = await this.send('webhooks.list', {}, { signal: o.signal });
    return { items: listIn(a.data, 'webhooks', 'items').map(D.webhook), requestId: a.requestId };
  }

  async deleteWebhook(id: string, o: T.MutationOptions): Promise<T.Traced> {
    const a = await this.send('webhooks.delete', { id }, { idempotencyKey: o.idempotencyKey, signal: o.signal }, `webhook ${id}`);
    return { requestId: a.requestId };
  }

  // ---- reference data ----

  override async listCountries(o: T.ReadOptions = {}): Promise<T.List<T.Country>> {
    const a = await this.send('countries.withDevices', {}, { signal: o.signal });
    return { items: listIn(a.data, 'countries', 'items').map(D.country), requestId: a.requestId };
  }

  override async listCities(countryId: string, o: T.ReadOptions = {}): Promise<T.List<T.City>> {
    const a = await this.send('cities.byCountry', { countryId }, { signal: o.signal }, `country ${countryId}`);
    return { items: listIn(a.data, 'cities', 'items').map((c) => D.city(c, countryId)), requestId: a.requestId };
  }

  override async listCarriers(countryId: string, o: T.ReadOptions = {}): Promise<T.List<T.Carrier>> {
    const a = await this.send('carriers.byCountry', { countryId }, { query: { withDevice: true }, signal: o.signal }, `country ${countryId}`);
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
