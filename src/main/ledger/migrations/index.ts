import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-services-and-sales';
import * as m0003 from './0003-pricebook';
import * as m0004 from './0004-provider-sync';
import * as m0005 from './0005-events';
import * as m0006 from './0006-customer-sort-indexes';
import * as m0007 from './0007-account-capabilities';
import * as m0008 from './0008-operation-requests';
import * as m0009 from './0009-webhook-signing';

/**
 * A static map, not a folder scan, so the bundled app (one main.js) still migrates.
 * Append new migrations here with the next number; never edit a shipped one.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-services-and-sales': m0002,
  '0003-pricebook': m0003,
  '0004-provider-sync': m0004,
  '0005-events': m0005,
  '0006-customer-sort-indexes': m0006,
  '0007-account-capabilities': m0007,
  '0008-operation-requests': m0008,
  '0009-webhook-signing': m0009,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
