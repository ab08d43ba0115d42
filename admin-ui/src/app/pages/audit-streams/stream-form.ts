import type { RefusalWording } from '../../components/outbound-url/url-refusal-help';
import type {
  AuditStreamFormat,
  AuditStreamKind,
  AuditStreamStart,
  NewAuditStream,
} from './audit-streams-api';

/** The "New stream" form as typed; fields that do not apply to the kind are ignored. */
export interface StreamFormValue {
  name: string;
  kind: AuditStreamKind;
  format: AuditStreamFormat;
  url: string;
  fileName: string;
  secret: string;
  startAt: AuditStreamStart;
}

/** Which fields a kind takes, mirroring the API's rules (docs/audit-log.md, "Kinds"). */
export interface KindFields {
  url: boolean;
  fileName: boolean;
  secret: 'required' | 'optional' | 'none';
}

export function fieldsFor(kind: AuditStreamKind): KindFields {
  switch (kind) {
    case 'splunk-hec':
      return { url: true, fileName: false, secret: 'required' };
    case 'http-json':
      return { url: true, fileName: false, secret: 'optional' };
    case 'file':
      return { url: false, fileName: true, secret: 'none' };
  }
}

/** The server's rule for `fileName`: a plain name (no directory part) ending in `.jsonl`. */
export const FILE_NAME_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,94}\.jsonl$/;

/**
 * The request body: only the fields the kind takes (the API refuses the others), trimmed, and
 * an empty optional secret left out rather than sent as "".
 */
export function toNewAuditStream(value: StreamFormValue): NewAuditStream {
  const fields = fieldsFor(value.kind);
  const body: NewAuditStream = {
    name: value.name.trim(),
    kind: value.kind,
    format: value.format,
    startAt: value.startAt,
  };
  if (fields.url) body.url = value.url.trim();
  if (fields.fileName) body.fileName = value.fileName.trim();
  if (fields.secret !== 'none' && value.secret !== '') body.secret = value.secret;
  return body;
}

/** How the URL refusal help speaks of audit streams (components/outbound-url). */
export const STREAM_REFUSAL_WORDING: RefusalWording = {
  receiver: 'SIEM',
  payload: 'Audit events',
  credentials: 'Put the credential in the token field below instead: it is never shown again.',
};
