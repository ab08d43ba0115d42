import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, posix, resolve, sep } from 'node:path';
import { problemTypeFor, slugForStatus } from '../common/problem/problem-types';
import { sendProblem } from '../common/problem/send-problem';
import { STATUS_TITLES } from '../common/problem/status-titles';
import { cacheControlFor } from './cache-policy';
import { adminUiContentSecurityPolicy } from './content-security-policy';
import { acceptsHtml, isServerPath, pathOf } from './spa-request';

const INDEX = '/index.html';

/**
 * Serves the admin UI build in `dir` at `/` (DESIGN §6), beside the API on the same origin:
 * - files as they are, with their pre-compressed `.br` / `.gz` sibling when the client accepts
 *   it (`Content-Encoding`, `Vary: Accept-Encoding`); hashed names cached for a year, the rest
 *   (index.html, the service worker's files) revalidated every time (cache-policy.ts);
 * - deep links: a GET/HEAD that matches no route and no file, asks for HTML and is not under
 *   `/api/` or `/metrics` gets index.html, so the client-side router takes over;
 * - the UI's own Content-Security-Policy (content-security-policy.ts) in place of the API's.
 * Anything else falls through to the app's 404 problem. One wildcard route in an encapsulated
 * Fastify scope: every Nest route is more specific, so the API always wins.
 */
export async function serveAdminUi(app: NestFastifyApplication, dir: string): Promise<void> {
  const root = resolve(dir);
  const index = new IndexDocument(join(root, 'index.html'));
  const logger = new Logger('AdminUi');

  await app.register(async (scope: FastifyInstance) => {
    await scope.register(fastifyStatic, {
      root,
      serve: false, // only `reply.sendFile`; the route below decides what is served
      preCompressed: true,
      cacheControl: false, // set per file below
      dotfiles: 'deny',
      index: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', cacheControlFor(path));
        reply.header('content-security-policy', index.contentSecurityPolicy);
      },
    });

    // Routes of this scope exist before Nest installs its error handler on the root, so they
    // get their own, answering the same problem+json.
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === 'ERR_STREAM_PREMATURE_CLOSE') {
        request.raw.destroy(); // the client went away mid-file
        return;
      }
      const status = statusOf(error);
      if (status >= 500) logger.error({ err: error, requestId: request.id }, 'serving failed');
      if (reply.sent || reply.raw.headersSent) return;
      sendProblem(reply, {
        type: problemTypeFor(slugForStatus(status)),
        title: STATUS_TITLES[status] ?? 'Error',
        status,
        detail: status >= 500 ? 'The file could not be served.' : 'The request was refused.',
        instance: request.url.slice(0, 2048),
        requestId: request.id,
      });
    });

    scope.route({
      method: ['GET', 'HEAD'],
      url: '/*',
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const pathname = pathOf(request.url);
        if (!isServerPath(pathname)) {
          const file = await existingFile(root, pathname);
          if (file !== null) {
            if (file === INDEX) await index.refresh();
            return reply.sendFile(file);
          }
          if (acceptsHtml(request.headers.accept)) {
            await index.refresh();
            reply.header('vary', 'Accept');
            return reply.sendFile(INDEX);
          }
        }
        reply.callNotFound();
        return reply;
      },
    });
  });
  logger.log(`serving the admin UI from ${root}`);
}

/**
 * The file `pathname` names under `root` (`/` is index.html), as a canonical `/`-path, or null
 * when there is none. Refuses anything that is not plainly inside `root`: undecodable or
 * non-canonical paths (`..`, `.`, `//`, backslashes, NUL) and dot-files.
 */
async function existingFile(root: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded === '/') decoded = INDEX;
  if (
    !decoded.startsWith('/') ||
    decoded.includes('\\') ||
    decoded.includes('\0') ||
    posix.normalize(decoded) !== decoded ||
    decoded.split('/').some((segment) => segment.startsWith('.'))
  ) {
    return null;
  }
  const absolute = join(root, decoded);
  if (!absolute.startsWith(root + sep)) return null;
  try {
    return (await stat(absolute)).isFile() ? decoded : null;
  } catch {
    return null;
  }
}

/**
 * index.html and the policy computed from it (the hashes of its inline scripts): read at start,
 * and again when the file changes (a rebuild while the API runs), so the two never disagree.
 */
class IndexDocument {
  contentSecurityPolicy: string;
  private version: string;

  constructor(private readonly path: string) {
    const stats = statSync(path);
    this.version = `${stats.mtimeMs}:${stats.size}`;
    this.contentSecurityPolicy = adminUiContentSecurityPolicy(readFileSync(path, 'utf8'));
  }

  async refresh(): Promise<void> {
    try {
      const stats = await stat(this.path);
      const version = `${stats.mtimeMs}:${stats.size}`;
      if (version === this.version) return;
      const html = await readFile(this.path, 'utf8');
      this.version = version;
      this.contentSecurityPolicy = adminUiContentSecurityPolicy(html);
    } catch {
      // Mid-rebuild: keep the policy of the document last read.
    }
  }
}

function statusOf(error: FastifyError): number {
  const status = error.statusCode ?? (error as { status?: number }).status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
