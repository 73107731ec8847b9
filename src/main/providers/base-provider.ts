/**
 * What both adapters share: the HTTP client, the answer → JsonReader step with error
 * mapping, and an UNSUPPORTED default for every operation an upstream lacks (the
 * capabilities object tells the UI not to offer those).
 */
import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { absentMessage } from './capability-messages';
import { HttpClient, type HttpRequest, type HttpResponse } from './http/http-client';
import { parseJsonLossless } from './http/json';
import { JsonReader } from './http/reader';
import { buildPath, isCollection, type AssumedCapability, type CapabilityState, type CapabilityStates, type RouteSpec, type RouteTable } from './routes';
import type * as T from './types';
import { mapUpstreamFailure, protocolError, unsupported, type ErrorContext, type UpstreamErrorInfo } from './upstream-errors';

/** A request below a route: everything but method and path, which come from the table. */
export type RouteRequest = Omit<HttpRequest, 'method' | 'path'>;

/** Which capability flag hinges on which assumed capability (flag stays as declared otherwise). */
export type CapabilityHinges = Partial<Record<'customerUpdate' | 'customerSuspend' | 'balanceReport' | 'transactionsReport' | 'portExtend', AssumedCapability>>;

export interface Answer {
  /** The payload (Whozex: the envelope's `data`). */
  data: JsonReader;
  requestId: string | null;
  res: HttpResponse;
}

export abstract class BaseProvider implements T.Provider {
  abstract readonly kind: T.ProviderKind;
  /** What the provider can do when every assumed route is there. */
  protected abstract readonly declared: T.ProviderCapabilities;
  /** Flags that are only true where the account's upstream offers an assumed route. */
  protected abstract readonly hinges: CapabilityHinges;
  /** Every call this adapter makes: requests are built from this table only. */
  protected abstract readonly routes: RouteTable;
  readonly accountName: string;
  protected readonly http: HttpClient;
  protected readonly clock: Clock;
  protected readonly baseUrl: string;
  private readonly states: () => CapabilityStates;
  private readonly learned: NonNullable<T.ProviderOptions['onCapabilityLearned']> | null;

  protected constructor(
    protected readonly upstream: string,
    options: T.ProviderOptions,
    keyHeaders: (key: string) => Record<string, string>,
  ) {
    this.accountName = options.accountName;
    this.clock = options.clock ?? systemClock;
    this.baseUrl = options.baseUrl;
    this.states = options.capabilityStates ?? (() => ({}));
    this.learned = options.onCapabilityLearned ?? null;
    this.http = new HttpClient({
      upstream,
      accountName: options.accountName,
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      keyHeaders,
      ...(options.http ? { options: options.http } : {}),
      nowMs: () => this.clock.now().getTime(),
    });
  }

  /** Reads the upstream's error body into code/message/field/extra. */
  protected abstract errorInfo(body: JsonReader | null): UpstreamErrorInfo;
  /** Unwraps a successful body (Whozex envelope) and finds the request id. */
  protected abstract payload(body: JsonReader, res: HttpResponse): { data: JsonReader; requestId: string | null };

  protected ctx(subject?: string): ErrorContext {
    return subject === undefined
      ? { upstream: this.upstream, accountName: this.accountName }
      : { upstream: this.upstream, accountName: this.accountName, subject };
  }

