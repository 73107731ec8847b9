import { z } from 'zod';
import { channel, event, id, minorAmount, noInput, text } from './define';

/**
 * Events, alerts, the webhook listener and the poller (issue 6). Every webhook delivery,
 * every change the poller sees and every local operation becomes one normalized event in
 * the inbox; alert rules run over the books after each batch.
 */

export const EVENT_SOURCES = ['webhook', 'poll', 'local'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export type InboxStatus = 'pending' | 'applied' | 'failed';

export interface InboxEventView {
  id: string;
  /** Insertion order: newest has the highest. */
  seq: number;
  source: EventSource;
  /** e.g. port.expired, package.low_gb, balance.low, ledger.balance_mismatch */
  type: string;
  accountId: string | null;
  accountName: string | null;
  /** What it is about: `port:<upstreamId>`, `package:<id>`, `account:<id>`, `customer:<id>`. */
  subject: string | null;
  /** One plain-language line for the list. */
  summary: string;
  /** Normalized payload (money in cents, GB in milli-GB, dates ISO). */
  payload: Record<string, unknown>;
  /** The delivery's raw body (webhooks) or the observation (poll), as received but with proxy passwords masked. */
  raw: string | null;
  /** The upstream's event id of a webhook delivery. */
  deliveryId: string | null;
  /** The deterministic key of the fact: a webhook and a poll reporting it make one event. */
  factKey: string;
  occurredAt: string;
  receivedAt: string;
  status: InboxStatus;
  /** What applying it changed (services, ledger checks). */
  effects: string[];
  error: string | null;
}

export interface EventsPage {
  items: InboxEventView[];
  /** Pass as `cursor` for the next (older) page; null on the last one. */
  nextCursor: string | null;
}

const isoDate = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), { message: 'is not a date' });

