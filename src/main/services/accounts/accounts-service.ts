import { randomUUID } from 'node:crypto';
import {
  DEFAULT_BASE_URLS,
  type AccountCapabilitiesView,
  type AccountCheck,
  type AccountsSummary,
  type AccountView,
  type BooksBalancePreview,
  type BooksBalanceResult,
  type ProviderKindName,
} from '../../../shared/contract/accounts';
import { AppError } from '../../../shared/errors';
import { sumMinor } from '../../../shared/money';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { PROXIES_SX_SCOPES } from '../../providers/types';
import { maskSecret, secretNames, type SecretStore } from '../../secrets/secret-store';
import {
  accountView,
  assertNameFree,
  insertAccountRow,
  listAccountRows,
  listAccountViews,
  requireActiveAccount,
  unsettledOperations,
  updateAccountRow,
} from './account-repository';
import { ledgerBalances } from '../money/balances';
import { accountBalance, ledgerAccounts } from '../../ledger/journal';
import { previewBooksBalance, setBooksBalance } from './books-balance';
import { capabilitiesView, checkCapabilities, refreshStaleCapabilities } from './capability-check';
import type { ProviderRegistry } from './provider-registry';
import { assertSafeApiAddress, sameServer } from './api-address';
import { normalizeBaseUrl, verifyCredentials } from './verify-credentials';

export interface AccountsServiceDeps {
  ledger: Ledger;
  secrets: SecretStore;
  clock: Clock;
  bus: EventBus;
  providers: ProviderRegistry;
}

export interface AddAccountInput {
  provider: ProviderKindName;
  name: string;
  baseUrl?: string | undefined;
  apiKey: string;
  /** Cents: booked as the opening balance where the upstream cannot report its balance. */
  openingBalance?: number | undefined;
}

export interface UpdateAccountInput {
  id: string;
  name?: string | undefined;
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
}

export interface LoginProxiesSxInput {
  email: string;
  password: string;
  name?: string | undefined;
  baseUrl?: string | undefined;
  accountId?: string | undefined;
}

export interface AccountsService {
  list(options?: { includeRemoved?: boolean | undefined }): AccountView[];
  get(id: string): AccountView;
  add(input: AddAccountInput): Promise<AccountView>;
  /** Stores an account without calling the upstream: only for the embedded sandbox. */
  addUnverified(input: AddAccountInput & { isSandbox: boolean }): Promise<AccountView>;
  update(input: UpdateAccountInput): Promise<AccountView>;
  remove(id: string): Promise<void>;
  regenerateKey(id: string): Promise<AccountView>;
  loginProxiesSx(input: LoginProxiesSxInput): Promise<AccountView>;
  test(id: string): Promise<AccountCheck>;
  capabilities(id: string): AccountCapabilitiesView;
  /** Learns again what the upstream offers (OpenAPI document or probes of assumed reads). */
  checkCapabilities(id: string): Promise<AccountCapabilitiesView>;
  /** The daily re-check: every account whose last check is older than a day. */
  refreshStaleCapabilities(): Promise<void>;
  /** The entry that would set the books' balance (only where the upstream cannot report it). */
  previewBooksBalance(id: string, balance: number): BooksBalancePreview;
  setBooksBalance(input: { id: string; balance: number; expectedCurrent: number }): BooksBalanceResult;
  summary(options?: { includeSandbox?: boolean | undefined }): AccountsSummary;
}

const PROVIDER_LABEL: Record<ProviderKindName, string> = { 'proxies-sx': 'Proxies.sx', whozex: 'Whozex' };

