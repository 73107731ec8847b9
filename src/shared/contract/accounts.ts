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
  /** The upstream balance the check read, in cents. */
  upstreamBalance: number;
  currency: string;
  checkedAt: string;
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
}

export interface AccountCapabilitiesView extends CapabilityFlags {
  accountId: string;
  provider: ProviderKindName;
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
  /** Ledger balances per upstream account; sandbox accounts only when asked for. */
  'accounts:summary': channel<AccountsSummary>()(z.object({ includeSandbox: z.boolean().optional() }).strict().optional()),
};

export const accountsEvents = {
  'event:accounts-changed': event<AccountView[]>(),
};
