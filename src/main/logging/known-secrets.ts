/**
 * The values of the secrets this run has handled (API keys, webhook secrets), so the
 * logger can redact them wherever they appear, whatever their shape. The app's secret
 * store tells it each value it sets or reads (SandboxKeyFallback). Held in memory only,
 * never written anywhere; a value stays known after its entry is deleted, since an old
 * key in a late log line is still a key.
 */
export class KnownSecrets {
  private readonly values = new Set<string>();
  /** Longest first, so a secret that contains another is replaced whole. */
  private ordered: string[] = [];

  /**
   * Values shorter than this are not learned: replacing a 5-character string everywhere
   * would mangle the logs, and no upstream issues keys that short.
   */
  static readonly MIN_LENGTH = 8;

  learn(secret: string | null | undefined): void {
    if (typeof secret !== 'string') return;
    const value = secret.trim();
    if (value.length < KnownSecrets.MIN_LENGTH || this.values.has(value)) return;
    this.values.add(value);
    this.ordered = [...this.values].sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.values.size;
  }

  redact(text: string): string {
    let out = text;
    for (const value of this.ordered) if (out.includes(value)) out = out.split(value).join('[redacted]');
    return out;
  }

  /** For tests. */
  clear(): void {
    this.values.clear();
    this.ordered = [];
  }
}

/** The one list the logger consults (one secret store per process feeds it). */
export const knownSecrets = new KnownSecrets();
