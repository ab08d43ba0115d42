import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.schema';
import type { AuditStreamKind } from '../audit-stream.constants';
import { FileSink } from './file-sink';
import type { HttpPoster } from './http-poster';
import { HttpJsonSink } from './http-json-sink';
import { SplunkHecSink } from './splunk-hec-sink';
import type { StreamSink } from './stream-sink';

/** The port the HTTP sinks send through: the SSRF-guarded outbound client in the app. */
export const STREAM_HTTP_POSTER = Symbol('STREAM_HTTP_POSTER');

/** One sink per kind. */
@Injectable()
export class StreamSinks {
  private readonly sinks: Record<AuditStreamKind, StreamSink>;

  constructor(@Inject(STREAM_HTTP_POSTER) http: HttpPoster, config: ConfigService<Env, true>) {
    this.sinks = {
      'splunk-hec': new SplunkHecSink(http),
      'http-json': new HttpJsonSink(http),
      file: new FileSink(config.get('AUDIT_STREAM_FILE_DIR', { infer: true })),
    };
  }

  forKind(kind: AuditStreamKind): StreamSink {
    return this.sinks[kind];
  }
}
