/**
 * The one Provider interface every upstream adapter implements, and the app-side types
 * it speaks. Services (accounts, sync, proxies, packages, pricing) depend on this file
 * only — never on an adapter's wire shapes.
 *
 * Facts for service authors (helper E and later):
 * - Money is integers: amounts are `Minor` (cents), per-unit prices (per day, per GB) are
 *   `Micros` (1 USD = 1_000_000). Converted from the upstream's JSON decimal TEXT, exactly.
 * - GB quantities are integer milli-GB (`GbMilli`, 1 GB = 1000), matching
 *   `services.total_gb_milli` / `used_gb_milli` in the ledger.
 * - Percentages are integer basis points (`Bps`, 25 % = 2500); multipliers are integer
 *   millionths (1.5 = 1_500_000).
 * - Ids are strings, dates are ISO-8601 UTC strings.
 * - Every mutating method takes `{ idempotencyKey }`: pass the operations-journal row's
 *   key. The adapter sends it as the `Idempotency-Key` header, so a retry with the same
 *   key after an unknown outcome replays instead of charging twice.
 * - A mutation that may or may not have happened upstream (timeout, dropped connection,
 *   5xx other than 503) throws AppError code `UPSTREAM_OUTCOME_UNKNOWN`: keep the
 *   journal row `pending` and reconcile (list upstream, or retry with the SAME key).
 *   Any other AppError from a mutation means it did NOT happen (mark the row failed).
 * - Every result carries `requestId` (upstream X-Request-ID / meta.requestId, else null).
 * - Methods a provider lacks throw AppError('UNSUPPORTED'); `capabilities` says which.
 * - Lists are paged with an opaque `cursor` (`nextCursor: null` on the last page).
 */
import type { Clock } from '../clock';
import type { AssumedCapability, CapabilityState, CapabilityStates } from './routes';
import type { CapabilityFlags } from '../../shared/contract/accounts';
import type { WhozexAccountStats, WhozexAnalyticsOverview } from '../../shared/contract/upstream-reports';
import type { Micros, Minor } from '../../shared/money';

export type { Micros, Minor };
export type { AssumedCapability, CapabilityState, CapabilityStates };

/** Integer thousandths of a GB. */
export type GbMilli = number;
/** Integer hundredths of a percent: 25 % = 2500. */
export type Bps = number;
/** Integer millionths: multiplier 1.5 = 1_500_000. */
export type Millionths = number;
/** ISO-8601 UTC timestamp text. */
export type IsoDate = string;

export type ProviderKind = 'proxies-sx' | 'whozex';

/** Error codes the provider layer adds to src/shared/errors.ts's list. */
export const PROVIDER_ERROR_CODES = [
  'UNSUPPORTED',
  'UPSTREAM_OUTCOME_UNKNOWN',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_REJECTED',
  'INVALID_CREDENTIALS',
] as const;

/**
 * The codes a provider call can throw (AppError.code):
 * - INSUFFICIENT_BALANCE  details { balance?, required?, shortfall? } in minor units
 * - QUOTA_EXCEEDED        details { used?, allocated?, requested? }
 * - INVALID_API_KEY       the key was rejected (401): ask for a new key in Settings
 * - FORBIDDEN             403, details { scope? }
 * - NOT_FOUND, CONFLICT   (duplicate email / idempotency-key reuse with another body)
 * - INVALID_INPUT         upstream refused the fields (400/422), `field` when known
 * - RATE_LIMITED          429 after retries, details { retryAfterMs }
 * - UPSTREAM_UNAVAILABLE  503 / network error on a safe request after retries, details { retryAfterMs? }
 * - UPSTREAM_TIMEOUT      a safe (read) request timed out after retries
 * - UPSTREAM_OUTCOME_UNKNOWN  a mutation's fate is unknown (see above)
 * - UPSTREAM_ERROR        other upstream failure (e.g. 500 on a read)
 * - UPSTREAM_REJECTED     other 4xx the upstream explained, details { upstreamCode }
 * - UPSTREAM_PROTOCOL     the answer could not be understood
 * - CANCELLED             the caller's AbortSignal fired
 * - UNSUPPORTED           this provider has no such operation
 * - INVALID_CREDENTIALS   Proxies.sx sign-in refused the email/password
 * - KEYCHAIN_UNAVAILABLE  the apiKey() callback failed (non-AppError)
 */
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

/** What an upstream can do; the flags are the ones the renderer sees for an account. */
export interface ProviderCapabilities extends CapabilityFlags {
  kind: ProviderKind;
}

// ---- call options -------------------------------------------------------------------

export interface ReadOptions {
  signal?: AbortSignal;
}

