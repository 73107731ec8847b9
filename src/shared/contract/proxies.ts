import { z } from 'zod';
import type { Micros } from '../money';
import { channel, id, pageFields, text } from './define';
import { chargeRequestFields, type SaleSummary } from './operations';
import type { Quote } from './pricing';
import { countryCode } from './pricing';

/** Proxies.sx dedicated ports: quote, create, rotate, extend, list; and credentials in every common format. */

export interface PortConnection {
  host: string | null;
  httpPort: number | null;
  socksPort: number | null;
  username: string | null;
  password: string | null;
}

export interface PortView {
  serviceId: string;
  accountId: string;
  accountName: string | null;
  customerId: string;
  customerName: string | null;
  upstreamId: string;
  label: string | null;
  /** active | suspended | expired (expired as soon as expiresAt has passed). */
  status: string;
  country: string | null;
  city: string | null;
  carrier: string | null;
  isPrivate: boolean;
  exclusive: boolean;
  expiresAt: string | null;
  /** Whole days left (0 on the last day); null when expired or unknown. */
  daysLeft: number | null;
  connection: PortConnection;
  createdAt: string;
}

export interface PortPage {
  items: PortView[];
  total: number;
}

export interface ProxyQuote extends Quote {
  /** The upstream's wholesale rate per day ($2 shared, $3 private). */
  baseRateMicros: Micros;
  isPrivate: boolean;
  country: string;
  /** The customer's port slots (when a customer was given). */
  quota: { used: number; allocated: number } | null;
}

export interface PortResult {
  operationId: string;
  port: PortView;
  sale: SaleSummary | null;
}

const days = z.number().int({ message: 'must be a whole number of days' }).min(1, { message: 'must be at least 1' }).max(365, { message: 'must be at most 365' });

export const proxyQuoteSchema = z
  .object({
    country: countryCode,
    days,
    isPrivate: z.boolean().default(false),
    customerId: id.optional(),
  })
  .strict();

export const proxyCreateSchema = z
  .object({
    accountId: id,
    customerId: id,
    country: countryCode,
    /** City name or upstream city id. */
    city: text(100).optional(),
    /** Carrier name or upstream carrier id. */
    carrier: text(100).optional(),
    days,
    exclusive: z.boolean().default(false),
    isPrivate: z.boolean().default(false),
    /** Sell below cost anyway (after the margin guard's warning). */
    confirmBelowCost: z.boolean().default(false),
    ...chargeRequestFields,
  })
  .strict();
export type ProxyCreateInput = z.output<typeof proxyCreateSchema>;

export const proxyListSchema = z
  .object({
    customerId: id.optional(),
    accountId: id.optional(),
    status: z.enum(['active', 'expired', 'suspended']).optional(),
    /** Only active ports expiring within this many days. */
    expiringWithinDays: z.number().int().min(0).max(3650).optional(),
    search: text(200).optional(),
    ...pageFields(500, 100),
  })
  .strict();
export type ProxyListQuery = z.output<typeof proxyListSchema>;

export const CREDENTIAL_FORMATS = ['host:port:user:pass', 'user:pass@host:port', 'http-url', 'socks5-url', 'curl'] as const;
export type CredentialFormat = (typeof CREDENTIAL_FORMATS)[number];

export interface FormattedCredentials {
  format: CredentialFormat;
  /** One line per service, in the order asked. */
  lines: { serviceId: string; line: string }[];
  /** All lines joined with newlines, ready to copy. */
  text: string;
}

export const credentialsFormatSchema = z
  .object({
    serviceIds: z.array(id).min(1).max(1000),
    format: z.enum(CREDENTIAL_FORMATS),
    /** For the host:port forms: which listener (ports have both). */
    protocol: z.enum(['http', 'socks5']).default('http'),
    /** Package targeting (Whozex): two-letter code or "any", and a city name. */
    country: z.union([countryCode, z.literal('any')]).optional(),
    city: text(100).optional(),
  })
  .strict();
export type CredentialsFormatInput = z.output<typeof credentialsFormatSchema>;

export const proxiesChannels = {
  'proxies:quote': channel<ProxyQuote>()(proxyQuoteSchema),
  'proxies:create': channel<PortResult>()(proxyCreateSchema),
  'proxies:rotate': channel<PortResult>()(z.object({ serviceId: id }).strict()),
  /** Renew: adds days (a sale too). */
  'proxies:extend': channel<PortResult>()(z.object({ serviceId: id, days, confirmBelowCost: z.boolean().default(false), ...chargeRequestFields }).strict()),
  'proxies:list': channel<PortPage>()(proxyListSchema),
  'credentials:format': channel<FormattedCredentials>()(credentialsFormatSchema),
};