export const eventsListInput = z
  .object({
    type: z.union([text(80), z.array(text(80)).max(20)]).optional(),
    accountId: id.optional(),
    /** Events about one customer: their upstream user, their proxies and packages, local events naming them. */
    customerId: id.optional(),
    source: z.enum(EVENT_SOURCES).optional(),
    /** Inclusive lower bound on occurredAt. */
    from: isoDate.optional(),
    /** Exclusive upper bound on occurredAt. */
    to: isoDate.optional(),
    /** Matched against type, subject, summary and the raw payload. */
    text: text(200).optional(),
    cursor: z.string().max(40).regex(/^\d+$/).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict()
  .optional();

// ---- alerts ---------------------------------------------------------------------------

export const ALERT_KINDS = ['balance_low', 'customer_credit_low', 'package_low', 'proxy_expiring'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type AlertStatus = 'open' | 'acknowledged' | 'cleared';

export interface AlertView {
  id: string;
  kind: AlertKind;
  /** `account:<id>`, `customer:<id>`, `service:<id>`: one alert at a time per rule and subject. */
  subjectKey: string;
  accountId: string | null;
  customerId: string | null;
  serviceId: string | null;
  title: string;
  body: string;
  /** The renderer route that shows it: `/customers/<id>`, `/proxies`, `/settings`. */
  page: string;
  status: AlertStatus;
  raisedAt: string;
  acknowledgedAt: string | null;
  clearedAt: string | null;
  details: Record<string, string | number | boolean | null>;
}

export const alertsListInput = z
  .object({
    /** active = open + acknowledged (default). */
    status: z.enum(['active', 'open', 'acknowledged', 'cleared', 'all']).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict()
  .optional();

export const RULE_SCOPES = ['default', 'account', 'customer'] as const;
export type RuleScope = (typeof RULE_SCOPES)[number];

/** Which scopes each kind may be overridden for (the default always exists). */
export const RULE_SCOPES_BY_KIND: Record<AlertKind, readonly RuleScope[]> = {
  balance_low: ['default', 'account'],
  customer_credit_low: ['default', 'customer'],
  package_low: ['default', 'account', 'customer'],
  proxy_expiring: ['default', 'account', 'customer'],
};

export const balanceLowParams = z
  .object({
    /** Alert when the upstream balance is below this (cents). */
    belowAmount: minorAmount.refine((v) => v >= 0, { message: 'must not be negative' }),
    /** Alert when the balance lasts fewer days than this at the recent burn rate; null = off. */
    runwayDays: z.number().int().min(1).max(365).nullable(),
    /** Burn rate = wholesale cost over this many days. */
    burnWindowDays: z.union([z.literal(7), z.literal(30)]),
  })
  .strict();
export const customerCreditLowParams = z
  .object({ belowAmount: minorAmount.refine((v) => v >= 0, { message: 'must not be negative' }) })
  .strict();
export const packageLowParams = z
  .object({
    /** Alert at or below this share of the package left (whole percent); null = off. */
    belowPercent: z.number().int().min(1).max(99).nullable(),
    /** Alert below this many milli-GB left; null = off. */
    belowGbMilli: z.number().int().min(1).max(1_000_000_000).nullable(),
  })
  .strict();
export const proxyExpiringParams = z.object({ withinDays: z.number().int().min(1).max(60) }).strict();

export type BalanceLowParams = z.infer<typeof balanceLowParams>;
export type CustomerCreditLowParams = z.infer<typeof customerCreditLowParams>;
export type PackageLowParams = z.infer<typeof packageLowParams>;
export type ProxyExpiringParams = z.infer<typeof proxyExpiringParams>;

export interface AlertParamsByKind {
  balance_low: BalanceLowParams;
  customer_credit_low: CustomerCreditLowParams;
  package_low: PackageLowParams;
  proxy_expiring: ProxyExpiringParams;
}

export const DEFAULT_ALERT_PARAMS: AlertParamsByKind = {
  balance_low: { belowAmount: 5_000, runwayDays: 7, burnWindowDays: 7 },
  customer_credit_low: { belowAmount: 500 },
  package_low: { belowPercent: 10, belowGbMilli: null },
  proxy_expiring: { withinDays: 3 },
};

export type AlertRuleView = {
  [K in AlertKind]: {
    kind: K;
    scope: RuleScope;
    /** The account or customer id of an override; null for the default. */
    scopeId: string | null;
    /** The account or customer name, for display. */
    scopeName: string | null;
    enabled: boolean;
    params: AlertParamsByKind[K];
    /** False for a default that was never edited. */
    stored: boolean;
    updatedAt: string | null;
  };
}[AlertKind];

const ruleTarget = { scope: z.enum(RULE_SCOPES), scopeId: id.optional(), enabled: z.boolean().optional(), reset: z.boolean().optional() };

/** Create or change a rule (the default or an override); `reset: true` removes an override (or restores a default). */
export const alertRuleUpdateInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('balance_low'), ...ruleTarget, params: balanceLowParams.partial().optional() }).strict(),
  z.object({ kind: z.literal('customer_credit_low'), ...ruleTarget, params: customerCreditLowParams.partial().optional() }).strict(),
  z.object({ kind: z.literal('package_low'), ...ruleTarget, params: packageLowParams.partial().optional() }).strict(),
  z.object({ kind: z.literal('proxy_expiring'), ...ruleTarget, params: proxyExpiringParams.partial().optional() }).strict(),
]);
export type AlertRuleUpdate = z.infer<typeof alertRuleUpdateInput>;

// ---- webhooks ---------------------------------------------------------------------------

export interface WebhookRegistrationView {
  upstreamId: string;
  url: string;
  events: string[];
  createdAt: string;
  /** The signing secret is in the keychain (never shown). */
  secretStored: boolean;
  /** After a check with the upstream: still registered there? null when not checked. */
  liveUpstream: boolean | null;
  /**
   * The registration answer carried a signing secret. False: deliveries are unsigned hints
   * (the path token admits them; the app re-reads the resource before changing anything).
   */
  signed: boolean;
  /** Extra (undocumented) event names the upstream refused for this account. */
  refusedEvents: string[];
}

export interface WebhookAccountStatus {
  accountId: string;
  accountName: string;
  provider: string;
  isSandbox: boolean;
  /** Where this account's deliveries go (null while the listener is stopped). */
  endpointUrl: string | null;
  registrations: WebhookRegistrationView[];
  /** Webhooks at the upstream that point elsewhere (after a check), for information. */
  otherUpstreamWebhooks: { upstreamId: string; url: string }[];
  lastDeliveryAt: string | null;
  accepted: number;
  rejected: number;
  lastRejection: string | null;
  /** Plain sentences about this account's webhooks (unsigned hints, refused events), for the Settings row. */
  notes: string[];
}

export interface WebhookListenerSettings {
  enabled: boolean;
  /** 0 = any free port (tests). */
  port: number;
  bindAddress: string;
  /** A tunnel or public address that forwards to the listener, e.g. https://abc.example.net. */
  publicBaseUrl: string | null;
  /** Shown when the bind address is not loopback. */
  warning: string | null;
}

export interface WebhooksStatus {
  listener: {
    running: boolean;
    /** http://127.0.0.1:PORT while running. */
    localUrl: string | null;
    error: string | null;
  };
  settings: WebhookListenerSettings;
  /** Why webhooks may never arrive on a desktop, and why that is fine. */
  reachabilityNote: string;
  accounts: WebhookAccountStatus[];
}

const ipAddress = z
  .string()
  .max(64)
  .refine((s) => z.ipv4().safeParse(s).success || z.ipv6().safeParse(s).success, { message: 'must be an IP address such as 127.0.0.1' });

export const webhookSettingsInput = z
  .object({
    enabled: z.boolean().optional(),
    port: z.number().int().min(0).max(65_535).optional(),
    bindAddress: ipAddress.optional(),
    publicBaseUrl: z
      .string()
      .max(500)
      .refine((u) => {
        try {
          const p = new URL(u);
          return (p.protocol === 'https:' || p.protocol === 'http:') && !p.search && !p.hash;
        } catch {
          return false;
        }
      }, { message: 'must be an http(s) address without a query' })
      .nullable()
      .optional(),
  })
  .strict()
  .optional();

// ---- poller -----------------------------------------------------------------------------

export interface PollAccountView {
  accountId: string;
  accountName: string;
  lastRunAt: string | null;
  lastOkAt: string | null;
  lastError: { code: string; message: string } | null;
  /** Last upstream balance seen (poll or webhook), cents. */
  lastBalance: number | null;
}

export interface PollerSettingsView {
  enabled: boolean;
  intervalMinutes: number;
  running: boolean;
  accounts: PollAccountView[];
}

export interface PollRunResult {
  accountId: string;
  ok: boolean;
  /** New events this run recorded. */
  newEvents: number;
  requests: number;
  error: { code: string; message: string } | null;
}

export const eventsChannels = {
  'events:list': channel<EventsPage>()(eventsListInput),
  'events:get': channel<InboxEventView>()(z.object({ id }).strict()),
  'alerts:list': channel<AlertView[]>()(alertsListInput),
  'alerts:acknowledge': channel<AlertView>()(z.object({ id }).strict()),
  'alert-rules:list': channel<AlertRuleView[]>()(noInput),
  'alert-rules:update': channel<AlertRuleView[]>()(alertRuleUpdateInput),
  'webhooks:status': channel<WebhooksStatus>()(z.object({ checkUpstream: z.boolean().optional() }).strict().optional()),
  'webhooks:register': channel<WebhookAccountStatus>()(z.object({ accountId: id }).strict()),
  'webhooks:unregister': channel<WebhookAccountStatus>()(z.object({ accountId: id, upstreamId: text(200).optional() }).strict()),
  /** No input: read; with fields: change (the listener restarts on the new address). */
  'webhooks:settings': channel<WebhookListenerSettings>()(webhookSettingsInput),
  'poller:settings': channel<PollerSettingsView>()(
    z.object({ enabled: z.boolean().optional(), intervalMinutes: z.number().int().min(1).max(1440).optional() }).strict().optional(),
  ),
  'poller:run-now': channel<PollRunResult[]>()(z.object({ accountId: id.optional() }).strict().optional()),
};

export const eventsEvents = {
  /** Every new normalized event, after its effects applied. */
  'event:inbox': event<InboxEventView>(),
  'event:alert-raised': event<AlertView>(),
  'event:alert-cleared': event<AlertView>(),
};
