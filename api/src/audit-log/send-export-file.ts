import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import type { AuditExportFormat } from './dto/audit-filters.dto';
import { EXPORT_CONTENT_TYPES } from './export-format';

/**
 * Streams an export to the client as a download. Fastify pipes `body` with the socket's
 * backpressure and destroys it if the client goes away, so the source's own teardown (a
 * released cursor, a closed file) runs either way.
 */
export function sendExportFile(
  reply: FastifyReply,
  file: { format: AuditExportFormat; filename: string; body: Readable },
): FastifyReply {
  return reply
    .status(200)
    .header('Content-Type', EXPORT_CONTENT_TYPES[file.format])
    .header('Content-Disposition', `attachment; filename="${file.filename}.${file.format}"`)
    .header('Cache-Control', 'no-store')
    .send(file.body);
}
