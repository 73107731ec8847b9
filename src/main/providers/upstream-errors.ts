/**
 * Turns an upstream's failed HTTP answer into an AppError a reseller can act on: a
 * stable code, a plain sentence naming the account and what to do, and secret-free
 * numbers in `details`. Never the raw HTTP text, never the key.
 */
import { AppError } from '../../shared/errors';
import { formatMoney, parseDecimal, type Minor } from '../../shared/money';
import type { HttpResponse } from './http/http-client';

/** What an adapter could read out of the upstream's error body. */
export interface UpstreamErrorInfo {
  /** The upstream's machine code (EMAIL_TAKEN, INSUFFICIENT_BALANCE, …). */
  code: string | null;
  /** The upstream's human message (sanitised before use). */
  message: string | null;
  /** Field named by the upstream, if any. */
  field: string | null;
  /** Structured extras the upstream gave (balance, required, scope, used, allocated). */
  extra: Record<string, string>;
}

export interface ErrorContext {
  upstream: string;
  accountName: string;
  /** What the call was about, for NOT_FOUND and money messages: "this package", "customer c_1". */
  subject?: string;
}

const MONEY_IN_TEXT = /\$\s?(-?\d[\d,]*(?:\.\d+)?)/g;

/** "$1,234.50" → 123450 (half away from zero if the text has sub-cents). */
function moneyText(text: string): Minor | null {
  try {
    return Number(parseDecimal(text.replace(/,/g, ''), 2, 'half-away'));
  } catch {
    return null;
  }
}

