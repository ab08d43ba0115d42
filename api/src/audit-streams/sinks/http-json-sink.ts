import type { AuditStreamEntity } from '../entities/audit-stream.entity';
import { batchHttpHeaders, headerOf, type StreamBatch } from '../stream-batch';
import type { HttpPoster } from './http-poster';
import { postOutcome } from './post-outcome';
import type { SinkOutcome, StreamSink } from './stream-sink';

/**
 * Generic JSON receiver: one POST per batch, body `{…batch header, "events": […]}`, the header
 * also as `X-Audit-*` request headers; `Authorization: Bearer <secret>` when one is set.
 */
export class HttpJsonSink implements StreamSink {
  constructor(private readonly http: HttpPoster) {}

  async send(stream: AuditStreamEntity, batch: StreamBatch): Promise<SinkOutcome> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...batchHttpHeaders(batch),
    };
    if (stream.secret) headers.authorization = `Bearer ${stream.secret}`;
    const body = JSON.stringify({ ...headerOf(batch), events: batch.events });
    return postOutcome(this.http, { url: stream.url ?? '', headers, body });
  }
}