  /** Sends, maps failures to AppErrors, parses the body losslessly. */
  protected async call(req: HttpRequest, subject?: string): Promise<Answer> {
    const res = await this.http.send(req);
    const ok = res.status >= 200 && res.status < 300;
    // A readable-or-not 2xx to a change means the change happened: decoding failures
    // from here on are outcome-unknown (see JsonReader.afterChange).
    const afterChange = ok && res.mutation;
    let body: JsonReader | null = null;
    if (res.text.trim() !== '') {
      try {
        body = JsonReader.root(parseJsonLossless(res.text), this.upstream, { afterChange });
      } catch {
        body = null;
        if (ok) {
          if (afterChange) JsonReader.root(null, this.upstream, { afterChange }).fail('the body is not JSON');
          throw protocolError(this.ctx(subject), 'the body is not JSON', res);
        }
      }
    }
    if (!ok) throw mapUpstreamFailure(res, this.errorInfo(body), this.ctx(subject));
    if (body === null) return { data: JsonReader.root(null, this.upstream, { afterChange }), requestId: res.requestId, res };
    const { data, requestId } = this.payload(body, res);
    return { data, requestId, res };
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  // ---- routes and learned capabilities ----------------------------------------------------

  get assumedCapabilities(): readonly AssumedCapability[] {
    const caps = new Set<AssumedCapability>();
    for (const r of Object.values(this.routes)) if (r.capability) caps.add(r.capability);
    return [...caps];
  }

  capabilityState(cap: AssumedCapability): CapabilityState {
    return this.states()[cap] ?? 'unknown';
  }

  /** A capability is a read when every route it rests on is a GET. */
  protected isRead(cap: AssumedCapability): boolean {
    return Object.values(this.routes).every((r) => r.capability !== cap || r.method === 'GET');
  }

  capabilityKind(cap: AssumedCapability): 'read' | 'write' {
    return this.isRead(cap) ? 'read' : 'write';
  }

  /**
   * The declared flags narrowed by this account: a hinged read counts only once the
   * upstream answered it ("documented only" until then); a hinged write counts until the
   * upstream says it does not know the route (writes are tried on first use).
   */
  get capabilities(): T.ProviderCapabilities {
    const out: T.ProviderCapabilities = { ...this.declared };
    for (const [flag, cap] of Object.entries(this.hinges) as [keyof CapabilityHinges, AssumedCapability][]) {
      const state = this.capabilityState(cap);
      const on = this.isRead(cap) ? state === 'present' : state !== 'absent';
      out[flag] = (this.declared[flag] ?? true) && on;
    }
    return Object.freeze(out);
  }

  private learn(cap: AssumedCapability, state: CapabilityState, detail: string | null): void {
    if (this.capabilityState(cap) === state) return;
    try {
      this.learned?.(cap, state, detail);
    } catch {
      // Remembering is a nicety: the call's own result stands either way.
    }
  }

  protected absent(cap: AssumedCapability): AppError {
    return new AppError('UNSUPPORTED', absentMessage(this.upstream, this.accountName, cap), { details: { capability: cap } });
  }

  /**
   * Did the upstream say it does not know this route (as opposed to "no such item")?
   * 405/501 always; 404 when the answer names the route (NestJS "Cannot GET /…",
   * ROUTE_NOT_FOUND, "No route …": mapped to UPSTREAM_PROTOCOL) or the route has no id in it.
   */
  protected routeMissing(error: unknown, r: RouteSpec): boolean {
    if (!(error instanceof AppError)) return false;
    const status = error.details?.status;
    if (status === 405 || status === 501) return true;
    if (status !== 404) return false;
    return error.code === 'UPSTREAM_PROTOCOL' || isCollection(r);
  }

  /**
   * Sends one call of the route table. An assumed route the account is known to lack is
   * refused before anything is sent; a use that shows the route missing turns the
   * capability off (and is refused with the same words: the upstream changed nothing).
   */
  protected async send(id: string, params: Record<string, string>, req: RouteRequest, subject?: string): Promise<Answer> {
    const r = this.routes[id];
    if (!r) throw new Error(`no route ${id} in the ${this.upstream} route table`);
    const cap = r.capability;
    if (cap && this.capabilityState(cap) === 'absent') throw this.absent(cap);
    try {
      const answer = await this.call({ ...req, method: r.method, path: buildPath(r, params) }, subject);
      if (cap) this.learn(cap, 'present', `${r.method} ${r.path} answered`);
      return answer;
    } catch (error) {
      if (cap && this.routeMissing(error, r)) {
        const status = error instanceof AppError ? error.details?.status : null;
        this.learn(cap, 'absent', `${r.method} ${r.path} answered ${String(status)}: no such route`);
        throw this.absent(cap);
      }
      throw error;
    }
  }

  /** Whether an error is this provider refusing an absent capability. */
  protected static isAbsent(error: unknown): boolean {
    return error instanceof AppError && error.code === 'UNSUPPORTED';
  }

  abstract verifyKey(o?: T.ReadOptions): Promise<T.Traced>;

  /** An id that exists upstream, for probing a by-id read (null: none known). */
  protected async probeId(_cap: AssumedCapability, _o: T.ReadOptions): Promise<string | null> {
    return null;
  }

  async learnCapabilities(o: T.ReadOptions = {}): Promise<T.CapabilityReport> {
    const paths = await this.openApiPaths(o);
    if (paths) return { source: 'openapi', capabilities: capabilitiesFromPaths(this.routes, paths) };
    const capabilities: T.CapabilityReport['capabilities'] = {};
    for (const cap of this.assumedCapabilities) {
      const r = Object.values(this.routes).find((x) => x.capability === cap && x.probe);
      if (!r) continue; // a write: tried on first use
      capabilities[cap] = await this.probe(cap, r, o);
    }
    return { source: 'probe', capabilities };
  }

  /** One GET of an assumed read. Only "no such route" means absent; a refused key is thrown. */
  private async probe(cap: AssumedCapability, r: RouteSpec, o: T.ReadOptions): Promise<T.LearnedCapability> {
    const ids = r.path.match(/:[A-Za-z]+/g) ?? [];
    let realId = true;
    const params: Record<string, string> = {};
    if (ids.length > 0) {
      let id = await this.probeId(cap, o).catch(() => null);
      if (id === null) {
        realId = false;
        id = 'reseller-desk-probe-0000000000';
      }
      for (const name of ids) params[name.slice(1)] = id;
    }
    const req: HttpRequest = { method: 'GET', path: buildPath(r, params), signal: o.signal };
    if (isCollection(r)) req.query = { limit: 1 };
    const what = `${r.method} ${r.path}`;
    try {
      await this.call(req);
      return { state: 'present', detail: `${what} answered` };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'INVALID_API_KEY' || error.code === 'CANCELLED') throw error;
      // With an id that exists, any 404 is the route; with a made-up one, only an answer naming the route.
      if (this.routeMissing(error, r) || (realId && error.details?.status === 404)) {
        return { state: 'absent', detail: `${what} answered ${String(error.details?.status)}: no such route` };
      }
      return { state: 'unknown', detail: `${what}: ${error.message}` };
    }
  }

