import type { AuditStreamEntity } from '../entities/audit-stream.entity';
import { batchHttpHeaders, type StreamBatch } from '../stream-batch';
import type { HttpPoster } from './http-poster';
import { postOutcome } from './post-outcome';
import type { SinkOutcome, StreamSink } from './stream-sink';

/** `sourcetype` per format, so Splunk searches can tell our shape from OCSF. */
export const HEC_SOURCETYPES = { jsonl: 'tasktrackr:audit', ocsf: 'ocsf' } as const;

/**
 * Splunk HTTP Event Collector (`/services/collector/event`): the batch as HEC's batch body,
 * event objects one after another, each `{"time": <epoch seconds>, "event": …}` with the
 * batch header as indexed `fields`, and `Authorization: Splunk <token>`.
 */
export class SplunkHecSink implements StreamSink {
  constructor(private readonly http: HttpPoster) {}

  async send(stream: AuditStreamEntity, batch: StreamBatch): Promise<SinkOutcome> {
    const fields = {
      audit_stream_id: batch.streamId,
      audit_batch_id: batch.batchId,
      audit_seq_first: batch.firstSeq,
      audit_seq_last: batch.lastSeq,
      audit_prev_hash: batch.prevHash,
      audit_last_hash: batch.lastHash,
    };
    const body = batch.events
      .map((event, i) =>
        JSON.stringify({
          time: Date.parse(batch.occurredAt[i]) / 1000,
          source: 'tasktrackr',
          sourcetype: HEC_SOURCETYPES[batch.format],
          event,
          fields,
        }),
      )
      .join('\n');
    return postOutcome(this.http, {
      url: stream.url ?? '',
      headers: {
        'content-type': 'application/json',
        authorization: `Splunk ${stream.secret ?? ''}`,
        ...batchHttpHeaders(batch),
      },
      body,
    });
  }
}
