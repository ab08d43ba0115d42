import { request } from 'node:http';

/**
 * GETs `url` on a fresh connection and resolves with the status, or undefined when nothing
 * answered within `timeoutMs` (refused, reset, timed out). For health probes, not the load.
 */
export function probeStatus(url: string, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode));
      res.once('error', () => resolve(undefined));
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', () => resolve(undefined));
    req.end();
  });
}
