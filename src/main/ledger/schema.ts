import type { Generated } from 'kysely';

/** Row types of the ledger file, for kysely. Amounts are integer minor units. */

export interface SettingsTable {
  key: string;
  value: string; // JSON
  updated_at: string;
}

export type ProviderKind = 'proxies-sx' | 'whozex';

export interface ProviderAccountsTable {
  id: string;
  provider: ProviderKind;
  name: string;
  base_url: string;
  is_sandbox: 0 | 1;
  key_hint: string | null;
  currency: string;
  status: 'active' | 'removed';
  created_at: string;
  updated_at: string;
}

export type CustomerStatus = 'active' | 'suspended' | 'archived';

export interface CustomersTable {
  id: string;
  email: string;
  name: string;
  company: string | null;
  external_id: string | null;
  notes: string | null;
  tags: string; // JSON array of strings
  status: CustomerStatus;
  port_slot_quota: number;
  traffic_gb_allocation: number;
  created_at: string;
  updated_at: string;
}

export interface CustomerLinksTable {
  customer_id: string;
  account_id: string;
  upstream_id: string;
  created_at: string;
}

export type LedgerAccountKind = 'asset' | 'liability' | 'income' | 'expense' | 'equity';

export interface LedgerAccountsTable {
  id: string;
  kind: LedgerAccountKind;
  name: string;
  customer_id: string | null;
  provider_account_id: string | null;
  created_at: string;
}

export type PaymentMethod = 'card' | 'crypto' | 'bank' | 'cash' | 'other';

export interface TransactionsTable {
  id: string;
  seq: number;
  occurred_at: string; // ISO 8601 UTC
  recorded_at: string;
  kind: string;
  description: string;
  currency: string;
  customer_id: string | null;
  provider_account_id: string | null;
  reference: string | null;
  payment_method: PaymentMethod | null;
  reverses_id: string | null;
  operation_id: string | null;
}

export interface PostingsTable {
  id: Generated<number>;
  transaction_id: string;
  account_id: string;
  amount: number; // signed minor units, debit positive
}

export type OperationStatus = 'pending' | 'completed' | 'failed';

export interface OperationsTable {
  id: string;
  idempotency_key: string;
  kind: string;
  provider_account_id: string;
  customer_id: string | null;
  status: OperationStatus;
  request: string; // JSON
  result: string | null; // JSON
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  upstream_request_id: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  /** Migration 0008: the charging form's request id (same id, same operation). */
  client_request_id: string | null;
  /** Migration 0008: JSON, what documented reads showed before the request left. */
  baseline: string | null;
  /** Migration 0008: JSON, the facts kept when the reads could not settle it (needs review). */
  review: string | null;
}

export interface ServicesTable {
  id: string;
  kind: 'port' | 'package';
  customer_id: string;
  provider_account_id: string;
  upstream_id: string;
  status: string;
  label: string | null;
  country: string | null;
  city: string | null;
  carrier: string | null;
  proxy_type: string | null;
  is_private: 0 | 1;
  exclusive: 0 | 1;
  total_gb_milli: number | null;
  used_gb_milli: number | null;
  expires_at: string | null;
  details: string; // JSON
  created_at: string;
  updated_at: string;
}

export interface SalesTable {
  id: string;
  transaction_id: string;
  occurred_at: string;
  customer_id: string;
  provider_account_id: string;
  service_id: string | null;
  product: string;
  country: string | null;
  quantity: number;
  unit: 'day' | 'GB';
  cost: number;
  price: number;
  reverses_id: string | null;
}

/** 0003: the local pricebook; percentages and multipliers in parts per million, fixed prices in micros. */
export interface PricebookTable {
  id: 1;
  mode: 'margin' | 'fixed' | 'multiplier';
  default_margin_ppm: number;
  port_margin_ppm: number | null;
  port_fixed_micros: number | null;
  port_multiplier_ppm: number | null;
  traffic_margin_ppm: number | null;
  traffic_fixed_micros: number | null;
  traffic_multiplier_ppm: number | null;
  updated_at: string;
}

export interface PricebookCountryOverridesTable {
  country: string; // ISO 3166-1 alpha-2, upper case
  margin_ppm: number;
  updated_at: string;
}

export interface CustomerDiscountsTable {
  customer_id: string;
  discount_ppm: number;
  updated_at: string;
}

/** Maintained by triggers on postings: credit (natural) and receivable per customer, in cents. */
export interface CustomerBalancesTable {
  customer_id: string;
  credit: number;
  receivable: number;
  balance: Generated<number>; // credit - receivable
}

// ---- 0004 provider sync ----------------------------------------------------------------

export type SyncRunStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

export interface SyncRunsTable {
  id: string;
  account_id: string;
  status: SyncRunStatus;
  full_pass: 0 | 1;
  started_at: string;
  finished_at: string | null;
  requests: number;
  stats: string; // JSON
  error_code: string | null;
  error_message: string | null;
}

export interface SyncCursorsTable {
  account_id: string;
  entity: string;
  state: string | null; // JSON of the pass in progress
  watermark: string | null; // JSON of the last completed pass
  completed_at: string | null;
  updated_at: string;
}

