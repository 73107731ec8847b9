import { createHash, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { WebhookAccountStatus, WebhookListenerSettings, WebhooksStatus } from '../../shared/contract/events';
import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import type { Ledger } from '../ledger/database';
import type { Logger } from '../logging/logger';
import { prepare } from '../ledger/sql';
import type { Provider, ProviderKind, RegisteredWebhook } from '../providers/types';
import { secretNames, type SecretStore } from '../secrets/secret-store';
import type { ProviderRegistry } from '../services/accounts/provider-registry';
import type { EventsService } from '../services/events/events-service';
import { isObject, parseLossless, str } from '../services/events/json-values';
import { hintDraft } from '../services/events/hint-draft';
import { normalizeWebhook } from '../services/events/normalize-webhook';
import {
  countDelivery,
  deleteRegistration,
  ensureEndpoint,
  insertRegistration,
  listRegistrations,
  tokenMatches,
} from './endpoints';
import { GroupCommitter } from './group-commit';
import { HintReader } from './hint-reader';
import { WebhookListener, type Answer, type Delivery } from './listener';
import { readListenerSettings, writeListenerSettings } from './listener-settings';
import { WebhookSecretCache } from './secret-cache';
import { verifyProxiesSx, verifyWhozex, type SignatureCheck } from './signatures';
import { assertWebhookUrl, isSandboxAccount } from './webhook-url';

/**
 * The webhook listener as the app runs it: endpoints per account, verification with the
 * secrets from the keychain, the inbox, and registering/removing the listener's URL
 * upstream through the Provider interface.
 */

/**
 * Events the app subscribes to. `documented`: the names the seeds list (registering them
 * must succeed). `extras`: names the sandbox sends that no document lists (ASSUMED): each
 * is kept only if the upstream accepts it, and a refusal never fails the registration.
 */
export function webhookEventsFor(kind: ProviderKind): { documented: string[]; extras: string[] } {
  if (kind === 'whozex') {
    return {
      documented: ['package.created', 'package.low_gb', 'balance.added', 'user.created'],
      extras: ['balance.deducted', 'package.gb_added', 'package.depleted', 'package.expired'],
    };
  }
  return { documented: ['port.created', 'port.expired', 'port.rotated', 'customer.quota_exceeded', 'balance.low'], extras: ['port.expiring'] };
}

const PROVIDER_LABEL: Record<ProviderKind, string> = { 'proxies-sx': 'Proxies.sx', whozex: 'Whozex' };

/** An upstream that refused the request as such (an unknown event name), not one that failed. */
function isRefusal(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'INVALID_INPUT' || error.code === 'UPSTREAM_REJECTED');
}

export function reachabilityNote(pollMinutes: number): string {
  return (
    'Webhooks let Proxies.sx and Whozex tell Reseller Desk about a change within seconds, but only if they can reach ' +
    'this computer. A desktop behind a home or office router usually cannot be reached from the internet: webhooks ' +
    'then need a tunnel (for example Cloudflare Tunnel or ngrok) or a public address that forwards to the listener, ' +
    'entered as the public address below. Without webhooks nothing is missed: every ' +
    `${pollMinutes} minute${pollMinutes === 1 ? '' : 's'} the poller checks balances, proxy expiries and package ` +
    'usage and records the same events.'
  );
}

export interface WebhooksServiceDeps {
  ledger: Ledger;
  clock: Clock;
  /**
   * The time a sandbox account's simulated upstream signs with (the embedded sandbox's,
   * which may be moved): only its deliveries are checked against it. Defaults to `clock`.
   */
  sandboxClock?: Clock;
  secrets: SecretStore;
  providers: ProviderRegistry;
  events: EventsService;
  log: Logger;
  pollMinutes: () => number;
  maxBodyBytes?: number;
}

