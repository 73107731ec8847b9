import { invalidParams } from './envelope';
import type { ProxyType } from './pricing';

/** Gateway host and ports per proxy type (residential as in the seed). */
const GATEWAYS: Record<ProxyType, { host: string; http: number; socks5: number }> = {
  residential: { host: 'rp.evomi.com', http: 1000, socks5: 1002 },
  datacenter: { host: 'dcp.evomi.com', http: 2000, socks5: 2002 },
  mobile: { host: 'mp.evomi.com', http: 3000, socks5: 3002 },
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

export interface Targeting {
  country: string | null;
  city: string | null;
}

/** country: ISO 3166-1 alpha-2 or "any"; city: a name, alone or with a country (the seed lists them as independent parameters). */
export function parseTargeting(country: unknown, city: unknown): Targeting {
  let c: string | null = null;
  if (country !== undefined && country !== '') {
    if (typeof country !== 'string') throw invalidParams('country must be a 2-letter ISO code or "any"');
    const up = country.trim().toUpperCase();
    if (up !== 'ANY') {
      if (!/^[A-Z]{2}$/.test(up) || regionNames.of(up) === undefined) {
        throw invalidParams(`country "${country}" is not a 2-letter ISO country code (e.g. US, DE, TR) or "any"`);
      }
      c = up;
    }
  }
  let ci: string | null = null;
  if (city !== undefined && city !== '') {
    if (typeof city !== 'string' || !/^\p{L}[\p{L} .'-]{0,63}$/u.test(city.trim())) {
      throw invalidParams('city must be a city name of letters, spaces, dots, apostrophes or hyphens (e.g. Istanbul)');
    }
    ci = city.trim();
  }
  return { country: c, city: ci };
}

/** Targeting travels in the password: pass_country-TR_city-istanbul. */
function targetedPassword(password: string, t: Targeting): string {
  let p = password;
  if (t.country) p += `_country-${t.country}`;
  if (t.city) p += `_city-${t.city.toLowerCase().replace(/[^\p{L}]/gu, '')}`;
  return p;
}

export function credentialsView(proxyType: ProxyType, username: string, password: string, t: Targeting) {
  const g = GATEWAYS[proxyType];
  const pass = targetedPassword(password, t);
  return {
    username,
    password,
    http: {
      host: g.host,
      port: g.http,
      connection_string: `${g.host}:${g.http}:${username}:${pass}`,
      curl_example: `curl -x "http://${username}:${pass}@${g.host}:${g.http}" https://ip.whozex.com`,
    },
    socks5: {
      host: g.host,
      port: g.socks5,
      connection_string: `${g.host}:${g.socks5}:${username}:${pass}`,
    },
    targeting: { country: t.country, city: t.city },
  };
}
