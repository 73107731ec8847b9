import { useState } from 'react';
import type { DemoJobProgress } from '../../../../shared/contract/sandbox';
import { formatMoney } from '../../../../shared/money';
import { call, errorMessage } from '../../api/client';
import { useEvent } from '../../api/hooks';
import { ProgressBar } from '../../components/progress-bar';
import { Button, ErrorMessage } from '../../components/ui';
import { plural } from '../../lib/format';
import { useUi } from '../../state/ui-store';

/**
 * "Fill with demo data": a small reseller business simulated in the sandbox over the
 * last months, into empty books (main refuses books that hold customers and says why).
 * A long job: it shows its progress and can be cancelled; what was made stays.
 */
export function DemoDataForm({ onFinished }: { onFinished(): void }) {
  const notify = useUi((s) => s.notify);
  const [customers, setCustomers] = useState('40');
  const [months, setMonths] = useState('4');
  const [job, setJob] = useState<{ id: string; progress: DemoJobProgress | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  useEvent('event:demo-progress', (p) => setJob((j) => (j && j.id === p.jobId ? { ...j, progress: p } : j)));

  async function start() {
    const jobId = `demo-${Date.now().toString(36)}`;
    setCancelling(false);
    setError(null);
    setJob({ id: jobId, progress: null });
    try {
      const r = await call('demo:start', { customers: Number(customers), months: Number(months), jobId });
      const made = `${plural(r.customers, 'customer')}, ${plural(r.sales, 'sale')}, ${formatMoney(r.profit)} profit`;
      notify(r.state === 'done' ? 'success' : 'info', r.state === 'done' ? `Demo business ready: ${made}.` : `Demo stopped. Made so far: ${made}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setJob(null);
      onFinished();
    }
  }

  function cancel() {
    if (!job) return;
    setCancelling(true);
    void call('demo:cancel', { jobId: job.id }).catch(() => undefined);
  }

  const p = job?.progress ?? null;
  return (
    <div className="demo-data" role="group" aria-labelledby="demo-data-h">
      <h3 id="demo-data-h">Demo data</h3>
      <p className="muted small">
        Fills empty books with a small reseller business: customers who pay and top up, ports and packages bought, renewed and expiring, over the past
        months in the sandbox. For trying the app; it goes into these books.
      </p>
      {job ? (
        <div className="progress-row">
          <ProgressBar label="Demo data progress" done={p?.done ?? 0} total={p ? p.total : null} />
          <span className="muted small" aria-live="polite">
            {p ? `${p.text} (step ${p.done} of ${p.total})` : 'Starting…'}
          </span>
          <Button small onClick={cancel} busy={cancelling}>
            Cancel
          </Button>
        </div>
      ) : (
        <div className="control-row">
          <label className="check" htmlFor="demo-customers">
            Customers
            <input id="demo-customers" className="tiny" type="number" min={1} max={500} value={customers} onChange={(e) => setCustomers(e.target.value)} />
          </label>
          <label className="check" htmlFor="demo-months">
            Months of history
            <input id="demo-months" className="tiny" type="number" min={1} max={12} value={months} onChange={(e) => setMonths(e.target.value)} />
          </label>
          <Button small variant="primary" onClick={() => void start()}>
            Fill with demo data
          </Button>
        </div>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  );
}
