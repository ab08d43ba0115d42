import { createHash } from 'node:crypto';

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const HAS_SRC = /(?:^|\s)src\s*=/i;

/**
 * `'sha256-…'` sources for every inline `<script>` of the document, so each may run without
 * allowing inline scripts in general. The hash covers the exact text between the tags.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (HAS_SRC.test(attributes)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/**
 * The Content-Security-Policy of the admin UI, for the document built from `indexHtml`.
 * Scripts: same origin plus the hash of each inline script, never 'unsafe-inline' or
 * 'unsafe-eval'. Styles may be inline (Angular Material injects component styles at run
 * time). Everything else is same-origin only. No `upgrade-insecure-requests`: on a plain-http
 * address other than localhost (a LAN IP) it would rewrite every asset URL to https and blank
 * the page; where TLS is terminated in front of the app, requests are https already.
 * ops/docker/nginx.conf sends the same policy (ops/ui/write-nginx-csp.ts writes it from here).
 */
export function adminUiContentSecurityPolicy(indexHtml: string): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", ...inlineScriptHashes(indexHtml)],
    ['script-src-attr', "'none'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'"],
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'self'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}