export interface MutationOptions {
  /** 8–128 chars of [A-Za-z0-9_-]; the operations journal supplies it. */
  idempotencyKey: string;
  signal?: AbortSignal;
}

export interface Traced {
  /** The upstream's request id for this call (X-Request-ID or meta.requestId), if any. */
  readonly requestId: string | null;
}

export type WithRequest<T> = T & Traced;

export interface PageQuery {
  /** Opaque; from a previous page's nextCursor. Omit for the first page. */
  cursor?: string | null;
  /** Items per page; adapters clamp to the upstream's max (100). */
  limit?: number;
}

export interface Page<T> extends Traced {
  items: T[];
  /** Total matching items upstream, when the upstream says. */
  total: number | null;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

// ---- account ------------------------------------------------------------------------

export interface UpstreamAccount {
  id: string | null;
  name: string;
  email: string | null;
  /** The reseller's own prepaid balance at this upstream. */
  balance: Minor;
  currency: string;
  isVip?: boolean;
  /** Whozex: the reseller's negotiated price per GB. */
  customPricePerGbMicros?: Micros | null;
  stats?: { packages?: number; subUsers?: number; customers?: number; totalSpent?: Minor };
}

export interface TransactionQuery extends PageQuery {
  /** Upstream filter (Whozex: deposit | purchase | add_gb). */
  type?: string;
}

export interface UpstreamTransaction {
  id: string;
  type: string;
  /** Signed from the reseller's balance view when the upstream says; else as given. */
  amount: Minor;
  balanceAfter: Minor | null;
  description: string | null;
  customerId: string | null;
  createdAt: IsoDate | null;
  /** Whozex: the `note` sent with a balance change or add-GB (documented to appear in the history). */
  note?: string | null;
  /** Whozex: the package a purchase or add-GB concerns, when the upstream says. */
  packageId?: string | null;
}

// ---- customers / sub-users ----------------------------------------------------------

export type CustomerStatus = 'active' | 'suspended' | 'archived' | (string & {});

export interface UpstreamCustomer {
  id: string;
  email: string;
  name: string;
  company: string | null;
  externalId: string | null;
  status: CustomerStatus;
  /** The customer's balance at the upstream (Proxies.sx internal / Whozex sub-user). */
  balance: Minor | null;
  allocatedPortSlots: number | null;
  usedPortSlots: number | null;
  allocatedTrafficGbMilli: GbMilli | null;
  packageCount: number | null;
  createdAt: IsoDate | null;
}

export interface CreateCustomerInput {
  email: string;
  name: string;
  company?: string;
  externalId?: string;
  /** Proxies.sx only. */
  allocatedPortSlots?: number;
  allocatedTrafficGbMilli?: GbMilli;
  /** Whozex: internal note (not stored upstream). */
  note?: string;
}

export interface CustomerQuery extends PageQuery {
  search?: string;
  status?: 'active' | 'suspended';
}

export interface UpdateCustomerInput {
  name?: string;
  company?: string | null;
  externalId?: string | null;
  allocatedPortSlots?: number;
  allocatedTrafficGbMilli?: GbMilli;
}

export interface BalanceMoveInput {
  /** Positive minor units. */
  amount: Minor;
  note?: string;
  /** Proxies.sx: your invoice/reference id. */
  referenceId?: string;
}

export interface BalanceMove {
  customerId: string;
  action: 'add' | 'deduct';
  amount: Minor;
  customerBalance: Minor | null;
  resellerBalance: Minor | null;
}

// ---- ports (Proxies.sx) -------------------------------------------------------------

export interface UpstreamPort {
  id: string;
  displayName: string | null;
  customerId: string | null;
  countryId: string | null;
  cityId: string | null;
  carrierId: string | null;
  status: 'active' | 'suspended' | 'expired' | (string & {});
  isPrivate: boolean | null;
  serverIp: string | null;
  httpPort: number | null;
  socksPort: number | null;
  proxyLogin: string | null;
  proxyPassword: string | null;
  expiresAt: IsoDate | null;
  createdAt: IsoDate | null;
}

export interface CreatePortInput {
  customerId: string;
  countryId: string;
  cityId?: string;
  carrierId?: string;
  days: number;
  exclusive?: boolean;
  isPrivate?: boolean;
}

export interface PortPricing {
  /** What the upstream charged the reseller. */
  costToReseller: Minor;
  /** Informational: the upstream pricebook's resale price. */
  resellerPrice: Minor | null;
  margin: Minor | null;
}

export interface CreatedPort {
  port: UpstreamPort;
  pricing: PortPricing;
}

export interface ExtendPortInput {
  days: number;
}

export interface ExtendedPort {
  port: UpstreamPort;
  pricing: PortPricing | null;
}

export interface PortQuery extends PageQuery {
  customerId?: string;
  status?: 'active' | 'suspended' | 'expired';
  type?: 'shared' | 'private';
  countryId?: string;
}

export interface RotationResult {
  portId: string;
  rotated: boolean;
  newIp: string | null;
  rotatedAt: IsoDate | null;
}

// ---- packages (Whozex) --------------------------------------------------------------

export type ProxyType = 'residential' | 'datacenter' | 'mobile';

export interface UpstreamPackage {
  id: string;
  customerId: string | null;
  proxyType: ProxyType | (string & {});
  totalGbMilli: GbMilli;
  usedGbMilli: GbMilli;
  remainingGbMilli: GbMilli;
  status: 'active' | 'depleted' | 'expired' | (string & {});
  username: string | null;
  password: string | null;
  /** true when the upstream confirms real-time GB data. */
  live: boolean;
  createdAt: IsoDate | null;
  expiresAt: IsoDate | null;
}

export interface CreatePackageInput {
  customerId: string;
  /** Whole GB, at least 1. */
  gb: number;
  proxyType?: ProxyType;
}

export interface PackagePurchase {
  package: UpstreamPackage;
  /** Drawn from the customer's sub-balance. */
  cost: Minor;
  pricePerGbMicros: Micros | null;
  customerBalanceAfter: Minor | null;
}

export interface AddGbInput {
  gb: number;
  note?: string;
}

export interface CredentialsQuery {
  /** 2-letter ISO code or 'any'. */
  country?: string;
  city?: string;
}

export interface Endpoint {
  host: string;
  port: number;
  connectionString: string | null;
}

export interface PackageCredentials {
  username: string;
  password: string;
  http: Endpoint | null;
  socks5: Endpoint | null;
  targeting: { country: string | null; city: string | null };
}

export interface UsageQuery {
  /** '1d', '7d', '30d', … */
  duration?: string;
  granularity?: 'minute' | 'hour' | 'day';
}

export interface UsagePoint {
  at: IsoDate;
  usedGbMilli: GbMilli;
}

export interface PackageUsage {
  packageId: string;
  points: UsagePoint[];
  totalGbMilli: GbMilli | null;
}

// ---- pricing ------------------------------------------------------------------------

export type PricingMode = 'margin' | 'fixed' | 'multiplier';

export interface PriceRule {
  marginBps?: Bps | null;
  fixedPriceMicros?: Micros | null;
  multiplier?: Millionths | null;
}

export interface CountryOverride extends PriceRule {
  countryId: string;
}

export interface ProxiesSxPricebook {
  kind: 'proxies-sx';
  pricingMode: PricingMode;
  defaultMarginBps: Bps;
  portPricing: PriceRule;
  trafficPricing: PriceRule;
  countryOverrides: CountryOverride[];
}

export interface WhozexPlan {
  gb: number;
  label: string;
  standardPriceMicros: Micros;
  vipPriceMicros: Micros;
  yourPriceMicros: Micros;
  totalCost: Minor;
}

export interface WhozexPricebook {
  kind: 'whozex';
  isVip: boolean;
  customPricePerGbMicros: Micros | null;
  plans: WhozexPlan[];
}

export type Pricebook = ProxiesSxPricebook | WhozexPricebook;

export interface PricebookUpdate {
  pricingMode?: PricingMode;
  defaultMarginBps?: Bps;
  portPricing?: PriceRule;
  trafficPricing?: PriceRule;
}

export type QuoteInput =
  | { type: 'port'; basePricePerDayMicros: Micros; days: number; countryId?: string; customerId?: string }
  | { type: 'traffic'; gb: number; proxyType?: ProxyType; basePricePerGbMicros?: Micros; countryId?: string; customerId?: string };

export interface Quote {
  /** What the upstream charges the reseller. */
  cost: Minor;
  /** Upstream pricebook's resale price (Proxies.sx), else null. */
  resellerPrice: Minor | null;
  margin: Minor | null;
  marginBps: Bps | null;
  unitPriceMicros: Micros | null;
  appliedRules: string[];
}

// ---- webhooks -----------------------------------------------------------------------

export interface WebhookInput {
  url: string;
  events: string[];
  name?: string;
}

export interface UpstreamWebhook {
  id: string;
  url: string;
  events: string[];
  name: string | null;
  active: boolean | null;
}

export interface RegisteredWebhook extends UpstreamWebhook {
  /**
   * Shown once by the upstream: store it in the keychain right away. Null when the
   * registration answer has none (no Proxies.sx document shows one): deliveries are then
   * unsigned hints that the app confirms with documented reads.
   */
  secret: string | null;
}

// ---- reference data -----------------------------------------------------------------

export interface Country {
  id: string;
  name: string;
  code: string;
  iso3: string | null;
  phoneCode: string | null;
  freeDeviceCount: number | null;
}

export interface City {
  id: string;
  name: string;
  countryId: string | null;
}

export interface Carrier {
  id: string;
  name: string;
  countryId: string | null;
}

export interface List<T> extends Traced {
  items: T[];
}

// ---- Proxies.sx sign-in (static, no API key yet) -------------------------------------

export interface SignInResult extends Traced {
  token: string;
  user: { id: string | null; email: string | null; name: string | null };
}

export interface CreatedApiKey extends Traced {
  /** The full key: store it in the keychain, never show it again. */
  apiKey: string;
  keyInfo: { id: string | null; name: string | null; scopes: string[]; prefix: string | null };
}

export const PROXIES_SX_SCOPES = [
  'customers:read',
  'customers:write',
  'ports:read',
  'ports:write',
  'ports:rotate',
  'webhooks:read',
  'webhooks:write',
  'billing:read',
  'billing:write',
  'traffic:read',
] as const;

// ---- construction -------------------------------------------------------------------

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First backoff ceiling in ms (default 250); doubles each attempt, full jitter. */
  baseDelayMs?: number;
  /** Backoff ceiling in ms (default 4000); Retry-After above it is still honoured up to maxRetryAfterMs. */
  maxDelayMs?: number;
  /** Longest Retry-After the client waits inside one call before giving up (default 30 s). */
  maxRetryAfterMs?: number;
}

