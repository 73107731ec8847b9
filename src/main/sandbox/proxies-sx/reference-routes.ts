import type { FastifyInstance } from 'fastify';
import { access, type PsxCtx } from './context';
import { badRequest, notFound } from './http-error';

/** Countries, cities and carriers: fixed sandbox data whose free-device counts move as ports come and go. */
export function registerReferenceRoutes(app: FastifyInstance, ctx: PsxCtx): void {
  const { db } = ctx;
  const countryExists = (id: string) => {
    if (!db.prepare('SELECT 1 FROM psx_countries WHERE id = ?').get(id)) throw notFound(`Country ${id} not found`);
  };
  const countries = () =>
    (
      db.prepare('SELECT id, name, code, iso3, phone_code, free_device_count FROM psx_countries ORDER BY sort').all() as {
        id: string; name: string; code: string; iso3: string; phone_code: string; free_device_count: number;
      }[]
    ).map((c) => ({ _id: c.id, name: c.name, code: c.code, iso3: c.iso3, phoneCode: c.phone_code, freeDeviceCount: c.free_device_count }));

  app.get('/countries/with-devices', access(), async () => countries());
  app.get('/countries', access(), async () => countries());

  const cities = (countryId: string) => {
    countryExists(countryId);
    return (db.prepare('SELECT id, name, country_id FROM psx_cities WHERE country_id = ? ORDER BY name').all(countryId) as { id: string; name: string; country_id: string }[]).map(
      (c) => ({ _id: c.id, name: c.name, countryId: c.country_id }),
    );
  };
  app.get('/countries/:id/cities', access(), async (request) => cities((request.params as { id: string }).id));
  app.get('/cities', access(), async (request) => {
    const { countryId } = request.query as { countryId?: string };
    if (!countryId) throw badRequest(['countryId should not be empty']);
    return cities(countryId);
  });

  app.get('/carriers/country/:countryId', access(), async (request) => {
    const { countryId } = request.params as { countryId: string };
    const { withDevice } = request.query as { withDevice?: string };
    countryExists(countryId);
    const onlyWithDevices = withDevice === 'true' || withDevice === '1';
    const rows = db
      .prepare(`SELECT id, name, country_id, free_device_count FROM psx_carriers WHERE country_id = ? ${onlyWithDevices ? 'AND free_device_count > 0' : ''} ORDER BY name`)
      .all(countryId) as { id: string; name: string; country_id: string; free_device_count: number }[];
    return rows.map((c) => ({ _id: c.id, name: c.name, countryId: c.country_id, freeDeviceCount: c.free_device_count }));
  });
}