function cleanMessage(message: string | null): string | null {
  if (!message) return null;
  // Upstream sentences only: no control characters, no stack-like tails, bounded length.
  const one = message.replace(/\p{Cc}+/gu, ' ').replace(/\s+at\s+\S+\s*\(.*$/, '').trim();
  if (!one) return null;
  return one.length > 200 ? `${one.slice(0, 197)}…` : one;
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

const BALANCE_IN_TEXT = /balance(?:\s+is|:)?\s*\(?\s*\$\s?(\d[\d,]*(?:\.\d+)?)/i;
const REQUIRED_IN_TEXT = /(?:costs?|amount|price|requires?|needs?|needed)(?:\s+is|\s+of)?:?\s*\(?\s*\$\s?(\d[\d,]*(?:\.\d+)?)/i;

function insufficientBalance(info: UpstreamErrorInfo, ctx: ErrorContext): AppError {
  const text = info.message ?? '';
  const positional = [...text.matchAll(MONEY_IN_TEXT)].map((m) => moneyText(m[1]!));
  const b = BALANCE_IN_TEXT.exec(text);
  const r = REQUIRED_IN_TEXT.exec(text);
  const fromExtra = (k: string) => (info.extra[k] !== undefined ? moneyText(info.extra[k]) : null);
  const balance = fromExtra('balance') ?? (b ? moneyText(b[1]!) : null) ?? (r ? null : (positional[0] ?? null));
  const required = fromExtra('required') ?? fromExtra('cost') ?? (r ? moneyText(r[1]!) : null) ?? (b ? null : (positional[1] ?? null));
  // Whozex says "User balance (...)" when a sub-user's balance is short, "Reseller balance" for yours.
  const whose = /^\s*(user|customer)\b/i.test(text) || info.extra.balanceOf === 'customer' ? 'customer' : 'reseller';
  const owner = whose === 'customer' ? `This customer's ${ctx.upstream} balance` : `Your ${ctx.upstream} balance`;
  const subject = ctx.subject ?? 'this';
  const details: Record<string, string | number | boolean | null> = { balanceOf: whose };
  if (balance !== null && required !== null) {
    const shortfall = required - balance;
    details.balance = balance;
    details.required = required;
    details.shortfall = shortfall;
    const topUp = whose === 'customer' ? `Top up the customer at least ${formatMoney(shortfall)}.` : `Top up at least ${formatMoney(shortfall)}.`;
    return new AppError(
      'INSUFFICIENT_BALANCE',
      `${owner} (${formatMoney(balance)}) is too low for ${subject} (${formatMoney(required)}). ${topUp}`,
      { details },
    );
  }
  if (balance !== null) details.balance = balance;
  return new AppError('INSUFFICIENT_BALANCE', `${owner} for '${ctx.accountName}' is too low for ${subject}. Top up, then try again.`, { details });
}

function quotaExceeded(info: UpstreamErrorInfo, ctx: ErrorContext): AppError {
  const text = info.message ?? '';
  const num = (k: string): number | null => {
    const v = info.extra[k];
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
  };
  let used = num('used');
  let allocated = num('allocated') ?? num('limit');
  const pair = /(\d+)\s*(?:\/|of)\s*(\d+)/i.exec(text);
  if (pair && used === null) used = Number(pair[1]);
  if (pair && allocated === null) allocated = Number(pair[2]);
  const details: Record<string, number> = {};
  if (used !== null) details.used = used;
  if (allocated !== null) details.allocated = allocated;
  const numbers = used !== null && allocated !== null ? ` (${used} of ${allocated} used)` : allocated !== null ? ` (limit ${allocated})` : '';
  return new AppError(
    'QUOTA_EXCEEDED',
    `The customer has no free port slots at ${ctx.upstream}${numbers}. Raise the customer's port-slot quota or free a port, then try again.`,
    { details },
  );
}

function forbiddenScope(info: UpstreamErrorInfo): string | null {
  if (info.extra.scope) return info.extra.scope;
  if (info.extra.requiredScope) return info.extra.requiredScope;
  const m = /\b([a-z]+:(?:read|write|rotate))\b/i.exec(info.message ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

/** The one mapping from a failed answer to an AppError. */
export function mapUpstreamFailure(res: HttpResponse, info: UpstreamErrorInfo, ctx: ErrorContext): AppError {
  const code = (info.code ?? '').toUpperCase();
  const msg = cleanMessage(info.message);
  const { upstream, accountName } = ctx;
  const base: Record<string, string | number | boolean | null> = { status: res.status };
  if (res.requestId) base.requestId = res.requestId;
  if (code) base.upstreamCode = code;

  // A server error is never a refusal, whatever its text says ("… port slots …" in a 500's
  // body proves nothing): a change may have been committed before the upstream failed, so
  // it is settled by looking, never reported as "nothing was charged". Checked first.
  if (res.status >= 500) return serverFailure(res, upstream, accountName, base);

  if (code === 'INSUFFICIENT_BALANCE' || code === 'INSUFFICIENT_FUNDS' || res.status === 402 || /insufficient (reseller )?balance|balance .*insufficient/i.test(msg ?? '')) {
    const e = insufficientBalance(info, ctx);
    return new AppError(e.code, e.message, { details: { ...base, ...e.details } });
  }
  if (code === 'QUOTA_EXCEEDED' || code === 'PORT_SLOTS_EXCEEDED' || /quota|port slots?/i.test(code === '' ? (msg ?? '') : code)) {
    const e = quotaExceeded(info, ctx);
    return new AppError(e.code, e.message, { details: { ...base, ...e.details } });
  }
  if (res.status === 401 || code === 'INVALID_API_KEY' || code === 'MISSING_API_KEY' || code === 'UNAUTHORIZED') {
    return new AppError('INVALID_API_KEY', `The API key for '${accountName}' was rejected. Paste a new key in Settings (Upstream accounts → Edit).`, { details: base });
  }
  if (code === 'API_DISABLED') {
    return new AppError('FORBIDDEN', `${upstream} has disabled API access for '${accountName}'. Contact ${upstream} support to enable it.`, { details: base });
  }
  if (res.status === 403) {
    const scope = forbiddenScope(info);
    if (scope) {
      return new AppError(
        'FORBIDDEN',
        `The API key for '${accountName}' lacks the '${scope}' permission. Create a key with that scope at ${upstream} and paste it in Settings (Upstream accounts → Edit).`,
        { details: { ...base, scope } },
      );
    }
    return new AppError('FORBIDDEN', `${upstream} refused this action for '${accountName}'${msg ? `: ${msg}` : '.'} Check the key's permissions in Settings.`, { details: base });
  }
  // "No such route" (NestJS "Cannot GET /…", a ROUTE_NOT_FOUND code, "No route GET /…"),
  // as opposed to "no such item": the adapters turn an assumed capability off on it.
  if (res.status === 404 && (code === 'ROUTE_NOT_FOUND' || /^(cannot (get|post|put|patch|delete) \/|no route\b|route not found)/i.test(msg ?? ''))) {
    return new AppError(
      'UPSTREAM_PROTOCOL',
      `${upstream} does not know this API address for '${accountName}'. Check the account's API address in Settings (Upstream accounts → Edit; it usually ends in /v1).`,
      { details: base },
    );
  }
  if (res.status === 404) {
    const what = ctx.subject ? `${ctx.subject[0]!.toUpperCase()}${ctx.subject.slice(1)}` : 'The requested item';
    return new AppError('NOT_FOUND', `${what} was not found at ${upstream} for '${accountName}'. It may have been removed there; sync the account to refresh.`, { details: base });
  }
  if (res.status === 409 || code === 'EMAIL_TAKEN' || code === 'DUPLICATE_EMAIL') {
    if (code.startsWith('IDEMPOTENCY')) {
      return new AppError('CONFLICT', `${upstream} is still handling, or already handled with other details, the same change for '${accountName}'. Sync the account and check before trying again.`, { details: base });
    }
    if (code === 'EMAIL_TAKEN' || /email/i.test(code) || /email/i.test(msg ?? '')) {
      return new AppError('CONFLICT', `A customer with this email already exists at ${upstream} for '${accountName}'. Use another email or link the existing customer.`, {
        field: 'email',
        details: base,
      });
    }
    return new AppError('CONFLICT', `${upstream} reported a conflict for '${accountName}'${msg ? `: ${msg}` : '.'}`, { details: base });
  }
  if (res.status === 429) {
    const retryAfterMs = res.retryAfterMs ?? 1000;
    return new AppError('RATE_LIMITED', `${upstream} is limiting requests for '${accountName}'. Try again in ${seconds(retryAfterMs)}.`, {
      details: { ...base, retryAfterMs },
    });
  }
  if (res.status === 400 || res.status === 422) {
    const opts: { details: typeof base; field?: string } = { details: base };
    if (info.field) opts.field = info.field;
    return new AppError('INVALID_INPUT', `${upstream} refused the request for '${accountName}'${msg ? `: ${msg}` : '.'}`, opts);
  }
  return new AppError('UPSTREAM_REJECTED', `${upstream} refused the request for '${accountName}'${msg ? `: ${msg}` : ` (HTTP ${res.status}).`}`, { details: base });
}

function serverFailure(res: HttpResponse, upstream: string, accountName: string, base: Record<string, string | number | boolean | null>): AppError {
  if (res.mutation) {
    return new AppError(
      'UPSTREAM_OUTCOME_UNKNOWN',
      `${upstream} failed while handling a change for '${accountName}' and did not say whether it went through. Reseller Desk will check with ${upstream} before trying again, so nothing is done twice.`,
      { details: base },
    );
  }
  if (res.status === 503) {
    const d = { ...base, retryAfterMs: res.retryAfterMs };
    return new AppError('UPSTREAM_UNAVAILABLE', `${upstream} is temporarily unavailable for '${accountName}'. Try again${res.retryAfterMs !== null ? ` in ${seconds(res.retryAfterMs)}` : ' in a minute'}.`, { details: d });
  }
  return new AppError('UPSTREAM_ERROR', `${upstream} had an internal error for '${accountName}'. Try again in a few minutes.`, { details: base });
}

/** A 2xx whose body is not what the API documents. */
export function protocolError(ctx: ErrorContext, what: string, res?: HttpResponse): AppError {
  const details: Record<string, string | number> = {};
  if (res) details.status = res.status;
  if (res?.requestId) details.requestId = res.requestId;
  return new AppError('UPSTREAM_PROTOCOL', `${ctx.upstream} sent an answer Reseller Desk cannot read (${what}). Try again; if it keeps happening, the ${ctx.upstream} API may have changed.`, { details });
}

export function unsupported(upstream: string, what: string): AppError {
  return new AppError('UNSUPPORTED', `${upstream} does not offer ${what}.`);
}
