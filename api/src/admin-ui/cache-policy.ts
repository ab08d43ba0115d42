import { basename } from 'node:path';

/** A file whose name carries a content hash never changes: browsers may keep it for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else is revalidated on every use, so a deploy is picked up at once. */
export const REVALIDATE = 'no-cache';

/**
 * Files the browser must always revalidate, whatever their name looks like: the document, and
 * the service worker's script, manifest and kill switch (a cached ngsw.json would pin clients
 * to an old release).
 */
const ALWAYS_REVALIDATE = new Set([
  'index.html',
  'ngsw-worker.js',
  'ngsw.json',
  'safety-worker.js',
  'worker-basic.min.js',
  'manifest.webmanifest',
]);

/**
 * The hash Angular's build puts in emitted names: `main-2XGNXWYS.js`, `chunk-5BQHQNQT.js`,
 * `styles-5INURTSO.css`, `media/roboto-ABCD1234.woff2` (8+ upper-case letters and digits).
 * Case-sensitive on purpose: `icons/logo-condensed.svg` is not hashed.
 */
const HASHED_NAME = /-[A-Z0-9]{8,}\.[a-z0-9]+$/;

/** The Cache-Control header for a file of the UI build (a `.br`/`.gz` sibling counts as its source). */
export function cacheControlFor(filePath: string): string {
  const name = basename(filePath).replace(/\.(?:br|gz)$/, '');
  if (ALWAYS_REVALIDATE.has(name)) return REVALIDATE;
  return HASHED_NAME.test(name) ? IMMUTABLE : REVALIDATE;
}
