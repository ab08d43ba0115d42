import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_STREAM_FILE_NAME } from '../audit-stream.constants';
import type { AuditStreamEntity } from '../entities/audit-stream.entity';
import { headerOf, type StreamBatch } from '../stream-batch';
import { failure, type SinkOutcome, type StreamSink } from './stream-sink';

/**
 * Appends a batch to a JSON Lines file under AUDIT_STREAM_FILE_DIR: one `{"auditStreamBatch":…}`
 * header line, then one line per event; fsynced before the cursor moves. A crash mid-write can
 * leave a torn last line: the next append starts on a fresh line, so the torn one stands alone
 * (readers skip a line that does not parse) and its batch is written again whole.
 */
export class FileSink implements StreamSink {
  constructor(private readonly directory: string) {}

  async send(stream: AuditStreamEntity, batch: StreamBatch): Promise<SinkOutcome> {
    const name = stream.fileName ?? '';
    // Checked at creation too; checked again because the row is the only input here.
    if (!AUDIT_STREAM_FILE_NAME.test(name)) return failure(`invalid file name ${name}`);
    let text = `${JSON.stringify({ auditStreamBatch: headerOf(batch) })}\n`;
    for (const event of batch.events) text += `${JSON.stringify(event)}\n`;
    try {
      await mkdir(this.directory, { recursive: true });
      const file = await open(join(this.directory, name), 'a+');
      try {
        const { size } = await file.stat();
        if (size > 0) {
          const last = Buffer.alloc(1);
          await file.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) text = `\n${text}`;
        }
        await file.appendFile(text, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      return { ok: true, error: null };
    } catch (error) {
      return failure(error);
    }
  }
}
