/** A payload exactly as main holds it, pretty-printed for reading (never evaluated). */
export function RawPayload({ value, raw }: { value?: unknown; raw?: string | null }) {
  let text = raw ?? JSON.stringify(value, null, 2);
  if (raw) {
    try {
      text = JSON.stringify(JSON.parse(raw), null, 2);
    } catch {
      // Not JSON: shown as received.
    }
  }
  return <pre className="raw-payload">{text}</pre>;
}