export interface SyncItemsTable {
  account_id: string;
  entity: 'customer' | 'port' | 'package';
  upstream_id: string;
  local_id: string;
  fingerprint: string;
  seen_pass: string | null;
  missing_since: string | null;
  updated_at: string;
}

export interface UpstreamTransactionsTable {
  account_id: string;
  upstream_id: string;
  type: string;
  amount: number;
  balance_after: number | null;
  description: string | null;
  upstream_customer_id: string | null;
  occurred_at: string | null;
  first_seen_at: string;
  run_id: string | null;
}

export interface SyncEventsTable {
  id: string;
  account_id: string;
  run_id: string | null;
  kind: string;
  severity: 'info' | 'conflict';
  subject: string | null;
  dedupe_key: string;
  details: string; // JSON
  transaction_id: string | null;
  status: 'open' | 'acknowledged' | 'resolved';
  created_at: string;
  resolved_at: string | null;
}

// ---- 0005 events, webhooks, alerts -------------------------------------------------------

export interface EventInboxTable {
  seq: Generated<number>;
  id: string;
  fact_key: string;
  source: 'webhook' | 'poll' | 'local';
  type: string;
  account_id: string | null;
  subject: string | null;
  summary: string;
  payload: string; // JSON
  raw: string | null;
  delivery_id: string | null;
  occurred_at: string;
  received_at: string;
  status: 'pending' | 'applied' | 'failed';
  applied_at: string | null;
  effects: string; // JSON array of strings
  error: string | null;
}

export interface WebhookReceiptsTable {
  account_id: string;
  delivery_id: string;
  event_id: string | null;
  received_at: string;
}

export interface WebhookEndpointsTable {
  account_id: string;
  token: string;
  created_at: string;
  last_delivery_at: string | null;
  accepted: number;
  rejected: number;
  last_rejection: string | null;
}

export interface WebhookRegistrationsTable {
  account_id: string;
  upstream_id: string;
  url: string;
  events: string; // JSON
  created_at: string;
  /** 0009: 'none' when the registration answer had no signing secret (deliveries are hints). */
  signing: 'secret' | 'none';
  /** 0009: JSON list of extra event names the upstream refused. */
  refused_events: string;
}

export interface EventCrossingsTable {
  key: string;
  crossings: number;
  active: 0 | 1;
  updated_at: string;
}

export interface UpstreamObservationsTable {
  account_id: string;
  balance: number | null;
  balance_at: string | null;
  balance_changes: number;
  updated_at: string;
}

export interface PollStateTable {
  account_id: string;
  package_cursor: string | null;
  last_run_at: string | null;
  last_ok_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  requests: number;
}

export interface AlertRulesTable {
  kind: 'balance_low' | 'customer_credit_low' | 'package_low' | 'proxy_expiring';
  scope: 'default' | 'account' | 'customer';
  scope_id: string;
  enabled: 0 | 1;
  params: string; // JSON
  updated_at: string;
}

export interface AlertsTable {
  id: string;
  kind: string;
  subject_key: string;
  account_id: string | null;
  customer_id: string | null;
  service_id: string | null;
  title: string;
  body: string;
  page: string;
  details: string; // JSON
  status: 'open' | 'acknowledged' | 'cleared';
  raised_at: string;
  acknowledged_at: string | null;
  cleared_at: string | null;
}

/** Maintained by a trigger on postings: per UTC day (YYYY-MM-DD), the sum of postings by bucket of the chart. */
export interface LedgerDailyTable {
  day: string;
  bucket: 'cash' | 'revenue' | 'equity' | 'credit' | 'receivable' | 'cost' | 'sub' | 'upstream' | 'other';
  account: string; // upstream account id for cost/sub/upstream, '' otherwise
  amount: number;
}

export interface Schema {
  settings: SettingsTable;
  provider_accounts: ProviderAccountsTable;
  customers: CustomersTable;
  customer_links: CustomerLinksTable;
  ledger_accounts: LedgerAccountsTable;
  transactions: TransactionsTable;
  postings: PostingsTable;
  operations: OperationsTable;
  services: ServicesTable;
  sales: SalesTable;
  pricebook: PricebookTable;
  pricebook_country_overrides: PricebookCountryOverridesTable;
  customer_discounts: CustomerDiscountsTable;
  customer_balances: CustomerBalancesTable;
  ledger_daily: LedgerDailyTable;
  sync_runs: SyncRunsTable;
  sync_cursors: SyncCursorsTable;
  sync_items: SyncItemsTable;
  upstream_transactions: UpstreamTransactionsTable;
  sync_events: SyncEventsTable;
  event_inbox: EventInboxTable;
  webhook_receipts: WebhookReceiptsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_registrations: WebhookRegistrationsTable;
  event_crossings: EventCrossingsTable;
  upstream_observations: UpstreamObservationsTable;
  poll_state: PollStateTable;
  alert_rules: AlertRulesTable;
  alerts: AlertsTable;
}
