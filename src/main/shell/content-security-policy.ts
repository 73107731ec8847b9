/**
 * The Content-Security-Policy of the app's page. The renderer's index.html carries the
 * same policy in a <meta> tag (which is what applies to the file:// page of a packaged
 * build); main also sends it as a response header for everything the session loads, so
 * a page served by the dev server is held to it too.
 *
 * Only the app's own scripts run: no 'unsafe-eval', no inline scripts, no plugins, no
 * frames, no remote origins. Inline styles stay allowed because React's style props and
 * chart libraries set them; they cannot run code.
 */
export interface CspOptions {
  /** The dev server origin (http://localhost:5173) while running `npm start`; never in a packaged app. */
  devServerOrigin?: string;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServerOrigin;
  // Vite's hot reload talks over a websocket to the dev server and its React refresh
  // preamble is an inline module script: only in dev, only for that origin.
  const devSocket = dev ? dev.replace(/^http/, 'ws') : undefined;
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'", dev] : ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', dev && devSocket ? ["'self'", dev, devSocket] : ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['worker-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Response headers with the policy set, replacing any policy the response carried. */
export function withCspHeader(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}
