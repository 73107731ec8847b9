import { randomBytes, randomUUID } from 'node:crypto';

/** Identifier and credential shapes as the seed shows them. */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function upperCode(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

export const newUserId = (): string => randomUUID();
/** "PKG-A1B2C3" */
export const newPackageId = (): string => `PKG-${upperCode(6)}`;
/** "WH-A1B2C3D4" */
export const newWebhookId = (): string => `WH-${upperCode(8)}`;
export const newWebhookSecret = (): string => `wxsec_${hex(24)}`;
export const newApiKey = (): string => `wx_live_${hex(20)}`;
export const newTransactionId = (): string => `TX-${upperCode(10)}`;
export const newEventId = (): string => `evt_${hex(12)}`;
/** "wx3f8a2c01" */
export const newProxyUsername = (): string => `wx${hex(4)}`;
/** "wxp1a2b3c4d5e6f7a8" */
export const newProxyPassword = (): string => `wxp${hex(8)}`;
export const newRequestId = (): string => `req_${hex(12)}`;
