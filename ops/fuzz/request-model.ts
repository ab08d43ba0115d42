/** What sending a request costs the server beyond ordinary work, so runs can cap it. */
export type RequestCost = 'cheap' | 'argon2' | 'export';

/** One generated request, exactly as it goes on the wire. */
export interface FuzzRequest {
  /**
   * The spec operation the server routes it to (usually the one it was generated for); null
   * for off-spec requests (an unknown path, an undeclared method).
   */
  operationId: string | null;
  method: string;
  /** Path and query string as sent: encoded where the generator meant it, raw where not. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** `latin1` sends one byte per character (bytes that are not UTF-8). */
  bodyEncoding: 'utf8' | 'latin1';
  /** Who it is sent as: a fixture principal, `anonymous`, or `forged` credentials. */
  principal: string;
  /** Short labels of what was made hostile; empty for a valid request. */
  mutations: string[];
  cost: RequestCost;
}

const PREVIEW_LIMIT = 2_000;

function preview(text: string): string {
  const shown = JSON.stringify(text.length > PREVIEW_LIMIT ? text.slice(0, PREVIEW_LIMIT) : text);
  return text.length > PREVIEW_LIMIT ? `${shown} … (${text.length} characters)` : shown;
}

/**
 * The request as an HTTP/1.1 message, strings JSON-escaped so invisible and invalid
 * characters show (NUL, lone surrogates); very long values are cut, with their length.
 */
export function formatRequest(request: FuzzRequest): string {
  const lines = [`${request.method} ${preview(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    lines.push(`${name}: ${preview(value)}`);
  }
  if (request.body !== undefined) {
    lines.push(
      '',
      `${request.bodyEncoding === 'latin1' ? '(latin1 bytes) ' : ''}${preview(request.body)}`,
    );
  }
  return lines.join('\n');
}

/** The one browser origin the app under fuzz allows (its CORS_ORIGINS), so CORS paths run. */
export const ALLOWED_ORIGIN = 'https://fuzz.example.com';
