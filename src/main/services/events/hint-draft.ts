import type { ProviderKind } from '../../providers/types';
import { factKeys } from './fact-keys';
import { obj, plain } from './json-values';
import { webhookEventName, webhookSubject } from './normalize-webhook';
import type { EventDraft } from './types';

/**
 * An unsigned delivery (the registration answer had no signing secret) as the inbox keeps
 * it: a HINT, never a fact. Its type has no effects (effects.ts acts on port.*, package.*,
 * balance.* only), so recording it changes nothing in the books; the webhook service then
 * re-reads the named resource through documented reads and only what that read shows is
 * recorded (as a poll observation, under the usual fact keys).
 */

export const UNSIGNED_HINT = 'webhook.unsigned_hint';

export interface HintInput {
  provider: ProviderKind;
  accountId: string;
  body: unknown;
  raw: string;
  deliveryId: string;
  receivedAt: string;
  eventHeader?: string | null;
}

export interface Hint {
  event: string;
  subject: string | null;
  draft: EventDraft;
}

export function hintDraft(input: HintInput): Hint {
  const event = webhookEventName(input.provider, input.body, input.eventHeader);
  const subject = webhookSubject(input.provider, input.accountId, event, input.body);
  const draft: EventDraft = {
    source: 'webhook',
    type: UNSIGNED_HINT,
    accountId: input.accountId,
    subject,
    payload: { event, subject, verified: false, data: plain(obj(obj(input.body).data)) },
    raw: input.raw,
    // The sender's own time is not trusted: an unsigned body could claim any.
    occurredAt: input.receivedAt,
    deliveryId: input.deliveryId,
    fact: { key: factKeys.byDelivery(UNSIGNED_HINT, input.accountId, input.deliveryId) },
  };
  return { event, subject, draft };
}
