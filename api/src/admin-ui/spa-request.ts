/** Paths that belong to the server, never to the SPA: the API and the Prometheus scrape. */
const SERVER_PATH = /^\/(?:api|metrics)(?:\/|$)/i;

/** Whether `pathname` (raw or decoded) is under `/api` or is `/metrics`. */
export function isServerPath(pathname: string): boolean {
  if (SERVER_PATH.test(pathname)) return true;
  try {
    return SERVER_PATH.test(decodeURIComponent(pathname));
  } catch {
    return false;
  }
}

/**
 * Whether an Accept header asks for HTML by name (`text/html`, q > 0), as a browser does when it
 * navigates. A bare wildcard (star/star) does not count: scripts, styles, images and fetch()
 * send that, and a missing chunk must be a 404, not index.html served as JavaScript.
 */
export function acceptsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((range) => {
    const [type, ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    if (type !== 'text/html') return false;
    const quality = parameters.find((parameter) => parameter.startsWith('q='));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

/** The path of a request URL, without its query. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