  /** The `paths` of the upstream's OpenAPI document, when it serves one (else null). */
  private async openApiPaths(o: T.ReadOptions): Promise<Set<string> | null> {
    const r = Object.entries(this.routes).find(([id]) => id === 'docs.openapi')?.[1];
    if (!r) return null;
    let doc: unknown;
    try {
      doc = (await this.call({ method: r.method, path: r.path, signal: o.signal })).data.value;
    } catch (error) {
      if (error instanceof AppError && (error.code === 'INVALID_API_KEY' || error.code === 'CANCELLED')) throw error;
      return null;
    }
    if (!doc || typeof doc !== 'object') return null;
    const d = doc as { paths?: unknown; servers?: unknown; basePath?: unknown };
    if (!d.paths || typeof d.paths !== 'object') return null;
    const prefixes = new Set<string>([pathnameOf(this.baseUrl)]);
    if (Array.isArray(d.servers)) for (const sv of d.servers) if (sv && typeof sv === 'object' && typeof (sv as { url?: unknown }).url === 'string') prefixes.add(pathnameOf((sv as { url: string }).url));
    if (typeof d.basePath === 'string') prefixes.add(d.basePath.replace(/\/+$/, ''));
    const out = new Set<string>();
    for (const [p, ops] of Object.entries(d.paths as Record<string, unknown>)) {
      if (!ops || typeof ops !== 'object') continue;
      for (const m of Object.keys(ops)) {
        const method = m.toUpperCase();
        if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
        out.add(`${method} ${normalizeTemplate(p)}`);
        for (const prefix of prefixes) if (prefix && p.startsWith(`${prefix}/`)) out.add(`${method} ${normalizeTemplate(p.slice(prefix.length))}`);
      }
    }
    return out;
  }

  protected no(what: string): never {
    throw unsupported(this.upstream, what);
  }

