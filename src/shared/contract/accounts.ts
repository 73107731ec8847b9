import { z } from 'zod';
import { channel, event, id, text } from './define';

export const PROVIDER_KINDS = ['proxies-sx', 'whozex'] as const;
export type ProviderKindName = (typeof PROVIDER_KINDS)[number];

/** The real APIs; the sandbox accounts carry their own loopback URLs. */
export const DEFAULT_BASE_URLS: Record<ProviderKindName, string> = {
  'proxies-sx': 'https://api.proxies.sx/v1',
  whozex: 'https://api.whozex.com/v1',
};

/** What the renderer knows of an upstream account: never the key, only its masked hint. */
export interface AccountView {
  id: string;
  provider: ProviderKindName;
  name: string;
  baseUrl: string;
  isSandbox: boolean;
  /** e.g. `psx_…a1b2`. */
  keyHint: string | null;
  status: 'active' | 'removed';
  createdAt: string;
  updatedAt: string;
  lastSync: { status: string; finishedAt: string | null; startedAt: string } | null;
}

export interface AccountCheck {
  accountId: string;
  ok: true;
  /**
   * The upstream balance the check read, in cents; null where the upstream does not report
   * it through its API (then `balanceSource` is 'books' and `notes` says so).
   */
  upstreamBalance: number | null;
  currency: string;
  checkedAt: string;
  /** Where the balance the app shows for this account comes from. */
  balanceSource?: 'upstream' | 'books';
  /** The books' balance for this account (cents), shown when the upstream cannot report one. */
  booksBalance?: number;
  /** Plain sentences about what the upstream lacks (from the capability check). */
  notes?: string[];
}

/** What an upstream can do: declared by each provider adapter, shown per account. */
export interface CapabilityFlags {
  /** Proxies.sx bills ports per day from the reseller balance; Whozex sells GB packages. */
  billing: 'per-day-ports' | 'gb-packages';
  /** Ports can change IP on demand (rotatePort). */
  rotation: boolean;
  /** The upstream keeps a pricebook of resale prices (get/update/country override). */
  serverPricebook: boolean;
  webhooks: boolean;
  /** Customers have a balance at the upstream that purchases draw from (Whozex). */
  subUserBalances: boolean;
  customerTopUp: boolean;
  customerDeduct: boolean;
  /** updateCustomer / suspendCustomer / resumeCustomer exist. */
  customerUpdate: boolean;
  customerSuspend: boolean;
  ports: boolean;
  packages: boolean;
  /** listCountries / listCities / listCarriers exist. */
  referenceData: boolean;
  regenerateKey: boolean;
  /** The upstream reports the reseller balance through its API (else the books are the source). */
  balanceReport?: boolean;
  /** The upstream lists the reseller's transactions through its API. */
  transactionsReport?: boolean;
  /** Ports can be extended (renewed) through the API. */
  portExtend?: boolean;
}

/**
 * One capability that rests on an undocumented (assumed) route, as learned for an account:
 * from the upstream's OpenAPI document, a one-time probe of a read, or the first use of a write.
 */
export interface AssumedCapabilityView {
  id: string;
  /** e.g. "Reporting your balance". */
  label: string;
  kind: 'read' | 'write';
  state: 'present' | 'absent' | 'unknown';
  source: 'openapi' | 'probe' | 'first-use' | null;
  checkedAt: string | null;
  /** What the reseller should know: what happens without it, or that it is tried on first use. */
  message: string;
}

export interface AccountCapabilitiesView extends CapabilityFlags {
  accountId: string;
  provider: ProviderKindName;
  /** The assumed capabilities and what was learned about each (documented ones are always on). */
  assumed?: AssumedCapabilityView[];
  /** When the upstream was last checked (null: not yet: only documented routes are relied on). */
  checkedAt?: string | null;
  checkSource?: 'openapi' | 'probe' | null;
  /** What the last check could not do (e.g. the upstream was unreachable), else null. */
  checkError?: string | null;
  /** Where the account's balance comes from. */
  balanceSource?: 'upstream' | 'books';
}

/** An adjusting entry that sets the books' balance of an upstream account: shown before it is made. */
export interface BooksBalancePreview {
  accountId: string;
  /** The books' balance now (cents). */
  current: number;
  target: number;
  /** target − current: what the entry posts to the upstream account (the other side is owner's equity). */
  difference: number;
  /** 'opening_balance' the first time, 'adjustment' afterwards. */
  kind: 'opening_balance' | 'adjustment';
  description: string;
  /** Why the books are the source, in words. */
  reason: string;
}

