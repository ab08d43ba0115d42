import { AUDIT_STREAM_ERROR_MAX } from '../audit-stream.constants';
import type { HttpPoster } from './http-poster';
import { failure, type SinkOutcome } from './stream-sink';

/** One POST as a sink outcome: a 2xx is an acknowledgement, anything else an error to retry. */
export async function postOutcome(
  http: HttpPoster,
  request: { url: string; headers: Record<string, string>; body: string },
): Promise<SinkOutcome> {
  try {
    const result = await http.post(request);
    if (result.ok) return { ok: true, error: null };
    const why =
      result.status === null
        ? (result.error ?? 'no answer')
        : `receiver answered ${result.status}${result.bodyPrefix ? `: ${result.bodyPrefix}` : ''}`;
    return { ok: false, error: why.slice(0, AUDIT_STREAM_ERROR_MAX) };
  } catch (error) {
    // The SSRF guard refused the address (it may have changed in DNS since creation).
    return failure(error);
  }
}
