import { createHash } from 'node:crypto';
import { cacheControlFor, IMMUTABLE, REVALIDATE } from './cache-policy';
import { adminUiContentSecurityPolicy, inlineScriptHashes } from './content-security-policy';
import { acceptsHtml, isServerPath } from './spa-request';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('admin UI cache policy', () => {
  it.each([
    'main-2XGNXWYS.js',
    'chunk-5BQHQNQT.js',
    'polyfills-FFHMD2TL.js',
    'styles-5INURTSO.css',
    '/srv/ui/media/roboto-latin-ABCD1234.woff2',
    'main-2XGNXWYS.js.br',
    'styles-5INURTSO.css.gz',
  ])('caches the hashed %s for a year', (file) => {
    expect(cacheControlFor(file)).toBe(IMMUTABLE);
  });

  it.each([
    'index.html',
    'index.html.br',
    'ngsw-worker.js',
    'ngsw.json',
    'safety-worker.js',
    'manifest.webmanifest',
    'favicon.ico',
    'favicon.svg',
    'icons/icon.svg',
    'icons/logo-condensed.svg', // lower case: a word, not a hash
    'assets/i18n/en.json',
  ])('revalidates %s every time', (file) => {
    expect(cacheControlFor(file)).toBe(REVALIDATE);
  });
});

describe('admin UI content security policy', () => {
  it('allows scripts from the origin only, with no upgrade-insecure-requests', () => {
    const policy = adminUiContentSecurityPolicy('<html><body><tt-root></tt-root></body></html>');
    const directives = Object.fromEntries(
      policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('upgrade-insecure-requests');
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['img-src']).toEqual(["'self'", 'data:']);
    expect(directives['font-src']).toEqual(["'self'", 'data:']);
    expect(directives['worker-src']).toEqual(["'self'"]);
    expect(directives['manifest-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'self'"]);
  });

  it('adds the hash of each inline script, not of external ones', () => {
    const inline = "window.ttBoot = 'x';";
    const module = '\n  import("./main-ABCDEF12.js");\n';
    const html = `<head>
      <script src="main-ABCDEF12.js" type="module"></script>
      <script>${inline}</script>
      <SCRIPT type="module">${module}</SCRIPT >
      <script>${inline}</script>
    </head>`;
    expect(inlineScriptHashes(html)).toEqual([sha256(inline), sha256(module)]);
    expect(adminUiContentSecurityPolicy(html)).toContain(
      `script-src 'self' ${sha256(inline)} ${sha256(module)};`,
    );
  });
});

describe('admin UI deep links', () => {
  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['TEXT/HTML', true],
    ['application/json, text/html;q=0.5', true],
    ['*/*', false],
    ['text/html;q=0', false],
    ['application/json', false],
    [undefined, false],
  ])('Accept %p asks for HTML: %p', (accept, expected) => {
    expect(acceptsHtml(accept)).toBe(expected);
  });

  it.each([
    ['/api', true],
    ['/api/', true],
    ['/api/v1/nope', true],
    ['/API/v1/nope', true],
    ['/%61pi/v1/nope', true],
    ['/metrics', true],
    ['/metrics/x', true],
    ['/', false],
    ['/tasks/123', false],
    ['/apiary', false],
    ['/metrics-dashboard', false],
  ])('%s belongs to the server: %p', (path, expected) => {
    expect(isServerPath(path)).toBe(expected);
  });
});
