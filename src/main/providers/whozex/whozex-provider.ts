/**
 * Whozex adapter: GB packages bought from sub-user balances, `{success, data, meta}`
 * envelope, page-number pagination, HMAC webhooks. Written from the Whozex reseller API
 * document alone (never from the sandbox).
 */
import { AppError } from '../../../shared/errors';
import { BaseProvider, clampLimit, cursorNumber, type CapabilityHinges } from '../base-provider';
import type { HttpResponse } from '../http/http-client';
import type { JsonReader } from '../http/reader';
import { compact, listIn, moneyOut, wholeOut } from '../shared-decode';
import type * as T from '../types';
import type { WhozexAccountStats, WhozexAnalyticsOverview } from '../../../shared/contract/upstream-reports';
import type { UpstreamErrorInfo } from '../upstream-errors';
import * as D from './decode';
import * as R from './decode-reports';
import { WHOZEX_ROUTES } from './routes';

export const WHOZEX_CAPABILITIES: T.ProviderCapabilities = Object.freeze({
  kind: 'whozex',
  billing: 'gb-packages',
  rotation: false,
  serverPricebook: false,
  webhooks: true,
  subUserBalances: true,
  customerTopUp: true,
  customerDeduct: true,
  customerUpdate: false,
  customerSuspend: false,
  ports: false,
  packages: true,
  referenceData: false,
  regenerateKey: true,
  // GET /account and GET /account/transactions are documented.
  balanceReport: true,
  transactionsReport: true,
  portExtend: false,
});

/** No flag rests on an assumed Whozex route (its assumed routes have fallbacks or are optional). */
const WHOZEX_HINGES: CapabilityHinges = {};

const PROXY_TYPES = new Set(['residential', 'datacenter', 'mobile']);

export class WhozexProvider extends BaseProvider {
  readonly kind = 'whozex' as const;
  protected readonly declared = WHOZEX_CAPABILITIES;
  protected readonly hinges = WHOZEX_HINGES;
  protected readonly routes = WHOZEX_ROUTES;

  constructor(options: T.ProviderOptions) {
    super('Whozex', options, (key) => ({ authorization: `Bearer ${key}` }));
  }

  protected payload(body: JsonReader, res: HttpResponse): { data: JsonReader; requestId: string | null } {
    if (!body.isObject() || body.at('success').value !== true || !body.has('data')) {
      body.fail('expected {success: true, data}');
    }
    const meta = body.has('meta') ? body.at('meta') : null;
    const rid = meta?.optStr('requestId') ?? meta?.optStr('request_id') ?? null;
    return { data: body.at('data'), requestId: rid ?? res.requestId };
  }

  protected errorInfo(body: JsonReader | null): UpstreamErrorInfo {
    const info: UpstreamErrorInfo = { code: null, message: null, field: null, extra: {} };
    if (!body?.isObject()) return info;
    const err = body.has('error') && body.at('error').isObject() ? body.at('error') : body;
    info.code = safeStr(err, 'code');
    info.message = safeStr(err, 'message');
    info.field = safeStr(err, 'field');
    if (!info.field && info.code === 'MISSING_FIELD' && info.message) {
      const m = /^(\w+) is required/.exec(info.message);
      if (m) info.field = m[1]!;
    }
    return info;
  }

  private page<I>(data: JsonReader, names: string[], map: (r: JsonReader) => I, requestId: string | null): T.Page<I> {
    const items = listIn(data, ...names).map(map);
    const p = data.isObject() && data.has('pagination') ? data.at('pagination') : null;
    const page = p?.at('page').asOptInt() ?? 1;
    const hasNext = p?.at('has_next').asOptBool() ?? false;
    return { items, total: p?.at('total').asOptInt() ?? null, nextCursor: hasNext ? String(page + 1) : null, requestId };
  }

  private pageQuery(q: T.PageQuery | undefined): { page: number; limit: number } {
    return { page: Math.max(1, cursorNumber(q?.cursor, 1)), limit: clampLimit(q?.limit, 50, 100) };
  }

  // ---- account ----

  /** `GET /account` is documented: it proves the key. */
  async verifyKey(o: T.ReadOptions = {}): Promise<T.Traced> {
    const a = await this.send('account.get', {}, { signal: o.signal });
    return { requestId: a.requestId };
  }

  protected override async probeId(cap: string, o: T.ReadOptions): Promise<string | null> {
    if (cap === 'customerRead') return (await this.listCustomers({ limit: 1 }, o)).items[0]?.id ?? null;
    return null;
  }