export interface RequestBudgetOptions {
  /** Sustained requests per second per upstream account (default 20, below the sandbox's 50). */
  perSecond?: number;
  /** Bucket size (default = perSecond). */
  burst?: number;
}

export interface HttpOptions {
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  retry?: RetryOptions;
  budget?: RequestBudgetOptions;
  /** Injected for tests: wait (honours the signal). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected for tests: 0 ≤ x < 1. */
  random?: () => number;
  userAgent?: string;
}

export interface ProviderOptions {
  /** The reseller's display name for this account: used in error messages. */
  accountName: string;
  /** e.g. https://api.proxies.sx/v1 or the sandbox's http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  /** Read from the keychain per call (or cached by the caller). Never logged. */
  apiKey: () => Promise<string>;
  clock?: Clock;
  http?: HttpOptions;
  /**
   * What was learned about this account's assumed capabilities (read on every use, so a
   * new check takes effect at once). Omitted: nothing learned, every assumed route unknown.
   */
  capabilityStates?: () => CapabilityStates;
  /** Told when a use of an assumed route teaches something new (route missing, or answered). */
  onCapabilityLearned?: (capability: AssumedCapability, state: CapabilityState, detail: string | null) => void;
}

/** One capability as a check learned it. */
export interface LearnedCapability {
  state: CapabilityState;
  detail: string | null;
}

