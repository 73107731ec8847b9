import { AppError } from '../../../shared/errors';
import type { City, Country, Provider } from '../../providers/types';

/**
 * Proxies.sx speaks country/city/carrier ids; the app speaks ISO codes and names.
 * Reference data is read once per account and kept for the process's life.
 */
export interface ResolvedLocation {
  countryId: string;
  cityId: string | null;
  city: string | null;
  carrierId: string | null;
  carrier: string | null;
}

interface Named {
  id: string;
  name: string;
}

export class LocationCache {
  private readonly countries = new Map<string, Promise<Country[]>>();
  private readonly cities = new Map<string, Promise<City[]>>();
  private readonly carriers = new Map<string, Promise<Named[]>>();

  private once<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let hit = map.get(key);
    if (!hit) {
      hit = load();
      map.set(key, hit);
      hit.catch(() => map.delete(key));
    }
    return hit;
  }

  async countryList(accountId: string, provider: Provider): Promise<Country[]> {
    return this.once(this.countries, accountId, async () => (await provider.listCountries()).items);
  }

  /** ISO code → upstream country id, from the upstream's list (null when it has none). */
  async countryId(accountId: string, provider: Provider, code: string): Promise<string | null> {
    const list = await this.countryList(accountId, provider);
    return list.find((c) => c.code.toUpperCase() === code.toUpperCase())?.id ?? null;
  }

  async resolve(accountId: string, provider: Provider, input: { country: string; city?: string | undefined; carrier?: string | undefined }): Promise<ResolvedLocation> {
    const list = await this.countryList(accountId, provider);
    const country = list.find((c) => c.code.toUpperCase() === input.country.toUpperCase());
    if (!country) {
      const offered = list.map((c) => c.code).join(', ');
      throw new AppError('INVALID_INPUT', `${provider.accountName} has no ports in ${input.country}. Countries offered: ${offered}.`, { field: 'country' });
    }
    const out: ResolvedLocation = { countryId: country.id, cityId: null, city: null, carrierId: null, carrier: null };
    if (input.city) {
      const cities = await this.once(this.cities, `${accountId}|${country.id}`, async () => (await provider.listCities(country.id)).items);
      const hit = pick(cities, input.city);
      if (!hit) throw new AppError('INVALID_INPUT', `${country.name} has no city "${input.city}" at ${provider.accountName}. Cities: ${cities.map((c) => c.name).join(', ') || 'none'}.`, { field: 'city' });
      out.cityId = hit.id;
      out.city = hit.name;
    }
    if (input.carrier) {
      const carriers = await this.once(this.carriers, `${accountId}|${country.id}`, async () => (await provider.listCarriers(country.id)).items);
      const hit = pick(carriers, input.carrier);
      if (!hit) throw new AppError('INVALID_INPUT', `${country.name} has no carrier "${input.carrier}" at ${provider.accountName}. Carriers: ${carriers.map((c) => c.name).join(', ') || 'none'}.`, { field: 'carrier' });
      out.carrierId = hit.id;
      out.carrier = hit.name;
    }
    return out;
  }
}

function pick<T extends Named>(items: T[], wanted: string): T | undefined {
  const w = wanted.trim().toLowerCase();
  return items.find((i) => i.id === wanted) ?? items.find((i) => i.name.toLowerCase() === w);
}
