import { useState } from 'react';
import type { InboxEventView } from '../../../../shared/contract/events';
import type { StatementLine } from '../../../../shared/contract/customers';
import { formatMoney } from '../../../../shared/money';
import { call, hasChannel } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { EVENT_SOURCE_LABEL } from '../activity/event-types';

type Entry =
  | { key: string; at: string; kind: 'event'; event: InboxEventView }
  | { key: string; at: string; kind: 'money'; line: StatementLine };

const PAGE = 30;

/**
 * What happened with this customer, newest first: events from their upstreams (webhooks,
 * checks, the app's own) and their money movements. Both lists come from main
 * (`events:list {customerId}`, `customers:statement`); the window only interleaves them
 * by time.
 */
export function CustomerTimeline({ customerId, nonce }: { customerId: string; nonce: number }) {
  const [shown, setShown] = useState(PAGE);
  const timeline = useQuery(`timeline:${customerId}:${nonce}`, async () => {
    const [events, statement] = await Promise.all([
      hasChannel('events:list') ? call('events:list', { customerId, limit: 200 }).then((p) => p.items) : Promise.resolve([]),
      hasChannel('customers:statement') ? call('customers:statement', { customerId }).then((s) => s.lines) : Promise.resolve([]),
    ]);
    const entries: Entry[] = [
      ...events.map((e): Entry => ({ key: `e:${e.id}`, at: e.occurredAt, kind: 'event', event: e })),
      ...statement.map((l): Entry => ({ key: `m:${l.transactionId}`, at: l.occurredAt, kind: 'money', line: l })),
    ];
    return entries.sort((a, b) => b.at.localeCompare(a.at) || a.key.localeCompare(b.key));
  });
  useEvent('event:inbox', timeline.reload);
  const entries = timeline.data ?? [];
  return (
    <section className="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
      <Loading active={timeline.loading && !timeline.data} />
      {timeline.error && <ErrorMessage onRetry={timeline.reload}>{timeline.error}</ErrorMessage>}
      {timeline.data && entries.length === 0 && <p className="muted">Nothing yet. Payments, sales and what the upstreams report about this customer show here.</p>}
      {entries.length > 0 && (
        <ol className="timeline" aria-label="Customer timeline">
          {entries.slice(0, shown).map((e) => (
            <li key={e.key} className={`timeline-item timeline-${e.kind}`}>
              <time className="muted small" dateTime={e.at}>
                {formatDateTime(e.at)}
              </time>
              {e.kind === 'event' ? (
                <span>
                  <strong>{e.event.summary || e.event.type}</strong>{' '}
                  <span className="muted small">
                    {EVENT_SOURCE_LABEL[e.event.source] ?? e.event.source}
                    {e.event.accountName ? ` · ${e.event.accountName}` : ''}
                  </span>
                </span>
              ) : (
                <span>
                  <strong>{e.line.description || e.line.kind}</strong>{' '}
                  <span className={e.line.amount < 0 ? 'negative' : 'positive'}>
                    {e.line.amount > 0 ? '+' : ''}
                    {formatMoney(e.line.amount)}
                  </span>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {entries.length > shown && (
        <Button small onClick={() => setShown((n) => n + PAGE)}>
          Show older ({entries.length - shown} more)
        </Button>
      )}
    </section>
  );
}