  async getAccount(o: T.ReadOptions = {}): Promise<T.WithRequest<T.UpstreamAccount>> {
    const a = await this.send('account.get', {}, { signal: o.signal });
    return { ...D.account(a.data), requestId: a.requestId };
  }

  async listTransactions(q: T.TransactionQuery = {}, o: T.ReadOptions = {}): Promise<T.Page<T.UpstreamTransaction>> {
    const a = await this.send('transactions.list', {}, { query: { ...this.pageQuery(q), type: q.type }, signal: o.signal });
    return this.page(a.data, ['transactions', 'items'], D.transaction, a.requestId);
  }

  override async regenerateKey(o: T.MutationOptions): Promise<T.WithRequest<{ apiKey: string }>> {
    const a = await this.send('account.regenerateKey', {}, { idempotencyKey: o.idempotencyKey, signal: o.signal });
    const d = a.data;
    const key = d.has('api_key') && d.at('api_key').isObject() ? d.at('api_key').first('key', 'value').asString() : d.first('api_key', 'apiKey', 'key').asString();
    return { apiKey: key, requestId: a.requestId };
  }

  // ---- sub-users ----

  async createCustomer(input: T.CreateCustomerInput, o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    const body = compact({ email: input.email, name: input.name, note: input.note });
    const a = await this.send('users.create', {}, { body, idempotencyKey: o.idempotencyKey, signal: o.signal }, 'this customer');
    return { ...D.user(a.data), requestId: a.requestId };
  }

  async listCustomers(q: T.CustomerQuery = {}, o: T.ReadOptions = {}): Promise<T.Page<T.UpstreamCustomer>> {
    const a = await this.send('users.list', {}, { query: { ...this.pageQuery(q), search: q.search }, signal: o.signal });
    return this.page(a.data, ['users', 'items'], D.user, a.requestId);
  }

  /** Assumed route (`customerRead`); without it, the documented `GET /users` is paged for the id. */
  async getCustomer(id: string, o: T.ReadOptions = {}): Promise<T.WithRequest<T.UpstreamCustomer>> {
    try {
      const a = await this.send('users.get', { id }, { signal: o.signal }, `customer ${id}`);
      const d = a.data.has('user') && a.data.at('user').isObject() ? a.data.at('user') : a.data;
      return { ...D.user(d), requestId: a.requestId };
    } catch (error) {
      if (!BaseProvider.isAbsent(error)) throw error;
    }
    let cursor: string | null = null;
    do {
      const page: T.Page<T.UpstreamCustomer> = await this.listCustomers({ cursor, limit: 100 }, o);
      const hit = page.items.find((u) => u.id === id);
      if (hit) return { ...hit, requestId: page.requestId };
      cursor = page.nextCursor;
    } while (cursor !== null);
    throw new AppError('NOT_FOUND', `Customer ${id} was not found at Whozex for '${this.accountName}'. It may have been removed there; sync the account to refresh.`);
  }

  async topUpCustomer(id: string, input: T.BalanceMoveInput, o: T.MutationOptions): Promise<T.WithRequest<T.BalanceMove>> {
    return this.moveBalance(id, 'add', input, o);
  }

  override async deductCustomer(id: string, input: T.BalanceMoveInput, o: T.MutationOptions): Promise<T.WithRequest<T.BalanceMove>> {
    return this.moveBalance(id, 'deduct', input, o);
  }

  private async moveBalance(id: string, action: 'add' | 'deduct', input: T.BalanceMoveInput, o: T.MutationOptions): Promise<T.WithRequest<T.BalanceMove>> {
    const note = input.note ?? input.referenceId;
    const body = compact({ action, amount: moneyOut(input.amount, 'amount'), note });
    const subject = action === 'add' ? 'this top-up' : 'this deduction';
    const a = await this.send('users.balance', { id }, { body, idempotencyKey: o.idempotencyKey, signal: o.signal }, subject);
    return { ...D.balanceMove(a.data, id, action), requestId: a.requestId };
  }

  // ---- packages ----

  override async createPackage(input: T.CreatePackageInput, o: T.MutationOptions): Promise<T.WithRequest<T.PackagePurchase>> {
    if (input.proxyType !== undefined && !PROXY_TYPES.has(input.proxyType)) {
      throw new AppError('INVALID_INPUT', 'The proxy type must be residential, datacenter or mobile.', { field: 'proxyType' });
    }
    const body = compact({ gb: wholeOut(input.gb, 'gb'), proxy_type: input.proxyType });
    const a = await this.send('packages.create', { id: input.customerId }, { body, idempotencyKey: o.idempotencyKey, signal: o.signal }, 'this package');
    return { ...D.purchase(a.data), requestId: a.requestId };
  }

