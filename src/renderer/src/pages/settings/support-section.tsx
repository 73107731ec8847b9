import { useState } from 'react';
import { call } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button, ErrorMessage } from '../../components/ui';
import { useUi } from '../../state/ui-store';

/** The error report a reseller pastes into a support message (main guarantees it holds no secret). */
export function SupportSection() {
  const [text, setText] = useState<string | null>(null);
  const notify = useUi((s) => s.notify);
  const copy = useAction(async () => {
    const report = await call('logs:error-report');
    setText(report.text);
    try {
      await navigator.clipboard.writeText(report.text);
      notify('success', 'Error report copied. Paste it into your message to support.');
    } catch {
      notify('info', 'Select the report below and copy it.');
    }
  });
  return (
    <section className="card" aria-labelledby="support-h">
      <h2 id="support-h">Support</h2>
      <p className="muted">If something goes wrong, copy the error report: it lists recent errors, without keys or customer data.</p>
      <Button busy={copy.busy} onClick={() => void copy.run()}>
        Copy error report
      </Button>
      {copy.error && <ErrorMessage>{copy.error}</ErrorMessage>}
      {text !== null && <textarea className="report" readOnly value={text} aria-label="Error report" rows={6} />}
    </section>
  );
}