/** What `learnCapabilities` found: from the OpenAPI document, else from probing reads once. */
export interface CapabilityReport {
  source: 'openapi' | 'probe';
  capabilities: Partial<Record<AssumedCapability, LearnedCapability>>;
}

// ---- the interface ------------------------------------------------------------------

export interface Provider {
  readonly kind: ProviderKind;
  readonly accountName: string;
  /** The static flags, narrowed by what was learned for this account (see routes.ts). */
  readonly capabilities: ProviderCapabilities;

  /** A documented read that proves the key works (Proxies.sx: one customer; Whozex: /account). */
  verifyKey(o?: ReadOptions): Promise<Traced>;
  /**
   * Learns which assumed routes the upstream offers: its OpenAPI document when it serves one,
   * else one probe of each assumed read (writes stay unknown: tried on first use).
   */
  learnCapabilities(o?: ReadOptions): Promise<CapabilityReport>;
  /** The assumed capabilities this provider's routes rest on. */
  readonly assumedCapabilities: readonly AssumedCapability[];
  /** 'read' when every route of the capability is a GET (probed once), else 'write' (tried on first use). */
  capabilityKind(cap: AssumedCapability): 'read' | 'write';

  /** Proxies.sx: assumed (capability `balance`); throws UNSUPPORTED when the upstream lacks it. */
  getAccount(o?: ReadOptions): Promise<WithRequest<UpstreamAccount>>;
  listTransactions(q?: TransactionQuery, o?: ReadOptions): Promise<Page<UpstreamTransaction>>;

