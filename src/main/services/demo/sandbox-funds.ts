import { minorToDecimal } from '../../../shared/money';
import type { RunningSandbox } from '../../sandbox';
import { loadReseller, recordTransaction } from '../../sandbox/whozex/operations';

/**
 * Money arriving at the embedded sandbox's reseller accounts, as a deposit on the
 * upstream's own site would (Proxies.sx through its admin route; Whozex has none, so
 * its store is written directly, with the same deposit transaction it seeds).
 */
export async function depositAtSandbox(sandbox: RunningSandbox, provider: 'proxies-sx' | 'whozex', cents: number): Promise<void> {
  if (!Number.isSafeInteger(cents) || cents <= 0) throw new RangeError('A deposit is a positive number of cents');
  if (provider === 'proxies-sx') {
    const res = await fetch(`${sandbox.proxiesSx.origin}/__admin/proxies-sx/deposit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // The amount as exact decimal text (no float in between).
      body: `{"amount": ${minorToDecimal(cents)}}`,
    });
    if (!res.ok) throw new Error(`Sandbox deposit failed: HTTP ${res.status}`);
    return;
  }
  const db = sandbox.whozex.db;
  db.transaction(() => {
    const id = db.prepare('SELECT id FROM wzx_resellers ORDER BY rowid LIMIT 1').pluck().get() as string;
    db.prepare('UPDATE wzx_resellers SET balance_cents = balance_cents + ? WHERE id = ?').run(cents, id);
    const after = loadReseller(db, id).balance_cents;
    recordTransaction(db, { resellerId: id, type: 'deposit', amountCents: cents, description: 'Sandbox deposit', resellerBalanceAfter: after, at: sandbox.clock.now() });
  })();
}