export interface BooksBalanceResult extends BooksBalancePreview {
  /** The journal transaction made (null when nothing needed posting). */
  transactionId: string | null;
}

export interface AccountBalanceLine {
  accountId: string;
  name: string;
  provider: ProviderKindName;
  isSandbox: boolean;
  /** The ledger's upstream:<acct> balance (equal to the upstream's after a sync), cents. */
  ledgerBalance: number;
}

export interface AccountsSummary {
  accounts: AccountBalanceLine[];
  /** Sum over the listed accounts only: sandbox accounts are left out unless asked for. */
  total: number;
  includeSandbox: boolean;
}

const baseUrl = z
  .string()
  .trim()
  .max(512)
  .url({ message: 'must be a full address such as https://api.proxies.sx/v1' })
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must start with https:// (or http:// for a local sandbox)' });

/** API keys are opaque text: bounded, printable, no whitespace. */
const apiKey = z
  .string()
  .trim()
  .min(8, { message: 'looks too short to be an API key' })
  .max(512)
  .regex(/^[\x21-\x7e]+$/, { message: 'must be the key exactly as issued (no spaces)' });

const accountName = text(80).refine((s) => s.length > 0, { message: 'must not be empty' });

export const accountsChannels = {
  'accounts:list': channel<AccountView[]>()(z.object({ includeRemoved: z.boolean().optional() }).strict().optional()),
  /** Verified against the upstream before anything is stored. */
  'accounts:add': channel<AccountView>()(
    z
      .object({
        provider: z.enum(PROVIDER_KINDS),
        name: accountName,
        baseUrl: baseUrl.optional(),
        apiKey,
        /**
         * Cents. The reseller's balance at the upstream now: booked as the opening balance
         * when the upstream does not report its balance through its API (ignored otherwise).
         */
        openingBalance: z.number().int().min(0).max(1_000_000_000_00).optional(),
      })
      .strict(),
  ),
  /** A new key or base URL is verified before it replaces the old one. */
  'accounts:update': channel<AccountView>()(
    z.object({ id, name: accountName.optional(), baseUrl: baseUrl.optional(), apiKey: apiKey.optional() }).strict(),
  ),
  'accounts:remove': channel<void>()(z.object({ id }).strict()),
  /** Whozex: revokes the current key upstream; the new key replaces it in the keychain. */
  'accounts:regenerate-key': channel<AccountView>()(z.object({ id }).strict()),
  /**
   * Proxies.sx: sign in with email and password, mint a scoped API key, and add the
   * account (or, with `accountId`, replace that account's key). The password is used
   * for the one sign-in call and never stored or logged.
   */
  'accounts:login-proxies-sx': channel<AccountView>()(
    z
      .object({
        email: z.string().trim().max(254).email({ message: 'must be an email address' }),
        password: z.string().min(1, { message: 'must not be empty' }).max(1024),
        name: accountName.optional(),
        baseUrl: baseUrl.optional(),
        accountId: id.optional(),
      })
      .strict(),
  ),
  'accounts:test': channel<AccountCheck>()(z.object({ id }).strict()),
  'accounts:capabilities': channel<AccountCapabilitiesView>()(z.object({ id }).strict()),
  /** Learns again what the upstream offers (OpenAPI document, else one probe of each assumed read). */
  'accounts:check-capabilities': channel<AccountCapabilitiesView>()(z.object({ id }).strict()),
  /** The adjusting entry that would set the books' balance of an account (nothing is posted). */
  'accounts:preview-books-balance': channel<BooksBalancePreview>()(
    z.object({ id, balance: z.number().int().min(-1_000_000_000_00).max(1_000_000_000_00) }).strict(),
  ),
  /**
   * Posts that entry. `expectedCurrent` is the preview's `current`: if the books moved since
   * the preview, nothing is posted (STALE_PREVIEW) and the reseller previews again.
   */
  'accounts:set-books-balance': channel<BooksBalanceResult>()(
    z
      .object({
        id,
        balance: z.number().int().min(-1_000_000_000_00).max(1_000_000_000_00),
        expectedCurrent: z.number().int(),
      })
      .strict(),
  ),
  /** Ledger balances per upstream account; sandbox accounts only when asked for. */
  'accounts:summary': channel<AccountsSummary>()(z.object({ includeSandbox: z.boolean().optional() }).strict().optional()),
};

export const accountsEvents = {
  'event:accounts-changed': event<AccountView[]>(),
};