  createCustomer(input: CreateCustomerInput, o: MutationOptions): Promise<WithRequest<UpstreamCustomer>>;
  listCustomers(q?: CustomerQuery, o?: ReadOptions): Promise<Page<UpstreamCustomer>>;
  getCustomer(id: string, o?: ReadOptions): Promise<WithRequest<UpstreamCustomer>>;
  /** Proxies.sx. */
  updateCustomer(id: string, patch: UpdateCustomerInput, o: MutationOptions): Promise<WithRequest<UpstreamCustomer>>;
  /** Proxies.sx. */
  suspendCustomer(id: string, o: MutationOptions): Promise<WithRequest<UpstreamCustomer>>;
  /** Proxies.sx. */
  resumeCustomer(id: string, o: MutationOptions): Promise<WithRequest<UpstreamCustomer>>;
  /** Moves money from the reseller balance to the customer's upstream balance. */
  topUpCustomer(id: string, input: BalanceMoveInput, o: MutationOptions): Promise<WithRequest<BalanceMove>>;
  /** Whozex: moves money back from the sub-user to the reseller. */
  deductCustomer(id: string, input: BalanceMoveInput, o: MutationOptions): Promise<WithRequest<BalanceMove>>;

  createPort(input: CreatePortInput, o: MutationOptions): Promise<WithRequest<CreatedPort>>;
  rotatePort(id: string, o: MutationOptions): Promise<WithRequest<RotationResult>>;
  extendPort(id: string, input: ExtendPortInput, o: MutationOptions): Promise<WithRequest<ExtendedPort>>;
  listPorts(q?: PortQuery, o?: ReadOptions): Promise<Page<UpstreamPort>>;
  getPort(id: string, o?: ReadOptions): Promise<WithRequest<UpstreamPort>>;

  createPackage(input: CreatePackageInput, o: MutationOptions): Promise<WithRequest<PackagePurchase>>;
  addGb(packageId: string, input: AddGbInput, o: MutationOptions): Promise<WithRequest<PackagePurchase>>;
  /** Live GB figures. */
  getPackage(id: string, o?: ReadOptions): Promise<WithRequest<UpstreamPackage>>;
  getCredentials(packageId: string, q?: CredentialsQuery, o?: ReadOptions): Promise<WithRequest<PackageCredentials>>;
  getUsage(packageId: string, q?: UsageQuery, o?: ReadOptions): Promise<WithRequest<PackageUsage>>;

  getPricebook(o?: ReadOptions): Promise<WithRequest<Pricebook>>;
  /** Proxies.sx. */
  updatePricebook(patch: PricebookUpdate, o: MutationOptions): Promise<WithRequest<Pricebook>>;
  /** Proxies.sx. */
  setCountryOverride(input: CountryOverride, o: MutationOptions): Promise<WithRequest<Pricebook>>;
  /** Read-only price calculation (Proxies.sx POST /pricebook/calculate, Whozex GET /pricing/calculate). */
  quote(input: QuoteInput, o?: ReadOptions): Promise<WithRequest<Quote>>;

  registerWebhook(input: WebhookInput, o: MutationOptions): Promise<WithRequest<RegisteredWebhook>>;
  listWebhooks(o?: ReadOptions): Promise<List<UpstreamWebhook>>;
  deleteWebhook(id: string, o: MutationOptions): Promise<Traced>;

  listCountries(o?: ReadOptions): Promise<List<Country>>;
  listCities(countryId: string, o?: ReadOptions): Promise<List<City>>;
  listCarriers(countryId: string, o?: ReadOptions): Promise<List<Carrier>>;

  /** Whozex: revokes the current key at once; store the returned key before anything else. */
  regenerateKey(o: MutationOptions): Promise<WithRequest<{ apiKey: string }>>;

  /** Whozex `GET /account/stats` (documented; absent on other upstreams). */
  getAccountStats?(o?: ReadOptions): Promise<WithRequest<WhozexAccountStats>>;
  /** Whozex `GET /analytics/overview` (documented; absent on other upstreams). */
  getAnalyticsOverview?(o?: ReadOptions): Promise<WithRequest<WhozexAnalyticsOverview>>;

  /** Closes the pooled connections. */
  close(): Promise<void>;
}

/** Static Proxies.sx helpers (no API key yet): exported by providers/index.ts. */
export interface ProxiesSxAuth {
  login(baseUrl: string, email: string, password: string, o?: ReadOptions & { http?: HttpOptions }): Promise<SignInResult>;
  createApiKey(
    baseUrl: string,
    token: string,
    name: string,
    scopes: readonly string[],
    o: MutationOptions & { http?: HttpOptions },
  ): Promise<CreatedApiKey>;
}