export interface WebhooksService {
  /** Starts the listener with the stored settings (overrides for tests: port 0). */
  start(overrides?: { port?: number; host?: string }): Promise<void>;
  stop(): Promise<void>;
  readonly running: boolean;
  status(options?: { checkUpstream?: boolean | undefined }): Promise<WebhooksStatus>;
  settings(): WebhookListenerSettings;
  updateSettings(patch: { enabled?: boolean | undefined; port?: number | undefined; bindAddress?: string | undefined; publicBaseUrl?: string | null | undefined }): Promise<WebhookListenerSettings>;
  /** The URL an upstream should call for this account (null while nothing can receive). */
  endpointUrl(accountId: string): string | null;
  register(accountId: string): Promise<WebhookAccountStatus>;
  unregister(accountId: string, upstreamId?: string): Promise<WebhookAccountStatus>;
  /** Resolves once the reads confirming unsigned hints received so far are done. */
  idle(): Promise<void>;
}

interface AccountRow {
  id: string;
  provider: ProviderKind;
  name: string;
  is_sandbox: number;
  base_url: string;
  status: string;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const DELIVERY_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

export function createWebhooksService(deps: WebhooksServiceDeps): WebhooksService {
  const { sqlite } = deps.ledger;
  const now = () => deps.clock.now().toISOString();
  // Only registrations whose answer carried a secret have one in the keychain.
  const cache = new WebhookSecretCache(deps.secrets, (accountId) =>
    listRegistrations(sqlite, accountId)
      .filter((r) => r.signing === 'secret')
      .map((r) => r.upstream_id),
  );
  const hints = new HintReader({ sqlite, providers: deps.providers, events: deps.events, log: deps.log, clock: deps.clock });
  let listenerError: string | null = null;
  const commits = new GroupCommitter(sqlite);

  const account = (id: string) => prepare(sqlite, 'SELECT id, provider, name, is_sandbox, base_url, status FROM provider_accounts WHERE id = ?').get(id) as AccountRow | undefined;
  const activeAccount = (id: string): AccountRow => {
    const row = account(id);
    if (!row || row.status !== 'active') throw new AppError('NOT_FOUND', 'That upstream account does not exist or was removed. Refresh the list of accounts.');
    return row;
  };

  function refused(accountId: string, reason: string, status: number): Answer {
    countDelivery(sqlite, accountId, false, `${status} ${reason}`, now());
    return { status, body: { error: reason } };
  }

  function verify(row: AccountRow, delivery: Delivery, secrets: string[]): SignatureCheck {
    if (row.provider === 'whozex') return verifyWhozex(delivery.raw, header(delivery.headers, 'x-whozex-signature'), secrets);
    // A real account's window is always the app's (wall) clock; only sandbox ones use sandbox time.
    const clock = row.is_sandbox === 1 ? (deps.sandboxClock ?? deps.clock) : deps.clock;
    return verifyProxiesSx(
      delivery.raw,
      { signature: header(delivery.headers, 'x-proxies-signature'), timestamp: header(delivery.headers, 'x-proxies-timestamp') },
      secrets,
      clock.now().getTime(),
    );
  }

  /**
   * The ids a delivery is deduplicated by: the upstream's event id (Proxies.sx: the body's
   * `id`, else `X-Proxies-Event-Id` (today) or `X-Proxies-Delivery` (design note); Whozex:
   * its unsigned id header) AND always the hash of the raw body, so a body without an id
   * (or a replay under a fresh, unsigned id header) is still the same delivery.
   */
  function deliveryIds(kind: ProviderKind, delivery: Delivery, body: Record<string, unknown>): string[] {
    const hash = `sha256:${createHash('sha256').update(delivery.raw).digest('hex')}`;
    const given =
      kind === 'proxies-sx'
        ? (str(body.id) ?? header(delivery.headers, 'x-proxies-event-id') ?? header(delivery.headers, 'x-proxies-delivery'))
        : header(delivery.headers, 'x-whozex-event-id');
    const ids = given && DELIVERY_ID.test(given) ? [given] : [];
    ids.push(hash);
    return ids;
  }

  function parseBody(raw: Buffer): Record<string, unknown> | string {
    let body: unknown;
    try {
      body = parseLossless(raw.toString('utf8'));
    } catch {
      return 'The body is not valid JSON';
    }
    return isObject(body) ? body : 'The body is not a JSON object';
  }

  /**
   * A delivery for an account whose registration answer had no secret: the unguessable
   * path token admitted it, and that is all it proves. Stored as a hint (no effects),
   * answered, then confirmed by a documented read; only what the read shows is recorded.
   */
  /** What the normaliser and the hint draft both read of one delivery. */
  function deliveryInput(row: AccountRow, delivery: Delivery, body: Record<string, unknown>, deliveryId: string) {
    return {
      provider: row.provider,
      accountId: row.id,
      body,
      raw: delivery.raw.toString('utf8'),
      deliveryId,
      receivedAt: now(),
      eventHeader: row.provider === 'proxies-sx' ? (header(delivery.headers, 'x-proxies-event') ?? null) : null,
    };
  }

  async function deliverHint(row: AccountRow, delivery: Delivery): Promise<Answer> {
    const body = parseBody(delivery.raw);
    if (typeof body === 'string') return refused(row.id, body, 400);
    // Hints are deduplicated among themselves only: an unsigned sender must never claim the
    // id of a signed delivery still to come and so have it dropped as a duplicate.
    const ids = deliveryIds(row.provider, delivery, body).map((id) => `hint:${id}`);
    const hint = hintDraft(deliveryInput(row, delivery, body, ids[0]!));
    const result = await commits
      .submit(
        () => {
          const staged = deps.events.pipeline.stage([hint.draft], { receipts: ids.map((deliveryId) => ({ accountId: row.id, deliveryId })) });
          if (!staged.result.duplicateDelivery) countDelivery(sqlite, row.id, true, null, now());
          return staged;
        },
        (staged) => staged.publish(),
      )
      .then((staged) => staged.result);
    const stored = result.inserted[0];
    if (stored) hints.enqueue({ accountId: row.id, hintId: stored.id, event: hint.event, subject: hint.subject });
    return { status: 200, body: { received: true, duplicate: result.duplicateDelivery, hint: true, events: result.inserted.map((e) => e.id) } };
  }

  async function deliver(delivery: Delivery): Promise<Answer> {
    const row = account(delivery.accountId);
    if (!row || row.status !== 'active') return { status: 404, body: { error: 'Not found' } };
    const regs = listRegistrations(sqlite, row.id);
    const unsigned = regs.some((r) => r.signing === 'none');
    let secrets: string[] = [];
    if (regs.some((r) => r.signing === 'secret')) {
      try {
        secrets = await cache.get(row.id);
      } catch (error) {
        deps.log.warn('Webhook secrets could not be read from the keychain', { accountId: row.id, error: error instanceof Error ? error.message : String(error) });
        return { status: 503, body: { error: 'Temporarily unable to verify deliveries; retry later' } };
      }
    }
    if (secrets.length === 0 && !unsigned) return refused(row.id, 'No webhook is registered for this account', 401);
    // 1. The signature over the raw bytes, before anything else looks at them.
    const check: SignatureCheck = secrets.length > 0 ? verify(row, delivery, secrets) : { ok: false, reason: 'no_secret' };
    if (!check.ok) {
      // A registration without a secret: what did not verify is at most a hint.
      if (unsigned) return deliverHint(row, delivery);
      const reason = check.reason === 'too_old' ? 'The delivery is too old or from the future (timestamp outside 5 minutes)' : `Invalid signature (${check.reason})`;
      return refused(row.id, reason, 401);
    }
    // 2. Well-formed JSON object.
    const body = parseBody(delivery.raw);
    if (typeof body === 'string') return refused(row.id, body, 400);
    // 3. The inbox (committed before the answer); a delivery seen before changes nothing.
    const ids = deliveryIds(row.provider, delivery, body);
    const drafts = normalizeWebhook(deliveryInput(row, delivery, body, ids[0]!));
    // The inbox rows, their effects and the counter in one transaction, grouped with the
    // deliveries that arrived alongside: one commit, before any of them is answered.
    const result = await commits.submit(
      () => {
        const staged = deps.events.pipeline.stage(drafts, { receipts: ids.map((deliveryId) => ({ accountId: row.id, deliveryId })) });
        // A duplicate changes nothing at all, not even the counters (a retry storm costs no writes).
        if (!staged.result.duplicateDelivery) countDelivery(sqlite, row.id, true, null, now());
        return staged;
      },
      (staged) => staged.publish(),
    ).then((staged) => staged.result);
    return { status: 200, body: { received: true, duplicate: result.duplicateDelivery, events: result.inserted.map((e) => e.id) } };
  }

  const listener = new WebhookListener({
    knows: (accountId, token) => tokenMatches(sqlite, accountId, token),
    deliver,
    onRefused: (accountId, status, reason) => {
      if (accountId && status !== 404) countDelivery(sqlite, accountId, false, `${status} ${reason}`, now());
    },
    onError: (error) => deps.log.error('A webhook delivery failed inside the app', { error: error instanceof Error ? error.message : String(error) }),
    ...(deps.maxBodyBytes ? { maxBodyBytes: deps.maxBodyBytes } : {}),
  });
  let lastOverrides: { port?: number; host?: string } = {};

  function endpointUrl(accountId: string): string | null {
    const endpoint = ensureEndpoint(sqlite, accountId, now());
    const settings = readListenerSettings(sqlite);
    const path = `/hooks/${encodeURIComponent(accountId)}/${endpoint.token}`;
    if (settings.publicBaseUrl) return `${settings.publicBaseUrl}${path}`;
    const addr = listener.address();
    if (!addr) return null;
    const host = addr.host === '0.0.0.0' || addr.host === '::' ? '127.0.0.1' : addr.host.includes(':') ? `[${addr.host}]` : addr.host;
    return `http://${host}:${addr.port}${path}`;
  }

  function accountStatus(row: AccountRow, upstream?: { items: { id: string; url: string }[] } | null): WebhookAccountStatus {
    const endpoint = ensureEndpoint(sqlite, row.id, now());
    const regs = listRegistrations(sqlite, row.id);
    const upstreamIds = new Set(upstream?.items.map((w) => w.id) ?? []);
    const localIds = new Set(regs.map((r) => r.upstream_id));
    const label = PROVIDER_LABEL[row.provider];
    const refusedEvents = [...new Set(regs.flatMap((r) => JSON.parse(r.refused_events) as string[]))];
    const notes: string[] = [];
    if (regs.some((r) => r.signing === 'none')) {
      notes.push(
        `${label} gave no signing secret, so deliveries cannot be verified: each one is a hint. Reseller Desk checks the proxy or account it names ` +
          'with a documented read before changing anything, and the poller keeps watch as before.',
      );
    }
    if (refusedEvents.length > 0) notes.push(`${label} refused these extra events, so they come from the poller instead: ${refusedEvents.join(', ')}.`);
    return {
      accountId: row.id,
      accountName: row.name,
      provider: row.provider,
      isSandbox: row.is_sandbox === 1,
      endpointUrl: endpointUrl(row.id),
      registrations: regs.map((r) => ({
        upstreamId: r.upstream_id,
        url: r.url,
        events: JSON.parse(r.events) as string[],
        createdAt: r.created_at,
        secretStored: true,
        liveUpstream: upstream ? upstreamIds.has(r.upstream_id) : null,
        signed: r.signing === 'secret',
        refusedEvents: JSON.parse(r.refused_events) as string[],
      })),
      otherUpstreamWebhooks: (upstream?.items ?? []).filter((w) => !localIds.has(w.id)).map((w) => ({ upstreamId: w.id, url: w.url })),
      lastDeliveryAt: endpoint.last_delivery_at,
      accepted: endpoint.accepted,
      rejected: endpoint.rejected,
      lastRejection: endpoint.last_rejection,
      notes,
    };
  }

  async function withSecretsMarked(status: WebhookAccountStatus): Promise<WebhookAccountStatus> {
    for (const r of status.registrations) {
      if (!r.signed) {
        r.secretStored = false;
        continue;
      }
      r.secretStored = (await deps.secrets.get(secretNames.webhookSecret(status.accountId, r.upstreamId)).catch(() => null)) !== null;
    }
    return status;
  }

  /**
   * A DELETE whose answer was lost is sent once more (deleting twice is harmless: the second
   * answers NOT_FOUND, handled by the caller). Registrations are never resent blindly: no
   * document promises that Idempotency-Key deduplicates them (see `attempt` in register).
   */
  async function once<T>(fn: (key: string) => Promise<T>): Promise<T> {
    const key = `wh-${randomUUID()}`;
    try {
      return await fn(key);
    } catch (error) {
      if (error instanceof AppError && error.code === 'UPSTREAM_OUTCOME_UNKNOWN') return fn(key);
      throw error;
    }
  }

  function providerFor(row: AccountRow): Provider {
    const provider = deps.providers.forAccount(row.id);
    if (!provider.capabilities.webhooks) throw new AppError('UNSUPPORTED', `${row.name} does not offer webhooks; the poller keeps it up to date.`);
    return provider;
  }

  async function start(overrides: { port?: number; host?: string } = {}): Promise<void> {
    lastOverrides = overrides;
    const settings = readListenerSettings(sqlite);
    try {
      await listener.start({ host: overrides.host ?? settings.bindAddress, port: overrides.port ?? settings.port });
      listenerError = null;
      const addr = listener.address();
      deps.log.info('Webhook listener started', { host: addr?.host, port: addr?.port });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      listenerError =
        code === 'EADDRINUSE'
          ? `Port ${overrides.port ?? settings.port} is already in use. Choose another port for the webhook listener.`
          : code === 'EADDRNOTAVAIL'
            ? `${overrides.host ?? settings.bindAddress} is not an address of this computer.`
            : `The webhook listener could not start: ${error instanceof Error ? error.message : String(error)}`;
      throw new AppError('LISTENER_UNAVAILABLE', listenerError, { cause: error });
    }
  }

  return {
    get running() {
      return listener.running;
    },
    start,
    async stop() {
      await listener.stop();
      await hints.idle();
    },
    async status(options = {}) {
      const rows = prepare(sqlite, "SELECT id, provider, name, is_sandbox, base_url, status FROM provider_accounts WHERE status = 'active' ORDER BY is_sandbox, created_at").all() as AccountRow[];
      const accounts: WebhookAccountStatus[] = [];
      for (const row of rows) {
        let upstream: { items: { id: string; url: string }[] } | null = null;
        if (options.checkUpstream) {
          try {
            upstream = await providerFor(row).listWebhooks();
          } catch (error) {
            deps.log.warn('Listing upstream webhooks failed', { accountId: row.id, error: error instanceof Error ? error.message : String(error) });
          }
        }
        accounts.push(await withSecretsMarked(accountStatus(row, upstream)));
      }
      const addr = listener.address();
      return {
        listener: {
          running: listener.running,
          localUrl: addr ? `http://${addr.host.includes(':') ? `[${addr.host}]` : addr.host}:${addr.port}` : null,
          error: listenerError,
        },
        settings: readListenerSettings(sqlite),
        reachabilityNote: reachabilityNote(deps.pollMinutes()),
        accounts,
      };
    },
    settings: () => readListenerSettings(sqlite),
    async updateSettings(patch) {
      const clean: Parameters<typeof writeListenerSettings>[1] = {};
      if (patch.enabled !== undefined) clean.enabled = patch.enabled;
      if (patch.port !== undefined) clean.port = patch.port;
      if (patch.bindAddress !== undefined) clean.bindAddress = patch.bindAddress;
      if (patch.publicBaseUrl !== undefined) clean.publicBaseUrl = patch.publicBaseUrl;
      const next = writeListenerSettings(sqlite, clean, now());
      const addressChanged = patch.port !== undefined || patch.bindAddress !== undefined;
      if (!next.enabled) await listener.stop();
      else if (!listener.running || addressChanged) {
        // A changed address drops the test overrides: the reseller chose this one.
        await start(addressChanged ? {} : lastOverrides).catch(() => undefined);
      }
      return next;
    },
    endpointUrl,
    idle: () => hints.idle(),
    async register(accountId) {
      const row = activeAccount(accountId);
      const provider = providerFor(row);
      const url = endpointUrl(row.id);
      if (!url) {
        throw new AppError('LISTENER_UNAVAILABLE', 'The webhook listener is not running. Turn it on (or set a public address) in Settings → Webhooks, then register again.');
      }
      assertWebhookUrl(url, isSandboxAccount(row), PROVIDER_LABEL[row.provider]);
      const existing = listRegistrations(sqlite, row.id).find((r) => r.url === url);
      if (existing) return withSecretsMarked(accountStatus(row));
      const { documented, extras } = webhookEventsFor(row.provider);
      const label = PROVIDER_LABEL[row.provider];
      const attempt = async (events: string[]): Promise<RegisteredWebhook> => {
        try {
          return await provider.registerWebhook({ url, events, name: 'Reseller Desk' }, { idempotencyKey: `wh-${randomUUID()}` });
        } catch (error) {
          // Resending could leave a second webhook whose secret the app never saw.
          if (error instanceof AppError && error.code === 'UPSTREAM_OUTCOME_UNKNOWN') {
            throw new AppError(
              'UPSTREAM_OUTCOME_UNKNOWN',
              `${label} did not say whether the webhook for ${row.name} was registered, so Reseller Desk did not send it again. ` +
                `Check the webhooks in your ${label} dashboard: remove one that points to this computer's address, then register again. ` +
                'Until then the poller keeps the account up to date.',
              { cause: error },
            );
          }
          throw error;
        }
      };
      const created: { webhook: RegisteredWebhook; events: string[] }[] = [];
      const refusedExtras: string[] = [];
      // The documented events first, alone: this registration must succeed.
      created.push({ webhook: await attempt(documented), events: documented });
      // Then each extra on its own webhook (no document offers a way to edit a webhook's
      // events), kept only if accepted: a refusal is recorded and never fails the
      // registration; any other failure stops the extras (the documented ones stand).
      for (const extra of extras) {
        try {
          created.push({ webhook: await attempt([extra]), events: [extra] });
        } catch (extraError) {
          if (isRefusal(extraError)) {
            refusedExtras.push(extra);
            continue;
          }
          deps.log.warn('Registering an extra webhook event failed; the documented ones are registered', {
            accountId: row.id,
            event: extra,
            error: extraError instanceof Error ? extraError.message : String(extraError),
          });
          break;
        }
      }
      try {
        for (const c of created) {
          // An empty secret verifies nothing (anyone can compute it): treated as none.
          if (c.webhook.secret) await deps.secrets.set(secretNames.webhookSecret(row.id, c.webhook.id), c.webhook.secret);
        }
      } catch (error) {
        // Without its secret a webhook can never be verified: take them back upstream.
        for (const c of created) await once((idempotencyKey) => provider.deleteWebhook(c.webhook.id, { idempotencyKey })).catch(() => undefined);
        throw new AppError('KEYCHAIN_UNAVAILABLE', 'The webhook secret could not be stored in the keychain, so the webhook was removed again. Unlock the keychain and retry.', {
          cause: error,
        });
      }
      const at = now();
      created.forEach((c, i) => {
        insertRegistration(sqlite, {
          account_id: row.id,
          upstream_id: c.webhook.id,
          url: c.webhook.url || url,
          events: JSON.stringify(c.webhook.events.length ? c.webhook.events : c.events),
          created_at: at,
          signing: c.webhook.secret ? 'secret' : 'none',
          refused_events: JSON.stringify(i === 0 ? refusedExtras : []),
        });
      });
      cache.forget(row.id);
      deps.log.info('Webhook registered upstream', {
        accountId: row.id,
        webhookIds: created.map((c) => c.webhook.id),
        signed: created.every((c) => Boolean(c.webhook.secret)),
        refusedEvents: refusedExtras,
      });
      return withSecretsMarked(accountStatus(row));
    },
    async unregister(accountId, upstreamId) {
      const row = activeAccount(accountId);
      const provider = providerFor(row);
      const targets = listRegistrations(sqlite, row.id).filter((r) => upstreamId === undefined || r.upstream_id === upstreamId);
      if (upstreamId !== undefined && targets.length === 0) throw new AppError('NOT_FOUND', 'That webhook is not registered by Reseller Desk for this account.');
      for (const r of targets) {
        try {
          await once((idempotencyKey) => provider.deleteWebhook(r.upstream_id, { idempotencyKey }));
        } catch (error) {
          // Already gone upstream: finish removing it here.
          if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        }
        await deps.secrets.delete(secretNames.webhookSecret(row.id, r.upstream_id));
        deleteRegistration(sqlite, row.id, r.upstream_id);
        cache.forget(row.id);
      }
      return withSecretsMarked(accountStatus(row));
    },
  };
}