export function createAccountsService(deps: AccountsServiceDeps): AccountsService {
  const { ledger, secrets, clock, bus, providers } = deps;
  const now = () => clock.now().toISOString();
  const changed = () => bus.emit('event:accounts-changed', listAccountViews(ledger));

  /** Key first, then the row; if the row fails, the key goes too: nothing half-stored. */
  async function store(input: AddAccountInput & { isSandbox: boolean }, baseUrl: string): Promise<AccountView> {
    const id = randomUUID();
    await secrets.set(secretNames.apiKey(id), input.apiKey);
    try {
      insertAccountRow(ledger, {
        id,
        provider: input.provider,
        name: input.name,
        baseUrl,
        isSandbox: input.isSandbox,
        keyHint: maskSecret(input.apiKey),
        now: now(),
      });
    } catch (error) {
      await secrets.delete(secretNames.apiKey(id)).catch(() => false);
      throw error;
    }
    changed();
    return accountView(ledger, id);
  }

  async function add(input: AddAccountInput): Promise<AccountView> {
    const baseUrl = normalizeBaseUrl(input.baseUrl ?? DEFAULT_BASE_URLS[input.provider]);
    assertSafeApiAddress(baseUrl);
    assertNameFree(ledger, input.name);
    await verifyCredentials(providers, { provider: input.provider, accountName: input.name, baseUrl, apiKey: input.apiKey });
    assertNameFree(ledger, input.name); // again: another add may have taken it while we waited
    const view = await store({ ...input, isSandbox: false }, baseUrl);
    // Learn what the upstream offers beyond its documents. The key was just verified, so a
    // failure here (e.g. a timeout) leaves the account on documented routes only.
    await checkCapabilities(capDeps, view.id).catch(() => undefined);
    if (input.openingBalance !== undefined && input.openingBalance !== 0 && booksAreSource(view.id)) {
      setBooksBalance(ledger, clock, { accountId: view.id, target: input.openingBalance, expectedCurrent: 0 });
      changed();
    }
    return view;
  }

  const capDeps = { ledger, clock, providers };

  function booksAreSource(id: string): boolean {
    return providers.forAccount(id).capabilities.balanceReport === false;
  }

  async function addUnverified(input: AddAccountInput & { isSandbox: boolean }): Promise<AccountView> {
    assertNameFree(ledger, input.name);
    const view = await store(input, normalizeBaseUrl(input.baseUrl ?? DEFAULT_BASE_URLS[input.provider]));
    // The embedded sandbox is running: learn which profile it serves (never fails the add).
    await checkCapabilities(capDeps, view.id).catch(() => undefined);
    return view;
  }

  async function update(input: UpdateAccountInput): Promise<AccountView> {
    const row = requireActiveAccount(ledger, input.id);
    const name = input.name ?? row.name;
    const baseUrl = input.baseUrl !== undefined ? normalizeBaseUrl(input.baseUrl) : row.base_url;
    if (name !== row.name) assertNameFree(ledger, name, row.id);
    const secretName = secretNames.apiKey(row.id);

    const connectionChanged = input.apiKey !== undefined || baseUrl !== row.base_url;
    if (baseUrl !== row.base_url) {
      assertSafeApiAddress(baseUrl);
      // The stored key never goes to another server: whoever runs it would receive it.
      if (input.apiKey === undefined && !sameServer(baseUrl, row.base_url)) {
        throw new AppError(
          'INVALID_INPUT',
          `API key: the new address is on another server than '${row.name}' used. Paste that account's API key with it: Reseller Desk never sends the stored key to a new server.`,
          { field: 'apiKey' },
        );
      }
    }
    if (connectionChanged) {
      const key = input.apiKey ?? (await secrets.get(secretName));
      if (!key) {
        throw new AppError('INVALID_API_KEY', `No API key is stored for '${row.name}'. Paste the key together with the new address.`, {
          field: 'apiKey',
        });
      }
      await verifyCredentials(providers, { provider: row.provider, accountName: name, baseUrl, apiKey: key });
    }

    let previousKey: string | null = null;
    if (input.apiKey !== undefined) {
      previousKey = await secrets.get(secretName);
      await secrets.set(secretName, input.apiKey);
    }
    try {
      const patch: { name?: string; baseUrl?: string; keyHint?: string } = { name, baseUrl };
      if (input.apiKey !== undefined) patch.keyHint = maskSecret(input.apiKey);
      updateAccountRow(ledger, row.id, patch, now());
    } catch (error) {
      if (input.apiKey !== undefined) {
        // Put the old key back so the keychain and the row agree again.
        if (previousKey) await secrets.set(secretName, previousKey).catch(() => {});
        else await secrets.delete(secretName).catch(() => false);
      }
      throw error;
    }
    await providers.invalidate(row.id);
    // Another address (or key) may reach an upstream that offers something else: learn again.
    if (connectionChanged) await checkCapabilities(capDeps, row.id).catch(() => undefined);
    changed();
    return accountView(ledger, row.id);
  }

  async function remove(id: string): Promise<void> {
    const row = requireActiveAccount(ledger, id);
    // An upstream call still being settled needs the account (its key, its lists) to be settled.
    const unsettled = unsettledOperations(ledger, row.id);
    if (unsettled.length > 0) {
      const what = unsettled.map((o) => `${o.kind}${o.customerName ? ` for ${o.customerName}` : ''}`).join(', ');
      throw new AppError(
        'CONFLICT',
        `'${row.name}' still has ${unsettled.length === 1 ? 'an upstream operation' : `${unsettled.length} upstream operations`} being settled (${what}). Settle ${unsettled.length === 1 ? 'it' : 'them'} first in Events → Upstream operations (Check now), then remove the account.`,
        { details: { unsettled: unsettled.length } },
      );
    }
    // The key first: if the keychain refuses, the account stays as it was and the reseller can retry.
    await secrets.delete(secretNames.apiKey(row.id));
    updateAccountRow(ledger, row.id, { status: 'removed' }, now());
    await providers.invalidate(row.id);
    changed();
  }

  async function regenerateKey(id: string): Promise<AccountView> {
    const row = requireActiveAccount(ledger, id);
    const provider = providers.forAccount(row.id);
    if (!provider.capabilities.regenerateKey) {
      throw new AppError(
        'UNSUPPORTED',
        `${PROVIDER_LABEL[row.provider]} keys cannot be regenerated here. Sign in again to mint a new key, or paste one in Settings.`,
      );
    }
    const secretName = secretNames.apiKey(row.id);
    const current = await secrets.get(secretName);
    if (!current) {
      throw new AppError('INVALID_API_KEY', `No API key is stored for '${row.name}'. Paste the key in Settings before regenerating it.`);
    }
    // Prove the keychain takes writes *before* the upstream revokes the old key, so the
    // write of the new key right after is all but certain to succeed.
    await secrets.set(secretName, current);

    const idempotencyKey = `regen-${randomUUID()}`;
    let newKey: string;
    try {
      newKey = (await provider.regenerateKey({ idempotencyKey })).apiKey;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'UPSTREAM_OUTCOME_UNKNOWN') throw error;
      // The answer was lost: the same idempotency key replays the upstream's answer if it
      // did regenerate (and if it did not, regenerates once).
      try {
        newKey = (await provider.regenerateKey({ idempotencyKey })).apiKey;
      } catch (retryError) {
        throw new AppError(
          'UPSTREAM_OUTCOME_UNKNOWN',
          `Whozex did not confirm the new key for '${row.name}'. The current key is kept. Use "Test connection": if Whozex rejects it, the key was replaced and the new one was lost in transit; ask Whozex support for a new key.`,
          { cause: retryError },
        );
      }
    }

    try {
      await secrets.set(secretName, newKey);
    } catch (error) {
      // The upstream has already revoked the old key: this is the only moment the new key
      // exists anywhere. Show it once so the reseller can save it; it is never logged.
      throw new AppError(
        'KEY_NOT_SAVED',
        `Whozex issued a new API key for '${row.name}' and revoked the old one, but the system keychain refused to store it. ` +
          `Copy this key now and paste it into Settings → Accounts once the keychain is unlocked; it will not be shown again: ${newKey}`,
        { cause: error, details: { newApiKey: newKey } },
      );
    }
    updateAccountRow(ledger, row.id, { keyHint: maskSecret(newKey) }, now());
    await providers.invalidate(row.id);
    changed();
    return accountView(ledger, row.id);
  }

  async function loginProxiesSx(input: LoginProxiesSxInput): Promise<AccountView> {
    const existing = input.accountId ? requireActiveAccount(ledger, input.accountId) : null;
    if (existing && existing.provider !== 'proxies-sx') {
      throw new AppError('INVALID_INPUT', 'Signing in mints keys for Proxies.sx accounts only.', { field: 'accountId' });
    }
    const baseUrl = normalizeBaseUrl(input.baseUrl ?? existing?.base_url ?? DEFAULT_BASE_URLS['proxies-sx']);
    const name = existing?.name ?? input.name ?? `Proxies.sx (${input.email})`;
    if (!existing) assertNameFree(ledger, name);

    const http = providers.http ? { http: providers.http } : {};
    // The password goes into this one call and nowhere else: not stored, not logged.
    const session = await providers.proxiesSxAuth.login(baseUrl, input.email, input.password, http);
    const minted = await providers.proxiesSxAuth.createApiKey(baseUrl, session.token, `Reseller Desk ${now().slice(0, 10)}`, PROXIES_SX_SCOPES, {
      idempotencyKey: `mint-${randomUUID()}`,
      ...http,
    });
    if (existing) return update({ id: existing.id, apiKey: minted.apiKey, baseUrl });
    return add({ provider: 'proxies-sx', name, baseUrl, apiKey: minted.apiKey });
  }

  /**
   * The connection test: a documented read proves the key, then what the upstream offers is
   * checked again; the balance is read only where the upstream reports it.
   */
  async function test(id: string): Promise<AccountCheck> {
    const row = requireActiveAccount(ledger, id);
    await providers.forAccount(row.id).verifyKey();
    await checkCapabilities(capDeps, row.id);
    const view = capabilitiesView(capDeps, row.id);
    const notes = (view.assumed ?? []).filter((c) => c.state === 'absent').map((c) => c.message);
    if (view.balanceReport !== false) {
      const account = await providers.forAccount(row.id).getAccount();
      return { accountId: row.id, ok: true, upstreamBalance: account.balance, currency: account.currency, checkedAt: now(), balanceSource: 'upstream', notes };
    }
    const books = accountBalance(ledger.sqlite, ledgerAccounts.upstream(row.id));
    if (!notes.some((n) => n.includes('balance'))) notes.unshift(`${PROVIDER_LABEL[row.provider]} did not report your balance through its API: the balance shown is from your books.`);
    return { accountId: row.id, ok: true, upstreamBalance: null, currency: row.currency, checkedAt: now(), balanceSource: 'books', booksBalance: books, notes };
  }

  function capabilities(id: string): AccountCapabilitiesView {
    return capabilitiesView(capDeps, id);
  }

  async function recheck(id: string): Promise<AccountCapabilitiesView> {
    await checkCapabilities(capDeps, id);
    changed();
    return capabilitiesView(capDeps, id);
  }

  function refuseWhereUpstreamReports(id: string): void {
    const row = requireActiveAccount(ledger, id);
    if (!booksAreSource(row.id)) {
      throw new AppError(
        'UNSUPPORTED',
        `${PROVIDER_LABEL[row.provider]} reports the balance of '${row.name}' through its API: the books follow it at every sync, so it is not entered by hand. Nothing was posted.`,
      );
    }
  }

  function summary(options: { includeSandbox?: boolean | undefined } = {}): AccountsSummary {
    const includeSandbox = options.includeSandbox ?? false;
    // The same figures as the dashboard and the money pages: `ledgerBalances` reads whole
    // days from the `ledger_daily` trigger table, not a million postings.
    const books = ledgerBalances(ledger.sqlite, {}, clock.now());
    const balanceOf = new Map(books.upstreams.map((u) => [u.accountId, u.balance]));
    const lines = listAccountRows(ledger)
      .filter((row) => includeSandbox || row.is_sandbox === 0)
      .map((row) => ({
        accountId: row.id,
        name: row.name,
        provider: row.provider,
        isSandbox: row.is_sandbox === 1,
        ledgerBalance: balanceOf.get(row.id) ?? 0,
      }));
    return { accounts: lines, total: sumMinor(lines.map((line) => line.ledgerBalance)), includeSandbox };
  }

  return {
    list: (options = {}) => listAccountViews(ledger, { includeRemoved: options.includeRemoved ?? false }),
    get: (id) => accountView(ledger, id),
    add,
    addUnverified,
    update,
    remove,
    regenerateKey,
    loginProxiesSx,
    test,
    capabilities,
    checkCapabilities: recheck,
    refreshStaleCapabilities: () => refreshStaleCapabilities(capDeps),
    previewBooksBalance: (id, balance) => {
      refuseWhereUpstreamReports(id);
      return previewBooksBalance(ledger, id, balance);
    },
    setBooksBalance: (input) => {
      refuseWhereUpstreamReports(input.id);
      const out = setBooksBalance(ledger, clock, { accountId: input.id, target: input.balance, expectedCurrent: input.expectedCurrent });
      changed();
      return out;
    },
    summary,
  };
}
