/**
 * Proxies.sx sign-in and API-key creation: used once when a reseller connects an account
 * with email + password instead of pasting a key. Neither the password, the token nor the
 * new key is logged or put into an error.
 */
import { AppError } from '../../../shared/errors';
import { HttpClient } from '../http/http-client';
import { parseJsonLossless } from '../http/json';
import { JsonReader } from '../http/reader';
import type * as T from '../types';
import { mapUpstreamFailure, protocolError } from '../upstream-errors';
import { proxiesSxErrorInfo } from './errors';
import type { HttpRequest } from '../http/http-client';
import { PROXIES_SX_ROUTES } from './routes';

const UPSTREAM = 'Proxies.sx';

async function once(baseUrl: string, label: string, req: HttpRequest, http: T.HttpOptions | undefined): Promise<{ data: JsonReader; requestId: string | null }> {
  const client = new HttpClient({ upstream: UPSTREAM, accountName: label, baseUrl, keyHeaders: () => ({}), ...(http ? { options: http } : {}) });
  try {
    const res = await client.send(req);
    let body: JsonReader | null = null;
    try {
      body = res.text.trim() ? JsonReader.root(parseJsonLossless(res.text), UPSTREAM, { afterChange: res.mutation && res.status < 300 }) : null;
    } catch {
      body = null;
    }
    const ctx = { upstream: UPSTREAM, accountName: label };
    if (res.status < 200 || res.status >= 300) {
      if (res.status === 401 && req.auth?.kind === 'none') {
        throw new AppError('INVALID_CREDENTIALS', `Proxies.sx did not accept the email and password for '${label}'. Check them and try again.`, {
          details: { status: res.status },
        });
      }
      throw mapUpstreamFailure(res, proxiesSxErrorInfo(body), ctx);
    }
    if (!body) throw protocolError(ctx, 'the body is not JSON', res);
    return { data: body, requestId: res.requestId };
  } finally {
    await client.close();
  }
}

/** POST /login/signin → a short-lived token for creating an API key. */
export async function proxiesSxLogin(
  baseUrl: string,
  email: string,
  password: string,
  o: T.ReadOptions & { http?: T.HttpOptions; accountName?: string } = {},
): Promise<T.SignInResult> {
  const label = o.accountName ?? email;
  // Sign-in changes nothing upstream: retried like a read.
  const { data, requestId } = await once(baseUrl, label, { method: 'POST', path: PROXIES_SX_ROUTES['auth.signin'].path, body: { email, password }, safe: true, auth: { kind: 'none' }, signal: o.signal }, o.http);
  const token = data.first('token', 'access_token', 'accessToken').asString();
  const u = data.has('user') && data.at('user').isObject() ? data.at('user') : null;
  return {
    token,
    user: { id: u ? (u.optStr('_id') ?? u.optStr('id')) : null, email: u?.optStr('email') ?? null, name: u?.optStr('name') ?? null },
    requestId,
  };
}

/** POST /api-keys (Bearer token) → the new key, shown once. */
export async function proxiesSxCreateApiKey(
  baseUrl: string,
  token: string,
  name: string,
  scopes: readonly string[],
  o: T.MutationOptions & { http?: T.HttpOptions; accountName?: string },
): Promise<T.CreatedApiKey> {
  const label = o.accountName ?? name;
  const { data, requestId } = await once(
    baseUrl,
    label,
    { method: 'POST', path: PROXIES_SX_ROUTES['auth.createApiKey'].path, body: { name, scopes: [...scopes] }, idempotencyKey: o.idempotencyKey, auth: { kind: 'bearer', token }, signal: o.signal },
    o.http,
  );
  const info = data.has('keyInfo') && data.at('keyInfo').isObject() ? data.at('keyInfo') : null;
  return {
    apiKey: data.first('apiKey', 'key').asString(),
    keyInfo: {
      id: info ? (info.optStr('_id') ?? info.optStr('id')) : null,
      name: info?.optStr('name') ?? name,
      scopes: info?.has('scopes') ? info.at('scopes').asStringList() : [...scopes],
      prefix: info?.optStr('keyPrefix') ?? info?.optStr('prefix') ?? null,
    },
    requestId,
  };
}

export const proxiesSxAuth: T.ProxiesSxAuth = {
  login: (baseUrl, email, password, o) => proxiesSxLogin(baseUrl, email, password, o),
  createApiKey: (baseUrl, token, name, scopes, o) => proxiesSxCreateApiKey(baseUrl, token, name, scopes, o),
};
