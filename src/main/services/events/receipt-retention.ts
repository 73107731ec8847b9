/**
 * How long a webhook receipt (the record that a delivery was seen: its id and the hash of
 * its signed body) is kept. It is the only thing that stops a replay of a Whozex delivery,
 * which carries no signed timestamp: once its receipt is gone, the same signed body would
 * be taken as new. Neither upstream documents how long it retries a delivery (the seeds
 * name only the SDK's few retries within seconds), so this is that window many times over:
 * 90 days, three times the month a missed delivery could plausibly still be resent.
 * A receipt is a few dozen bytes; 90 days of them stay small.
 */
export const RECEIPT_RETENTION_DAYS = 90;

const DAY_MS = 86_400_000;

/** Receipts received before this are pruned (at start-up). */
export function receiptCutoff(now: Date): Date {
  return new Date(now.getTime() - RECEIPT_RETENTION_DAYS * DAY_MS);
}
