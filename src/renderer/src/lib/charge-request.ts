import { useState } from 'react';
import { ApiError } from '../api/client';

/**
 * A charging form's request id (issue 15): made when the form opens and sent with every
 * click. Main treats the same id as the same operation, so a second click after an unknown
 * outcome checks that charge instead of starting another. The id is kept after
 * UPSTREAM_OUTCOME_UNKNOWN (and after OPERATION_PENDING, which created nothing), and
 * renewed after a definite answer (done, or refused: nothing was charged).
 */
export interface ChargeRequest {
  /** Fields to send with the charge; `separate` deliberately starts another one while one is unsettled. */
  fields(separate?: boolean): { requestId: string; confirmSeparate?: true };
  /** Tell it how the call ended (the error, or nothing when it succeeded). */
  after(error?: unknown): void;
  /** The last click's outcome is unknown: the next click checks the same charge. */
  checking: boolean;
  /** The last click was refused because another charge is unsettled: offer a deliberate separate one. */
  blocked: boolean;
}

const newRequestId = () => `req_${crypto.randomUUID().replace(/-/g, '')}`;

export function useChargeRequest(): ChargeRequest {
  const [requestId, setRequestId] = useState(newRequestId);
  const [checking, setChecking] = useState(false);
  const [blocked, setBlocked] = useState(false);
  return {
    fields: (separate = false) => ({ requestId, ...(separate ? { confirmSeparate: true as const } : {}) }),
    after(error) {
      const code = error instanceof ApiError ? error.code : null;
      setChecking(code === 'UPSTREAM_OUTCOME_UNKNOWN');
      setBlocked(code === 'OPERATION_PENDING');
      // An unknown outcome must be checked under the same id; OPERATION_PENDING created nothing.
      // After anything definite (done, or refused: nothing charged) the next click is a new charge.
      if (code !== 'UPSTREAM_OUTCOME_UNKNOWN' && code !== 'OPERATION_PENDING') setRequestId(newRequestId());
    },
    checking,
    blocked,
  };
}

/** The submit button's words: after an unknown outcome it checks, it does not charge again. */
export const chargeLabel = (charge: ChargeRequest, label: string) => (charge.checking ? 'Check the result' : label);
export const SEPARATE_LABEL = 'Charge separately anyway';
export const CHECKING_NOTE = 'The result is being checked: clicking again checks this same charge and never charges twice.';
