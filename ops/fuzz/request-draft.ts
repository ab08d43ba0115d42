import type { RawBody } from './hostile-values';
import type { Operation } from './openapi';
import type { FuzzRequest } from './request-model';
import type { JsonValue } from './schema-arbitrary';
import { encodeQuery, percentEncode } from './url-encoding';

export type DraftBody = { kind: 'json'; value: JsonValue } | { kind: 'raw'; raw: RawBody };

/**
 * A request while it is being built: valid parts first, then mutations edit it, then it is
 * rendered to the exact bytes sent. Structured (not a string) so mutations can target a field.
 */
export interface Draft {
  operation: Operation | null;
  method: string;
  /** A path template (`{name}` replaced from `pathParams`) or a concrete path. */
  path: string;
  pathParams: Record<string, { value: string; raw: boolean }>;
  query: Array<[string, string]>;
  /** Query fragments appended unencoded. */
  rawQuery: string[];
  headers: Record<string, string>;
  body: DraftBody | undefined;
  /** undefined: `application/json` when there is a body; null: no Content-Type at all. */
  contentType: string | null | undefined;
  principal: string;
  mutations: string[];
}

export const JSON_CONTENT_TYPE = 'application/json';

export function renderDraft(draft: Draft): Omit<FuzzRequest, 'cost'> {
  const path = draft.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const param = draft.pathParams[name];
    if (param === undefined) return whole;
    return param.raw ? param.value : percentEncode(param.value);
  });
  const queryParts = [encodeQuery(draft.query), ...draft.rawQuery].filter((part) => part !== '');
  const headers = { ...draft.headers };
  const contentType =
    draft.contentType === undefined
      ? draft.body === undefined
        ? undefined
        : JSON_CONTENT_TYPE
      : draft.contentType;
  if (contentType !== undefined && contentType !== null) headers['Content-Type'] = contentType;
  let body: string | undefined;
  let bodyEncoding: FuzzRequest['bodyEncoding'] = 'utf8';
  if (draft.body?.kind === 'json') body = JSON.stringify(draft.body.value);
  else if (draft.body?.kind === 'raw') {
    body = draft.body.raw.text;
    bodyEncoding = draft.body.raw.encoding;
  }
  return {
    operationId: draft.operation?.operationId ?? null,
    method: draft.method,
    url: queryParts.length === 0 ? path : `${path}?${queryParts.join('&')}`,
    headers,
    ...(body !== undefined && { body }),
    bodyEncoding,
    principal: draft.principal,
    mutations: draft.mutations,
  };
}
