import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compressAssets } from '../../ops/ui/compress-assets';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent: not decompressed, unlike fetch(). */
  body: Buffer;
}

/** A plain HTTP request, so Content-Encoding and the exact bytes on the wire can be checked. */
function raw(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** What a browser sends when it navigates. */
const NAVIGATION = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

function directives(csp: string | string[] | undefined): Map<string, string[]> {
  expect(typeof csp).toBe('string');
  return new Map(
    String(csp)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

function expectProblem(response: RawResponse, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(response.body.toString('utf8')) as { status: number };
  expect(problem.status).toBe(status);
}

describe('admin UI served by the API process (e2e)', () => {
  const inlineScript = "window.ttBoot = { at: 'index' };";
  const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>TaskTrackr</title>
    <base href="/" />
    <link rel="manifest" href="manifest.webmanifest" />
    <script>${inlineScript}</script>
  </head>
  <body>
    <tt-root></tt-root>
    <script src="main-ABCDEF12.js" type="module"></script>
  </body>
</html>
`;
  // Big enough (> 1 kB) and repetitive enough to be compressed.
  const mainJs = Array.from(
    { length: 300 },
    (_, i) => `export const route${i} = { path: 'tasks/${i}', title: 'Task ${i}' };`,
  ).join('\n');
  let dir: string;
  let app: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tt-admin-ui-'));
    writeFileSync(join(dir, 'index.html'), indexHtml);
    writeFileSync(join(dir, 'main-ABCDEF12.js'), mainJs);
    writeFileSync(
      join(dir, 'ngsw.json'),
      JSON.stringify({ configVersion: 1, index: '/index.html', hashTable: {} }, null, 2),
    );
    writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"TaskTrackr"}');
    writeFileSync(join(dir, '.secret'), 'never served');
    await compressAssets(dir);
    app = await startTestApp({ configOverrides: { ADMIN_UI_DIR: dir } });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('files', () => {
    it('serves index.html at / with no-cache', async () => {
      const response = await raw(app.baseUrl, '/', NAVIGATION);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body.toString('utf8')).toBe(indexHtml);
    });

    it('caches hashed assets for a year, immutable', async () => {
      const response = await raw(app.baseUrl, '/main-ABCDEF12.js');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers['cache-control']).toBe(IMMUTABLE);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body.toString('utf8')).toBe(mainJs);
    });

    it.each(['/index.html', '/ngsw.json', '/manifest.webmanifest'])(
      'revalidates %s on every use (no-cache)',
      async (path) => {
        const response = await raw(app.baseUrl, path);
        expect(response.status).toBe(200);
        expect(response.headers['cache-control']).toBe('no-cache');
      },
    );

    it.each([
      ['br', 'br'],
      ['gzip', 'gz'],
    ])('sends the pre-compressed %s bytes when accepted', async (encoding, extension) => {
      const response = await raw(app.baseUrl, '/main-ABCDEF12.js', {
        'accept-encoding': encoding,
      });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['vary']).toMatch(/accept-encoding/i);
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers['cache-control']).toBe(IMMUTABLE);
      const sibling = readFileSync(join(dir, `main-ABCDEF12.js.${extension}`));
      expect(sibling.length).toBeLessThan(Buffer.byteLength(mainJs));
      expect(response.body.equals(sibling)).toBe(true);
    });

    it('prefers Brotli when the browser offers both', async () => {
      const response = await raw(app.baseUrl, '/main-ABCDEF12.js', {
        'accept-encoding': 'gzip, deflate, br, zstd',
      });
      expect(response.headers['content-encoding']).toBe('br');
    });

    it('answers HEAD like GET, without a body', async () => {
      const response = await raw(app.baseUrl, '/main-ABCDEF12.js', {}, 'HEAD');
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe(IMMUTABLE);
      expect(response.body.length).toBe(0);
    });

    it('never serves dot-files or anything outside the folder', async () => {
      for (const path of ['/.secret', '/..%2f..%2fetc%2fpasswd', '/%2e%2e/package.json']) {
        const response = await raw(app.baseUrl, path);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.body.toString('utf8')).not.toContain('never served');
      }
    });

    it('answers a missing hashed asset with a 404 problem, never index.html', async () => {
      const response = await raw(app.baseUrl, '/chunk-GONE1234.js', { accept: '*/*' });
      expectProblem(response, 404);
      expect(response.headers['cache-control']).not.toBe(IMMUTABLE);
    });
  });

  describe('deep links', () => {
    it('answers index.html for a client-side route the browser navigates to', async () => {
      const response = await raw(app.baseUrl, '/tasks/123', NAVIGATION);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body.toString('utf8')).toBe(indexHtml);
    });

    it('also for HEAD, with a query string and a trailing slash', async () => {
      const head = await raw(app.baseUrl, '/tasks/123?tab=history', NAVIGATION, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers['content-type']).toMatch(/^text\/html/);
      const slash = await raw(app.baseUrl, '/users/', NAVIGATION);
      expect(slash.body.toString('utf8')).toBe(indexHtml);
    });

    it('not for a request that does not ask for HTML (fetch, scripts)', async () => {
      expectProblem(await raw(app.baseUrl, '/tasks/123', { accept: '*/*' }), 404);
      expectProblem(await raw(app.baseUrl, '/tasks/123', { accept: 'application/json' }), 404);
    });

    it('never under /api/: unknown API paths stay 404 problems', async () => {
      for (const path of ['/api/v1/nope', '/api/nope', '/api']) {
        expectProblem(await raw(app.baseUrl, path, NAVIGATION), 404);
      }
    });

    it('never for /metrics, which stays the Prometheus scrape', async () => {
      const response = await raw(app.baseUrl, '/metrics', NAVIGATION);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.body.toString('utf8')).toContain('# HELP');
      expect(response.body.toString('utf8')).not.toContain('<tt-root>');
    });

    it('leaves the API itself alone', async () => {
      const response = await raw(app.baseUrl, '/api/v1/health/live', NAVIGATION);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).not.toBe('no-cache');
    });

    it('does not answer other methods', async () => {
      expectProblem(await raw(app.baseUrl, '/tasks/123', NAVIGATION, 'POST'), 404);
    });
  });

  describe('Content-Security-Policy', () => {
    it('allows no inline script but the hashed one in index.html, and never upgrades requests', async () => {
      for (const path of ['/', '/tasks/123']) {
        const response = await raw(app.baseUrl, path, NAVIGATION);
        const csp = directives(response.headers['content-security-policy']);
        const hash = createHash('sha256').update(inlineScript, 'utf8').digest('base64');
        expect(csp.get('script-src')).toEqual(["'self'", `'sha256-${hash}'`]);
        expect(csp.has('upgrade-insecure-requests')).toBe(false);
        expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
        expect(csp.get('connect-src')).toEqual(["'self'"]);
        expect(csp.get('worker-src')).toEqual(["'self'"]);
        expect(csp.get('manifest-src')).toEqual(["'self'"]);
        expect(csp.get('object-src')).toEqual(["'none'"]);
        expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
        expect(csp.get('base-uri')).toEqual(["'self'"]);
        expect(csp.get('form-action')).toEqual(["'self'"]);
        expect(String(response.headers['content-security-policy'])).not.toMatch(/unsafe-eval/);
        // helmet's other protections stay
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['strict-transport-security']).toBeDefined();
      }
    });

    it('follows index.html when a rebuild changes its inline script', async () => {
      const changed = indexHtml.replace(inlineScript, "window.ttBoot = { at: 'rebuilt' };");
      writeFileSync(join(dir, 'index.html'), changed);
      try {
        const response = await raw(app.baseUrl, '/', NAVIGATION);
        expect(response.body.toString('utf8')).toBe(changed);
        const hash = createHash('sha256')
          .update("window.ttBoot = { at: 'rebuilt' };", 'utf8')
          .digest('base64');
        expect(directives(response.headers['content-security-policy']).get('script-src')).toEqual([
          "'self'",
          `'sha256-${hash}'`,
        ]);
      } finally {
        writeFileSync(join(dir, 'index.html'), indexHtml);
      }
    });

    it('has no upgrade-insecure-requests on Swagger UI either, which still loads', async () => {
      const page = await raw(app.baseUrl, '/api/docs', NAVIGATION);
      expect(page.status).toBe(200);
      expect(page.body.toString('utf8')).toContain('swagger-ui');
      const csp = directives(page.headers['content-security-policy']);
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      const script = await raw(app.baseUrl, '/api/docs/swagger-ui-bundle.js');
      expect(script.status).toBe(200);
    });
  });
});

describe('admin UI not served (e2e)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tt-admin-ui-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><tt-root></tt-root>');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('with ADMIN_UI_DIR empty: / is a 404 problem', async () => {
    const app = await startTestApp({ configOverrides: { ADMIN_UI_DIR: '' } });
    try {
      expectProblem(await raw(app.baseUrl, '/', NAVIGATION), 404);
      expectProblem(await raw(app.baseUrl, '/tasks/123', NAVIGATION), 404);
      const csp = directives(
        (await raw(app.baseUrl, '/api/docs')).headers['content-security-policy'],
      );
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('by a worker, whatever ADMIN_UI_DIR says', async () => {
    const app = await startTestApp({ role: 'worker', configOverrides: { ADMIN_UI_DIR: dir } });
    try {
      // Let the worker finish connecting its queues first: closing it mid-setup can reject a
      // pending Redis command ("Connection is closed"), which is not what this test is about.
      await waitFor(
        async () =>
          (await fetch(`${app.baseUrl}/api/v1/health/ready`)).status === 200 ? true : undefined,
        15_000,
        'the worker to be ready',
      );
      expectProblem(await raw(app.baseUrl, '/', NAVIGATION), 404);
    } finally {
      await app.close();
    }
  });

  it('refuses to start with an ADMIN_UI_DIR that holds no build', async () => {
    await expect(
      startTestApp({ configOverrides: { ADMIN_UI_DIR: join(dir, 'missing') } }),
    ).rejects.toThrow(/ADMIN_UI_DIR must be a folder holding the admin UI build/);
  });
});