  // ---- defaults: UNSUPPORTED -----------------------------------------------------------
  abstract getAccount(o?: T.ReadOptions): Promise<T.WithRequest<T.UpstreamAccount>>;
  abstract listTransactions(q?: T.TransactionQuery, o?: T.ReadOptions): Promise<T.Page<T.UpstreamTransaction>>;
  abstract createCustomer(input: T.CreateCustomerInput, o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>>;
  abstract listCustomers(q?: T.CustomerQuery, o?: T.ReadOptions): Promise<T.Page<T.UpstreamCustomer>>;
  abstract getCustomer(id: string, o?: T.ReadOptions): Promise<T.WithRequest<T.UpstreamCustomer>>;
  abstract topUpCustomer(id: string, input: T.BalanceMoveInput, o: T.MutationOptions): Promise<T.WithRequest<T.BalanceMove>>;
  abstract getPricebook(o?: T.ReadOptions): Promise<T.WithRequest<T.Pricebook>>;
  abstract quote(input: T.QuoteInput, o?: T.ReadOptions): Promise<T.WithRequest<T.Quote>>;
  abstract registerWebhook(input: T.WebhookInput, o: T.MutationOptions): Promise<T.WithRequest<T.RegisteredWebhook>>;
  abstract listWebhooks(o?: T.ReadOptions): Promise<T.List<T.UpstreamWebhook>>;
  abstract deleteWebhook(id: string, o: T.MutationOptions): Promise<T.Traced>;

  async updateCustomer(_id: string, _patch: T.UpdateCustomerInput, _o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    return this.no('customer editing');
  }
  async suspendCustomer(_id: string, _o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    return this.no('customer suspension');
  }
  async resumeCustomer(_id: string, _o: T.MutationOptions): Promise<T.WithRequest<T.UpstreamCustomer>> {
    return this.no('customer suspension');
  }
  async deductCustomer(_id: string, _input: T.BalanceMoveInput, _o: T.MutationOptions): Promise<T.WithRequest<T.BalanceMove>> {
    return this.no('taking balance back from a customer');
  }
  async createPort(_input: T.CreatePortInput, _o: T.MutationOptions): Promise<T.WithRequest<T.CreatedPort>> {
    return this.no('dedicated ports');
  }
  async rotatePort(_id: string, _o: T.MutationOptions): Promise<T.WithRequest<T.RotationResult>> {
    return this.no('IP rotation');
  }
  async extendPort(_id: string, _input: T.ExtendPortInput, _o: T.MutationOptions): Promise<T.WithRequest<T.ExtendedPort>> {
    return this.no('dedicated ports');
  }
  async listPorts(_q?: T.PortQuery, _o?: T.ReadOptions): Promise<T.Page<T.UpstreamPort>> {
    return this.no('dedicated ports');
  }
  async getPort(_id: string, _o?: T.ReadOptions): Promise<T.WithRequest<T.UpstreamPort>> {
    return this.no('dedicated ports');
  }
  async createPackage(_input: T.CreatePackageInput, _o: T.MutationOptions): Promise<T.WithRequest<T.PackagePurchase>> {
    return this.no('GB packages');
  }
  async addGb(_packageId: string, _input: T.AddGbInput, _o: T.MutationOptions): Promise<T.WithRequest<T.PackagePurchase>> {
    return this.no('GB packages');
  }
  async getPackage(_id: string, _o?: T.ReadOptions): Promise<T.WithRequest<T.UpstreamPackage>> {
    return this.no('GB packages');
  }
  async getCredentials(_packageId: string, _q?: T.CredentialsQuery, _o?: T.ReadOptions): Promise<T.WithRequest<T.PackageCredentials>> {
    return this.no('GB packages');
  }
  async getUsage(_packageId: string, _q?: T.UsageQuery, _o?: T.ReadOptions): Promise<T.WithRequest<T.PackageUsage>> {
    return this.no('package usage history');
  }
  async updatePricebook(_patch: T.PricebookUpdate, _o: T.MutationOptions): Promise<T.WithRequest<T.Pricebook>> {
    return this.no('an editable pricebook');
  }
  async setCountryOverride(_input: T.CountryOverride, _o: T.MutationOptions): Promise<T.WithRequest<T.Pricebook>> {
    return this.no('country price overrides');
  }
  async listCountries(_o?: T.ReadOptions): Promise<T.List<T.Country>> {
    return this.no('a country list');
  }
  async listCities(_countryId: string, _o?: T.ReadOptions): Promise<T.List<T.City>> {
    return this.no('a city list');
  }
  async listCarriers(_countryId: string, _o?: T.ReadOptions): Promise<T.List<T.Carrier>> {
    return this.no('a carrier list');
  }
  async regenerateKey(_o: T.MutationOptions): Promise<T.WithRequest<{ apiKey: string }>> {
    return this.no('key regeneration through the API');
  }
}

function pathnameOf(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return url.startsWith('/') ? url.replace(/\/+$/, '') : '';
  }
}

/** `/reseller/ports/{id}/extend` and `/reseller/ports/:portId/extend` → `/reseller/ports/:/extend`. */
function normalizeTemplate(p: string): string {
  return p.replace(/\{[^}]+\}/g, ':').replace(/:[A-Za-z_]\w*/g, ':').replace(/\/+$/, '');
}

/** A capability is present when the document lists every route it rests on. */
function capabilitiesFromPaths(routes: RouteTable, paths: Set<string>): T.CapabilityReport['capabilities'] {
  const out: T.CapabilityReport['capabilities'] = {};
  for (const r of Object.values(routes)) {
    if (!r.capability) continue;
    const listed = paths.has(`${r.method} ${normalizeTemplate(r.path)}`);
    const prev = out[r.capability];
    if (!listed) out[r.capability] = { state: 'absent', detail: `${r.method} ${r.path} is not in the OpenAPI document` };
    else if (!prev) out[r.capability] = { state: 'present', detail: `${r.method} ${r.path} is in the OpenAPI document` };
  }
  return out;
}

/** Cursor helpers: cursors are opaque to services, numbers inside. */
export function cursorNumber(cursor: string | null | undefined, fallback: number): number {
  if (cursor === undefined || cursor === null || cursor === '') return fallback;
  const n = Number(cursor);
  return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}

export function clampLimit(limit: number | undefined, def = 50, max = 100): number {
  if (limit === undefined || !Number.isFinite(limit)) return def;
  return Math.max(1, Math.min(max, Math.floor(limit)));
}