  override async addGb(packageId: string, input: T.AddGbInput, o: T.MutationOptions): Promise<T.WithRequest<T.PackagePurchase>> {
    const body = compact({ gb: wholeOut(input.gb, 'gb'), note: input.note });
    const a = await this.send('packages.addGb', { id: packageId }, { body, idempotencyKey: o.idempotencyKey, signal: o.signal }, 'this GB top-up');
    return { ...D.purchase(a.data), requestId: a.requestId };
  }

  override async getPackage(id: string, o: T.ReadOptions = {}): Promise<T.WithRequest<T.UpstreamPackage>> {
    const a = await this.send('packages.get', { id }, { signal: o.signal }, `package ${id}`);
    return { ...D.pkg(a.data), requestId: a.requestId };
  }

  override async getCredentials(packageId: string, q: T.CredentialsQuery = {}, o: T.ReadOptions = {}): Promise<T.WithRequest<T.PackageCredentials>> {
    const a = await this.send('packages.credentials', { id: packageId }, { query: { country: q.country, city: q.city }, signal: o.signal }, `package ${packageId}`);
    return { ...D.credentials(a.data), requestId: a.requestId };
  }

  override async getUsage(packageId: string, q: T.UsageQuery = {}, o: T.ReadOptions = {}): Promise<T.WithRequest<T.PackageUsage>> {
    const a = await this.send('packages.usage', { id: packageId }, { query: { duration: q.duration, granularity: q.granularity }, signal: o.signal }, `package ${packageId}`);
    return { ...D.usage(a.data, packageId), requestId: a.requestId };
  }

  // ---- pricing ----

  async getPricebook(o: T.ReadOptions = {}): Promise<T.WithRequest<T.Pricebook>> {
    const a = await this.send('pricing.get', {}, { signal: o.signal });
    return { ...D.pricebook(a.data), requestId: a.requestId };
  }

  async quote(input: T.QuoteInput, o: T.ReadOptions = {}): Promise<T.WithRequest<T.Quote>> {
    if (input.type !== 'traffic') this.no('per-day port pricing');
    // `proxy_type` here is assumed (the seed documents `gb` only): see UPSTREAM-CONTRACT.md.
    const a = await this.send('pricing.calculate', {}, { query: { gb: wholeOut(input.gb, 'gb'), proxy_type: input.proxyType }, signal: o.signal });
    return { ...D.quote(a.data), requestId: a.requestId };
  }

  // ---- webhooks ----

  async registerWebhook(input: T.WebhookInput, o: T.MutationOptions): Promise<T.WithRequest<T.RegisteredWebhook>> {
    const a = await this.send('webhooks.create', {}, { body: { url: input.url, events: input.events }, idempotencyKey: o.idempotencyKey, signal: o.signal });
    // The seed shows the secret once, here; an answer without one still registers (hints only).
    return { ...D.webhook(a.data), secret: a.data.optStr('secret') ?? null, requestId: a.requestId };
  }

  async listWebhooks(o: T.ReadOptions = {}): Promise<T.List<T.UpstreamWebhook>> {
    const a = await this.send('webhooks.list', {}, { signal: o.signal });
    return { items: listIn(a.data, 'webhooks', 'items').map(D.webhook), requestId: a.requestId };
  }

  async deleteWebhook(id: string, o: T.MutationOptions): Promise<T.Traced> {
    const a = await this.send('webhooks.delete', { id }, { idempotencyKey: o.idempotencyKey, signal: o.signal }, `webhook ${id}`);
    return { requestId: a.requestId };
  }

  // ---- documented reports (issue 15 item 6; kept in their own block) ----

  /** `GET /account/stats`: documented, payload not shown, so decoded leniently. */
  async getAccountStats(o: T.ReadOptions = {}): Promise<T.WithRequest<WhozexAccountStats>> {
    const a = await this.call({ method: 'GET', path: '/account/stats', signal: o.signal }, 'the account statistics');
    return { ...R.accountStats(a.data), requestId: a.requestId };
  }

  /** `GET /analytics/overview`: documented, payload not shown, so decoded leniently. */
  async getAnalyticsOverview(o: T.ReadOptions = {}): Promise<T.WithRequest<WhozexAnalyticsOverview>> {
    const a = await this.call({ method: 'GET', path: '/analytics/overview', signal: o.signal }, 'the analytics overview');
    return { ...R.analyticsOverview(a.data), requestId: a.requestId };
  }
}

function safeStr(r: JsonReader, name: string): string | null {
  const v = r.isObject() ? (r.value as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : null;
}
