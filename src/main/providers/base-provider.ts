/**
 * What both adapters share: the HTTP client, the answer → JsonReader step with error
 * mapping, and an UNSUPPORTED default for every operation an upstream lacks (the
 * capabilities object tells the UI not to offer those).
 */
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { HttpClient, type HttpRequest, type HttpResponse } from './http/http-client';
import { parseJsonLossless } from './http/json';
import { JsonReader } from './http/reader';
import type * as T from './types';
import { mapUpstreamFailure, protocolError, unsupported, type ErrorContext, type UpstreamErrorInfo } from './upstream-errors';

export interface Answer {
  /** The payload (Whozex: the envelope's `data`). */
  data: JsonReader;
  requestId: string | null;
  res: HttpResponse;
}

export abstract class BaseProvider implements T.Provider {
  abstract readonly kind: T.ProviderKind;
  abstract readonly capabilities: T.ProviderCapabilities;
  readonly accountName: string;
  protected readonly http: HttpClient;
  protected readonly clock: Clock;

  protected constructor(
    protected readonly upstream: string,
    options: T.ProviderOptions,
    keyHeaders: (key: string) => Record<string, string>,
  ) {
    this.accountName = options.accountName;
    this.clock = options.clock ?? systemClock;
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
