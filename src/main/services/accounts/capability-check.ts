import type { AccountCapabilitiesView, AssumedCapabilityView, ProviderKindName } from '../../../shared/contract/accounts';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { Ledger } from '../../ledger/database';
import { absentMessage, CAPABILITY_LABELS, presentMessage, unknownMessage } from '../../providers/capability-messages';
import type { AssumedCapability, Provider } from '../../providers/types';
import { listAccountRows, requireActiveAccount } from './account-repository';
import { capabilityRows, lastCheck, storeCheck, storeReport } from './capability-store';
import type { ProviderRegistry } from './provider-registry';

/**
 * Learning what an account's upstream offers beyond its documents: on adding the account,
 * in every connection test, on demand (accounts:check-capabilities) and at least daily.
 * Until an account is checked, only documented routes are relied on.
 */

export const CAPABILITY_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export const UPSTREAM_LABEL: Record<ProviderKindName, string> = { 'proxies-sx': 'Proxies.sx', whozex: 'Whozex' };

interface Deps {
  ledger: Ledger;
  clock: Clock;
  providers: ProviderRegistry;
}

/**
 * One full check. A refused key is thrown (the reseller must act); any other failure is
 * remembered as the check's error and what was learned before stays.
 */
export async function checkCapabilities(deps: Deps, accountId: string): Promise<void> {
  const row = requireActiveAccount(deps.ledger, accountId);
  const provider = deps.providers.forAccount(row.id);
  const now = () => deps.clock.now().toISOString();
  try {
    const report = await provider.learnCapabilities();
    storeReport(deps.ledger.sqlite, row.id, report, now());
  } catch (error) {
    storeCheck(deps.ledger.sqlite, row.id, null, error instanceof Error ? error.message : String(error), now());
    if (error instanceof AppError && (error.code === 'INVALID_API_KEY' || error.code === 'FORBIDDEN' || error.code === 'CANCELLED')) throw error;
  }
}

/** Checks when the last check is missing or older than a day. */
export async function ensureFresh(deps: Deps, accountId: string, maxAgeMs = CAPABILITY_MAX_AGE_MS): Promise<boolean> {
  const last = lastCheck(deps.ledger.sqlite, accountId);
  if (last && deps.clock.now().getTime() - Date.parse(last.checked_at) < maxAgeMs) return false;
  await checkCapabilities(deps, accountId);
  return true;
}

/** The daily re-check of every active account; one failure does not stop the others. */
export async function refreshStaleCapabilities(deps: Deps, maxAgeMs = CAPABILITY_MAX_AGE_MS): Promise<void> {
  for (const row of listAccountRows(deps.ledger)) {
    await ensureFresh(deps, row.id, maxAgeMs).catch(() => undefined);
  }
}

/** What the renderer and the CLI show: the flags, and each assumed capability in words. */
export function capabilitiesView(deps: Deps, accountId: string): AccountCapabilitiesView {
  const row = requireActiveAccount(deps.ledger, accountId);
  const provider: Provider = deps.providers.forAccount(row.id);
  const upstream = UPSTREAM_LABEL[row.provider];
  const learned = new Map(capabilityRows(deps.ledger.sqlite, row.id).map((r) => [r.capability, r]));
  const assumed: AssumedCapabilityView[] = provider.assumedCapabilities.map((cap) => {
    const r = learned.get(cap);
    const state = r?.state ?? 'unknown';
    const kind = provider.capabilityKind(cap);
    const message = state === 'absent' ? absentMessage(upstream, row.name, cap) : state === 'present' ? presentMessage(upstream) : unknownMessage(upstream, kind);
    return { id: cap, label: CAPABILITY_LABELS[cap], kind, state, source: r?.source ?? null, checkedAt: r?.checked_at ?? null, message };
  });
  const check = lastCheck(deps.ledger.sqlite, row.id);
  const { kind: _kind, ...flags } = provider.capabilities;
  return {
    accountId: row.id,
    provider: row.provider,
    ...flags,
    assumed,
    checkedAt: check?.checked_at ?? null,
    checkSource: check?.source ?? null,
    checkError: check?.error ?? null,
    balanceSource: flags.balanceReport === false ? 'books' : 'upstream',
  };
}

/** The plain sentence for an absent capability of an account, or null when it is not absent. */
export function absentNote(deps: Deps, accountId: string, cap: AssumedCapability): string | null {
  const row = requireActiveAccount(deps.ledger, accountId);
  const r = capabilityRows(deps.ledger.sqlite, row.id).find((x) => x.capability === cap);
  return r?.state === 'absent' ? absentMessage(UPSTREAM_LABEL[row.provider], row.name, cap) : null;
}
